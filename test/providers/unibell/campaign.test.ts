// Campaign activation over an abonent list: repeats per outcome follow the configured counts and
// intervals as the clock moves, inside the daily work window.
import { beforeEach, describe, expect, it } from 'vitest';
import { readJson, type TestServer } from '../../helpers/server.js';
import { useReceiver, useSimulator } from '../../helpers/useSimulator.js';
import { advanceAndDeliver, endHits, OTHER_KEY, postJson, setCallbacks, setMoscowTime, startHits } from './helpers.js';

const activate = (s: TestServer, body: unknown, key?: string) => s.call('/unibell/apps/activate', postJson(body, key));

/** The spec's example request. */
const SPEC_EXAMPLE = {
  numberId: 14019763,
  abonentListId: 13296,
  startDateTime: '2024-10-31 09:00:00',
  workStartTime: '2024-10-31 09:00:00',
  workEndTime: '2024-10-31 21:00:00',
  isRepeat: 1,
  repeatBusy: 1,
  repeatBusyCount: 10,
  repeatBusyInt: 30,
  repeatAnswered: 1,
  repeatAnsweredCount: 15,
  repeatAnsweredInt: 35,
  repeatFailed: 1,
  repeatFailedCount: 1,
  repeatFailedInt: 1,
  repeatNoAnswer: 1,
  repeatNoAnswerCount: 150,
  repeatNoAnswerInt: 150,
};

