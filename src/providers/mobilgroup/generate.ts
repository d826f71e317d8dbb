// Mobilgroup's generated data: accounts with numbers, phrases, scripts and templates; and its
// traffic: voice broadcasts to a few subscribers each, some of them magic numbers.
import { resultOk } from '../../core/generate/answers.js';
import { balance, company, loginOf, pad4 } from '../../core/generate/customers.js';
import { smsText, speechText } from '../../core/generate/texts.js';
import { defineGenerator, type GeneratedFixture, type GenerationParts, type TrafficPlanner } from '../../core/generate/types.js';
import { MobilgroupFixture } from './schemas.js';

function fixture({ random, faker, numbers }: GenerationParts, base: Record<string, unknown>, count: number): GeneratedFixture {
  const accounts = [];
  const credentials: GeneratedFixture['credentials'] = [];
  for (let i = 0; i < count; i++) {
    const c = company(faker);
    const id = `mg-${pad4(i + 1)}`;
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
    credentials.push({ account: id, company: c.name, credentials: { apiKey, login: account.login, password: account.password }, balance: account.balance });
  }
  return { file: { ...base, accounts }, credentials };
}

function traffic(p: TrafficPlanner, fixture: MobilgroupFixture, minutes: number) {
  const accounts = fixture.accounts.filter((a) => p.usable(a.id) && a.numbers.length > 0);
  if (accounts.length === 0) return;
  const magic = Object.keys(fixture.outcomes).sort();
  for (let m = 0; m < minutes; m++) {
    if (!p.random.chance(0.12)) continue;
    const account = p.random.pick(accounts);
    const subscribers = Array.from({ length: p.random.int(1, 12) }, () => ({ phone: magic.length > 0 && p.random.chance(0.1) ? p.random.pick(magic) : p.numbers.mobile() }));
    p.push({
      at: p.within(m),
      kind: 'broadcast',
      request: {
        method: 'POST',
        url: '/mobilgroup/api/send/',
        headers: { authorization: account.apiKey },
        payload: { settings: { number: p.random.pick(account.numbers).number, message: speechText(p.faker) }, subscribers },
      },
      accepted: resultOk,
      // A broadcast's subscribers are its calls.
      also: { call: subscribers.length },
    });
  }
}

export const mobilgroupGenerator = defineGenerator({ fixtureSchema: MobilgroupFixture, fixture, traffic });
