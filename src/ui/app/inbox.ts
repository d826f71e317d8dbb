// The inbox: every message and call, newest first, as a virtualised list. Only the rows in view exist
// in the page; the server filters and pages (GET /_sim/records?q=&offset=), so 100,000 stored records
// cost the page one page of rows, and a burst of live events costs one refetch of the rows in view.
import { api } from './api.js';
import { h, $ } from './dom.js';
import { bothZones, prettyNumber, utc } from './format.js';
import { stateBadge } from './states.js';
import type { RecordList, RecordView } from './types.js';

export const ROW_HEIGHT = 56;
const PAGE = 100;
/** Rows drawn above and below the visible ones, so a scroll shows rows, not gaps. */
const OVERSCAN = 8;
/** Live changes refetch the rows in view at most this often. */
const LIVE_EVERY_MS = 400;
/** Typing settles for this long before the server is asked. */
const TYPE_PAUSE_MS = 120;

export const recordKey = (r: Pick<RecordView, 'provider' | 'kind' | 'id'>) => `${r.provider}/${r.kind}/${r.id}`;

/** The subscriber a record is about: where it went, or (an SMS the subscriber sent) where it came from. */
export const subscriberOf = (r: RecordView) => (r.incoming ? r.from : r.to);

/** What a row says of a record: the text of an SMS, the script, file or code of a call. */
export function snippetOf(r: RecordView): string {
  if (r.text !== undefined) return (r.parts && r.parts > 1 ? `(${r.part}/${r.parts}) ` : '') + r.text;
  return r.summary ?? '';
}

export function phoneLink(number: string, open: (number: string) => void): HTMLButtonElement {
  return h('button', { type: 'button', class: 'phone-link', 'data-testid': 'phone-link', 'data-number': number, title: `The phone of ${number}`, onclick: (e: Event) => { e.stopPropagation(); open(number); } }, prettyNumber(number));
}

export interface InboxDeps {
  select(r: RecordView): void;
  openPhone(number: string): void;
  selected(): string | undefined;
  fail(err: unknown): void;
  counted(total: number): void;
}

interface Page {
  gen: number;
  rows: RecordView[];
}

