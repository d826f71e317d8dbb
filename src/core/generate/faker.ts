// Faker in a human locale, driven by a seeded SimRandom: every name and text it makes comes from
// the seed, so the same seed gives the same data. `core/random.ts` carries the locale-free build
// (most runs need none); generation asks for Russian names, loaded here on first use.
import { createRequire } from 'node:module';
import type { Faker, Randomizer } from '@faker-js/faker';
import type { SimRandom } from '../random.js';

export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const requireModule = createRequire(import.meta.url);

/** A Faker in `locale` (with English and base as fallbacks, as faker's own builds) drawing from `random`. */
export function localeFaker(random: SimRandom, locale: Locale): Faker {
  const { faker: built } = requireModule(`@faker-js/faker/locale/${locale}`) as { faker: Faker };
  const FakerCtor = built.constructor as new (options: { locale: Faker['rawDefinitions']; randomizer: Randomizer }) => Faker;
  return new FakerCtor({ locale: built.rawDefinitions, randomizer: { next: () => random.next(), seed: () => undefined } });
}

const CYRILLIC: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y',
  ь: '', э: 'e', ю: 'yu', я: 'ya',
});

/** Russian text in Latin letters (a simplified passport transliteration): sender names and logins. */
export function transliterate(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const latin = CYRILLIC[lower];
    if (latin === undefined) out += ch;
    else out += ch === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
  }
  return out;
}
