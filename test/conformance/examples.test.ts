// The kit as users meet it: the examples of examples/conformance (a Python driver around a Devino
// adapter written like a Python team's, a partial TypeScript VoicePassword adapter under vitest),
// drivers that get the protocol or the error codes wrong, and the `conform` subcommand's output.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { results } from '../../examples/conformance/voicepassword.conformance.test.js';
import { conform } from '../../src/cli/conform.js';
import { driver, runConformance } from '../../src/conformance/index.js';
import { startSimulator } from '../../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const PYTHON_DRIVER = `python3 ${join(root, 'examples/conformance/devino_driver.py')}`;
const SLOW = 120_000;

async function runCli(args: string[]) {
  let out = '';
  let err = '';
  const code = await conform(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('the TypeScript example: a partial VoicePassword adapter through runConformance', () => {
  it('passes the cases of `send`, parses every callback, and reports the cases of `get` as not covered', () => {
    const report = results.report;
    expect(report?.ok).toBe(true);
    const byStatus = (s: string) => report?.cases.filter((c) => c.status === s).map((c) => c.name) ?? [];
    expect(byStatus('passed')).toContain("send: flash call with the client's code");
    expect(byStatus('not covered')).toContain('get: balance, the state of a call, and the calls of a day');
    expect(report?.cases.find((c) => c.status === 'not covered')?.message).toBe('the adapter does not implement get');
    const cov = report?.coverage.voicepassword;
    expect(cov?.operations.map((r) => [r.item, r.passed.length > 0])).toEqual([
      ['send', true],
      ['get', false],
    ]);
    expect(cov?.callbacks.map((r) => r.note)).toEqual(['parsed by the adapter: ANSWERED; BUSY; NO ANSWER; FAIL; CANCEL', 'parsed by the adapter: QUEUED; SEND; DELIVERED; NOT DELIVERED; FAIL']);
  });
});

describe('the Python example: `provider-sim conform` with a driver', () => {
  it('passes the Devino adapter that manages its session, writes JUnit XML and prints coverage', async () => {
    const junit = join(mkdtempSync(join(tmpdir(), 'conform-')), 'report.xml');
    const { code, out } = await runCli(['--provider', 'devino', '--driver', PYTHON_DRIVER, '--junit', junit]);
    expect(code, out).toBe(0);
    expect(out).toContain('ok   devino getBalance: an adapter that manages its session renews it after 120 minutes');
    expect(out).toContain('n/c  devino getBalance: an id never issued is error 3\n       needs explicit session ids (the adapter manages its own session)');
    expect(out).toContain('n/c  devino sendVoice: an account without money: error 5\n       the adapter does not implement sendVoice');
    expect(out).toMatch(/operations: 4\/10\n/);
    expect(out).toMatch(/✓ sms 46\n/);
    expect(out).toMatch(/\d+ passed, 0 failed, \d+ not covered\n/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuite name="devino" tests="\d+" failures="0" skipped="\d+">/);
    expect(xml).toContain('<skipped message="not covered: the adapter does not implement getSessionId"/>');
  }, SLOW);

  it('uses a running simulator given by --url (and its admin token)', async () => {
    const sim = await startSimulator({ adminToken: 'kit-token', clock: 'real' });
    try {
      const { code, out } = await runCli(['--provider', 'devino', '--driver', PYTHON_DRIVER, '--url', sim.url, '--admin-token', 'kit-token', '--quiet']);
      expect(code, out).toBe(0);
      expect(sim.journal().length).toBeGreaterThan(10);
    } finally {
      await sim.close();
    }
  }, SLOW);

  it('fails a driver that reports the HTTP status instead of Devino’s code, saying which code it expected', async () => {
    const { code, out } = await runCli(['--provider', 'devino', '--driver', `python3 ${join(root, 'test/conformance/fixtures/devino_driver_wrong_codes.py')}`, '--quiet']);
    expect(code).toBe(1);
    expect(out).toContain("FAIL devino sendSms: errors: blank text (1), bad number (2), over 2000 characters (2), unknown sender (6)\n       devino error code: expected  '1', got '400'");
    expect(out).toMatch(/\d+ passed, [1-9]\d* failed, \d+ not covered — FAILED/);
  }, SLOW);

  it('refuses bad options with exit 2 and the usage', async () => {
    const { code, err } = await runCli(['--provider', 'fax', '--driver', 'x']);
    expect(code).toBe(2);
    expect(err).toContain('--provider must be one of devino, mobilgroup, voicepassword, unibell, not "fax"');
    expect(err).toContain('Usage: provider-sim conform');
    expect((await runCli(['--provider', 'devino'])).err).toContain('--driver is required');
  });
});

describe('a driver that breaks the protocol fails the run with a clear message, and never hangs it', () => {
  const run = (mode: string) =>
    runConformance({ devino: driver({ command: `node test/conformance/fixtures/bad-driver.mjs ${mode}`, cwd: root, callTimeoutMs: 1000 }) });
  const firstFailure = async (mode: string) => {
    const report = await run(mode);
    expect(report.ok).toBe(false);
    return report.cases.find((c) => c.status === 'failed')?.message ?? '';
  };

  it('garbage on stdout', async () => {
    expect(await firstFailure('garbage')).toContain('the driver answered call 1 (getBalance) with a line that is not JSON: Traceback (most recent call last): oops');
  }, SLOW);

  it('a driver that exits', async () => {
    const message = await firstFailure('exit');
    expect(message).toContain('the driver exited (code 3)');
    expect(message).toContain('bad driver (exit) got getBalance');
  }, SLOW);

  it('a driver that does not answer: the call times out and every later call fails at once', async () => {
    const report = await run('hang');
    const failed = report.cases.filter((c) => c.status === 'failed');
    expect(failed[0].message).toContain('the driver did not answer call 1 (getBalance) within 1 s');
    expect(failed.slice(1).every((c) => c.message?.includes('the driver did not answer call 1'))).toBe(true);
  }, SLOW);

  it('an answer to another call', async () => {
    expect(await firstFailure('wrong-id')).toContain('the driver answered call 1 (getBalance) with the id 101');
  }, SLOW);

  it('an operation the provider does not have', async () => {
    expect(await firstFailure('unknown-operation')).toContain('the driver declares operations devino does not have: sendFax');
  }, SLOW);
});
