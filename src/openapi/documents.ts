// The documents served at /_sim/openapi/<slug>.json and committed under openapi/: one per provider
// (its definition's `document`) and the admin API's, for the registry or any list of providers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiDoc } from '../core/apiDoc.js';
import { packageRoot } from '../core/packageRoot.js';
import type { ProviderDefinition } from '../core/provider.js';
import { providers as registry } from '../providers/index.js';
import { adminApiDoc } from './admin.js';
import { buildDocument } from './generate.js';

export type DocumentSlug = string;

/** The documents' names: each provider's slug, then `admin`. */
export const documentSlugs = (providers: readonly ProviderDefinition[] = registry): DocumentSlug[] => [...providers.map((p) => p.slug), 'admin'];

/** The registry's documents' names. */
export const DOCUMENT_SLUGS: readonly DocumentSlug[] = documentSlugs();

export function apiDocs(providers: readonly ProviderDefinition[] = registry): Record<DocumentSlug, ApiDoc> {
  return { ...Object.fromEntries(providers.map((p) => [p.slug, { ...p.document, slug: p.slug, title: p.title, servers: serversOf(p) }])), admin: adminApiDoc(providers) };
}

/** The simulator's own mount first (Swagger UI's "Try it out" uses the first server), then the provider's on its first host. */
const serversOf = (p: ProviderDefinition): ApiDoc['servers'] => [
  { url: p.basePath, description: 'provider-sim' },
  ...p.hosts.slice(0, 1).map((h) => ({ url: `https://${h.host}${p.basePath.slice(p.prefix.length)}`, description: p.vendor })),
];

/** The registry's documents, as ApiDocs. */
export const API_DOCS = apiDocs();

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function buildDocuments(providers: readonly ProviderDefinition[] = registry): Record<DocumentSlug, Record<string, unknown>> {
  const version = packageVersion();
  const docs = providers === registry ? API_DOCS : apiDocs(providers);
  return Object.fromEntries(Object.entries(docs).map(([slug, doc]) => [slug, buildDocument(doc, { version })]));
}

/** The committed text of a document: two-space JSON and a final newline. */
export const documentText = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
