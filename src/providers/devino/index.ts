import type { ProviderDefinition } from '../../core/context.js';

export const devino: ProviderDefinition = {
  slug: 'devino',
  title: 'Devino SMS and voice (integrationapi.net/rest)',
  prefix: '/devino',
  hosts: [{ host: 'integrationapi.net' }],
  async plugin() {},
};
