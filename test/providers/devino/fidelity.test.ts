// Issue 16: Devino as strict as its documents, and nothing of what the user sent changed.
import { beforeEach, describe, expect, it } from 'vitest';
import { readJson } from '../../helpers/server.js';
import { useSimulator } from '../../helpers/useSimulator.js';
import { balance, get, login, post, REST, sms, smsState } from './devino.js';

describe('Devino keeps Data exactly as sent', () => {
  const s = useSimulator({ eachTest: 'fresh' });
  let sid: string;
  beforeEach(async () => {
    sid = await login(s);
  });

  it('160 Latin letters and a trailing space are two segments, billed as two', async () => {
    const r = await post(s, '/Sms/Send', sms(sid, { Data: `${'a'.repeat(160)} ` }));
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(2);
    expect(await balance(s, sid)).toBe(Math.round((20015.3 - 2 * 0.35) * 100) / 100);
  });

  it('2000 characters and a space are more than 2000: refused with code 2, nothing charged', async () => {
    const r = await post(s, '/Sms/Send', sms(sid, { Data: `${'a'.repeat(2000)} ` }));
    expect(r.status).toBe(400);
    expect(r.body.Code).toBe(2);
    expect(await balance(s, sid)).toBe(20015.3);
  });

  it('a leading newline and trailing spaces are stored with the text', async () => {
    const r = await post(s, '/Sms/Send', sms(sid, { Data: '\nHello  ' }));
    const res = await s.call(`/_sim/records/devino/sms/${encodeURIComponent(r.body[0])}`);
    const detail = await readJson(res);
    expect(JSON.stringify(detail)).toContain(JSON.stringify('\nHello  '));
  });

  it('Data of spaces only is not empty: it is sent as it is', async () => {
    const r = await post(s, '/Sms/Send', sms(sid, { Data: '   ' }));
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(1);
  });
});

describe('Devino error texts name parameters as the public docs do', () => {
  const s = useSimulator({ eachTest: 'fresh' });
  let sid: string;
  beforeEach(async () => {
    sid = await login(s);
  });

  it('Sms/State without messageId: "Parameter name: messageId"', async () => {
    const r = await get(s, `/Sms/State?sessionId=${sid}`);
    expect(r.body).toEqual({ Code: 1, Desc: 'MessageID can not be null or empty Parameter name: messageId' });
  });

  it('a missing session id: "Parameter name: sessionId"', async () => {
    const r = await get(s, '/User/Balance');
    expect(r.body).toEqual({ Code: 1, Desc: 'SessionID can not be null or empty Parameter name: sessionId' });
  });
});

describe('Devino Sms/SendBulk reads every field of the form', () => {
  const s = useSimulator({ eachTest: 'fresh' });
  let sid: string;
  beforeEach(async () => {
    sid = await login(s);
  });

  const numbers = Array.from({ length: 1000 }, (_, i) => `7916${String(i).padStart(7, '0')}`);
  const send = (body: string) => s.call(`${REST}/Sms/SendBulk`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

  it('1,000 numbers and the other parameters answer 1,000 ids', async () => {
    const body = new URLSearchParams([['SessionID', sid], ['SourceAddress', 'DEVINO'], ['Data', 'x'] as [string, string], ...numbers.map((n): [string, string] => ['DestinationAddresses', n])]);
    const res = await send(body.toString());
    expect(res.status).toBe(200);
    expect(await readJson(res)).toHaveLength(1000);
  });

  it('SessionID after 1,000 numbers is still read', async () => {
    const body = new URLSearchParams([...numbers.map((n): [string, string] => ['DestinationAddresses', n]), ['SourceAddress', 'DEVINO'], ['Data', 'x'], ['SessionID', sid]]);
    const res = await send(body.toString());
    expect(res.status).toBe(200);
    const ids = await readJson(res);
    expect(ids).toHaveLength(1000);
    expect((await smsState(s, sid, ids[999])).State).toBe(-2);
  });
});
