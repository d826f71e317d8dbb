// One message or call, readable: what the subscriber got, the state timeline in UTC and Moscow time,
// the callbacks about it with each attempt, and the provider's own view as a table (JSON on request).
import { api, path } from './api.js';
import { h, type Child } from './dom.js';
import { bothZones, looksLikeEpochMs, seconds } from './format.js';
import { phoneLink, snippetOf, subscriberOf } from './inbox.js';
import { describeState, stateBadge } from './states.js';
import type { CallbackDelivery, CallbackList, RecordDetail, RecordView } from './types.js';

export function attemptsOf(d: CallbackDelivery): HTMLElement[] {
  if (d.attempts.length === 0) return [h('span', { class: 'hint' }, d.nextAttemptAt ? `due ${bothZones(d.nextAttemptAt)}` : '—')];
  return d.attempts.map((a) =>
    h('span', { class: 'attempt' }, `#${a.attempt} `,
      h('span', { class: `status-${String(a.status ?? 0).charAt(0)}` }, a.status ? String(a.status) : (a.error ?? 'no answer')),
      ` · ${Math.round(a.latencyMs)} ms · `, h('time', { title: bothZones(a.at) }, bothZones(a.at))),
  );
}

/** A provider's record as rows of `path: value`, nested objects flattened; epoch times as date-times. */
function flatten(value: unknown, prefix: string, out: [string, string][]) {
  if (looksLikeEpochMs(value)) out.push([prefix, bothZones(value)]);
  else if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) out.push([prefix, value.map((v) => (looksLikeEpochMs(v) ? bothZones(v) : String(v))).join(', ')]);
  else if (value && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) out.push([prefix, Array.isArray(value) ? '[]' : '{}']);
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.push([prefix, value === undefined ? '' : String(value)]);
}

export function providerView(detail: unknown): HTMLElement {
  if (detail === undefined || detail === null) return h('p', { class: 'hint' }, 'The provider keeps no view of this record.');
  const rows: [string, string][] = [];
  flatten(detail, '', rows);
  const table = h('table', { class: 'kv' }, h('tbody', null, rows.map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v)))));
  const json = h('pre', { hidden: true }, JSON.stringify(detail, null, 2));
  const toggle = h('button', { type: 'button', 'aria-expanded': 'false', onclick: () => {
    json.hidden = !json.hidden;
    table.hidden = !json.hidden;
    toggle.textContent = json.hidden ? 'Show JSON' : 'Show table';
    toggle.setAttribute('aria-expanded', String(!json.hidden));
  } }, 'Show JSON');
  return h('div', { class: 'provider-view' }, toggle, table, json);
}

export interface DetailDeps {
  openPhone(number: string): void;
  close(): void;
}

export async function loadDetail(r: RecordView): Promise<{ detail: RecordDetail; callbacks: CallbackDelivery[] }> {
  const [detail, cbs] = await Promise.all([
    api<RecordDetail>('GET', `/records/${path(r.provider, r.kind, r.id)}`),
    api<CallbackList>('GET', `/callbacks?limit=100&subject=${encodeURIComponent(r.id)}`),
  ]);
  return { detail, callbacks: cbs.deliveries.filter((d) => d.provider === r.provider) };
}

export function renderDetail(r: RecordDetail, callbacks: CallbackDelivery[], deps: DetailDeps): HTMLElement {
  const number = subscriberOf(r);
  const facts: [string, Child][] = [
    ['account', r.account],
    [r.incoming ? 'from (subscriber)' : 'to', number ? phoneLink(number, deps.openPhone) : (r.to ?? '')],
    [r.incoming ? 'to' : 'from', (r.incoming ? r.to : r.from) ?? ''],
    ['created', bothZones(r.createdAt)],
  ];
  if (r.durationS !== undefined) facts.push(['connected', seconds(r.durationS)]);
  if (r.digits) facts.push(['pressed', r.digits]);
  if (r.code) facts.push(['code', r.code]);
  const text = r.text ?? r.summary;
  return h('div', { class: 'detail', 'data-testid': 'detail' },
    h('div', { class: 'side-head' },
      h('h2', null, `${r.provider} ${r.kind} `, h('span', { class: 'mono id' }, r.id)),
      h('button', { type: 'button', class: 'close', 'aria-label': 'Close', onclick: deps.close }, '×')),
    h('div', null, 'now ', stateBadge(r.provider, r.kind, r.state)),
    text !== undefined ? h('blockquote', { class: 'message-text' }, snippetOf(r)) : null,
    h('table', { class: 'kv facts' }, h('tbody', null, facts.filter(([, v]) => v !== '').map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v))))),
    h('h3', null, 'Timeline'),
    h('ol', { class: 'timeline' }, r.history.map((step) => h('li', null, h('time', { datetime: step.at }, bothZones(step.at)), ' ', h('span', { title: describeState(r.provider, r.kind, step.state) }, stateBadge(r.provider, r.kind, step.state))))),
    h('h3', null, `Callbacks (${callbacks.length})`),
    callbacks.length === 0
      ? h('p', { class: 'hint' }, 'None about this record.')
      : h('ul', { class: 'callbacks' }, callbacks.map((d) => h('li', null, h('div', null, `${d.method} `, h('span', { class: 'mono url' }, d.url), ` · ${d.state}`), d.body ? h('pre', null, d.body) : null, attemptsOf(d)))),
    h('h3', null, "Provider's view"),
    providerView(r.detail),
  );
}
