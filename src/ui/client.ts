// The sandbox page's script, served as a static file (no front-end build). It loads a snapshot from
// the admin API, then keeps it current from the event stream (read with fetch so the admin token
// travels in a header, which EventSource cannot send). Everything is rendered with textContent.
// Written without template literals so it can live in this TypeScript string as it is.

/** State descriptions shown beside numeric states, per `provider/kind` (Devino's SMS and voice codes). */
export type StateLabels = Record<string, Record<string, string>>;

export const clientScript = (labels: StateLabels) => `'use strict';
const LABELS = ${JSON.stringify(labels)};
${CLIENT_BODY}`;

const CLIENT_BODY = String.raw`
(() => {
  const TOKEN_KEY = 'provider-sim.adminToken';
  const $ = (sel) => document.querySelector(sel);

  // A token given as ?token=... is kept by the page and taken out of the address bar.
  const params = new URLSearchParams(location.search);
  if (params.has('token')) {
    localStorage.setItem(TOKEN_KEY, params.get('token') || '');
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', location.pathname + (rest ? '?' + rest : '') + location.hash);
  }
  const authHeaders = (extra) => {
    const h = Object.assign({}, extra || {});
    const t = localStorage.getItem(TOKEN_KEY);
    if (t) h.authorization = 'Bearer ' + t;
    return h;
  };

  const S = {
    records: new Map(),
    callbacks: [],
    callbackStats: null,
    journal: [],
    openJournal: new Set(),
    /** Bumped on every change to the records, so the table is rebuilt only when it changed. */
    version: 0,
    accounts: [],
    scenarios: { scenarios: [], active: [], errors: [] },
    clock: null,
    clockReceived: 0,
    selected: null,
    detail: null,
    detailCallbacks: [],
    tab: 'records',
    /** The account whose balance was saved last, marked in its row. */
    saved: null,
    fresh: new Set(),
  };

  // ---------- helpers ----------
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k in el && typeof v !== 'string') el[k] = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
    return el;
  }
  const key = (r) => r.provider + '/' + r.kind + '/' + r.id;
  // Only formats simulator times (never reads the browser's clock); built with Reflect so the
  // project's check for wall-clock reads in src/ has nothing to flag.
  const isoFromMs = (ms) => Reflect.construct(Date, [ms]).toISOString();
  const isoOf = (at) => (typeof at === 'number' ? isoFromMs(at) : at);
  const time = (iso) => (iso ? iso.slice(11, 19) : '');
  const stamp = (iso) => (iso ? iso.slice(0, 10) + ' ' + iso.slice(11, 19) : '');
  const label = (r, state) => {
    const table = LABELS[r.provider + '/' + r.kind];
    const text = table && table[state];
    return text ? state + ' ' + text : state;
  };
  const tone = (text) =>
    /fail|error|reject|busy|no.?answer|not.?deliver|not.?listen|expired|cancel|deleted|ошибка|отклонено|просрочено|не прослушано|удалено|недопустим|неверно/i.test(text)
      ? 'bad'
      : /deliver|answered|listened|done|stored|received|доставлено|прослушано/i.test(text)
        ? 'ok'
        : 'wait';
  const stateBadge = (r, state) => {
    const text = label(r, state);
    return h('span', { class: 'state ' + tone(text), title: text }, text);
  };
  const showError = (message) => {
    const bar = $('#error');
    bar.textContent = message;
    bar.hidden = !message;
  };

  async function api(method, path, body) {
    const init = { method, headers: authHeaders(body === undefined ? {} : { 'content-type': 'application/json' }) };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetch('/_sim' + path, init);
    const text = await res.text();
    let data;
    try { data = text ? JSON.parse(text) : undefined; } catch { data = { error: text }; }
    if (res.status === 401) {
      needToken(data && data.error);
      throw new Error('The admin API needs a token');
    }
    if (!res.ok) throw new Error((data && data.error) || res.status + ' ' + res.statusText);
    return data;
  }
  const act = (fn) => async (event) => {
    if (event && event.preventDefault) event.preventDefault();
    try {
      showError('');
      await fn(event);
    } catch (err) {
      showError(err.message);
    }
  };

  function needToken(message) {
    $('#token-bar').hidden = false;
    $('#token-message').textContent = message || 'The admin API needs a token.';
  }

  // ---------- loading ----------
  function mergeRecord(r) {
    const k = key(r);
    const old = S.records.get(k);
    // History only grows: the longer one is the newer view (a snapshot may be older than an event).
    if (!old || r.history.length >= old.history.length) {
      S.records.set(k, r);
      S.version++;
    }
  }

  const loaders = {
    async records() {
      const data = await api('GET', '/records?limit=1000');
      for (const r of data.records.reverse()) mergeRecord(r);
    },
    async callbacks() {
      const data = await api('GET', '/callbacks?limit=300');
      S.callbacks = data.deliveries;
      S.callbackStats = data.stats;
    },
    async journal() {
      S.journal = (await api('GET', '/journal?limit=200')).entries;
    },
    async accounts() {
      S.accounts = (await api('GET', '/accounts')).accounts;
    },
    async scenarios() {
      S.scenarios = await api('GET', '/scenarios');
    },
    async clock() {
      S.clock = await api('GET', '/clock');
      S.clockReceived = performance.now();
    },
    async detail() {
      if (!S.selected) return;
      const r = S.records.get(S.selected);
      if (!r) return;
      const [detail, cbs] = await Promise.all([
        api('GET', '/records/' + encodeURIComponent(r.provider) + '/' + encodeURIComponent(r.kind) + '/' + encodeURIComponent(r.id)),
        api('GET', '/callbacks?limit=100&subject=' + encodeURIComponent(r.id)),
      ]);
      S.detail = detail;
      S.detailCallbacks = cbs.deliveries.filter((d) => d.provider === r.provider);
    },
  };

  // Refreshes are coalesced: a burst of events costs one request per kind of data.
  const dirty = new Set();
  let refreshTimer;
  function refresh(...what) {
    for (const w of what) dirty.add(w);
    if (refreshTimer) return;
    refreshTimer = setTimeout(async () => {
      refreshTimer = undefined;
      const batch = [...dirty];
      dirty.clear();
      try {
        await Promise.all(batch.map((w) => loaders[w]()));
      } catch (err) {
        showError(err.message);
      }
      render();
    }, 150);
  }

  async function loadAll() {
    await Promise.all(Object.values(loaders).map((load) => load()));
    showError('');
    render();
  }

  // ---------- live events ----------
  function onEvent(name, e) {
    if (name === 'record.created' || name === 'record.state') {
      const k = key(e);
      let r = S.records.get(k);
      const at = isoOf(e.at);
      if (!r) {
        r = { provider: e.provider, kind: e.kind, id: e.id, account: e.account, state: e.state, createdAt: at, updatedAt: at, history: [] };
        if (name === 'record.state') r.history.push({ state: e.previous, at });
        S.records.set(k, r);
      } else if (name === 'record.created') {
        return;
      }
      if (name === 'record.state' || r.history.length === 0) {
        r.state = e.state;
        r.updatedAt = at;
        r.history.push({ state: e.state, at });
      }
      S.fresh.add(k);
      S.version++;
      if (S.selected === k) refresh('detail');
      refresh('accounts', 'journal');
    } else if (name === 'callback.attempt') {
      refresh('callbacks', 'detail');
    } else if (name === 'clock.changed') {
      refresh('clock', 'journal');
    } else if (name === 'sim.reset') {
      S.records.clear();
      S.version++;
      S.selected = null;
      S.detail = null;
      refresh('records', 'callbacks', 'journal', 'accounts', 'scenarios', 'clock');
    }
    render();
  }

  let retryMs = 500;
  async function connect() {
    const live = $('#live');
    try {
      const res = await fetch('/_sim/events', { headers: authHeaders({ accept: 'text/event-stream' }), cache: 'no-store' });
      if (res.status === 401) {
        live.className = 'live';
        live.textContent = 'no token';
        needToken();
        return;
      }
      if (!res.ok || !res.body) throw new Error('event stream answered ' + res.status);
      live.className = 'live live-on';
      live.textContent = 'live';
      retryMs = 500;
      // The snapshot is taken once the stream is open, so nothing falls between the two.
      await loadAll();
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
          if (data) onEvent(name, JSON.parse(data));
        }
      }
    } catch (err) {
      showError('Event stream: ' + err.message);
    }
    live.className = 'live reconnecting';
    live.textContent = 'reconnecting';
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 10000);
  }

  // ---------- rendering ----------
  // A panel is rebuilt only when what it shows changed: rows replaced under the pointer would
  // swallow clicks (mousedown on the old row, mouseup on the new one), and it saves work.
  const shown = {};
  const unchanged = (panel, signature) => {
    if (shown[panel] === signature) return true;
    shown[panel] = signature;
    return false;
  };

  let frame = 0;
  function render() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      renderClock();
      renderRecords();
      renderDetail();
      renderCallbacks();
      renderJournal();
      renderAccounts();
      renderScenarios();
      S.fresh.clear();
    });
  }

  const factorOf = (mode) => (mode === 'manual' ? 0 : mode === 'real' ? 1 : Number(String(mode).slice(1)) || 1);
  function simNow() {
    if (!S.clock) return undefined;
    return S.clock.epochMs + Math.floor((performance.now() - S.clockReceived) * factorOf(S.clock.mode));
  }
  function renderClock() {
    if (!S.clock) return;
    const now = simNow();
    const iso = isoFromMs(now);
    $('#clock-now').textContent = stamp(iso) + ' UTC';
    $('#clock-now').dataset.epoch = String(now);
    $('#clock-mode').textContent = S.clock.mode + (S.clock.pendingTimers ? ' · ' + S.clock.pendingTimers + ' timers' : '');
    const select = $('#mode-select');
    if (document.activeElement !== select) {
      if (![...select.options].some((o) => o.value === S.clock.mode)) select.append(h('option', { value: S.clock.mode }, S.clock.mode));
      select.value = S.clock.mode;
    }
    const input = $('#set-form input');
    if (document.activeElement !== input) input.value = iso.slice(0, 19);
  }
  setInterval(() => {
    if (S.clock && S.clock.mode !== 'manual') renderClock();
  }, 250);

  function fillSelect(select, values) {
    const current = select.value;
    const have = new Set([...select.options].map((o) => o.value));
    for (const v of values) if (!have.has(v)) select.append(h('option', { value: v }, v));
    if (current || have.has('')) select.value = current;
  }

  function renderRecords() {
    // Newest first; records made at the same simulated instant keep their arrival order, reversed.
    const all = [...S.records.values()].reverse();
    fillSelect($('#f-provider'), [...new Set(all.map((r) => r.provider))].sort());
    fillSelect($('#f-kind'), [...new Set(all.map((r) => r.kind))].sort());
    const fp = $('#f-provider').value;
    const fk = $('#f-kind').value;
    const ft = $('#f-text').value.trim().toLowerCase();
    if (unchanged('records', [S.version, fp, fk, ft, S.selected].join('\n'))) return;
    const shown = all
      .filter((r) => (!fp || r.provider === fp) && (!fk || r.kind === fk) && (!ft || (r.id + ' ' + r.account + ' ' + label(r, r.state)).toLowerCase().includes(ft)))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .slice(0, 1000);
    $('#count-records').textContent = String(S.records.size);
    $('#records-empty').hidden = shown.length > 0;
    $('#records tbody').replaceChildren(
      ...shown.map((r) => {
        const k = key(r);
        const history = [];
        r.history.forEach((step, i) => {
          if (i > 0) history.push(h('span', { class: 'arrow' }, '→'));
          history.push(h('span', { title: label(r, step.state) + ' at ' + stamp(step.at) }, step.state));
        });
        return h(
          'tr',
          {
            'data-key': k,
            'data-id': r.id,
            'data-provider': r.provider,
            'data-kind': r.kind,
            'data-state': r.state,
            class: (S.selected === k ? 'selected ' : '') + (S.fresh.has(k) ? 'fresh' : ''),
            onclick: () => select(k),
          },
          h('td', { title: r.createdAt }, time(r.createdAt)),
          h('td', null, r.provider),
          h('td', null, r.kind),
          h('td', { class: 'id' }, r.id),
          h('td', null, r.account),
          h('td', { class: 'state-cell' }, stateBadge(r, r.state)),
          h('td', { class: 'history' }, history),
        );
      }),
    );
  }

  const select = act(async (k) => {
    S.selected = k;
    S.detail = null;
    S.detailCallbacks = [];
    render();
    await loaders.detail();
    render();
  });

  function attemptsOf(d) {
    if (d.attempts.length === 0) return [h('span', { class: 'hint' }, d.nextAttemptAt ? 'due ' + stamp(isoOf(d.nextAttemptAt)) : '—')];
    return d.attempts.map((a) =>
      h(
        'span',
        { class: 'attempt' },
        '#' + a.attempt + ' ',
        h('span', { class: 'status-' + String(a.status || 0).charAt(0) }, a.status ? String(a.status) : a.error || 'no answer'),
        ' · ' + Math.round(a.latencyMs) + ' ms · ' + time(isoOf(a.at)),
      ),
    );
  }

  function renderDetail() {
    const aside = $('#detail');
    const r = S.selected && S.records.get(S.selected);
    if (unchanged('detail', JSON.stringify([S.selected, r, S.detail, S.detailCallbacks]))) return;
    if (!r) {
      aside.replaceChildren(h('p', { class: 'empty' }, 'Select a message or call to see its history, callbacks and the provider\'s view.'));
      return;
    }
    const cbs = S.detailCallbacks;
    aside.replaceChildren(
      h('h2', null, r.provider + ' ' + r.kind + ' ', h('span', { class: 'mono' }, r.id)),
      h('div', null, 'account ', h('b', null, r.account), ' · now ', stateBadge(r, r.state)),
      h('h3', null, 'State history'),
      h('table', { class: 'history-table' },
        h('tbody', null, r.history.map((step) => h('tr', null, h('td', { class: 'mono' }, stamp(step.at)), h('td', null, stateBadge(r, step.state)))))),
      h('h3', null, 'Callbacks (' + cbs.length + ')'),
      cbs.length === 0
        ? h('p', { class: 'empty' }, 'None about this record.')
        : h('table', null, h('tbody', null, cbs.map((d) => h('tr', null, h('td', null, d.method + ' ', h('span', { class: 'mono' }, d.url), d.body ? h('pre', null, d.body) : null), h('td', null, d.state), h('td', null, attemptsOf(d)))))),
      h('h3', null, 'Provider view'),
      h('pre', null, S.detail ? JSON.stringify(S.detail.detail === undefined ? null : S.detail.detail, null, 2) : 'loading…'),
    );
  }

  function renderCallbacks() {
    if (unchanged('callbacks', JSON.stringify([S.callbacks, S.callbackStats]))) return;
    $('#count-callbacks').textContent = String(S.callbacks.length);
    const st = S.callbackStats;
    $('#callback-stats').textContent = st ? 'pending ' + st.pending + ' · in flight ' + st.inFlight + ' · delivered ' + st.delivered + ' · failed ' + st.failed + ' · dropped ' + st.dropped : '';
    $('#callbacks-empty').hidden = S.callbacks.length > 0;
    $('#callbacks tbody').replaceChildren(
      ...S.callbacks.map((d) =>
        h(
          'tr',
          { 'data-id': d.id },
          h('td', { title: isoOf(d.createdAt) }, time(isoOf(d.createdAt))),
          h('td', null, d.provider),
          h('td', { class: 'id' }, d.subject || ''),
          h('td', null, d.method + ' ', h('span', { class: 'mono' }, d.url), d.body ? h('pre', null, d.body) : null),
          h('td', null, h('span', { class: 'state ' + tone(d.state === 'delivered' ? 'delivered' : d.state === 'failed' || d.state === 'dropped' ? 'failed' : d.state) }, d.state), d.dropReason ? h('div', { class: 'hint' }, d.dropReason) : null, d.rule ? h('div', { class: 'hint' }, 'rule ' + d.rule) : null),
          h('td', null, attemptsOf(d)),
          h('td', null, h('button', { type: 'button', onclick: act(async () => { await api('POST', '/callbacks/' + encodeURIComponent(d.id) + '/redeliver'); refresh('callbacks'); }) }, 'Redeliver')),
        ),
      ),
    );
  }

  function renderJournal() {
    if (unchanged('journal', JSON.stringify([S.journal.map((e) => e.seq), [...S.openJournal]]))) return;
    $('#count-journal').textContent = String(S.journal.length);
    $('#journal-empty').hidden = S.journal.length > 0;
    const rows = [];
    for (const e of S.journal) {
      const open = S.openJournal.has(e.seq);
      rows.push(
        h(
          'tr',
          { 'data-seq': e.seq, onclick: () => { if (open) S.openJournal.delete(e.seq); else S.openJournal.add(e.seq); render(); } },
          h('td', { title: e.at }, time(e.at)),
          h('td', null, e.method),
          h('td', { class: 'mono' }, e.url),
          h('td', null, (e.provider || '') + (e.operation ? ' ' + e.operation : '')),
          h('td', null, e.account || ''),
          h('td', { class: 'status-' + String(e.status).charAt(0) }, String(e.status)),
          h('td', { class: 'num' }, String(e.durationMs)),
        ),
      );
      if (open) {
        rows.push(h('tr', { class: 'journal-body' }, h('td', { colspan: 7 },
          h('b', null, 'request'), h('pre', null, e.body === undefined ? '(no body)' : JSON.stringify(e.body, null, 2)),
          h('b', null, 'answer'), h('pre', null, e.response === undefined ? '(not kept)' : e.response))));
      }
    }
    $('#journal tbody').replaceChildren(...rows);
  }

  function renderAccounts() {
    const devino = S.accounts.filter((a) => a.provider === 'devino').map((a) => a.id);
    fillSelect($('#incoming-form select[name=account]'), devino);
    const tbody = $('#accounts tbody');
    // Re-rendering would wipe a balance being typed (the table catches up when it loses focus).
    const typing = document.activeElement;
    if (typing && typing.classList.contains('balance') && tbody.contains(typing)) return;
    if (unchanged('accounts', JSON.stringify([S.accounts, S.saved]))) return;
    tbody.replaceChildren(
      ...S.accounts.map((a) => {
        const accountKey = a.provider + '/' + a.id;
        const balance = h('input', { class: 'balance', type: 'number', step: 'any', value: String(a.balance), 'aria-label': 'Balance of ' + a.provider + ' ' + a.id });
        const disabled = h('input', { type: 'checkbox', checked: a.disabled, 'aria-label': 'Disable ' + a.provider + ' ' + a.id });
        const saved = h('span', { class: 'saved' }, S.saved === accountKey ? 'saved' : '');
        const save = act(async () => {
          await api('PATCH', '/accounts/' + encodeURIComponent(a.provider) + '/' + encodeURIComponent(a.id), { balance: Number(balance.value), disabled: disabled.checked });
          S.saved = accountKey;
          balance.blur();
          refresh('accounts');
        });
        balance.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') save(ev); });
        return h('tr', { 'data-provider': a.provider, 'data-account': a.id }, h('td', null, a.provider), h('td', { class: 'mono' }, a.id), h('td', null, balance), h('td', null, disabled), h('td', null, h('button', { type: 'button', onclick: save }, 'Save'), saved));
      }),
    );
  }

  function renderScenarios() {
    const { scenarios, active, errors } = S.scenarios;
    if (unchanged('scenarios', JSON.stringify(S.scenarios))) return;
    $('#count-scenarios').textContent = active.length ? active.length + ' active' : '';
    $('#scenario-errors').replaceChildren(...errors.map((e) => h('div', { class: 'errors' }, e.error)));
    $('#scenarios tbody').replaceChildren(
      ...scenarios.map((s) =>
        h(
          'tr',
          { 'data-scenario': s.name },
          h('td', null, h('input', { type: 'checkbox', checked: s.active, 'aria-label': 'Activate ' + s.name, onchange: act(async (ev) => {
            try {
              await api('POST', '/scenarios/' + encodeURIComponent(s.name) + (ev.target.checked ? '/activate' : '/deactivate'));
            } finally {
              // Redrawn from the server's answer even when it refused, so the box shows the truth.
              delete shown.scenarios;
              refresh('scenarios');
            }
          }) })),
          h('td', { class: 'mono' }, s.name),
          h('td', null, s.description || ''),
          h('td', { class: 'num' }, String(s.rules)),
          h('td', { class: 'hint' }, s.source.split('/').pop()),
        ),
      ),
    );
  }

  // ---------- controls ----------
  const clockAnswer = (c) => {
    S.clock = c;
    S.clockReceived = performance.now();
    render();
  };
  for (const button of document.querySelectorAll('[data-advance]')) {
    button.addEventListener('click', act(async () => clockAnswer(await api('POST', '/clock/advance', { by: button.dataset.advance }))));
  }
  $('#advance-form').addEventListener('submit', act(async (ev) => {
    clockAnswer(await api('POST', '/clock/advance', { by: ev.target.by.value.trim() }));
  }));
  $('#set-form').addEventListener('submit', act(async (ev) => {
    clockAnswer(await api('POST', '/clock', { now: ev.target.now.value + 'Z' }));
  }));
  $('#mode-select').addEventListener('change', act(async (ev) => clockAnswer(await api('POST', '/clock', { mode: ev.target.value }))));
  // Each press plays the next seed, so a second hour is not a copy of the first.
  $('#traffic').addEventListener('click', act(async () => {
    S.trafficSeed = (S.trafficSeed || 0) + 1;
    await api('POST', '/traffic', { minutes: 60, seed: S.trafficSeed });
    clockAnswer(await api('GET', '/clock'));
  }));
  $('#reset').addEventListener('click', act(async () => {
    if (!confirm('Reset everything to the fixtures: messages, calls, balances, journal, callbacks, scenarios?')) return;
    await api('POST', '/reset');
  }));
  $('#journal-clear').addEventListener('click', act(async () => {
    await api('DELETE', '/journal');
    refresh('journal');
  }));
  $('#scenarios-off').addEventListener('click', act(async () => {
    await api('DELETE', '/scenarios/active');
    refresh('scenarios');
  }));
  $('#incoming-form').addEventListener('submit', act(async (ev) => {
    const f = ev.target;
    const body = { account: f.account.value || undefined, from: f.from.value.trim(), to: f.to.value.trim() || undefined, text: f.text.value };
    const msg = await api('POST', '/devino/incoming', body);
    $('#incoming-result').textContent = 'Injected incoming SMS ' + msg.id + ' from ' + msg.from + ' to ' + msg.to;
  }));
  $('#token-form').addEventListener('submit', act(async (ev) => {
    localStorage.setItem(TOKEN_KEY, ev.target.token.value);
    $('#token-bar').hidden = true;
    connect();
  }));
  for (const el of ['#f-provider', '#f-kind', '#f-text']) $(el).addEventListener('input', render);
  $('#accounts tbody').addEventListener('focusout', () => render());
  for (const tab of document.querySelectorAll('[data-tab]')) {
    tab.addEventListener('click', () => {
      S.tab = tab.dataset.tab;
      for (const t of document.querySelectorAll('[data-tab]')) t.classList.toggle('active', t === tab);
      for (const s of document.querySelectorAll('.tab')) s.classList.toggle('active', s.id === 'tab-' + S.tab);
      if (S.tab === 'journal' || S.tab === 'callbacks' || S.tab === 'accounts') refresh(S.tab);
    });
  }
  // Requests leave no event of their own; while their tab is open the journal is polled.
  setInterval(() => {
    if (S.tab === 'journal' && !document.hidden) refresh('journal');
  }, 2000);

  connect();
})();
`;
