// What the sandbox UI shows for Devino's records: its states are numeric codes, labelled with the
// StateDescription texts the API itself answers.
import type { ProviderUi } from '../../core/provider.js';
import { SMS_STATES, VOICE_STATES } from './states.js';

export const devinoUi: ProviderUi = {
  kinds: { sms: 'SMS', voice: 'Voice message', 'incoming-sms': 'Incoming SMS' },
  states: {
    sms: Object.fromEntries(Object.entries(SMS_STATES).map(([code, text]) => [code, text])),
    voice: Object.fromEntries(VOICE_STATES.map((text, code) => [String(code), text])),
  },
};
