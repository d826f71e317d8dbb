// The sandbox page: an inbox of every message and call, a readable detail, a subscriber's phone, the
// requests, callbacks, balances, scenarios and the clock. It reads the admin API and keeps itself
// current from the event stream (read with fetch so the admin token travels in a header, which
// EventSource cannot send).
import { adoptTokenFromAddress, api, authHeaders, NeedToken, setToken } from './api.js';
import { loadDetail, renderDetail } from './detail.js';
import { h, $ } from './dom.js';
import { createInbox, recordKey } from './inbox.js';
import { createAccounts, createCallbacks, createScenarios } from './panels.js';
import { loadPhone, renderPhone } from './phone.js';
import { createRequests } from './requests.js';
import { createClock } from './clock.js';
import type { RecordView, SimEvent } from './types.js';

adoptTokenFromAddress();

function fail(err: unknown) {
  if (err instanceof NeedToken) {
    $('#token-bar').hidden = false;
    $('#token-message').textContent = err.message;
    return;
  }
  const bar = $('#error');
  bar.textContent = err instanceof Error ? err.message : String(err);
  bar.hidden = false;
}
const clearError = () => {
  $('#error').hidden = true;
};

// ---- the side panel: one record's detail, or one subscriber's phone ----
type Side = { kind: 'detail'; record: RecordView } | { kind: 'phone'; number: string } | undefined;
let side: Side;
const aside = $('#side');
let sideRequest = 0;

async function showSide(next: Side) {
  side = next;
  const mine = ++sideRequest;
  document.body.classList.toggle('side-open', side !== undefined);
  inbox.redraw();
  if (!side) {
    aside.replaceChildren(h('p', { class: 'hint' }, 'Select a message or call for its timeline, callbacks and the provider\'s view; select a number for its phone.'));
    return;
  }
  try {
    const el = side.kind === 'detail'
      ? await loadDetail(side.record).then(({ detail, callbacks }) => renderDetail(detail, callbacks, { openPhone, close }))
      : await loadPhone(side.number).then((view) => renderPhone(view, { close, fail, sent: () => void showSide(side) }));
    if (mine !== sideRequest) return;
    // The reply being typed survives a live refresh of the phone.
    const typing = aside.querySelector<HTMLTextAreaElement>('.reply textarea');
    const keep = typing && side.kind === 'phone' ? typing.value : '';
    aside.replaceChildren(el);
    if (keep) aside.querySelector<HTMLTextAreaElement>('.reply textarea')!.value = keep;
    const thread = aside.querySelector('.thread');
    thread?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  } catch (err) {
    fail(err);
  }
}
const openPhone = (number: string) => void showSide({ kind: 'phone', number });
const close = () => void showSide(undefined);

const inbox = createInbox({
  select: (record) => void showSide({ kind: 'detail', record }),
  openPhone,
  selected: () => (side?.kind === 'detail' ? recordKey(side.record) : undefined),
  fail,
  counted: (total) => ($('#count-records').textContent = String(total)),
});
const requests = createRequests(fail);
const callbacks = createCallbacks(fail);
const accounts = createAccounts(fail);
const scenarios = createScenarios(fail);
const clock = createClock(fail);

// ---- tabs ----
let tab = 'records';
const loaders: Record<string, () => unknown> = { journal: requests.load, callbacks: callbacks.load, accounts: accounts.load, scenarios: scenarios.load };
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
  button.addEventListener('click', () => {
    tab = button.dataset.tab ?? 'records';
    for (const t of document.querySelectorAll('[data-tab]')) {
      t.classList.toggle('active', t === button);
      t.setAttribute('aria-selected', String(t === button));
    }
    for (const s of document.querySelectorAll('.tab')) s.classList.toggle('active', s.id === `tab-${tab}`);
    loaders[tab]?.();
    if (tab === 'records') inbox.redraw();
  });
}

