// Unibell's generated data: accounts with an app, numbers (a pool when several), an abonent list and
// media; and its traffic: single calls with synthesised speech, and a campaign every six hours.
import { statusOk } from '../../core/generate/answers.js';
import { balance, company, money } from '../../core/generate/customers.js';
import { speechText } from '../../core/generate/texts.js';
import { defineGenerator, type GeneratedFixture, type GenerationParts, type TrafficPlanner } from '../../core/generate/types.js';
import { UnibellFixture } from './schemas.js';

function fixture({ random, faker, numbers }: GenerationParts, base: Record<string, unknown>, count: number): GeneratedFixture {
  const accounts = [];
  const credentials: GeneratedFixture['credentials'] = [];
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
    credentials.push({ account: id, company: c.name, credentials: { accessKey, numberId: String(ids[0]), abonentListId: String(listId) }, balance: accounts[i].balance });
  }
  return { file: { ...base, accounts, apps, numbers: owned, numberPools, abonentLists, media }, credentials };
}

function traffic(p: TrafficPlanner, fixture: UnibellFixture, minutes: number) {
  const usable = (forms: readonly string[], form: string, account: string) => forms.includes(form) && p.usable(account);
  const singles = fixture.apps.filter((a) => usable(a.forms, 'single', a.account));
  // A campaign needs an app that may run one, a number and a non-empty abonent list of its account.
  const campaigns = fixture.apps.flatMap((app) => {
    if (!usable(app.forms, 'campaign', app.account)) return [];
    const number = fixture.numbers.find((n) => n.account === app.account);
    const list = fixture.abonentLists.find((l) => l.account === app.account && l.numbers.length > 0);
    return number && list ? [{ app, numberId: number.id, abonentListId: list.id }] : [];
  });
  const auth = (accessKey: string) => ({ 'x-authorization': `AccessKey ${accessKey}` });
  if (campaigns.length > 0) {
    // One campaign in the first hour, and one more for each further six hours of the stretch.
    for (let m = Math.min(5, minutes - 1); m < minutes; m += 360) {
      const c = p.random.pick(campaigns);
      p.push({
        at: p.within(m),
        kind: 'campaign',
        request: { method: 'POST', url: '/unibell/apps/activate', headers: auth(c.app.accessKey), payload: { numberId: c.numberId, abonentListId: c.abonentListId } },
        accepted: statusOk,
      });
    }
  }
  if (singles.length === 0) return;
  let reference = 0;
  for (let m = 0; m < minutes; m++) {
    if (!p.random.chance(0.3)) continue;
    const app = p.random.pick(singles);
    const magic = Object.keys(fixture.magicNumbers).sort();
    const destAddr = magic.length > 0 && p.random.chance(0.1) ? p.random.pick(magic) : p.numbers.mobile();
    p.push({
      at: p.within(m),
      kind: 'call',
      request: {
        method: 'POST',
        url: '/unibell/apps/activate',
        headers: auth(app.accessKey),
        payload: { reference: `traffic-${p.seed}-${++reference}`, destAddr, scenarioData: `text=${speechText(p.faker)}` },
      },
      accepted: statusOk,
    });
  }
}

export const unibellGenerator = defineGenerator({ fixtureSchema: UnibellFixture, fixture, traffic });
