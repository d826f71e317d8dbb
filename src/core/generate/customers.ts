// A generated customer base: companies with Russian names and Latin brands, logins, balances and
// prices, drawn from a provider's seeded sources. Each provider's generator builds its accounts from these.
import type { Faker } from '@faker-js/faker';
import type { SimRandom } from '../random.js';
import { transliterate } from './faker.js';

const LEGAL_FORMS = /^(ООО|ОАО|ЗАО|ПАО|АО|МУП|ГУП|ФГУП|ИП|НКО|ТОО|ТСЖ|LLC|Inc|Ltd|Group)$/i;

/** A company with a brand: the name without its legal form, in Latin for sender names and logins. */
export interface Company {
  name: string;
  brand: string;
  latin: string;
}

export function company(faker: Faker): Company {
  const name = faker.company.name();
  const words = name.replace(/["«»]/g, '').split(/[\s-]+/).filter((w) => w && !LEGAL_FORMS.test(w));
  const brand = words.join(' ') || name;
  const latin = transliterate(brand).replace(/[^A-Za-z0-9]/g, '');
  return { name, brand, latin: latin || 'Company' };
}

/** An account number in four digits (`0001`). */
export const pad4 = (n: number) => String(n).padStart(4, '0');

export const loginOf = (c: Company, i: number) => `${c.latin.slice(0, 12).toLowerCase()}-${pad4(i + 1)}`;

/** An amount in roubles and kopecks between `min` and `max`. */
export const money = (random: SimRandom, min: number, max: number) => Math.round((min + random.next() * (max - min)) * 100) / 100;

/** A few accounts are out of money, as in any customer base: sends from them get the provider's own refusal. */
export const balance = (random: SimRandom) => (random.chance(0.03) ? 0 : money(random, 50, 50_000));
