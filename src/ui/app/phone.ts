// A subscriber's phone: every SMS and call the number received from every provider, oldest first, as
// the phone shows them (bubbles with their sender, calls with duration, digits and code), the SMS it
// sent, and a box to send one more as that subscriber.
import { api, path } from './api.js';
import { h } from './dom.js';
import { bothZones, prettyNumber, seconds, utc } from './format.js';
import { describeState } from './states.js';
import type { PhoneView, RecordView } from './types.js';

const isCall = (r: RecordView) => r.text === undefined;

function bubble(r: RecordView): HTMLElement {
  const when = h('time', { datetime: r.createdAt, title: bothZones(r.createdAt) }, utc(r.createdAt).slice(5, 16));
  const state = describeState(r.provider, r.kind, r.state);
  if (isCall(r)) {
    const lines = [r.summary ?? r.kind];
    if (r.durationS !== undefined) lines.push(`connected ${seconds(r.durationS)}`);
    if (r.digits) lines.push(`pressed ${r.digits}`);
    if (r.code && !lines[0].includes(r.code)) lines.push(`code ${r.code}`);
    return h('li', { class: 'call', 'data-kind': r.kind, 'data-id': r.id },
      h('div', { class: 'who' }, `${r.from ? `Call from ${r.from}` : 'Call'} · ${r.provider}`),
      h('div', { class: 'body' }, lines.join(' · ')),
      h('div', { class: 'meta' }, when, ` · ${state}`));
  }
  return h('li', { class: r.incoming ? 'sms sent' : 'sms received', 'data-kind': r.kind, 'data-id': r.id, 'data-part': r.part },
    h('div', { class: 'who' }, r.incoming ? `to ${r.to ?? ''}` : `${r.from ?? ''} · ${r.provider}`),
    h('div', { class: 'body' }, r.text ?? ''),
    h('div', { class: 'meta' }, r.parts && r.parts > 1 ? `part ${r.part}/${r.parts} · ` : '', when, ` · ${state}`));
}

export interface PhoneDeps {
  close(): void;
  fail(err: unknown): void;
  sent(): void;
}

export const loadPhone = (number: string) => api<PhoneView>('GET', `/phones/${path(number)}`);

export function renderPhone(view: PhoneView, deps: PhoneDeps): HTMLElement {
  const text = h('textarea', { name: 'text', rows: 2, required: true, placeholder: 'Reply as this subscriber', 'aria-label': 'Reply text' });
  const form = h('form', { class: 'reply' }, text, h('button', { type: 'submit' }, 'Send'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void api('POST', `/phones/${path(view.number)}/sms`, { text: text.value }).then(() => {
      text.value = '';
      deps.sent();
    }, deps.fail);
  });
  return h('div', { class: 'phone', 'data-testid': 'phone', 'data-number': view.number },
    h('div', { class: 'side-head' }, h('h2', null, 'Phone ', prettyNumber(view.number)), h('button', { type: 'button', class: 'close', 'aria-label': 'Close the phone', onclick: deps.close }, '×')),
    view.truncated ? h('p', { class: 'hint' }, 'Only the newest messages and calls are shown.') : null,
    view.records.length === 0 ? h('p', { class: 'hint' }, 'Nothing sent to this number yet.') : null,
    h('ol', { class: 'thread' }, view.records.map(bubble)),
    form,
  );
}
