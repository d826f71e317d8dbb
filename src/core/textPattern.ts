// Patterns that arrive in requests (`/regex/flags` and `*` globs in journal queries and scenario
// rules) run on RE2's linear-time engine (re2js, pure JavaScript: no native build, no WASM heap),
// never on V8's backtracking one, so no pattern can hold the event loop: matching costs time in
// proportion to the text, whatever the pattern. Patterns only a backtracking engine can run
// (back-references, look-ahead) are refused with the reason.
import { createRequire } from 'node:module';
import type { RE2JS as RE2JSClass } from 're2js';

// Loaded at the first pattern that needs it: most runs compile none, and start-up is budgeted.
const require = createRequire(import.meta.url);
let loaded: typeof RE2JSClass | undefined;
const engine = (): typeof RE2JSClass => (loaded ??= (require('re2js') as { RE2JS: typeof RE2JSClass }).RE2JS);

/** Longest pattern accepted, in characters. */
export const PATTERN_MAX_LENGTH = 1024;
/** Largest compiled program accepted (RE2's measure of a pattern's cost per character matched). */
export const PATTERN_MAX_PROGRAM = 2000;
/** Characters of a value a regular expression looks at: the rest of a longer value is not read. */
export const MATCHED_TEXT_LIMIT = 16_384;

export class PatternError extends Error {
  override name = 'PatternError';
}

export type TextTest = (text: string) => boolean;

const FLAGS = { i: 'CASE_INSENSITIVE', m: 'MULTILINE', s: 'DOTALL' } as const;

/** `/source/flags` as written in a pattern: undefined when the text is not one. */
export function splitRegex(pattern: string): { source: string; flags: string } | undefined {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  return m ? { source: m[1], flags: m[2] } : undefined;
}

/** Compiles a JavaScript-style regular expression for the linear engine; throws PatternError saying why not. */
export function compileRegex(source: string, flags = ''): TextTest {
  if (source.length > PATTERN_MAX_LENGTH) throw new PatternError(`the pattern is longer than ${PATTERN_MAX_LENGTH} characters`);
  const RE2JS = engine();
  let bits = 0;
  for (const f of flags) {
    // g, y, u and d change nothing for a yes/no test.
    if (f === 'i' || f === 'm' || f === 's') bits |= RE2JS[FLAGS[f]];
    else if (!'gyud'.includes(f)) throw new PatternError(`unknown flag "${f}" (i, m, s are supported)`);
  }
  let re: RE2JSClass;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(source), bits);
  } catch (err) {
    throw new PatternError(`${(err as Error).message} (patterns run on a linear-time engine: no back-references or look-around)`);
  }
  if (re.programSize() > PATTERN_MAX_PROGRAM) throw new PatternError(`the pattern is too complex (program of ${re.programSize()} steps, limit ${PATTERN_MAX_PROGRAM})`);
  return (text) => re.test(text.length > MATCHED_TEXT_LIMIT ? text.slice(0, MATCHED_TEXT_LIMIT) : text);
}

/**
 * A glob (`*` any run of characters, `?` one) matched against the whole text. The usual shapes
 * (`7999*`, `*@example.com`, `*text*`) are a string comparison; the rest go to the linear engine.
 */
export function compileGlob(glob: string): TextTest {
  if (glob.length > PATTERN_MAX_LENGTH) throw new PatternError(`the pattern is longer than ${PATTERN_MAX_LENGTH} characters`);
  if (!glob.includes('?')) {
    const parts = glob.split('*');
    if (parts.length === 2) {
      const [head, tail] = parts;
      return (text) => text.length >= head.length + tail.length && text.startsWith(head) && text.endsWith(tail);
    }
    if (parts.length === 3 && parts[0] === '' && parts[2] === '') return (text) => text.includes(parts[1]);
  }
  const RE2JS = engine();
  const source = glob
    .split(/([*?])/)
    .map((part) => (part === '*' ? '.*' : part === '?' ? '.' : part === '' ? '' : RE2JS.quote(part)))
    .join('');
  const re = RE2JS.compile(`^(?:${source})$`, RE2JS.DOTALL);
  if (re.programSize() > PATTERN_MAX_PROGRAM) throw new PatternError(`the pattern is too complex (program of ${re.programSize()} steps, limit ${PATTERN_MAX_PROGRAM})`);
  return (text) => re.test(text.length > MATCHED_TEXT_LIMIT ? text.slice(0, MATCHED_TEXT_LIMIT) : text);
}
