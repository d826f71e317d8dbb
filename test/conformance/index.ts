// runConformance(adapters): the whole suite against one built simulator process. The project runs
// it with its own client adapters (conformance.test.ts); a user runs it with theirs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminClient, type AdminClient } from '../../src/clients/admin/index.js';
import type { AdapterFactories } from './adapters.js';
import { Coverage } from './coverage.js';
import { ROOT, startBuiltSimulator, startReceiver, type Receiver, type RunningSimulator } from './harness.js';
import { devinoSuite } from './suites/devino.js';
import { mobilgroupSuite } from './suites/mobilgroup.js';
import { unibellSuite } from './suites/unibell.js';
import { voicepasswordSuite } from './suites/voicepassword.js';

export interface Env {
  url: string;
  admin: AdminClient;
  receiver: Receiver;
  adapters: AdapterFactories;
  /** Sets the manual clock to an instant (epoch ms), clearing nothing. */
  setTime(epochMs: number): Promise<void>;
}

export interface SuiteContext {
  env(): Env;
  cover: Coverage;
}

export interface ConformanceOptions {
  /** Writes the coverage report here (relative to the project root) after a complete run. */
  report?: string;
}

export function runConformance(adapters: AdapterFactories, options: ConformanceOptions = {}) {
  const cover = new Coverage();
  let sim: RunningSimulator | undefined;
  let env: Env | undefined;

  beforeAll(async () => {
    sim = await startBuiltSimulator();
    const admin = createAdminClient({ baseUrl: sim.url });
    const receiver = await startReceiver();
    env = { url: sim.url, admin, receiver, adapters, setTime: async (epochMs) => void (await admin.setClock({ now: epochMs })) };
  });

  afterAll(async () => {
    await env?.receiver.close();
    await sim?.stop();
  });

  const ctx: SuiteContext = {
    env: () => {
      if (!env) throw new Error('the simulator is not running');
      return env;
    },
    cover,
  };

  describe('devino', () => devinoSuite(ctx));
  describe('mobilgroup', () => mobilgroupSuite(ctx));
  describe('voicepassword', () => voicepasswordSuite(ctx));
  describe('unibell', () => unibellSuite(ctx));

  describe('coverage', () => {
    it('every documented operation, error code and callback was exercised', () => {
      const gaps = cover.gaps();
      if (options.report && gaps.length === 0) writeFileSync(join(ROOT, options.report), `${cover.report()}\n`);
      expect(gaps).toEqual([]);
    });
  });
}
