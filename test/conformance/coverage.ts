// What the conformance suite ran, against the contract in openapi/<slug>.json: every operation of
// every document, every code of each provider's error catalogue, every callback. The suite's last
// test fails on a gap, and the report becomes docs/conformance.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './harness.js';

export type ProviderSlug = 'devino' | 'mobilgroup' | 'voicepassword' | 'unibell';
export const PROVIDERS: readonly ProviderSlug[] = ['devino', 'mobilgroup', 'voicepassword', 'unibell'];

interface Operation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  errors: string[];
}

interface Contract {
  title: string;
  operations: Operation[];
  catalogue: string[];
  callbacks: string[];
}

type Doc = {
  info: { title: string };
  paths: Record<string, Record<string, { operationId: string; summary: string; 'x-provider-errors'?: (string | number)[]; callbacks?: Record<string, unknown> }>>;
  webhooks?: Record<string, unknown>;
  'x-error-catalogue'?: Record<string, string>;
};

export function loadContract(slug: ProviderSlug): Contract {
  const doc = JSON.parse(readFileSync(join(ROOT, 'openapi', `${slug}.json`), 'utf8')) as Doc;
  const operations: Operation[] = [];
  const callbacks = new Set<string>(Object.keys(doc.webhooks ?? {}));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      operations.push({ operationId: op.operationId, method: method.toUpperCase(), path, summary: op.summary, errors: (op['x-provider-errors'] ?? []).map(String) });
      for (const name of Object.keys(op.callbacks ?? {})) callbacks.add(name);
    }
  }
  return { title: doc.info.title, operations, catalogue: Object.keys(doc['x-error-catalogue'] ?? {}).filter((c) => c !== 'ok'), callbacks: [...callbacks] };
}

interface Ran {
  cases: Map<string, string[]>;
  errors: Map<string, string>;
  callbacks: Map<string, string[]>;
  unreachable: Map<string, string>;
}

export class Coverage {
  readonly contracts = new Map<ProviderSlug, Contract>();
  private readonly ran = new Map<ProviderSlug, Ran>();
  private current = '';

  constructor() {
    for (const slug of PROVIDERS) {
      this.contracts.set(slug, loadContract(slug));
      this.ran.set(slug, { cases: new Map(), errors: new Map(), callbacks: new Map(), unreachable: new Map() });
    }
  }

  private of(slug: ProviderSlug) {
    return this.ran.get(slug) as Ran;
  }

  /** A test of one or more operations; it counts for them once it passes. */
  case(slug: ProviderSlug, operations: string | readonly string[], name: string, fn: () => Promise<void>) {
    const ops = typeof operations === 'string' ? [operations] : operations;
    const known = new Set(this.contracts.get(slug)?.operations.map((o) => o.operationId));
    for (const op of ops) if (!known.has(op)) throw new Error(`${slug} has no operation ${op} in openapi/${slug}.json`);
    it(`${ops.join(' + ')}: ${name}`, async () => {
      this.current = name;
      await fn();
      for (const op of ops) {
        const list = this.of(slug).cases.get(op) ?? [];
        list.push(name);
        this.of(slug).cases.set(op, list);
      }
    });
  }

  /** Asserts that the adapter threw the provider's error `code`, and records it. */
  async expectError(slug: ProviderSlug, promise: Promise<unknown>, code: string | number): Promise<Error & { code: unknown }> {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e as Error & { code: unknown },
    );
    expect(err, `expected ${slug} error ${code}`).toBeInstanceOf(Error);
    expect(String((err as { code: unknown }).code)).toBe(String(code));
    this.sawError(slug, code);
    return err as Error & { code: unknown };
  }

  /** An error code seen another way (a per-subscriber result, a per-template result). */
  sawError(slug: ProviderSlug, code: string | number) {
    if (!this.of(slug).errors.has(String(code))) this.of(slug).errors.set(String(code), this.current);
  }

  sawCallback(slug: ProviderSlug, name: string, detail: string) {
    const list = this.of(slug).callbacks.get(name) ?? [];
    if (!list.includes(detail)) list.push(detail);
    this.of(slug).callbacks.set(name, list);
  }

  /** A catalogue code a client adapter cannot provoke, with the reason (it is listed, not silently skipped). */
  unreachable(slug: ProviderSlug, code: string | number, why: string) {
    this.of(slug).unreachable.set(String(code), why);
  }

  gaps(): string[] {
    const gaps: string[] = [];
    for (const [slug, contract] of this.contracts) {
      const ran = this.of(slug);
      for (const op of contract.operations) if (!ran.cases.get(op.operationId)?.length) gaps.push(`${slug}: operation ${op.operationId} has no passing case`);
      for (const code of contract.catalogue) if (!ran.errors.has(code) && !ran.unreachable.has(code)) gaps.push(`${slug}: error ${code} never produced`);
      for (const op of contract.operations) {
        for (const code of op.errors) if (!contract.catalogue.includes(code)) gaps.push(`${slug}: ${op.operationId} declares error ${code}, not in the catalogue`);
      }
      for (const cb of contract.callbacks) if (!ran.callbacks.get(cb)?.length) gaps.push(`${slug}: callback ${cb} never received`);
    }
    return gaps;
  }

  report(): string {
    const esc = (s: string) => s.replace(/\|/g, '\\|');
    const out = [
      '# Conformance coverage',
      '',
      'Generated by the conformance suite (`test/conformance/`, part of `npm test`): it starts the built',
      'simulator (`node dist/main.js --clock manual`) on a free port and drives it only through the client',
      'adapters of `src/clients/`, moving the clock through the admin API and receiving callbacks on a local',
      'HTTP receiver. Operations and error catalogues are read from `openapi/<provider>.json`. Do not edit:',
      'the suite rewrites this file on every full run.',
      '',
    ];
    for (const [slug, contract] of this.contracts) {
      const ran = this.of(slug);
      out.push(`## ${contract.title}`, '', '| operation | method and path | cases |', '|---|---|---|');
      for (const op of contract.operations) {
        const cases = ran.cases.get(op.operationId) ?? [];
        out.push(`| \`${op.operationId}\` | \`${op.method} ${op.path}\` | ${cases.length ? cases.map(esc).join('; ') : '**none**'} |`);
      }
      if (contract.catalogue.length) {
        out.push('', '| error code | produced by |', '|---|---|');
        for (const code of contract.catalogue) {
          const by = ran.errors.get(code);
          const why = ran.unreachable.get(code);
          out.push(`| \`${code}\` | ${by ? esc(by) : why ? `not reachable through a client adapter: ${esc(why)}` : '**never**'} |`);
        }
      }
      if (contract.callbacks.length) {
        out.push('', '| callback | received |', '|---|---|');
        for (const cb of contract.callbacks) out.push(`| \`${cb}\` | ${(ran.callbacks.get(cb) ?? []).map(esc).join('; ') || '**never**'} |`);
      }
      out.push('');
    }
    return out.join('\n');
  }
}
