// The seeded sources one provider generates from: its own stream per seed and slug, so one
// provider's shape (or whether another is served at all) never shifts its data.
import type { NumberingFixture } from '../phone.js';
import { createRandom, type SimRandom } from '../random.js';
import { localeFaker, type Locale } from './faker.js';
import { numberSource } from './numbers.js';
import type { GenerationParts } from './types.js';

export function streamFor(seed: number, provider: string): SimRandom {
  let h = seed | 0;
  for (let i = 0; i < provider.length; i++) h = Math.imul(h ^ provider.charCodeAt(i), 0x01000193);
  return createRandom(h);
}

export function partsFor(seed: number, provider: string, locale: Locale, numbering: NumberingFixture): GenerationParts {
  const random = streamFor(seed, provider);
  return { random, faker: localeFaker(random, locale), numbers: numberSource(random, numbering) };
}
