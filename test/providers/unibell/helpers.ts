// Shared bits of the Unibell tests: the fixture keys, auth headers and a local callback receiver.
import type { TestServer } from '../../helpers/server.js';

/** The spec's example key: personal account 0000000000, both activation forms. */
export const KEY = 'd8ac9959r12b43545da9034';
/** Same account, single calls only. */
export const SINGLE_ONLY_KEY = 'a1c4e7f0b2d5a8c1e4f7b0d';
/** Personal account 0000000001. */
export const OTHER_KEY = 'f0e1d2c3b4a5968778695a4';
/** Personal account with a zero balance. */
export const ZERO_BALANCE_KEY = 'b7a6c5d4e3f2019283746ab';
/** Disabled personal account. */
export const DISABLED_KEY = 'c9d8e7f6a5b4c3d2e1f0a9b';

export const auth = (key = KEY) => ({ 'x-authorization': `AccessKey ${key}` });

export const postJson = (body: unknown, key = KEY): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...auth(key) },
  body: JSON.stringify(body),
});

import type { Receiver } from '../../../src/conformance/receiver.js';
export { startReceiver, type Hit, type Receiver } from '../../../src/conformance/receiver.js';

/** Points an app's callbacks at URLs through the admin API, as a client test does. */
export async function setCallbacks(s: TestServer, urls: { startCallbackUrl?: string | null; endCallbackUrl?: string | null }, key = KEY) {
  const res = await s.call(`/_sim/unibell/apps/${key}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(urls) });
  if (res.status !== 200) throw new Error(`setting callbacks failed: ${res.status} ${await res.text()}`);
}

/** Moves the clock and waits until the callbacks it caused have been delivered. */
export async function advanceAndDeliver(s: TestServer, by: string | number) {
  await s.advance(by);
  await s.sim.ctx.callbacks.idle();
}

/** Sets the manual clock to a Moscow wall time, e.g. `2024-10-31 09:00:00`. */
export async function setMoscowTime(s: TestServer, text: string) {
  const iso = `${text.replace(' ', 'T')}+03:00`;
  const res = await s.call('/_sim/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: iso }) });
  if (res.status !== 200) throw new Error(`setting the clock failed: ${res.status} ${await res.text()}`);
}

export const endHits = (r: Receiver) => r.hits.filter((h) => h.query.type === 'endCallback');
export const startHits = (r: Receiver) => r.hits.filter((h) => h.query.type === 'startCallback');
