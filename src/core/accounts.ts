// Balances and the disabled flag of every provider's accounts, in one store slice keyed by
// provider and account, so the admin API can read and edit any provider's accounts the same way.
// What an account may do (credentials, senders, tariffs) stays in the provider's fixtures.
import type { Store } from './store.js';
import { own } from './own.js';

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

type AccountTable = Record<string, Record<string, AccountState>>;

/** Money is kept to 1/10000 so sums of kopeck tariffs never drift. */
export const roundMoney = (value: number) => Math.round(value * 10_000) / 10_000;

export function createAccounts(store: Store): Accounts {
  const seeds = new Map<string, readonly AccountSeed[]>();
  const initTable = (): AccountTable => {
    const table: AccountTable = {};
    for (const [provider, list] of seeds) table[provider] = seedTable(list);
    return table;
  };
  const slice = store.slice<AccountTable>('accounts', { init: initTable });

  // Provider slugs and account ids come from requests: `__proto__` is an unknown account, not Object.prototype.
  const lookup = (provider: string, id: string): AccountState | undefined => {
    const table = own(slice.state, provider);
    return table && own(table, id);
  };

  const must = (provider: string, id: string) => {
    const state = lookup(provider, id);
    if (!state) throw new Error(`unknown ${provider} account ${id}`);
    return state;
  };

  return {
    register(provider, list) {
      seeds.set(provider, list);
      const table = (slice.state[provider] ??= {});
      for (const seed of list) table[seed.id] ??= { balance: seed.balance, disabled: seed.disabled ?? false };
    },
    get: lookup,
    list: (provider) =>
      Object.entries(slice.state)
        .filter(([p]) => !provider || p === provider)
        .flatMap(([p, table]) => Object.entries(table).map(([id, state]) => ({ provider: p, id, state }))),
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

function seedTable(list: readonly AccountSeed[]): Record<string, AccountState> {
  return Object.fromEntries(list.map((s) => [s.id, { balance: s.balance, disabled: s.disabled ?? false }]));
}
