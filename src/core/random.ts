// One seeded generator for every id, code and random outcome. It is counter-based: its whole
// state is (seed, counter), so it is persisted with the store and a restart never repeats an id.
import { createRequire } from 'node:module';
import type { Faker, Randomizer } from '@faker-js/faker';

export interface SimRandom {
  readonly seed: number;
  /** Draws so far; persisted so that ids keep being unique across restarts. */
  counter: number;
  /** Faker driven by this generator, for human-looking data. */
  readonly faker: Faker;
  /** Uniform float in [0, 1). */
  next(): number;
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Upper-case letters and digits, as in Devino session ids. */
  alnum(length: number): string;
  hex(length: number): string;
  digits(length: number): string;
  reseed(seed: number, counter?: number): void;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HEX = '0123456789ABCDEF';

// Faker is loaded on first use (most runs never ask for it); the locale-free build, with our randomizer.
const requireModule = createRequire(import.meta.url);
function createFaker(randomizer: Randomizer): Faker {
  const { faker: baseFaker } = requireModule('@faker-js/faker/locale/base') as typeof import('@faker-js/faker/locale/base');
  const FakerCtor = baseFaker.constructor as new (options: { locale: Faker['rawDefinitions']; randomizer: Randomizer }) => Faker;
  return new FakerCtor({ locale: baseFaker.rawDefinitions, randomizer });
}

/** murmur3's finaliser over seed + counter * golden ratio: a fast, well-mixed stateless draw. */
function draw(seed: number, counter: number): number {
  let z = (seed + Math.imul(counter, 0x9e3779b9)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return (z >>> 0) / 4294967296;
}

export function createRandom(initialSeed: number): SimRandom {
  let seed = initialSeed | 0;
  const random = {
    counter: 0,
    next: () => draw(seed, random.counter++),
  };
  const randomizer: Randomizer = { next: random.next, seed: () => undefined };
  let faker: Faker | undefined;
  const codes: number[] = [];
  const fromAlphabet = (alphabet: string, length: number) => {
    // One flat string from char codes, not a chain of concatenations (ids are hashed and stored).
    codes.length = length;
    for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(Math.floor(random.next() * alphabet.length));
    return String.fromCharCode.apply(null, codes);
  };
  const api: SimRandom = {
    get seed() {
      return seed;
    },
    get counter() {
      return random.counter;
    },
    set counter(n: number) {
      random.counter = n;
    },
    get faker() {
      return (faker ??= createFaker(randomizer));
    },
    next: random.next,
    int: (min, max) => min + Math.floor(random.next() * (max - min + 1)),
    chance: (p) => p > 0 && random.next() < p,
    pick: (items) => items[Math.floor(random.next() * items.length)],
    alnum: (n) => fromAlphabet(ALNUM, n),
    hex: (n) => fromAlphabet(HEX, n),
    digits: (n) => fromAlphabet('0123456789', n),
    reseed(next, counter = 0) {
      seed = next | 0;
      random.counter = counter;
    },
  };
  return api;
}
