// What Swagger UI's "Try it out" calls, and what the admin document says needs the token.
import { describe, expect, it } from 'vitest';
import { buildDocuments, DOCUMENT_SLUGS } from '../../src/openapi/documents.js';
import { providers } from '../../src/providers/index.js';

type Json = Record<string, unknown>;
const docs = buildDocuments() as Record<string, Json>;

describe('OpenAPI servers', () => {
  it.each(providers.map((p) => [p.slug, p.basePath]))("%s: the simulator's own mount (%s) comes first, the production URL after it", (slug, basePath) => {
    const servers = docs[slug].servers as { url: string }[];
    expect(servers[0].url).toBe(basePath);
    expect(servers.slice(1).every((s) => s.url.startsWith('https://'))).toBe(true);
  });

  it('every document is served by the simulator first', () => {
    for (const slug of DOCUMENT_SLUGS) expect((docs[slug].servers as { url: string }[])[0].url).toMatch(/^\//);
  });
});

describe('admin document security', () => {
  const operations = Object.entries(docs.admin.paths as Record<string, Record<string, Json>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  );

  it('every route but health and the UI shell needs the admin token and may answer 401', () => {
    const open = operations.filter(({ op }) => !op.security).map(({ method, path }) => `${method} ${path}`);
    expect(open.sort()).toEqual(['get /_sim/health', 'get /_sim/ui'].filter((r) => operations.some(({ method, path }) => `${method} ${path}` === r)));
    expect(open).toContain('get /_sim/health');
    for (const { op, path, method } of operations.filter(({ op }) => op.security)) {
      expect(op.security, `${method} ${path}`).toEqual([{ adminToken: [] }]);
      expect(Object.keys(op.responses as Json), `${method} ${path}`).toContain('401');
    }
    expect((docs.admin.components as { securitySchemes: Json }).securitySchemes).toHaveProperty('adminToken');
  });
});
