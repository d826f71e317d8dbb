// A fifth provider, in a test: the registry's one entry for it. Everything else (admin API, OpenAPI
// documents, scenario engine, sandbox UI) learns of it from this object.
import type { ProviderDefinition, StoredRecord } from '../../../src/core/provider.js';
import { toyAdminDoc, toyApiDoc } from './openapi.js';
import { toyAdminRoutes, toyRoutes, type ToyState } from './routes.js';
import type { PingRecord } from './schemas.js';

const listed = (p: PingRecord): StoredRecord => ({
  kind: 'ping',
  id: p.id,
  account: p.account,
  state: p.state,
  createdAt: p.createdAt,
  updatedAt: p.createdAt,
  history: () => [{ state: p.state, at: p.createdAt }],
});

export const toy: ProviderDefinition = {
  slug: 'toy',
  title: 'Toy provider',
  vendor: 'Toy',
  prefix: '/toy',
  basePath: '/toy/api',
  hosts: [],
  operations: ['ping'],
  document: toyApiDoc,
  adminDocument: toyAdminDoc,
  ui: { kinds: { ping: 'Ping' }, states: { ping: { sent: 'Ping sent, no pong yet', ponged: 'Pong received' } } },
  create(ctx) {
    const state: ToyState = { pings: new Map() };
    ctx.onReset(() => state.pings.clear());
    return {
      definition: toy,
      plugin: (app) => toyRoutes(app, ctx, state),
      admin: (app) => toyAdminRoutes(app, state),
      identify: () => 'toy-account',
      records: {
        states: { ping: ['ponged'] },
        list: (kind) => (kind && kind !== 'ping' ? [] : [...state.pings.values()].reverse().map(listed)),
        find: (kind, id) => (kind === 'ping' && state.pings.has(id) ? listed(state.pings.get(id)!) : undefined),
        get: (_kind, id) => state.pings.get(id),
        forceState(kind, id, to) {
          const ping = kind === 'ping' ? state.pings.get(id) : undefined;
          if (!ping) return { error: `no toy ping ${id}` };
          if (to !== 'ponged') return { error: `"${to}" is not a ping state (ponged)` };
          ping.state = 'ponged';
          return { ok: true };
        },
      },
    };
  },
};
