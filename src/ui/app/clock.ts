// The simulator clock in the header: shown in UTC and Moscow time, advanced, set (the input is UTC,
// 24-hour, typed as text so no browser shows it in 12-hour local form), and its mode switched.
import { api } from './api.js';
import { $ } from './dom.js';
import { bothZones, utc } from './format.js';
import type { ClockView } from './types.js';

const factorOf = (mode: string) => (mode === 'manual' ? 0 : mode === 'real' ? 1 : Number(mode.slice(1)) || 1);

export function createClock(fail: (err: unknown) => void) {
  let clock: ClockView | undefined;
  let received = 0;
  const now = $('#clock-now');
  const mode = $<HTMLSelectElement>('#mode-select');
  const setInput = $<HTMLInputElement>('#set-form input');

  const simNow = () => (clock ? clock.epochMs + Math.floor((performance.now() - received) * factorOf(clock.mode)) : undefined);
  function render() {
    const ms = simNow();
    if (!clock || ms === undefined) return;
    now.textContent = bothZones(ms);
    now.dataset.epoch = String(ms);
    $('#clock-mode').textContent = clock.mode + (clock.pendingTimers ? ` · ${clock.pendingTimers} timers` : '');
    if (document.activeElement !== mode) {
      if (![...mode.options].some((o) => o.value === clock?.mode)) mode.append(new Option(clock.mode, clock.mode));
      mode.value = clock.mode;
    }
    if (document.activeElement !== setInput) setInput.value = utc(ms);
  }
  const take = (c: ClockView) => {
    clock = c;
    received = performance.now();
    render();
  };
  const act = (run: () => Promise<ClockView>) => run().then(take, fail);

  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-advance]')) {
    button.addEventListener('click', () => act(() => api('POST', '/clock/advance', { by: button.dataset.advance })));
  }
  $('#advance-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const by = $<HTMLInputElement>('#advance-form input').value.trim();
    void act(() => api('POST', '/clock/advance', { by }));
  });
  $('#set-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = setInput.value.trim().replace(' ', 'T');
    void act(() => api('POST', '/clock', { now: /Z$|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z` }));
  });
  mode.addEventListener('change', () => act(() => api('POST', '/clock', { mode: mode.value })));
  setInterval(() => {
    if (clock && clock.mode !== 'manual') render();
  }, 250);

  return { load: () => act(() => api<ClockView>('GET', '/clock')) };
}
