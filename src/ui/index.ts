// The sandbox UI at /_sim/ui: one HTML page, its script (src/ui/app/, bundled) and stylesheet, served
// by the simulator itself (no CDN). The page reads and drives everything through the admin API
// and the /_sim/events stream, so it adds no state and no endpoint of its own.
import type { FastifyInstance } from 'fastify';
import type { ProviderDefinition } from '../core/provider.js';
import { clientScript, type StateLabels } from './client.js';
import { PAGE_HTML } from './page.js';
import { UI_BASE } from './paths.js';
import { STYLE_CSS } from './style.js';

export { UI_BASE } from './paths.js';

/** `<provider>/<kind>` -> state code -> its meaning, from each provider's `ui`. */
const labelsOf = (providers: readonly ProviderDefinition[]): StateLabels =>
  Object.fromEntries(providers.flatMap((p) => Object.entries(p.ui?.states ?? {}).map(([kind, states]) => [`${p.slug}/${kind}`, { ...states }])));

// Everything the page loads comes from this origin; nothing inline runs.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

export async function uiPlugin(app: FastifyInstance, opts: { providers: readonly ProviderDefinition[] }) {
  const labels = labelsOf(opts.providers);
  const files: [url: string, type: string, body: () => string | Promise<string>][] = [
    [UI_BASE, 'text/html; charset=utf-8', () => PAGE_HTML],
    [`${UI_BASE}/app.js`, 'text/javascript; charset=utf-8', () => clientScript(labels)],
    [`${UI_BASE}/app.css`, 'text/css; charset=utf-8', () => STYLE_CSS],
  ];
  // First sight: the root of the simulator opens the sandbox UI (a provider's real-host `/` is
  // rewritten to its own mount before routing, so this never shadows a provider).
  app.get('/', async (_request, reply) => reply.redirect(UI_BASE, 302));
  for (const [url, type, body] of files) {
    // The page shell holds no data (everything comes from the token-guarded admin API): open to all.
    app.get(url, { config: { adminPublic: true } }, async (_request, reply) =>
      reply.type(type).header('cache-control', 'no-cache').header('content-security-policy', CSP).header('x-content-type-options', 'nosniff').send(await body()),
    );
  }
}
