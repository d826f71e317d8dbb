// What the fixtures declare (accounts, apps and their keys, numbers, pools, abonent lists),
// indexed by id for the request path. Fixtures do not change while the simulator runs; what
// does (app callback URLs) lives in the store slice.
import type { UnibellFixture } from './schemas.js';

export type AppFixture = UnibellFixture['apps'][number];
export type AccountFixture = UnibellFixture['accounts'][number];
export type NumberFixture = UnibellFixture['numbers'][number];
export type PoolFixture = UnibellFixture['numberPools'][number];
export type AbonentListFixture = UnibellFixture['abonentLists'][number];

export interface Catalog {
  fixture: UnibellFixture;
  accounts: Map<string, AccountFixture>;
  apps: Map<string, AppFixture>;
  numbers: Map<number, NumberFixture>;
  pools: Map<number, PoolFixture>;
  abonentLists: Map<number, AbonentListFixture>;
  /** The account's numbers, in fixture order: the default calling number is the first. */
  numbersOf(account: string): NumberFixture[];
}

export function buildCatalog(fixture: UnibellFixture): Catalog {
  const accounts = new Map(fixture.accounts.map((a) => [a.id, a]));
  const check = (what: string, account: string) => {
    if (!accounts.has(account)) throw new Error(`unibell fixtures: ${what} names unknown account ${account}`);
  };
  for (const a of fixture.apps) check(`app ${a.name}`, a.account);
  for (const n of fixture.numbers) check(`number ${n.id}`, n.account);
  for (const p of fixture.numberPools) check(`pool ${p.id}`, p.account);
  for (const l of fixture.abonentLists) check(`abonent list ${l.id}`, l.account);
  const numbers = new Map(fixture.numbers.map((n) => [n.id, n]));
  for (const p of fixture.numberPools) {
    for (const id of p.numberIds) {
      if (numbers.get(id)?.account !== p.account) throw new Error(`unibell fixtures: pool ${p.id} names number ${id} of another or no account`);
    }
  }
  const byAccount = new Map<string, NumberFixture[]>();
  for (const n of fixture.numbers) byAccount.set(n.account, [...(byAccount.get(n.account) ?? []), n]);
  return {
    fixture,
    accounts,
    apps: new Map(fixture.apps.map((a) => [a.accessKey, a])),
    numbers,
    pools: new Map(fixture.numberPools.map((p) => [p.id, p])),
    abonentLists: new Map(fixture.abonentLists.map((l) => [l.id, l])),
    numbersOf: (account) => byAccount.get(account) ?? [],
  };
}
