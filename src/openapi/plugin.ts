// Serves the OpenAPI documents at /_sim/openapi/<slug>.json and a browsable reference at
// /_sim/openapi/ (Swagger UI from the installed @fastify/swagger-ui assets: no CDN needed). It also
// records every route registered after it, so a test can check that each one is documented.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { own } from '../core/own.js';
import type { ProviderDefinition } from '../core/provider.js';

export interface RegisteredRoute {
  method: string;
  url: string;
  provider?: string;
  operation?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Routes registered after the docs plugin (kept on the app, so each simulator has its own list). */
    simRegisteredRoutes?: RegisteredRoute[];
  }
}

/** Routes registered after the plugin, with their provider and operation. */
export const registeredRoutes = (app: FastifyInstance): readonly RegisteredRoute[] => app.simRegisteredRoutes ?? [];

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const assetDir = () => join(dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')), 'static');

const BASE = '/_sim/openapi';

/** The documents' names: each provider's, then the admin API's. */
const slugsOf = (providers: readonly ProviderDefinition[]) => [...providers.map((p) => p.slug), 'admin'];

export function referencePage(slugs: readonly string[]): string {
  const urls = slugs.map((slug) => ({ url: `${BASE}/${slug}.json`, name: slug }));
  const links = slugs.map((slug) => `<a href="${BASE}/${slug}.json">${slug}.json</a>`).join(' · ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>provider-sim API reference</title>
<link rel="icon" type="image/png" href="${BASE}/assets/favicon-32x32.png">
<link rel="stylesheet" href="${BASE}/assets/swagger-ui.css">
<link rel="stylesheet" href="${BASE}/assets/index.css">
<style>nav{font:14px sans-serif;padding:8px 20px;background:#f5f5f5}</style>
</head>
<body>
<nav>OpenAPI 3.1 documents: ${links}</nav>
<div id="swagger-ui"></div>
<script src="${BASE}/assets/swagger-ui-bundle.js"></script>
<script src="${BASE}/assets/swagger-ui-standalone-preset.js"></script>
<script>
window.ui = SwaggerUIBundle({
  urls: ${JSON.stringify(urls)},
  'urls.primaryName': new URLSearchParams(location.search).get('doc') || 'devino',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
</script>
</body>
</html>
`;
}

async function docsPlugin(app: FastifyInstance, opts: { providers: readonly ProviderDefinition[] }) {
  const routes: RegisteredRoute[] = [];
  app.decorate('simRegisteredRoutes', routes);
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url, provider: route.config?.provider, operation: route.config?.operation });
  });

  let documents: Record<string, Record<string, unknown>> | undefined;
  const names = slugsOf(opts.providers);
  const slugs = new Set<string>(names);

  app.get(`${BASE}/`, async (_request, reply) => reply.type('text/html; charset=utf-8').send(referencePage(names)));

  app.get<{ Params: { file: string } }>(`${BASE}/assets/:file`, async (request, reply) => {
    const type = own(ASSETS, request.params.file);
    if (!type) return reply.code(404).send({ error: `no asset ${request.params.file}` });
    const bytes = await readFile(join(assetDir(), request.params.file));
    return reply.type(type).header('cache-control', 'public, max-age=3600').send(bytes);
  });

  app.get<{ Params: { document: string } }>(`${BASE}/:document`, async (request, reply) => {
    const slug = request.params.document.toLowerCase().replace(/\.json$/, '');
    if (!slugs.has(slug)) return reply.code(404).send({ error: `no OpenAPI document ${request.params.document}; there are ${names.map((s) => `${s}.json`).join(', ')}` });
    // Built on first use: turning every provider's schemas into JSON Schema would slow every start-up.
    documents ??= (await import('./documents.js')).buildDocuments(opts.providers);
    return reply.type('application/json; charset=utf-8').send(documents[slug]);
  });
}

/** Registered at the root, before the providers, so its route hook sees every provider route. */
export const openapiDocs = fp(docsPlugin, { name: 'provider-sim-openapi' });
