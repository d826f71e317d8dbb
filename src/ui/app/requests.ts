// The Requests tab: every request a provider answered, newest first; opened, its headers (secrets
// masked), body and answer, and "copy as curl".
import { api } from './api.js';
import { h, $ } from './dom.js';
import { bothZones, clockTime } from './format.js';
import { curlOf } from './curl.js';
import type { JournalEntry } from './types.js';

function pretty(text: string | undefined): string {
  if (text === undefined) return '(not kept)';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function createRequests(fail: (err: unknown) => void) {
  let entries: JournalEntry[] = [];
  const open = new Set<number>();
  let shown = '';

  function detailOf(e: JournalEntry): HTMLElement {
    const curl = curlOf(e, location.origin);
    const copied = h('span', { class: 'saved', role: 'status' });
    const copy = h('button', { type: 'button', 'data-testid': 'copy-curl', onclick: (ev: Event) => {
      ev.stopPropagation();
      navigator.clipboard.writeText(curl).then(() => (copied.textContent = 'copied'), () => (copied.textContent = 'select the text below to copy'));
    } }, 'Copy as curl');
    const headers = Object.entries(e.headers ?? {});
    return h('div', { class: 'request-detail', 'data-testid': 'request-detail' },
      h('div', null, copy, copied),
      h('h4', null, 'Headers'),
      headers.length ? h('table', { class: 'kv' }, h('tbody', null, headers.map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', { class: 'mono' }, v))))) : h('p', { class: 'hint' }, '(none kept)'),
      h('h4', null, 'Body'), h('pre', null, e.body === undefined ? '(no body)' : JSON.stringify(e.body, null, 2)),
      h('h4', null, 'Answer'), h('pre', null, pretty(e.response)),
      h('h4', null, 'curl'), h('pre', { class: 'curl', 'data-testid': 'curl' }, curl),
    );
  }

  function render() {
    const signature = JSON.stringify([entries.map((e) => e.seq), [...open]]);
    if (signature === shown) return;
    shown = signature;
    $('#count-journal').textContent = String(entries.length);
    $('#journal-empty').hidden = entries.length > 0;
    $('#journal').replaceChildren(...entries.map((e) => {
      const isOpen = open.has(e.seq);
      const toggle = () => {
        if (isOpen) open.delete(e.seq);
        else open.add(e.seq);
        render();
      };
      return h('li', { class: `request${isOpen ? ' open' : ''}`, 'data-seq': e.seq },
        h('button', { type: 'button', class: 'request-line', 'aria-expanded': String(isOpen), onclick: toggle },
          h('time', { title: bothZones(e.at) }, clockTime(e.at)), h('b', null, e.method), h('span', { class: 'mono url' }, e.url),
          h('span', { class: 'hint' }, [e.provider, e.operation, e.account].filter(Boolean).join(' · ')),
          h('span', { class: `status status-${String(e.status).charAt(0)}` }, String(e.status)), h('span', { class: 'hint' }, `${e.durationMs} ms`)),
        isOpen ? detailOf(e) : null);
    }));
  }

  return {
    async load() {
      try {
        entries = (await api<{ entries: JournalEntry[] }>('GET', '/journal?limit=200')).entries;
        render();
      } catch (err) {
        fail(err);
      }
    },
    async clear() {
      await api('DELETE', '/journal');
      entries = [];
      render();
    },
  };
}
