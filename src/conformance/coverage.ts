// The cases of the suite and what they exercised, against the contract of /_sim/openapi/<slug>.json:
// every operation, every code of each provider's error catalogue, the states on the clock and every
// callback. Suites register cases here; the runner runs them and the report reads what passed.
import { contractOfProvider, type Contract } from './contract.js';
import { expect } from './expect.js';
import { AdapterFailure } from './bridge.js';
import { PROVIDERS, type CoverageRow, type OperationAdapter, type ProviderCoverage, type ProviderSlug } from './types.js';

/** What a case needs of the adapter beyond its operations. */
export interface CaseNeeds {
  /** `explicit`: the case hands the adapter particular session ids (another account's, an expired one). `managed`: it checks the adapter renews its own session. */
  sessions?: 'explicit' | 'managed';
}

export interface CaseDef {
  provider: ProviderSlug;
  operations: readonly string[];
  name: string;
  needs: CaseNeeds;
  fn: () => Promise<void>;
}

interface Seen {
  errors: Map<string, string>;
  states: Map<string, string>;
  callbacks: Map<string, string[]>;
  /** Callbacks the adapter's parser read correctly, with what. */
  parsed: Map<string, string[]>;
}

const key = (kind: string, state: string | number) => `${kind} ${state}`;

/** A case's name as coverage lists it: with the session handling it needs, when it needs one. */
const label = (c: CaseDef) => (c.needs.sessions ? `${c.name} *(${c.needs.sessions} sessions)*` : c.name);

export class Coverage {
  readonly cases: CaseDef[] = [];
  readonly setups = new Map<ProviderSlug, (() => Promise<void>)[]>();
  private readonly unreachableCodes = new Map<ProviderSlug, Map<string, string>>();
  private readonly seen = new Map<ProviderSlug, Seen>();
  /** The case running now (errors and states are credited to it once it passes). */
  private current: CaseDef | undefined;
  private pending: { slug: ProviderSlug; kind: keyof Seen; item: string; detail?: string }[] = [];
  private readonly callbackParsers = new Map<ProviderSlug, OperationAdapter>();

  constructor() {
    for (const slug of PROVIDERS) {
      this.seen.set(slug, { errors: new Map(), states: new Map(), callbacks: new Map(), parsed: new Map() });
      this.unreachableCodes.set(slug, new Map());
    }
  }

  contract = (slug: ProviderSlug): Contract => contractOfProvider(slug);

  setup(slug: ProviderSlug, fn: () => Promise<void>) {
    this.setups.set(slug, [...(this.setups.get(slug) ?? []), fn]);
  }

  /** A case of one or more operations: the operations it calls through the adapter, nothing else. */
  case(slug: ProviderSlug, operations: string | readonly string[], name: string, fn: () => Promise<void>, needs: CaseNeeds = {}) {
    const ops = typeof operations === 'string' ? [operations] : operations;
    const known = new Set(this.contract(slug).operations.map((o) => o.operationId));
    for (const op of ops) if (!known.has(op)) throw new Error(`${slug} has no operation ${op} in /_sim/openapi/${slug}.json`);
    this.cases.push({ provider: slug, operations: ops, name, needs, fn });
  }

  /** For the runner: the case starts, or ends (passed or not). */
  begin(c: CaseDef) {
    this.current = c;
    this.pending = [];
  }
  end(passed: boolean) {
    if (passed) {
      for (const p of this.pending) {
        const map = this.of(p.slug)[p.kind];
        if (p.kind === 'callbacks' || p.kind === 'parsed') {
          const list = (map as Map<string, string[]>).get(p.item) ?? [];
          if (p.detail !== undefined && !list.includes(p.detail)) list.push(p.detail);
          (map as Map<string, string[]>).set(p.item, list);
        } else if (!map.has(p.item)) (map as Map<string, string>).set(p.item, this.current ? label(this.current) : '');
      }
    }
    this.current = undefined;
    this.pending = [];
  }

  private of(slug: ProviderSlug) {
    return this.seen.get(slug) as Seen;
  }

  /** Asserts that the adapter failed with the provider's error `code`, and records it. */
  async expectError(slug: ProviderSlug, promise: Promise<unknown>, code: string | number): Promise<Error & { code: unknown }> {
    const outcome = await promise.then(
      (value) => ({ value }),
      (e: unknown) => ({ error: e as Error & { code?: unknown; cause?: unknown } }),
    );
    if (!('error' in outcome)) return expect(outcome.value, `expected ${slug} error ${code}, got a result`).toBe(`error ${code}`) as never;
    const err = outcome.error;
    const cause = err.cause instanceof AdapterFailure ? err.cause : undefined;
    const got = err.code ?? cause?.code;
    expect(got === undefined ? `no provider code (${err.message})` : String(got), `${slug} error code`).toBe(String(code));
    this.sawError(slug, code);
    return err as Error & { code: unknown };
  }

