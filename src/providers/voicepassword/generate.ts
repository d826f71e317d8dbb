// VoicePassword's generated data: accounts with API keys and caller numbers; and its traffic: flash
// calls and voice codes, some to magic numbers, some with a callback to nowhere that fails and retries.
import { NOWHERE, resultOk } from '../../core/generate/answers.js';
import { balance, company, pad4 } from '../../core/generate/customers.js';
import { defineGenerator, type GeneratedFixture, type GenerationParts, type TrafficPlanner } from '../../core/generate/types.js';
import { VoicePasswordFixture } from './schemas.js';

function fixture({ random, faker, numbers }: GenerationParts, base: Record<string, unknown>, count: number): GeneratedFixture {
  const accounts = [];
  const credentials: GeneratedFixture['credentials'] = [];
  for (let i = 0; i < count; i++) {
    const c = company(faker);
    const id = `vp-${pad4(i + 1)}`;
    const apiKey = random.hex(32).toLowerCase();
    const account = { id, apiKey, balance: balance(random), currency: 'Rub', anis: [numbers.landline()] };
    accounts.push(account);
    credentials.push({ account: id, company: c.name, credentials: { apiKey }, balance: account.balance });
  }
  // The bundled history names the bundled accounts: generated accounts start with none.
  return { file: { ...base, accounts, history: [] }, credentials };
}

function traffic(p: TrafficPlanner, fixture: VoicePasswordFixture, minutes: number) {
  const accounts = fixture.accounts.filter((a) => p.usable(a.id));
  if (accounts.length === 0) return;
  const magic = Object.keys(fixture.outcomes).sort();
  for (let m = 0; m < minutes; m++) {
    const count = p.random.int(0, 2);
    for (let i = 0; i < count; i++) {
      const account = p.random.pick(accounts);
      const number = magic.length > 0 && p.random.chance(0.1) ? p.random.pick(magic) : p.numbers.mobile();
      const voice = p.random.chance(0.2);
      const body: Record<string, unknown> = { security: { apiKey: account.apiKey }, number };
      if (voice) body.voice = { code: p.random.digits(4) };
      else if (p.random.chance(0.3)) body.flashcall = { code: p.random.digits(4) };
      else body.capacity = String(p.random.int(4, 6));
      if (p.random.chance(0.3)) body.callback_url = `${NOWHERE}/voicepassword/callback`;
      p.push({
        at: p.within(m),
        kind: voice ? 'voice' : 'flashcall',
        request: { method: 'POST', url: '/voicepassword/api/voice-password/send/', payload: body },
        accepted: resultOk,
      });
    }
  }
}

export const voicepasswordGenerator = defineGenerator({ fixtureSchema: VoicePasswordFixture, fixture, traffic });
