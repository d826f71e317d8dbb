// What happens to an SMS or a voice message once accepted. One entry point per kind, so fixtures'
// magic numbers (and the scenario engine) decide outcomes in one place.
import type { SmsPlan, VoicePlan } from './devinoStore.js';
import type { DevinoFixture } from './schemas.js';
import { SMS_DELIVERED } from './states.js';

export function decideSmsOutcome(fixture: DevinoFixture, to: string): SmsPlan {
  const magic = fixture.magicNumbers[to]?.sms;
  const afterMs = magic?.afterMs ?? fixture.timings.smsDeliverMs;
  if (!magic) return { state: SMS_DELIVERED, afterMs };
  return { state: magic.state, afterMs, reply: magic.reply };
}

export function decideVoiceOutcome(fixture: DevinoFixture, to: string, fileDurationSec: number, dtmf: boolean): VoicePlan {
  const magic = fixture.magicNumbers[to]?.voice;
  return {
    attempts: magic?.attempts ?? ['answered'],
    listenSec: magic?.listenSec ?? fileDurationSec,
    dtmf: dtmf ? (magic?.dtmf ?? '1') : undefined,
  };
}
