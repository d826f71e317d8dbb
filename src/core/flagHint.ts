// " Did you mean --port?" for an unknown flag that is a typo of a known one (edit distance ≤ 2, or a
// prefix), so a mistyped option in a CI script says what was meant.

/** Edits (insert, delete, replace, swap of neighbours) from a to b. */
const distance = (a: string, b: string): number => {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
};

/** The closest known flag (without dashes), if one is close enough. */
export function closestFlag(given: string, known: readonly string[]): string | undefined {
  const name = given.replace(/^-+/, '').split('=')[0].toLowerCase();
  if (!name) return undefined;
  let best: { flag: string; score: number } | undefined;
  for (const flag of known) {
    const score = flag.startsWith(name) && name.length >= 3 ? 0.5 : distance(name, flag);
    if (score <= Math.max(1, Math.min(2, Math.floor(flag.length / 3))) && (!best || score < best.score)) best = { flag, score };
  }
  return best?.flag;
}

/** The hint for node:util parseArgs' unknown-option error, or '' for any other error. */
export function unknownFlagHint(err: unknown, known: readonly string[]): string {
  const e = err as { code?: string; message?: string };
  if (e.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return '';
  const given = /'(-[^']*)'/.exec(e.message ?? '')?.[1];
  const flag = given ? closestFlag(given, known) : undefined;
  return flag ? ` Did you mean --${flag}?` : '';
}
