// Subscriber and landline numbers for generated data: mobile numbers spread over the operators'
// prefixes of the numbering table, so tariffs and time zones differ between them as in life.
import type { NumberingFixture } from '../phone.js';
import type { SimRandom } from '../random.js';

/** Magic numbers of every bundled fixture start here: a generated subscriber never lands on one. */
const MAGIC_RANGE = '7999000';

/** Moscow and St Petersburg landline codes a company's own numbers use. */
const LANDLINE_PREFIXES = ['7495', '7499', '7812', '7800'] as const;

export interface NumberSource {
  /** A mobile number of a random operator (11 digits), never a magic number. */
  mobile(): string;
  /** The same, of one operator. */
  mobileOf(operator: string): string;
  /** A landline or 8-800 number (11 digits). */
  landline(): string;
  readonly operators: readonly string[];
}

export function numberSource(random: SimRandom, numbering: NumberingFixture): NumberSource {
  const operators = Object.keys(numbering.operators).filter((op) => numbering.operators[op].length > 0).sort();
  const fill = (prefix: string) => prefix + random.digits(11 - prefix.length);
  const mobileOf = (operator: string): string => {
    const prefixes = numbering.operators[operator];
    for (;;) {
      const n = fill(random.pick(prefixes));
      if (!n.startsWith(MAGIC_RANGE)) return n;
    }
  };
  return {
    operators,
    mobile: () => mobileOf(random.pick(operators)),
    mobileOf,
    landline: () => fill(random.pick(LANDLINE_PREFIXES)),
  };
}
