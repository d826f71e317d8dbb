// A record's state as words and a colour: the provider's description beside its code (from the
// providers' UI data), and whether it is good, bad or still on its way.
import { h } from './dom.js';
import type { StateLabels } from './types.js';

declare global {
  // Set by the first line of app.js, from the providers' definitions.
  var SIM_LABELS: StateLabels | undefined;
}

export const labels = (): StateLabels => globalThis.SIM_LABELS ?? {};

export function describeState(provider: string, kind: string, state: string): string {
  const text = labels()[`${provider}/${kind}`]?.[state];
  return text ? `${state} ${text}` : state;
}

const BAD = /fail|error|reject|busy|no.?answer|not.?deliver|not.?listen|expired|cancel|deleted|ошибка|отклонено|просрочено|не прослушано|удалено|недопустим|неверно|не доставлено/i;
const GOOD = /deliver|answered|listened|done|stored|received|^ok\b|\bok$|доставлено|прослушано/i;

export const tone = (text: string) => (BAD.test(text) ? 'bad' : GOOD.test(text) ? 'ok' : 'wait');

export function stateBadge(provider: string, kind: string, state: string): HTMLElement {
  const text = describeState(provider, kind, state);
  return h('span', { class: `state ${tone(text)}`, title: text }, text);
}
