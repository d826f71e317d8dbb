// Balances and the disabled flag of every provider's accounts, in one store slice keyed by
// provider and account, so the admin API can read and edit any provider's accounts the same way.
// What an account may do (credentials, senders, tariffs) stays in the provider's fixtures.
import type { Store } from './store.js';

export interface AccountState {
  balance: number;
  disabled: boolean;
}

export interface AccountSeed {
  id: string;
  balance: number;
  disabled?: boolean;
}

export interface Accounts {
  /** Declares a provider's accounts; balances start from the fixtures unless the store has them. */
  register(provider: string, seeds: readonly AccountSeed[]): void;
  get(provider: string, id: string): AccountState | undefined;
  list(provider?: string): { provider: string; id: string; state: AccountState }[];
  /** Takes `amount` if the balance covers it; false (and nothing taken) otherwise. */
  charge(provider: string, id: string, amount: number): boolean;
  credit(provider: string, id: string, amount: number): void;
  setBalance(provider: string, id: string, balance: number): void;
  setDisabled(provider: string, id: string, disabled: boolean): void;
}

/**
 * Provider → account id → state. Maps: ids come from requests (`__proto__` is just an unknown id),
 * and a send looks an account up more than once, where an object of a thousand accounts would
 * need a prototype check and a dictionary lookup each time.
 */
type AccountTable = Map<string, Map<string, AccountState>>;

/** The data file keeps the table as plain JSON objects, as it always has. */
type SavedTable = Record<string, Record<string, AccountState>>;

/** Money is kept to 1/10000 so sums of kopeck tariffs never drift. */
export const roundMoney = (value: number) => Math.round(value * 10_000) / 10_000;

export function createAccounts(store: Store): Accounts {
  const seeds = new Map<string, readonly AccountSeed[]>();
  const initTable = (): AccountTable => new Map([...seeds].map(([provider, list]) => [provider, seedTable(list)]));
  const slice = store.slice<AccountTable>('accounts', {
    init: initTable,
    save: (table): SavedTable => Object.fromEntries([...table].map(([provider, accounts]) => [provider, Object.fromEntries(accounts)])),
    load: (json) => loadTable(json),
  });

  const lookup = (provider: string, id: string): AccountState | undefined => slice.state.get(provider)?.get(id);

  const must = (provider: string, id: string) => {
    const state = lookup(provider, id);
    if (!state) throw new Error(`unknown ${provider} account ${id}`);
    return state;
  };

  return {
    register(provider, list) {
      seeds.set(provider, list);
      let table = slice.state.get(provider);
      if (!table) slice.state.set(provider, (table = new Map()));
      for (const seed of list) if (!table.has(seed.id)) table.set(seed.id, accountState(seed));
    },
    get: lookup,
    list: (provider) =>
      [...slice.state]
        .filter(([p]) => !provider || p === provider)
        .flatMap(([p, table]) => [...table].map(([id, state]) => ({ provider: p, id, state }))),
    charge(provider, id, amount) {
      const state = must(provider, id);
      if (state.balance + 1e-9 < amount) return false;
      state.balance = roundMoney(state.balance - amount);
      slice.changed();
      return true;
    },
    credit(provider, id, amount) {
      const state = must(provider, id);
      state.balance = roundMoney(state.balance + amount);
      slice.changed();
    },
    setBalance(provider, id, balance) {
      must(provider, id).balance = roundMoney(balance);
      slice.changed();
    },
    setDisabled(provider, id, disabled) {
      must(provider, id).disabled = disabled;
      slice.changed();
    },
  };
}

/**
 * A data file's accounts; throws (the file is reported as damaged) on anything but provider → id →
 * {balance, disabled}. Checked by hand: zod's record drops a `__proto__` key, and that is an id.
 */
function loadTable(json: unknown): AccountTable {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const isSavedState = (v: unknown): v is { balance: number; disabled?: boolean } =>
    isObject(v) && typeof v.balance === 'number' && Number.isFinite(v.balance) && (v.disabled === undefined || typeof v.disabled === 'boolean');
  if (!isObject(json)) throw new Error('expected an object of providers');
  const table: AccountTable = new Map();
  for (const [provider, accounts] of Object.entries(json)) {
    if (!isObject(accounts)) throw new Error(`${provider}: expected an object of accounts`);
    const own = new Map<string, AccountState>();
    for (const [id, state] of Object.entries(accounts)) {
      if (!isSavedState(state)) throw new Error(`${provider} account ${id}: expected {"balance": number, "disabled"?: boolean}`);
      own.set(id, accountState(state));
    }
    table.set(provider, own);
  }
  return table;
}

function seedTable(list: readonly AccountSeed[]): Map<string, AccountState> {
  return new Map(list.map((s) => [s.id, accountState(s)]));
}

/** A fresh state object (never the seed's or the file's own), enabled unless it says otherwise. */
function accountState(from: { balance: number; disabled?: boolean }): AccountState {
  return { balance: from.balance, disabled: from.disabled ?? false };
}
