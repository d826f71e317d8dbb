// Serves the OpenAPI documents at /_sim/openapi/<slug>.json and a browsable reference at
// /_sim/openapi/ (Swagger UI from the installed @fastify/swagger-ui assets: no CDN needed). It also
// records every route registered after it, so a test can check that each one is documented.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { DOCUMENT_SLUGS, type DocumentSlug } from './slugs.js';
import { own } from '../core/own.js';

export interface RegisteredRoute {
  method: string;
  url: string;
  provider?: string;
  operation?: string;
}

const routesByApp = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Routes registered after the plugin, with their provider and operation. */
export const registeredRoutes = (app: FastifyInstance): readonly RegisteredRoute[] => routesByApp.get(app) ?? [];

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const assetDir = () => join(dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')), 'static');

const BASE = '/_sim/openapi';

export function referencePage(): string {
  const urls = DOCUMENT_SLUGS.map((slug) => ({ url: `${BASE}/${slug}.json`, name: slug }));
  const links = DOCUMENT_SLUGS.map((slug) => `<a href="${BASE}/${slug}.json">${slug}.json</a>`).join(' · ');
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

async function docsPlugin(app: FastifyInstance) {
  const routes: RegisteredRoute[] = [];
  routesByApp.set(app, routes);
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url, provider: route.config?.provider, operation: route.config?.operation });
  });

  let documents: Record<DocumentSlug, Record<string, unknown>> | undefined;
  const slugs = new Set<string>(DOCUMENT_SLUGS);

  app.get(`${BASE}/`, async (_request, reply) => reply.type('text/html; charset=utf-8').send(referencePage()));

  app.get<{ Params: { file: string } }>(`${BASE}/assets/:file`, async (request, reply) => {
    const type = own(ASSETS, request.params.file);
    if (!type) return reply.code(404).send({ error: `no asset ${request.params.file}` });
    const bytes = await readFile(join(assetDir(), request.params.file));
    return reply.type(type).header('cache-control', 'public, max-age=3600').send(bytes);
  });

  app.get<{ Params: { document: string } }>(`${BASE}/:document`, async (request, reply) => {
    const slug = request.params.document.toLowerCase().replace(/\.json$/, '');
    if (!slugs.has(slug)) return reply.code(404).send({ error: `no OpenAPI document ${request.params.document}; there are ${DOCUMENT_SLUGS.map((s) => `${s}.json`).join(', ')}` });
    // Built on first use: importing every provider's operation schemas would slow every start-up.
    documents ??= (await import('./documents.js')).buildDocuments();
    return reply.type('application/json; charset=utf-8').send(documents[slug as DocumentSlug]);
  });
}

/** Registered at the root, before the providers, so its route hook sees every provider route. */
export const openapiDocs = fp(docsPlugin, { name: 'provider-sim-openapi' });
