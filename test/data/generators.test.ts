// Each provider's generator (definition.generate, src/providers/<slug>/generate.ts) as the
// orchestrators use it: its own seeded stream, so one provider's data never depends on which others
// are generated with it; and Devino's traffic plan, whose sends must follow their session.
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES } from '../../src/core/config.js';
import { loadFixture } from '../../src/core/fixtures.js';
import { generateFixtures } from '../../src/core/generate/fixtures.js';
import { partsFor } from '../../src/core/generate/streams.js';
import type { PlannedRequest } from '../../src/core/generate/types.js';
import { NumberingFixture } from '../../src/core/phone.js';
import { devino } from '../../src/providers/devino/index.js';
import { providers } from '../../src/providers/index.js';

describe('provider generators', () => {
  it("a provider's file is the same whichever providers are generated with it, in whatever order", () => {
    const all = generateFixtures(providers, { accounts: 5, seed: 9 });
    const reversed = generateFixtures([...providers].reverse(), { accounts: 5, seed: 9 });
    const alone = generateFixtures([devino], { accounts: 5, seed: 9 });
    for (const [name, text] of all.files) expect(reversed.files.get(name), name).toBe(text);
    expect(alone.files.get('devino.json')).toBe(all.files.get('devino.json'));
    expect([...alone.files.keys()]).toEqual(['devino.json', 'numbering.json']);
  });

  it("no Devino send is planned before its account's session (twenty seeds, an hour each)", () => {
    const generator = devino.generate!;
    const numbering = loadFixture(DEFAULT_FIXTURES, 'numbering', NumberingFixture);
    const fixture = loadFixture(DEFAULT_FIXTURES, 'devino', generator.fixtureSchema);
    const start = Date.UTC(2026, 2, 2, 9);
    for (let seed = 1; seed <= 20; seed++) {
      const parts = partsFor(seed, 'devino', 'ru', numbering);
      const planned: PlannedRequest[] = [];
      generator.traffic!(
        {
          ...parts,
          seed,
          start,
          end: start + 3_600_000,
          within: (m) => start + m * 60_000 + parts.random.int(0, 59) * 1000,
          push: (r) => planned.push(r),
          usable: () => true,
          adminHeaders: {},
        },
        fixture,
        60,
      );
      // As the player sends them: by time, stable.
      planned.sort((a, b) => a.at - b.at);
      for (const r of planned) {
        const request = typeof r.request === 'function' ? r.request() : r.request;
        const login = /login=([^&]+)/.exec(request.url as string)?.[1];
        // Each login answers a session id, as Devino does (a JSON string).
        if (login) r.answered?.({ statusCode: 200, body: JSON.stringify(`session-of-${login}`) } as LightMyRequestResponse, true);
        else if (request.url === '/devino/rest/Sms/Send') {
          expect(new URLSearchParams(request.payload as string).get('SessionID'), `seed ${seed}: a send at +${r.at - start} ms before its session`).toMatch(/^session-of-/);
        }
      }
    }
  });
});