// ---- live events ----
// Many events arrive in a burst (a load test): each only marks what changed; timers refetch.
const dirty = new Set<string>();
function onEvent(name: string, e: SimEvent) {
  if (name === 'record.created' || name === 'record.state') {
    inbox.changed();
    if (e.provider) inbox.offer(e.provider, e.kind);
    dirty.add('side');
    dirty.add('accounts');
  } else if (name === 'callback.attempt') {
    dirty.add('callbacks');
    dirty.add('side');
  } else if (name === 'clock.changed') {
    dirty.add('clock');
  } else if (name === 'sim.reset') {
    void showSide(undefined);
    inbox.reload();
    for (const what of ['clock', 'callbacks', 'accounts', 'scenarios', 'journal']) dirty.add(what);
  }
}
setInterval(() => {
  if (dirty.size === 0) return;
  const what = new Set(dirty);
  dirty.clear();
  if (what.has('clock')) void clock.load();
  if (what.has('side') && side) void showSide(side);
  for (const panel of ['callbacks', 'accounts', 'scenarios', 'journal']) if (what.has(panel) && tab === panel) loaders[panel]();
}, 500);
// Requests leave no event of their own: while their tab is open the journal is polled.
setInterval(() => {
  if (tab === 'journal' && !document.hidden) void requests.load();
}, 2000);

let retryMs = 500;
async function connect() {
  const live = $('#live');
  try {
    const res = await fetch('/_sim/events', { headers: authHeaders({ accept: 'text/event-stream' }), cache: 'no-store' });
    if (res.status === 401) {
      live.className = 'live';
      live.textContent = 'no token';
      fail(new NeedToken('The admin API needs a token.'));
      return;
    }
    if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
    live.className = 'live live-on';
    live.textContent = 'live';
    retryMs = 500;
    clearError();
    // The snapshot is taken once the stream is open, so nothing falls between the two.
    inbox.reload();
    void clock.load();
    void scenarios.load();
    loaders[tab]?.();
    const providers = await api<{ providers: { slug: string; states: Record<string, string[]> }[] }>('GET', '/providers');
    for (const p of providers.providers) inbox.offer(p.slug);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let name = 'message';
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) name = line.slice(7);
          else if (line.startsWith('data: ')) data += line.slice(6);
        }
        if (data) onEvent(name, JSON.parse(data) as SimEvent);
      }
    }
  } catch (err) {
    fail(new Error(`Event stream: ${err instanceof Error ? err.message : String(err)}`));
  }
  live.className = 'live reconnecting';
  live.textContent = 'reconnecting';
  setTimeout(connect, retryMs);
  retryMs = Math.min(retryMs * 2, 10_000);
}

// ---- controls ----
$('#reset').addEventListener('click', () => {
  if (!confirm('Reset everything to the fixtures: messages, calls, balances, journal, callbacks, scenarios?')) return;
  api('POST', '/reset').catch(fail);
});
// An hour of generated traffic through the providers' own routes; the inbox follows it live. Each
// press in this page plays the next seed, so two presses do not repeat the same hour.
let trafficSeed = 1;
const trafficButton = $<HTMLButtonElement>('#traffic');
trafficButton.addEventListener('click', () => {
  trafficButton.disabled = true;
  api('POST', '/traffic', { minutes: 60, seed: trafficSeed++ })
    .catch(fail)
    .finally(() => (trafficButton.disabled = false));
});
$('#journal-clear').addEventListener('click', () => void requests.clear().catch(fail));
$('#scenarios-off').addEventListener('click', () => void api('DELETE', '/scenarios/active').then(scenarios.load, fail));
$('#token-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  setToken($<HTMLInputElement>('#token-form input').value);
  $('#token-bar').hidden = true;
  void connect();
});
document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && side) close();
  // `/` jumps to the search, as in most inboxes.
  if (ev.key === '/' && !(ev.target instanceof HTMLInputElement || ev.target instanceof HTMLTextAreaElement)) {
    ev.preventDefault();
    $('#search').focus();
  }
});

void showSide(undefined);
void connect();
