// The clients are importable by package name (`provider-sim/clients/<slug>`) through the exports map.
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/built.js';

const entries = {
  devino: ['createDevinoClient', 'createDevinoApi', 'DevinoApiError'],
  mobilgroup: ['createMobilgroupClient', 'MobilgroupApiError'],
  voicepassword: ['createVoicePasswordClient', 'VoicePasswordApiError'],
  unibell: ['createUnibellClient', 'UnibellApiError'],
  admin: ['createAdminClient'],
} as const;

describe('package exports', () => {
  it.each(Object.entries(entries))('provider-sim/clients/%s', async (slug, names) => {
    ensureBuilt();
    // A variable specifier: resolved by Node at run time against dist, not by tsc against src.
    const specifier = `provider-sim/clients/${slug}`;
    const mod = (await import(specifier)) as Record<string, unknown>;
    for (const name of names) expect(typeof mod[name], name).toBe('function');
  });
});
