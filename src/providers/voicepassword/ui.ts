// What the sandbox UI shows for VoicePassword's records (their states are the API's own words).
import type { ProviderUi } from '../../core/provider.js';

export const voicepasswordUi: ProviderUi = {
  kinds: { flashcall: 'Flash call', voice: 'Voice password', sms: 'SMS fallback' },
};
