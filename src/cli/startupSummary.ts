// What a person starting the simulator needs first: where the sandbox UI, the admin API and each
// provider are, how the clock runs and which scenarios are active. One log line with these fields
// in JSON mode; a readable block with --pretty.
import type { Simulator } from '../app.js';

export interface StartupSummary {
  url: string;
  ui: string;
  admin: string;
  openapi: string;
  providers: Record<string, string>;
  clock: string;
  scenarios: string[];
}

/** A browsable base URL for the address the server is bound to (a wildcard address becomes loopback). */
export function baseUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

export function startupSummary(sim: Simulator, port: number): StartupSummary {
  const url = baseUrl(sim.ctx.config.host, port);
  const clock = sim.ctx.clock.state();
  return {
    url,
    ui: `${url}/_sim/ui`,
    admin: `${url}/_sim`,
    openapi: `${url}/_sim/openapi/`,
    providers: Object.fromEntries(sim.providers.map(({ definition: p }) => [p.slug, `${url}${p.basePath}`])),
    clock: clock.mode === 'speed' ? `x${clock.factor}` : clock.mode,
    scenarios: sim.scenarios.active(),
  };
}

export function readableSummary(s: StartupSummary): string {
  const width = Math.max(...Object.keys(s.providers).map((k) => k.length), 'sandbox UI'.length) + 2;
  const row = (label: string, value: string) => `  ${label.padEnd(width)}${value}`;
  return [
    `provider-sim is listening on ${s.url}`,
    row('sandbox UI', s.ui),
    row('admin API', `${s.admin}  (reference: ${s.openapi})`),
    ...Object.entries(s.providers).map(([slug, url]) => row(slug, url)),
    row('clock', s.clock),
    row('scenarios', s.scenarios.length ? s.scenarios.join(', ') : '(none active)'),
    '',
  ].join('\n');
}
