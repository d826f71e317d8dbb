// Generated fixtures: a complete fixtures directory with N accounts per provider, each file valid
// against its provider's fixture schema. Everything but the accounts (timings, magic numbers,
// tariff tables, numbering) comes from a base directory (the bundled fixtures), so a generated
// directory behaves like the bundled one with more, realistic customers. One seeded generator per
// provider: the same seed gives byte-identical files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Faker } from '@faker-js/faker';
import type { z } from 'zod';
import { DEFAULT_FIXTURES } from '../core/config.js';
import { describeZodError } from '../core/fixtures.js';
import { NumberingFixture } from '../core/phone.js';
import { createRandom, type SimRandom } from '../core/random.js';
import { DevinoFixture } from '../providers/devino/schemas.js';
import { MobilgroupFixture } from '../providers/mobilgroup/schemas.js';
import { UnibellFixture } from '../providers/unibell/schemas.js';
import { VoicePasswordFixture } from '../providers/voicepassword/schemas.js';
import { localeFaker, transliterate, type Locale } from './faker.js';
import { numberSource, type NumberSource } from './numbers.js';
import { smsText, speechText } from './texts.js';

import { MAX_GENERATED_ACCOUNTS } from './limits.js';

export { MAX_GENERATED_ACCOUNTS };

export interface GenerateOptions {
  accounts: number;
  seed: number;
  locale?: Locale;
  /** Fixtures to take everything but the accounts from (default: the bundled ones). */
  base?: string;
}

/** One generated account's credentials, as the CLI prints them. */
export interface GeneratedCredentials {
  provider: 'devino' | 'mobilgroup' | 'voicepassword' | 'unibell';
  account: string;
  company: string;
  /** What a client sends to authenticate (login/password, apiKey, accessKey…). */
  credentials: Record<string, string>;
  balance: number;
}

export interface GeneratedFixtures {
  /** File name (`devino.json`…) to its text. */
  files: Map<string, string>;
  credentials: GeneratedCredentials[];
}

/** The schema each generated file is checked against before it is written. */
export const FIXTURE_SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map<string, z.ZodType>([
  ['devino.json', DevinoFixture],
  ['mobilgroup.json', MobilgroupFixture],
  ['voicepassword.json', VoicePasswordFixture],
  ['unibell.json', UnibellFixture],
  ['numbering.json', NumberingFixture],
]);

export class GenerateError extends Error {}

type Json = Record<string, unknown>;

const readJson = (dir: string, name: string): Json => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Json;
const text = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const money = (random: SimRandom, min: number, max: number) => Math.round((min + random.next() * (max - min)) * 100) / 100;
const pad = (n: number) => String(n).padStart(4, '0');

/** Each provider draws from its own stream, so one provider's shape never shifts another's data. */
function streamFor(seed: number, provider: string): SimRandom {
  let h = seed | 0;
  for (let i = 0; i < provider.length; i++) h = Math.imul(h ^ provider.charCodeAt(i), 0x01000193);
  return createRandom(h);
}

const LEGAL_FORMS = /^(ООО|ОАО|ЗАО|ПАО|АО|МУП|ГУП|ФГУП|ИП|НКО|ТОО|ТСЖ|LLC|Inc|Ltd|Group)$/i;

/** A company with a brand: the name without its legal form, in Latin for sender names and logins. */
interface Company {
  name: string;
  brand: string;
  latin: string;
}

