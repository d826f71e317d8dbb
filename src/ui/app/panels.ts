// The smaller tabs: callbacks with their attempts and redelivery, balances, scenarios.
import { api, path } from './api.js';
import { attemptsOf } from './detail.js';
import { h, $ } from './dom.js';
import { bothZones, clockTime } from './format.js';
import { tone } from './states.js';
import type { Account, CallbackList, ScenarioList } from './types.js';

/** Redraws a panel only when what it shows changed (a redraw under the pointer swallows clicks). */
function once() {
  let last = '';
  return (signature: string) => {
    if (signature === last) return false;
    last = signature;
    return true;
  };
}

export function createCallbacks(fail: (err: unknown) => void) {
  const changed = once();
  const load = async () => {
    try {
      const data = await api<CallbackList>('GET', '/callbacks?limit=300');
      if (!changed(JSON.stringify(data))) return;
      const st = data.stats;
      $('#count-callbacks').textContent = String(data.deliveries.length);
      $('#callback-stats').textContent = `pending ${st.pending} · in flight ${st.inFlight} · delivered ${st.delivered} · failed ${st.failed} · dropped ${st.dropped}`;
      $('#callbacks-empty').hidden = data.deliveries.length > 0;
      $('#callbacks tbody').replaceChildren(...data.deliveries.map((d) => {
        const state = d.state === 'delivered' ? 'delivered' : d.state === 'failed' || d.state === 'dropped' ? 'failed' : d.state;
        return h('tr', { 'data-id': d.id },
          h('td', { title: bothZones(d.createdAt) }, clockTime(d.createdAt)),
          h('td', null, d.provider),
          h('td', { class: 'id' }, d.subject ?? ''),
          h('td', null, `${d.method} `, h('span', { class: 'mono url' }, d.url), d.body ? h('pre', null, d.body) : null),
          h('td', null, h('span', { class: `state ${tone(state)}` }, d.state), d.dropReason ? h('div', { class: 'hint' }, d.dropReason) : null, d.rule ? h('div', { class: 'hint' }, `rule ${d.rule}`) : null),
          h('td', null, attemptsOf(d)),
          h('td', null, h('button', { type: 'button', onclick: () => api('POST', `/callbacks/${path(d.id)}/redeliver`).then(load, fail) }, 'Redeliver')));
      }));
    } catch (err) {
      fail(err);
    }
  };
  return { load };
}

export function createAccounts(fail: (err: unknown) => void) {
  const changed = once();
  let saved = '';
  const tbody = $('#accounts tbody');
  const load = async () => {
    try {
      const { accounts } = await api<{ accounts: Account[] }>('GET', '/accounts');
      // Redrawing would wipe a balance being typed (the table catches up when it loses focus).
      const typing = document.activeElement;
      if (typing instanceof HTMLInputElement && tbody.contains(typing)) return;
      if (!changed(JSON.stringify([accounts, saved]))) return;
      tbody.replaceChildren(...accounts.map((a) => {
        const key = `${a.provider}/${a.id}`;
        const balance = h('input', { class: 'balance', type: 'number', step: 'any', value: String(a.balance), 'aria-label': `Balance of ${a.provider} ${a.id}` });
        const disabled = h('input', { type: 'checkbox', checked: a.disabled, 'aria-label': `Disable ${a.provider} ${a.id}` });
        const save = () =>
          api('PATCH', `/accounts/${path(a.provider, a.id)}`, { balance: Number(balance.value), disabled: disabled.checked }).then(() => {
            saved = key;
            balance.blur();
            return load();
          }, fail);
        balance.addEventListener('keydown', (ev) => {
          if (ev.key === 'Enter') void save();
        });
        return h('tr', { 'data-provider': a.provider, 'data-account': a.id },
          h('td', null, a.provider), h('td', { class: 'mono' }, a.id), h('td', null, balance), h('td', null, disabled),
          h('td', null, h('button', { type: 'button', onclick: save }, 'Save'), h('span', { class: 'saved' }, saved === key ? 'saved' : '')));
      }));
    } catch (err) {
      fail(err);
    }
  };
  tbody.addEventListener('focusout', () => setTimeout(load, 0));
  return { load };
}

export function createScenarios(fail: (err: unknown) => void) {
  let changed = once();
  const load = async () => {
    try {
      const data = await api<ScenarioList>('GET', '/scenarios');
      if (!changed(JSON.stringify(data))) return;
      $('#count-scenarios').textContent = data.active.length ? `${data.active.length} active` : '';
      $('#scenario-errors').replaceChildren(...data.errors.map((e) => h('div', { class: 'errors' }, e.error)));
      $('#scenarios tbody').replaceChildren(...data.scenarios.map((s) =>
        h('tr', { 'data-scenario': s.name },
          h('td', null, h('input', { type: 'checkbox', checked: s.active, 'aria-label': `Activate ${s.name}`, onchange: (ev: Event) => {
            const on = (ev.target as HTMLInputElement).checked;
            // Redrawn from the server's answer even when it refused, so the box shows the truth.
            api('POST', `/scenarios/${path(s.name)}/${on ? 'activate' : 'deactivate'}`).catch(fail).finally(() => {
              changed = once();
              void load();
            });
          } })),
          h('td', { class: 'mono' }, s.name), h('td', null, s.description ?? ''), h('td', { class: 'num' }, String(s.rules)), h('td', { class: 'hint' }, s.source.split('/').pop() ?? ''))));
    } catch (err) {
      fail(err);
    }
  };
  return { load };
}
