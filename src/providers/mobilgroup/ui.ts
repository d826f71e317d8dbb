// What the sandbox UI shows for Mobilgroup's records (their states are the API's own words).
import type { ProviderUi } from '../../core/provider.js';

export const mobilgroupUi: ProviderUi = {
  kinds: { broadcast: 'Broadcast', call: 'Call' },
};
