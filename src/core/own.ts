// Lookups by a key that came from a request (an id, a name, a word): `table[key]` would also find
// what every object inherits (`__proto__`, `constructor`, `toString`…), so an unknown id such as
// `__proto__` could read, or through a write, change Object.prototype for the whole process.

/** `table[key]` when the table itself holds `key`; never an inherited member. */
export const own = <T>(table: Readonly<Record<string, T>>, key: string | number): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);
