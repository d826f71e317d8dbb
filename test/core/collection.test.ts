import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStore, type Store } from '../../src/core/store.js';
import { collection, defineCollections } from '../../src/core/store/collection.js';

const Item = z.object({ id: z.string(), account: z.string(), n: z.number() });
type Item = z.infer<typeof Item>;

const declare = (store: Store) =>
  defineCollections(store, 'test', {
    items: collection({
      kind: 'item',
      parse: Item.parse,
      indexes: { account: (i: Item) => i.account },
      seed: () => [['s1', { id: 's1', account: 'seeded', n: 0 }] as const],
      sequence: { field: 'nextItemId', first: () => 100, of: Number },
    }),
  });

describe('keyed collections', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'provider-sim-collection-'));
    file = join(dir, 'state.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('finds records by key and by index, in the order they were put; a __proto__ key is a key like any other', async () => {
    const { items } = declare(await createStore());
    items.put('__proto__', { id: '__proto__', account: 'a', n: 1 });
    items.put('constructor', { id: 'constructor', account: 'b', n: 2 });
    items.put('x', { id: 'x', account: 'a', n: 3 });
    expect(items.get('__proto__')?.n).toBe(1);
    expect(items.get('toString')).toBeUndefined();
    expect(items.lookup('account', 'a').map((i) => i.id)).toEqual(['__proto__', 'x']);
    expect(items.lookup('account', '__proto__')).toEqual([]);
    expect(items.size).toBe(4);
  });

  it('scans every record by cursor, skipping deleted ones, in pages of the size asked', async () => {
    const { items } = declare(await createStore());
    for (let i = 0; i < 10; i++) items.put(`k${i}`, { id: `k${i}`, account: 'a', n: i });
    items.delete('k3');
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = items.scan(cursor, 4);
      expect(page.records.length).toBeLessThanOrEqual(4);
      seen.push(...page.records.map((r) => r.id));
      cursor = page.next;
      pages++;
    } while (cursor !== undefined);
    expect(seen).toEqual(['s1', 'k0', 'k1', 'k2', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9']);
    expect(pages).toBe(3);
    expect(items.lookup('account', 'a').map((i) => i.id)).not.toContain('k3');
  });

  it('a reset brings back the seed and the first id', async () => {
    const store = await createStore();
    const { items } = declare(store);
    items.put(String(items.nextId()), { id: '100', account: 'a', n: 1 });
    store.reset();
    expect(items.get('100')).toBeUndefined();
    expect(items.get('s1')).toBeDefined();
    expect(items.nextId()).toBe(100);
  });

  it('logs one line per changed record, naming it, however many records are stored', async () => {
    const again = await createStore({ file, debounceMs: 3_600_000 });
    const reopened = declare(again);
    for (let i = 0; i < 2000; i++) reopened.items.put(`k${i}`, { id: `k${i}`, account: 'a', n: i });
    await again.flush();
    const logLines = async () => (await readFile(`${file}.log`, 'utf8')).split('\n').filter((l) => l !== '');
    const before = (await logLines()).length;
    const rec = reopened.items.get('k7') as Item;
    rec.n = 70;
    reopened.items.changed('k7');
    await again.flush();
    const lines = await logLines();
    expect(lines.length).toBe(before + 1);
    expect(JSON.parse(lines.at(-1) as string)).toEqual({ s: 'test', k: 'item:k7', v: { id: 'k7', account: 'a', n: 70 } });
    await again.close();
  });

  it('a restart replays snapshot and log: records, index order, and a sequence above every stored id', async () => {
    const first = await createStore({ file, debounceMs: 3_600_000 });
    const a = declare(first);
    a.items.put('__proto__', { id: '__proto__', account: 'a', n: 1 });
    await first.close();
    const second = await createStore({ file, debounceMs: 3_600_000 });
    const b = declare(second);
    b.items.put('500', { id: '500', account: 'a', n: 2 });
    const kept = b.items.get('__proto__') as Item;
    kept.n = 9;
    b.items.changed('__proto__');
    b.items.delete('s1');
    await second.flush();
    // kill -9: the files as they are, never closed.
    const third = await createStore({ file });
    const c = declare(third);
    expect(c.items.lookup('account', 'a').map((i) => [i.id, i.n])).toEqual([
      ['__proto__', 9],
      ['500', 2],
    ]);
    expect(c.items.get('s1')).toBeUndefined();
    expect(c.items.nextId()).toBe(501);
    await second.close();
  });
});
