// `npm run openapi`: writes openapi/<slug>.json and src/clients/<slug>/openapi.ts from the schemas.
// `--check` writes nothing and exits 1 when a committed file differs (the drift test does the same).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDocuments, documentText, DOCUMENT_SLUGS } from './documents.js';
import { typesOf } from './types-gen.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const documentPath = (slug: string) => `${root}openapi/${slug}.json`;
export const typesPath = (slug: string) => `${root}src/clients/${slug}/openapi.ts`;

const read = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

async function main() {
  const check = process.argv.includes('--check');
  const docs = buildDocuments();
  const stale: string[] = [];
  for (const slug of DOCUMENT_SLUGS) {
    const files: [string, string][] = [
      [documentPath(slug), documentText(docs[slug])],
      [typesPath(slug), await typesOf(slug, docs[slug])],
    ];
    for (const [path, text] of files) {
      if (read(path) === text) continue;
      stale.push(path.slice(root.length));
      if (!check) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      }
    }
  }
  if (check && stale.length) {
    process.stderr.write(`out of date (run npm run openapi): ${stale.join(', ')}\n`);
    process.exit(1);
  }
  process.stdout.write(stale.length ? `${check ? 'stale' : 'wrote'}: ${stale.join(', ')}\n` : 'openapi documents and types are up to date\n');
}

await main();