function company(faker: Faker): Company {
  const name = faker.company.name();
  const words = name.replace(/["«»]/g, '').split(/[\s-]+/).filter((w) => w && !LEGAL_FORMS.test(w));
  const brand = words.join(' ') || name;
  const latin = transliterate(brand).replace(/[^A-Za-z0-9]/g, '');
  return { name, brand, latin: latin || 'Company' };
}

/** A Latin sender name within Devino's limits: 1 to 11 of A-Z, a-z, 0-9, at least one letter. */
const senderName = (c: Company) => c.latin.slice(0, 11).toUpperCase();
const loginOf = (c: Company, i: number) => `${c.latin.slice(0, 12).toLowerCase()}-${pad(i + 1)}`;

/** A few accounts are out of money, as in any customer base: sends from them get the provider's own refusal. */
const balance = (random: SimRandom) => (random.chance(0.03) ? 0 : money(random, 50, 50_000));

interface Parts {
  random: SimRandom;
  faker: Faker;
  numbers: NumberSource;
}

function devino({ random, faker, numbers }: Parts, base: Json, count: number, creds: GeneratedCredentials[]) {
  const accounts = [];
  const fileNames = ['Приветствие.wav', 'Напоминание.wav', 'Опрос.wav', 'Акция.wav', 'Задолженность.wav'];
  for (let i = 0; i < count; i++) {
    const c = company(faker);
    const login = loginOf(c, i);
    const password = random.alnum(12).toLowerCase();
    const landline = numbers.landline();
    const files = fileNames.slice(0, random.int(1, 3)).map((name, k) => ({ id: 1000 + i * 10 + k, name, durationSec: random.int(8, 40) }));
    const account = {
      login,
      password,
      balance: balance(random),
      senders: [senderName(c), landline],
      smsTariffs: Object.fromEntries([...numbers.operators.map((op) => [op, money(random, 0.3, 0.49)]), ['default', money(random, 0.45, 0.55)]]),
      voice: { sourceNumbers: [landline], files, price: money(random, 1, 2) },
    };
    accounts.push(account);
    creds.push({ provider: 'devino', account: login, company: c.name, credentials: { login, password, sender: account.senders[0] }, balance: account.balance });
  }
  return { ...base, accounts };
}

function mobilgroup({ random, faker, numbers }: Parts, base: Json, count: number, creds: GeneratedCredentials[]) {
  const accounts = [];
  for (let i = 0; i < count; i++) {
    const c = company(faker);
    const id = `mg-${pad(i + 1)}`;
    const apiKey = random.hex(32).toLowerCase();
    const account = {
      id,
      login: loginOf(c, i),
      password: random.alnum(12).toLowerCase(),
      apiKey,
      balance: balance(random),
      numbers: [
        { number: numbers.landline(), description: `Основной номер ${c.name}` },
        ...(random.chance(0.5) ? [{ number: `7800${random.digits(7)}`, description: 'Бесплатная линия' }] : []),
      ],
      phrases: [
        { id: '1', name: 'Приветствие', duration: random.int(8, 30) },
        { id: '2', name: 'Напоминание', duration: random.int(8, 30) },
      ],
      scripts: [{ id: '1', name: `Опрос клиентов ${c.brand}`, duration: random.int(15, 60) }],
      templates: [
        { id: '1', account: String(100 + i), name: 'Напоминание о записи', message: speechText(faker) },
        { id: '2', account: String(100 + i), name: 'Уведомление', message: smsText(faker, 'cyrillic', 'short') },
      ],
      nextTemplateId: 3,
    };
    accounts.push(account);
    creds.push({ provider: 'mobilgroup', account: id, company: c.name, credentials: { apiKey, login: account.login, password: account.password }, balance: account.balance });
  }
  return { ...base, accounts };
}

function voicepassword({ random, faker, numbers }: Parts, base: Json, count: number, creds: GeneratedCredentials[]) {
  const accounts = [];
  for (let i = 0; i < count; i++) {
    const c = company(faker);
    const id = `vp-${pad(i + 1)}`;
    const apiKey = random.hex(32).toLowerCase();
    const account = { id, apiKey, balance: balance(random), currency: 'Rub', anis: [numbers.landline()] };
    accounts.push(account);
    creds.push({ provider: 'voicepassword', account: id, company: c.name, credentials: { apiKey }, balance: account.balance });
  }
  // The bundled history names the bundled accounts: generated accounts start with none.
  return { ...base, accounts, history: [] };
}

function unibell({ random, faker, numbers }: Parts, base: Json, count: number, creds: GeneratedCredentials[]) {
  const accounts = [];
  const apps = [];
  const owned: { id: number; account: string; number: string }[] = [];
  const numberPools = [];
  const abonentLists = [];
  const media = [];
  let numberId = 20_000_000;
  let mediaId = 1_000;
  const purposes = ['напоминания', 'опросы', 'уведомления о доставке', 'подтверждение заказов'];
  const mediaNames = ['Приветствие.wav', 'Ожидание.wav', 'Спасибо за звонок.wav', 'Меню.wav'];
  for (let i = 0; i < count; i++) {
    const c = company(faker);
    const id = String(1_000_000_000 + i);
    accounts.push({ id, balance: balance(random), perMinute: money(random, 0.9, 2.5) });
    const accessKey = random.alnum(23).toLowerCase();
    apps.push({ accessKey, account: id, name: `${c.name}: ${random.pick(purposes)}` });
    const ids = Array.from({ length: random.int(1, 3) }, () => {
      owned.push({ id: ++numberId, account: id, number: numbers.landline() });
      return numberId;
    });
    if (ids.length > 1) numberPools.push({ id: 10_000 + i, account: id, numberIds: ids });
    const listId = 100_000 + i;
    abonentLists.push({ id: listId, account: id, name: `Клиенты ${c.brand}`, numbers: Array.from({ length: random.int(3, 12) }, () => numbers.mobile()) });
    const folder = ++mediaId;
    const created = () => {
      const at = Date.UTC(2025, random.int(0, 11), random.int(1, 28), random.int(8, 19), random.int(0, 59), random.int(0, 59));
      return new Date(at).toISOString().slice(0, 19).replace('T', ' ');
    };
    media.push({ id: folder, account: id, name: c.brand, createdDateTime: created(), isFolder: true });
    for (const name of mediaNames.slice(0, random.int(1, 3))) {
      media.push({ id: ++mediaId, account: id, parentId: folder, name, createdDateTime: created(), isFolder: false, toneHz: random.int(220, 880), toneMs: random.int(5, 30) * 100 });
    }
    creds.push({ provider: 'unibell', account: id, company: c.name, credentials: { accessKey, numberId: String(ids[0]), abonentListId: String(listId) }, balance: accounts[i].balance });
  }
  return { ...base, accounts, apps, numbers: owned, numberPools, abonentLists, media };
}

/** The files of a fixtures directory with `accounts` generated accounts per provider, each checked against its schema. */
export function generateFixtures(options: GenerateOptions): GeneratedFixtures {
  const { accounts: count, seed, locale = 'ru', base = DEFAULT_FIXTURES } = options;
  if (!Number.isInteger(count) || count < 1 || count > MAX_GENERATED_ACCOUNTS) {
    throw new GenerateError(`accounts must be a whole number from 1 to ${MAX_GENERATED_ACCOUNTS}, not ${count}`);
  }
  if (!Number.isInteger(seed)) throw new GenerateError(`seed must be a whole number, not ${seed}`);
  const numberingJson = readJson(base, 'numbering.json');
  const numbering = NumberingFixture.parse(numberingJson);
  const creds: GeneratedCredentials[] = [];
  const parts = (provider: string): Parts => {
    const random = streamFor(seed, provider);
    return { random, faker: localeFaker(random, locale), numbers: numberSource(random, numbering) };
  };
  const documents: [string, unknown][] = [
    ['devino.json', devino(parts('devino'), readJson(base, 'devino.json'), count, creds)],
    ['mobilgroup.json', mobilgroup(parts('mobilgroup'), readJson(base, 'mobilgroup.json'), count, creds)],
    ['voicepassword.json', voicepassword(parts('voicepassword'), readJson(base, 'voicepassword.json'), count, creds)],
    ['unibell.json', unibell(parts('unibell'), readJson(base, 'unibell.json'), count, creds)],
    ['numbering.json', numberingJson],
  ];
  const files = new Map<string, string>();
  for (const [name, doc] of documents) {
    const parsed = (FIXTURE_SCHEMAS.get(name) as z.ZodType).safeParse(doc);
    if (!parsed.success) throw new GenerateError(`generated ${name} is invalid: ${describeZodError(parsed.error)}`);
    files.set(name, text(doc));
  }
  return { files, credentials: creds };
}