export function createInbox(deps: InboxDeps) {
  const scroller = $('#records-scroll');
  const spacer = $('#records-spacer');
  const empty = $('#records-empty');
  const search = $<HTMLInputElement>('#search');
  const providerSelect = $<HTMLSelectElement>('#f-provider');
  const kindSelect = $<HTMLSelectElement>('#f-kind');

  /** Bumped whenever what the list shows may have changed: pages of an older generation are refetched. */
  let gen = 0;
  let total = 0;
  let loaded = false;
  const pages = new Map<number, Page>();
  const loading = new Map<number, number>();
  /** The row element of each record drawn, with the state it was drawn in. */
  const drawn = new Map<string, { el: HTMLElement; sig: string }>();

  const params = (page: number) => {
    const p = new URLSearchParams({ limit: String(PAGE), offset: String(page * PAGE) });
    const q = search.value.trim();
    if (q) p.set('q', q);
    if (providerSelect.value) p.set('provider', providerSelect.value);
    if (kindSelect.value) p.set('kind', kindSelect.value);
    return p.toString();
  };

  function range() {
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(total, Math.ceil((scroller.scrollTop + scroller.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    return { first, last: Math.max(first, last) };
  }

  async function load(page: number) {
    const g = gen;
    loading.set(page, g);
    try {
      const data = await api<RecordList>('GET', `/records?${params(page)}`);
      if (g !== gen) return;
      pages.set(page, { gen: g, rows: data.records });
      total = data.total;
      loaded = true;
      deps.counted(total);
      draw();
    } catch (err) {
      deps.fail(err);
    } finally {
      if (loading.get(page) === g) loading.delete(page);
    }
  }

  /** Asks for the pages in view that are missing or out of date. */
  function ensure() {
    const { first, last } = range();
    const from = Math.floor(first / PAGE);
    const to = Math.max(from, Math.floor(Math.max(first, last - 1) / PAGE));
    for (let p = from; p <= to; p++) {
      const have = pages.get(p);
      if ((!have || have.gen !== gen) && loading.get(p) !== gen) void load(p);
    }
  }

  function rowOf(r: RecordView, selected: boolean): HTMLElement {
    const number = subscriberOf(r);
    return h(
      'div',
      {
        class: `row${selected ? ' selected' : ''}`,
        role: 'listitem',
        tabindex: 0,
        'data-testid': 'record-row',
        'data-key': recordKey(r),
        'data-id': r.id,
        'data-provider': r.provider,
        'data-kind': r.kind,
        'data-state': r.state,
        onclick: () => deps.select(r),
        onkeydown: (e: Event) => {
          if ((e as KeyboardEvent).key === 'Enter') deps.select(r);
        },
      },
      h('div', { class: 'r1' },
        h('span', { class: 'prov' }, r.provider), h('span', { class: 'kind' }, r.kind),
        number ? phoneLink(number, deps.openPhone) : h('span', { class: 'hint' }, r.account),
        r.incoming ? h('span', { class: 'dir', title: 'Sent by the subscriber' }, '↩') : null,
        h('time', { class: 'time', datetime: r.createdAt, title: bothZones(r.createdAt) }, utc(r.createdAt).slice(5, 16))),
      h('div', { class: 'r2' }, h('span', { class: 'snippet' }, snippetOf(r) || r.id), stateBadge(r.provider, r.kind, r.state)),
    );
  }

  function draw() {
    spacer.style.height = `${total * ROW_HEIGHT}px`;
    empty.hidden = !loaded || total > 0;
    const { first, last } = range();
    const selected = deps.selected();
    const keep = new Set<string>();
    // Rows stay in the page in list order (screen readers and keyboard focus follow it); a row moves only when out of place.
    let previous: Element | null = null;
    for (let i = first; i < last; i++) {
      const page = pages.get(Math.floor(i / PAGE));
      const r = page?.rows[i % PAGE];
      if (!r) continue;
      const key = recordKey(r);
      if (keep.has(key)) continue; // a record that moved between two pages of different ages
      keep.add(key);
      const sig = `${r.state}|${r.history.length}|${key === selected}`;
      let row = drawn.get(key);
      // A row is rebuilt only when what it shows changed: one replaced under the pointer would swallow a click.
      if (!row || row.sig !== sig) {
        const el = rowOf(r, key === selected);
        if (row) row.el.replaceWith(el);
        else spacer.append(el);
        row = { el, sig };
        drawn.set(key, row);
      }
      row.el.style.transform = `translateY(${i * ROW_HEIGHT}px)`;
      if (row.el.previousElementSibling !== previous) {
        if (previous) previous.after(row.el);
        else spacer.prepend(row.el);
      }
      previous = row.el;
    }
    for (const [key, row] of drawn) {
      if (keep.has(key)) continue;
      row.el.remove();
      drawn.delete(key);
    }
  }

  /** What the list shows may have changed: the rows in view are fetched again (older pages are forgotten). */
  function invalidate() {
    gen++;
    const { first, last } = range();
    for (const p of pages.keys()) if (p < Math.floor(first / PAGE) || p > Math.floor(last / PAGE)) pages.delete(p);
    ensure();
  }

  let typing: ReturnType<typeof setTimeout> | undefined;
  const refilter = () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      scroller.scrollTop = 0;
      pages.clear();
      invalidate();
    }, TYPE_PAUSE_MS);
  };
  search.addEventListener('input', refilter);
  providerSelect.addEventListener('change', refilter);
  kindSelect.addEventListener('change', refilter);
  let scrolling = 0;
  scroller.addEventListener('scroll', () => {
    if (scrolling) return;
    scrolling = requestAnimationFrame(() => {
      scrolling = 0;
      draw();
      ensure();
    });
  });

  // Live events are many (a load test sends thousands a second): they mark the list, a timer refetches.
  let changed = false;
  setInterval(() => {
    if (!changed || document.hidden) return;
    changed = false;
    invalidate();
  }, LIVE_EVERY_MS);

  return {
    /** A record was created or changed state. */
    changed() {
      changed = true;
    },
    reload() {
      pages.clear();
      invalidate();
    },
    redraw: draw,
    /** Offers a provider and a kind in the filters (known from events and the providers list). */
    offer(provider: string, kind?: string) {
      for (const [select, value] of [[providerSelect, provider], [kindSelect, kind]] as const) {
        if (value && ![...select.options].some((o) => o.value === value)) select.append(h('option', { value }, value));
      }
    },
  };
}

export type Inbox = ReturnType<typeof createInbox>;
