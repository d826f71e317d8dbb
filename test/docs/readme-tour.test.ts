// Issue 16: the README's tour is a test. Its shell blocks ("A short tour" up to "In-process API") run
// against a fresh simulator with the defaults of `npm start` (seed 1, real clock, bundled fixtures),
// each curl in one bash session, and every answer the README shows (`# {…}` / `# […]`, after or
// beside a command) must be what came back, `…` standing for anything.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSimulator, type Simulator } from '../../src/app.js';

const run = promisify(execFile);
const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const DEFAULT_BASE = 'http://127.0.0.1:4010';
const DELIMITER = '@@readme-tour-step@@';

interface Step {
  command: string;
  /** The answer the README shows, if any. */
  expected?: string;
}

/** The shell blocks of the tour: from "## A short tour" to the next second-level heading. */
function tourBlocks(): string[] {
  const start = README.indexOf('## A short tour');
  const end = README.indexOf('\n## ', start + 1);
  const section = README.slice(start, end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** The tour's files: a YAML block whose first line is `# <name>.yaml`, written where the commands run. */
function tourFiles(): [name: string, text: string][] {
  const start = README.indexOf('## A short tour');
  const section = README.slice(start, README.indexOf('\n## ', start + 1));
  return [...section.matchAll(/```yaml\n# ([\w.-]+\.ya?ml)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]]);
}

const isAnswer = (comment: string) => /^[[{"]/.test(comment.trim());

/** Commands (with `\` continuations joined) and the answer shown after or beside each. */
function stepsOf(block: string): Step[] {
  const steps: Step[] = [];
  let pending = '';
  for (const line of block.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const comment = line.slice(1).trim();
      const last = steps[steps.length - 1];
      if (last && last.expected === undefined && isAnswer(comment)) last.expected = comment;
      continue;
    }
    pending += pending ? `\n${line}` : line;
    if (line.endsWith('\\')) continue;
    // An answer beside the command: `curl … # {"now":…}`.
    const beside = /\s#\s(.*)$/.exec(pending);
    if (beside && isAnswer(beside[1])) steps.push({ command: pending.slice(0, beside.index), expected: beside[1].trim() });
    else steps.push({ command: pending.replace(/\s#\s.*$/, '') });
    pending = '';
  }
  return steps;
}

/** `…` matches anything; the rest literally. */
const pattern = (expected: string) => new RegExp(`^${expected.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')}$`);

describe('README tour', () => {
  let sim: Simulator;
  let base: string;
  beforeAll(async () => {
    // `npm start`'s defaults: no options but a free port and quiet logs.
    sim = await buildSimulator({ logLevel: 'silent' });
    base = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => sim.close());

  it('has shell blocks with answers to check', () => {
    const steps = tourBlocks().flatMap(stepsOf);
    expect(steps.filter((s) => s.expected !== undefined).length).toBeGreaterThanOrEqual(6);
    expect(tourFiles().map(([name]) => name)).toContain('two-failures.yaml');
  });

  it('every answer the tour shows is what a fresh simulator gives', async () => {
    const steps = tourBlocks().flatMap(stepsOf);
    const script = steps.map((s) => `${s.command.replaceAll(DEFAULT_BASE, base)}\nprintf '\\n${DELIMITER}\\n'`).join('\n');
    const cwd = mkdtempSync(join(tmpdir(), 'readme-tour-'));
    for (const [name, text] of tourFiles()) writeFileSync(join(cwd, name), text);
    const { stdout } = await run('bash', ['-c', script], { cwd, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }).finally(() => rmSync(cwd, { recursive: true, force: true }));
    const outputs = stdout.split(`${DELIMITER}\n`);
    const mismatches = steps.flatMap((step, i) => {
      const got = (outputs[i] ?? '').trim();
      return step.expected === undefined || pattern(step.expected).test(got) ? [] : [`${step.command}\n  README:   ${step.expected}\n  answered: ${got}`];
    });
    expect(mismatches).toEqual([]);
  });
});
