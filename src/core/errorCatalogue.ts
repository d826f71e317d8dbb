// A provider's error catalogue for scenarios: its codes as a table, looked up by code or name
// (case-insensitive), rendered in the provider's own envelope. One lookup for every provider, so a
// scenario's `error.code` is read the same way whichever provider it names.
import type { ProviderErrorInfo, ProviderErrors, RenderedError } from './context.js';

/** The table's entry a scenario named, and the message it gave (if any). */
export type ErrorEnvelope<E extends ProviderErrorInfo> = (entry: E, message: string | undefined) => RenderedError;

export function errorCatalogue<E extends ProviderErrorInfo>(table: readonly E[], envelope: ErrorEnvelope<E>): ProviderErrors {
  // Every spelling a scenario may use, lower-cased once; a null-prototype-free Map, so `__proto__` is just a miss.
  const byKey = new Map<string, E>();
  for (const entry of table) {
    for (const key of [entry.code, entry.name]) if (key !== undefined && !byKey.has(key.toLowerCase())) byKey.set(key.toLowerCase(), entry);
  }
  return {
    list: table.map(({ code, name, description, status }) => (name === undefined ? { code, description, status } : { code, name, description, status })),
    render(codeOrName, message) {
      const entry = byKey.get(codeOrName.trim().toLowerCase());
      return entry && envelope(entry, message);
    },
  };
}