describe('unibell campaigns', () => {
  const r = useReceiver({ eachTest: 'fresh' });
  const s = useSimulator({ eachTest: 'fresh' });
  beforeEach(async () => {
    await setCallbacks(s, { startCallbackUrl: `${r.url}/start`, endCallbackUrl: `${r.url}/end` });
    await setMoscowTime(s, '2024-10-31 09:00:00');
  });

  /** Steps the clock a second at a time and notes at which second each callback arrived. */
  async function timeline(seconds: number) {
    const seen: { t: number; type: string; dest: string; query: Record<string, string> }[] = [];
    let handled = 0;
    for (let t = 0; t <= seconds; t++) {
      await advanceAndDeliver(s, t === 0 ? 0 : 1000);
      for (const h of r.hits.slice(handled)) seen.push({ t, type: h.query.type, dest: h.query.reference.split('-')[1], query: h.query });
      handled = r.hits.length;
    }
    return seen;
  }

  it('accepts the spec example as it stands and answers a requestId', async () => {
    const res = await activate(s, SPEC_EXAMPLE);
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body).toEqual({ status: 'ok', requestId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    await advanceAndDeliver(s, 0);
    expect(startHits(r).map((h) => h.query.reference).sort()).toEqual([1, 2, 3].map((i) => `${body.requestId}-${i}-1`));
  });

  it('repeats each outcome by its own count and interval', async () => {
    const res = await activate(s, {
      numberId: 14019763,
      abonentListId: 13297, // answered, busy, no answer, unreachable, congestion
      startDateTime: '2024-10-31 09:00:00',
      isRepeat: 1,
      repeatBusy: 1,
      repeatBusyCount: 2,
      repeatBusyInt: 30,
      repeatAnswered: 1,
      repeatAnsweredCount: 1,
      repeatAnsweredInt: 35,
      repeatFailed: 1,
      repeatFailedCount: 1,
      repeatFailedInt: 10,
      repeatNoAnswer: 1,
      repeatNoAnswerCount: 1,
      repeatNoAnswerInt: 150,
    });
    const { requestId } = await readJson(res);
    const seen = await timeline(240);
    const at = (type: string, dest: string) => seen.filter((e) => e.type === type && e.dest === dest).map((e) => e.t);
    // Abonents in list order: 1 answers (17 s), 2 is busy (3 s), 3 does not answer (30 s), 4 is unreachable (2 s), 5 congested (1 s).
    expect(at('startCallback', '1')).toEqual([0, 52]);
    expect(at('endCallback', '1')).toEqual([17, 69]);
    expect(at('startCallback', '2')).toEqual([0, 33, 66]);
    // Busy and no answer say "attempts exhausted" (17, 16): only the last attempt sends them.
    expect(at('endCallback', '2')).toEqual([69]);
    expect(at('startCallback', '3')).toEqual([0, 180]);
    expect(at('endCallback', '3')).toEqual([210]);
    expect(at('startCallback', '4')).toEqual([0, 12]);
    expect(at('endCallback', '4')).toEqual([2, 14]);
    expect(at('startCallback', '5')).toEqual([0, 11]);
    expect(at('endCallback', '5')).toEqual([1, 12]);
    const ends = Object.fromEntries(seen.filter((e) => e.type === 'endCallback').map((e) => [e.query.reference, e.query]));
    expect(ends[`${requestId}-2-1`]).toBeUndefined();
    expect(ends[`${requestId}-2-2`]).toBeUndefined();
    expect(ends[`${requestId}-1-2`]).toMatchObject({ state: '2', error: '0', duration: '12' });
    expect(ends[`${requestId}-2-3`]).toMatchObject({ state: '5', error: '17', duration: '0' });
    expect(ends[`${requestId}-3-2`]).toMatchObject({ state: '5', error: '16' });
    expect(ends[`${requestId}-4-2`]).toMatchObject({ state: '5', error: '19' });
    expect(ends[`${requestId}-5-2`]).toMatchObject({ state: '5', error: '34' });
    // Nothing else is planned: an hour later no callback arrives.
    await advanceAndDeliver(s, '1h');
    expect(r.hits).toHaveLength(seen.length);
  });

  it('makes no repeats when isRepeat is 0 or an outcome has no repeat flag', async () => {
    await activate(s, { ...SPEC_EXAMPLE, isRepeat: 0 });
    await activate(s, { numberId: 14019763, abonentListId: 13296, isRepeat: 1, repeatBusy: 0, repeatBusyCount: 5, repeatBusyInt: 1 });
    await advanceAndDeliver(s, 0);
    await advanceAndDeliver(s, '1h');
    expect(startHits(r)).toHaveLength(6);
    expect(endHits(r)).toHaveLength(6);
  });

  it('waits for the start time and keeps every attempt inside the daily work window', async () => {
    await setMoscowTime(s, '2024-10-31 08:00:00');
    await activate(s, {
      numberPoolId: 701,
      abonentListId: 13296, // answers, busy, no answer
      startDateTime: '2024-10-31 08:30:00',
      workStartTime: '2024-10-31 09:00:00',
      workEndTime: '2024-10-31 09:01:00',
      isRepeat: 1,
      repeatBusy: 1,
      repeatBusyCount: 1,
      repeatBusyInt: 20,
      repeatNoAnswer: 1,
      repeatNoAnswerCount: 1,
      repeatNoAnswerInt: 60,
    });
    await advanceAndDeliver(s, '59m59s');
    expect(r.hits).toEqual([]);
    await advanceAndDeliver(s, '1s'); // 09:00:00
    expect(startHits(r)).toHaveLength(3);
    await advanceAndDeliver(s, '23s'); // busy repeat at 09:00:23 is inside the window
    expect(startHits(r).filter((h) => h.query.reference.endsWith('-2-2'))).toHaveLength(1);
    // No answer ends at 09:00:30; its repeat (09:01:30) falls after 09:01 and moves to 09:00 the next day.
    await advanceAndDeliver(s, '23h59m36s'); // next day 08:59:59
    expect(startHits(r).filter((h) => h.query.reference.endsWith('-3-2'))).toHaveLength(0);
    await advanceAndDeliver(s, '1s');
    expect(startHits(r).filter((h) => h.query.reference.endsWith('-3-2'))).toHaveLength(1);
  });

  it('answers invalidDataError for unknown or foreign ids and bad values, invalidSchemeError for missing ones', async () => {
    const base = { numberId: 14019763, abonentListId: 13296 };
    const data = [
      { ...base, numberId: 1 },
      { ...base, numberId: 14020001 }, // another account's number
      { abonentListId: 13296, numberPoolId: 702 }, // another account's pool
      { ...base, abonentListId: 13400 }, // another account's list
      { ...base, abonentListId: 999 },
      { ...base, abonentListId: 13298 }, // empty list
      { ...base, numberPoolId: 701 },
      { ...base, startDateTime: '31.10.2024 09:00' },
      { ...base, startDateTime: '2024-02-30 09:00:00' },
      { ...base, workStartTime: '09:00:00', workEndTime: '09:00:00' },
      { ...base, workStartTime: '25:00:00' },
      { ...base, isRepeat: 2 },
      { ...base, repeatBusy: 1, repeatBusyCount: -1 },
      { ...base, repeatBusyInt: 86_400 * 8 },
    ];
    for (const body of data) {
      const res = await activate(s, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await readJson(res)).status, JSON.stringify(body)).toBe('invalidDataError');
    }
    for (const body of [{ numberId: 14019763 }, { abonentListId: 13296 }, { ...base, repeatBusyCount: 1.5 }, { ...base, startDateTime: 20241031 }]) {
      const res = await activate(s, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await readJson(res)).status, JSON.stringify(body)).toBe('invalidSchemeError');
    }
    const foreign = await activate(s, { numberId: 14020001, abonentListId: 13400 }, OTHER_KEY);
    expect(foreign.status).toBe(200);
    await advanceAndDeliver(s, '1m');
    expect(r.hits).toEqual([]); // the other app's callbacks are not configured
  });
});
