// What the sandbox UI shows for Unibell's records (their states are the API's own words).
import type { ProviderUi } from '../../core/provider.js';

export const unibellUi: ProviderUi = {
  kinds: { call: 'Call', campaign: 'Campaign', 'media-file': 'Media file', 'media-folder': 'Media folder' },
};
