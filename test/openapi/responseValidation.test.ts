// --validate-responses: off by default (no module, no hook); on, every answer of a provider or
// admin route and every callback is checked against the served document, and a mismatch is logged,
// kept on the simulator and reported to the test run (which fails the test that caused it).
import { describe, expect, it } from 'vitest';
import { buildSimulator } from '../../src/app.js';
import { parseConfig } from '../../src/core/config.js';
import { startSimulator } from '../../src/index.js';
import { documentedRoutes, loadValidationLibraries } from '../../src/openapi/responseValidation.js';
import { takeMismatches } from '../helpers/mismatches.js';

const BALANCE = '/devino/rest/User/Balance?SessionID=nope';

/** A simulator whose Devino balance answers are rewritten after the handler, as a drifting handler would answer. */
async function drifting(validateResponses: boolean) {
  const sim = await buildSimulator({ logLevel: 'silent', clock: 'manual', validateResponses });
  // An app-level onSend hook runs before the route-level ones, so validation sees the rewritten text.
  sim.app.addHook('onSend', (request, _reply, payload, done) => done(null, request.url.startsWith('/devino/rest/User/Balance') ? '{"Balance":"lots"}' : payload));
  return sim;
}

describe('response validation', () => {
  it('is off by default: no validator, and a drifted answer goes unnoticed', async () => {
    const sim = await drifting(false);
    try {
      expect(sim.ctx.config.validateResponses).toBe(false);
      expect(sim.responseValidation).toBeUndefined();
      const res = await sim.app.inject({ method: 'GET', url: BALANCE });
      expect(res.body).toBe('{"Balance":"lots"}');
      expect(takeMismatches()).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('on: an answer off its document is recorded on the simulator and reported to the test run, naming operation, status and why', async () => {
    const sim = await drifting(true);
    try {
      const res = await sim.app.inject({ method: 'GET', url: BALANCE });
      const kept = sim.responseValidation?.mismatches() ?? [];
      expect(kept).toHaveLength(1);
      expect(kept[0]).toMatchObject({ kind: 'response', document: 'devino', operationId: 'getBalance', status: res.statusCode, contentType: 'application/json' });
      expect(kept[0].errors.join(' ')).toMatch(/Code|Desc/);
      expect(takeMismatches()).toEqual(kept);
      // A documented answer adds nothing.
      await sim.app.inject({ method: 'GET', url: '/devino/rest/User/SessionId?login=user&password=userpasswd' });
      expect(sim.responseValidation?.mismatches()).toHaveLength(1);
      sim.responseValidation?.clear();
      expect(sim.responseValidation?.mismatches()).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('on: a status the operation does not document is a mismatch', async () => {
    const sim = await buildSimulator({ logLevel: 'silent', clock: 'manual', validateResponses: true });
    sim.app.addHook('onSend', (request, reply, payload, done) => {
      if (request.url.startsWith('/_sim/clock')) void reply.code(418);
      done(null, payload);
    });
    try {
      await sim.app.inject({ method: 'GET', url: '/_sim/clock' });
      const [m] = takeMismatches();
      expect(m).toMatchObject({ document: 'admin', operationId: 'clock', status: 418 });
      expect(m.errors[0]).toMatch(/status 418 is not documented/);
    } finally {
      await sim.close();
    }
  });

  it('on: a callback is checked against the callback schemas of its document', async () => {
    const sim = await buildSimulator({ logLevel: 'silent', clock: 'manual', validateResponses: true });
    try {
      const validation = sim.responseValidation;
      validation?.checkCallback({ provider: 'voicepassword', method: 'POST', url: 'http://127.0.0.1:9/cb', json: { id: '1', number: '79161234567', duration: '4', state: 'ANSWERED', price: '0.35', date: '2026-01-01 10:00:00' } });
      expect(takeMismatches()).toEqual([]);
      validation?.checkCallback({ provider: 'voicepassword', method: 'POST', url: 'http://127.0.0.1:9/cb', json: { id: 1, state: 'PERHAPS' } });
      validation?.checkCallback({ provider: 'unibell', method: 'GET', url: 'http://127.0.0.1:9/cb', query: { type: 'startCallback' } });
      const found = takeMismatches();
      expect(found.map((m) => [m.kind, m.document])).toEqual([
        ['callback', 'voicepassword'],
        ['callback', 'unibell'],
      ]);
      expect(found[1].errors.join(' ')).toMatch(/reference is required/);
    } finally {
      await sim.close();
    }
  });

  it('every documented operation is found from a served route, so no answer escapes the check unnoticed', async () => {
    await loadValidationLibraries();
    const sim = await buildSimulator({ logLevel: 'silent', clock: 'manual' });
    try {
      await sim.app.ready();
      const unserved = documentedRoutes().filter((o) => !sim.app.hasRoute({ method: o.method as 'GET', url: o.url }));
      expect(unserved).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('--validate-responses and SIM_VALIDATE_RESPONSES turn it on; it is off otherwise', () => {
    expect(parseConfig([], {}).validateResponses).toBe(false);
    expect(parseConfig(['--validate-responses'], {}).validateResponses).toBe(true);
    expect(parseConfig([], { SIM_VALIDATE_RESPONSES: '1' }).validateResponses).toBe(true);
    expect(parseConfig([], { SIM_VALIDATE_RESPONSES: 'no' }).validateResponses).toBe(false);
  });

  it('startSimulator() follows SIM_VALIDATE_RESPONSES (a CI turns it on without touching the tests) and lists what it found', async () => {
    const saved = process.env.SIM_VALIDATE_RESPONSES;
    try {
      process.env.SIM_VALIDATE_RESPONSES = '1';
      const on = await startSimulator();
      expect(on.simulator.responseValidation).toBeDefined();
      expect(on.responseMismatches()).toEqual([]);
      await on.close();
      process.env.SIM_VALIDATE_RESPONSES = '0';
      const off = await startSimulator();
      expect(off.simulator.responseValidation).toBeUndefined();
      await off.close();
      const explicit = await startSimulator({ validateResponses: true });
      expect(explicit.simulator.responseValidation).toBeDefined();
      await explicit.close();
    } finally {
      process.env.SIM_VALIDATE_RESPONSES = saved;
    }
  });
});