  /** An error code seen another way (a per-subscriber result, a per-template result). */
  sawError(slug: ProviderSlug, code: string | number) {
    this.pending.push({ slug, kind: 'errors', item: String(code) });
  }

  /** A state of a record (`sms -2`, `voice 2`, `call Занято`) the case checked on the clock. */
  sawState(slug: ProviderSlug, kind: string, state: string | number) {
    this.pending.push({ slug, kind: 'states', item: key(kind, state) });
  }

  /** Asserts a state and records it. */
  expectState(slug: ProviderSlug, kind: string, got: unknown, expected: string | number) {
    expect(got, `${kind} state`).toBe(expected);
    this.sawState(slug, kind, expected);
  }

  /**
   * A callback the simulator sent, with the fields it carries. When the adapter parses this callback,
   * it gets the request and must read back these fields.
   */
  async sawCallback(slug: ProviderSlug, name: string, detail: string, request?: { method: string; url: string; headers: Record<string, string>; body: string; fields: Record<string, string> }) {
    this.pending.push({ slug, kind: 'callbacks', item: name, detail });
    const parser = this.callbackParsers.get(slug);
    if (!request || !parser?.parseCallback || !parser.callbacks?.includes(name)) return;
    const parsed = await parser.parseCallback(name, { method: request.method, url: request.url, headers: request.headers, body: request.body });
    const got = Object.fromEntries(Object.keys(request.fields).map((k) => [k, parsed?.[k] === undefined ? undefined : String(parsed[k])]));
    expect(got, `${name} callback as the adapter parsed it`).toEqual(request.fields);
    this.pending.push({ slug, kind: 'parsed', item: name, detail });
  }

  useCallbackParser(slug: ProviderSlug, adapter: OperationAdapter) {
    this.callbackParsers.set(slug, adapter);
  }

  /** A catalogue code no adapter call can provoke, with the reason (listed, never silently skipped). */
  unreachable(slug: ProviderSlug, code: string | number, why: string) {
    this.unreachableCodes.get(slug)?.set(String(code), why);
  }

  /** Coverage of a provider after a run, given the adapter's operations and whether the run exercised every case. */
  coverage(slug: ProviderSlug, implemented: ReadonlySet<string>): ProviderCoverage {
    const contract = this.contract(slug);
    const seen = this.of(slug);
    const casesOf = (op: string) => this.passedCases.filter((c) => c.provider === slug && c.operations.includes(op)).map(label);
    const operations: CoverageRow[] = contract.operations.map((op) => {
      const names = casesOf(op.operationId);
      return { item: op.operationId, route: `${op.method} ${op.path}`, passed: names, note: names.length ? undefined : implemented.has(op.operationId) ? 'no passing case' : 'not implemented by the adapter' };
    });
    const unreachable = this.unreachableCodes.get(slug) as Map<string, string>;
    const errors: CoverageRow[] = contract.catalogue.map((code) => {
      const by = seen.errors.get(code);
      return { item: code, passed: by ? [by] : [], note: by ? undefined : unreachable.has(code) ? `cannot be provoked through an adapter: ${unreachable.get(code)}` : 'no case that ran produced it' };
    });
    const states: CoverageRow[] = [...seen.states].map(([state, by]) => ({ item: state, passed: [by] }));
    const callbacks: CoverageRow[] = contract.callbacks.map((cb) => {
      const got = seen.callbacks.get(cb) ?? [];
      const parsed = seen.parsed.get(cb) ?? [];
      return { item: cb, passed: got, note: got.length === 0 ? 'never received' : parsed.length ? `parsed by the adapter: ${parsed.join('; ')}` : 'not parsed by the adapter' };
    });
    return { title: contract.title, operations, errors, states, callbacks };
  }

  readonly passedCases: CaseDef[] = [];

  /** What the whole contract misses: operations, codes and callbacks no passing case exercised. */
  gaps(slugs: readonly ProviderSlug[] = PROVIDERS): string[] {
    const gaps: string[] = [];
    for (const slug of slugs) {
      const contract = this.contract(slug);
      const cov = this.coverage(slug, new Set(contract.operations.map((o) => o.operationId)));
      for (const row of cov.operations) if (!row.passed.length) gaps.push(`${slug}: operation ${row.item} has no passing case`);
      for (const row of cov.errors) if (!row.passed.length && !this.unreachableCodes.get(slug)?.has(row.item)) gaps.push(`${slug}: error ${row.item} never produced`);
      for (const op of contract.operations) for (const code of op.errors) if (!contract.catalogue.includes(code)) gaps.push(`${slug}: ${op.operationId} declares error ${code}, not in the catalogue`);
      for (const row of cov.callbacks) if (!row.passed.length) gaps.push(`${slug}: callback ${row.item} never received`);
    }
    return gaps;
  }
}
