// Devino's generated data: accounts with Latin sender names, landline voice numbers and per-operator
// SMS tariffs; and its traffic: SMS of several lengths and alphabets (some to numbers that never
// deliver) from a session per account, and subscribers' replies in Russian.
import { okStatus, SEC, answerJson } from '../../core/generate/answers.js';
import { balance, company, loginOf, money, type Company } from '../../core/generate/customers.js';
import { replyText, smsText } from '../../core/generate/texts.js';
import { defineGenerator, type GeneratedFixture, type GenerationParts, type TrafficPlanner } from '../../core/generate/types.js';
import { DevinoFixture } from './schemas.js';

/** A Latin sender name within Devino's limits: 1 to 11 of A-Z, a-z, 0-9, at least one letter. */
const senderName = (c: Company) => c.latin.slice(0, 11).toUpperCase();

function fixture({ random, faker, numbers }: GenerationParts, base: Record<string, unknown>, count: number): GeneratedFixture {
  const accounts = [];
  const credentials: GeneratedFixture['credentials'] = [];
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
    credentials.push({ account: login, company: c.name, credentials: { login, password, sender: account.senders[0] }, balance: account.balance });
  }
  return { file: { ...base, accounts }, credentials };
}

function traffic(p: TrafficPlanner, fixture: DevinoFixture, minutes: number) {
  const accounts = fixture.accounts.filter((a) => p.usable(a.login) && a.senders.length > 0);
  if (accounts.length === 0) return;
  const neverDelivered = Object.entries(fixture.magicNumbers)
    .filter(([, m]) => m.sms && m.sms.state !== 0 && m.sms.state !== 'pending')
    .map(([n]) => n)
    .sort();
  // A session per account, renewed before its lifetime (fixture timings) runs out.
  const renewMs = Math.max(1, Math.floor(fixture.timings.sessionTtlMinutes / 2)) * 60_000;
  const opened = new Map<string, number>();
  // login -> the session id its last login answered (a refused login leaves it empty: refused too).
  const sessions = new Map<string, string>();
  const withSession = (login: string, payload: Record<string, string>) => () => ({
    method: 'POST' as const,
    url: '/devino/rest/Sms/Send',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ SessionID: sessions.get(login) ?? '', ...payload }).toString(),
  });
  for (let m = 0; m < minutes; m++) {
    const count = p.random.int(1, 4);
    for (let i = 0; i < count; i++) {
      const account = p.random.pick(accounts);
      const at = p.within(m);
      // Logged in at the start of the minute: a later draw of the same minute may fall before `at`,
      // and a send must never go out before its session.
      const minuteStart = p.start + m * 60_000;
      const since = opened.get(account.login);
      if (since === undefined || minuteStart - since >= renewMs) {
        opened.set(account.login, minuteStart);
        p.push({
          at: minuteStart,
          request: { method: 'GET', url: `/devino/rest/User/SessionId?login=${encodeURIComponent(account.login)}&password=${encodeURIComponent(account.password)}` },
          accepted: okStatus,
          answered: (res, accepted) => {
            const sid = answerJson(res);
            if (accepted && typeof sid === 'string') sessions.set(account.login, sid);
          },
        });
      }
      const undeliverable = neverDelivered.length > 0 && p.random.chance(0.08);
      const to = undeliverable ? p.random.pick(neverDelivered) : p.numbers.mobile();
      const alphabet = p.random.chance(0.75) ? 'cyrillic' : 'latin';
      const length = p.random.chance(0.2) ? 'long' : 'short';
      const sender = p.random.pick(account.senders);
      p.push({
        at,
        kind: undeliverable ? 'undeliverable' : 'sms',
        request: withSession(account.login, { DestinationAddress: to, SourceAddress: sender, Data: smsText(p.faker, alphabet, length) }),
        accepted: okStatus,
      });
      // Some subscribers answer, a few seconds to ten minutes later.
      if (!undeliverable && p.random.chance(0.12)) {
        const replyAt = at + p.random.int(20, 600) * SEC;
        if (replyAt < p.end) {
          p.push({
            at: replyAt,
            kind: 'incoming-sms',
            request: { method: 'POST', url: '/_sim/devino/incoming', headers: p.adminHeaders, payload: { account: account.login, from: to, to: sender, text: replyText(p.faker) } },
            accepted: okStatus,
          });
        }
      }
    }
  }
}

export const devinoGenerator = defineGenerator({ fixtureSchema: DevinoFixture, fixture, traffic });
