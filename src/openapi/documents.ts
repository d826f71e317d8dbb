// The five documents served at /_sim/openapi/<slug>.json and committed under openapi/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/packageRoot.js';
import { devinoApiDoc } from '../providers/devino/operations.js';
import { mobilgroupApiDoc } from '../providers/mobilgroup/operations.js';
import { unibellApiDoc } from '../providers/unibell/operations.js';
import { voicepasswordApiDoc } from '../providers/voicepassword/operations.js';
import { adminApiDoc } from './admin.js';
import { buildDocument } from './generate.js';
import { DOCUMENT_SLUGS, type DocumentSlug } from './slugs.js';
import type { ApiDoc } from './types.js';

export { DOCUMENT_SLUGS, type DocumentSlug };

export const API_DOCS = {
  devino: devinoApiDoc,
  mobilgroup: mobilgroupApiDoc,
  voicepassword: voicepasswordApiDoc,
  unibell: unibellApiDoc,
  admin: adminApiDoc,
} as const satisfies Record<DocumentSlug, ApiDoc>;

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function buildDocuments(): Record<DocumentSlug, Record<string, unknown>> {
  const version = packageVersion();
  return Object.fromEntries(DOCUMENT_SLUGS.map((slug) => [slug, buildDocument(API_DOCS[slug], { version })])) as Record<DocumentSlug, Record<string, unknown>>;
}

/** The committed text of a document: two-space JSON and a final newline. */
export const documentText = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
