// The committed OpenAPI documents and client types are what the zod schemas generate today, the
// simulator serves exactly them, and every provider route is documented.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocuments, documentText, DOCUMENT_SLUGS } from '../../src/openapi/documents.js';
import { registeredRoutes } from '../../src/openapi/plugin.js';
import { typesOf } from '../../src/openapi/types-gen.js';
import { ROOT } from '../helpers/built.js';
import { readJson } from '../helpers/server.js';
import { useSimulator } from '../helpers/useSimulator.js';

type Json = Record<string, unknown>;
const docs = buildDocuments();
const committed = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const HINT = 'out of date: run `npm run openapi` and commit the result';

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refs(v, out);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) k === '$ref' && typeof v === 'string' ? out.push(v) : refs(v, out);
  return out;
}

const operationsOf = (doc: Json) =>
  Object.values(doc.paths as Record<string, Record<string, Json>>).flatMap((item) => Object.values(item));

describe('committed documents and types', () => {
  it.each(DOCUMENT_SLUGS)('openapi/%s.json matches the schemas', (slug) => {
    expect(committed(`openapi/${slug}.json`), HINT).toBe(documentText(docs[slug]));
  });

  it.each(DOCUMENT_SLUGS)('src/clients/%s/openapi.ts matches its document', async (slug) => {
    expect(committed(`src/clients/${slug}/openapi.ts`), HINT).toBe(await typesOf(slug, docs[slug]));
  });

  it.each(DOCUMENT_SLUGS)('%s: OpenAPI 3.1, unique operation ids, every $ref resolves', (slug) => {
    const doc = docs[slug];
    expect(doc.openapi).toBe('3.1.0');
    const ids = operationsOf(doc).map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const schemas = (doc.components as { schemas: Json }).schemas;
    for (const ref of refs(doc)) expect(Object.keys(schemas)).toContain(ref.replace('#/components/schemas/', ''));
  });
});

describe('served documents', () => {
  const s = useSimulator({ eachTest: 'keep' });

  it.each(DOCUMENT_SLUGS)('/_sim/openapi/%s.json is the committed document', async (slug) => {
    const res = await s.call(`/_sim/openapi/${slug}.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await readJson(res)).toEqual(JSON.parse(committed(`openapi/${slug}.json`)));
  });

  it('an unknown document is a 404 naming the ones there are', async () => {
    const res = await s.call('/_sim/openapi/nope.json');
    expect(res.status).toBe(404);
    expect((await readJson(res)).error).toContain('devino.json');
  });

  it('the reference page links every document and its assets are served locally', async () => {
    const res = await s.call('/_sim/openapi/');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    for (const slug of DOCUMENT_SLUGS) expect(html).toContain(`/_sim/openapi/${slug}.json`);
    expect(html).not.toMatch(/https?:\/\/(?!127)/);
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'swagger-ui.css']) {
      const a = await s.call(`/_sim/openapi/assets/${asset}`);
      expect(a.status, asset).toBe(200);
      expect((await a.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect((await s.call('/_sim/openapi/assets/..%2Fpackage.json')).status).toBe(404);
  });

  it('every provider route is described by an operation of its document or the admin document, and the reverse', () => {
    const documented = new Map<string, Set<string>>();
    for (const slug of DOCUMENT_SLUGS) {
      for (const op of operationsOf(docs[slug])) {
        const name = op['x-sim-operation'];
        if (typeof name !== 'string') continue;
        const provider = slug === 'admin' ? String(op.tags && (op.tags as string[])[0]) : slug;
        documented.set(provider, (documented.get(provider) ?? new Set()).add(name));
      }
    }
    const served = new Map<string, Set<string>>();
    for (const r of registeredRoutes(s.sim.app)) {
      if (!r.provider || !r.operation) continue;
      served.set(r.provider, (served.get(r.provider) ?? new Set()).add(r.operation));
      expect(documented.get(r.provider)?.has(r.operation), `${r.method} ${r.url} (${r.provider} ${r.operation}) is not in any document`).toBe(true);
    }
    for (const [provider, names] of documented) for (const name of names) expect(served.get(provider)?.has(name), `${provider} ${name} is documented but not served`).toBe(true);
    expect([...served.keys()].sort()).toEqual(['devino', 'mobilgroup', 'unibell', 'voicepassword']);
  });
});
