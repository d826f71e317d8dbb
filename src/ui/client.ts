// The sandbox page's script: the typed client in src/ui/app/ (entry main.ts), bundled by esbuild. A
// built package serves the bundle `npm run build` wrote (dist/ui/app.js, also in the Docker image and
// the published package, which have no esbuild); run from the sources (tsx, the tests) it is built
// in memory on first request, once per process. The providers' state descriptions come first, as
// data the bundle reads.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/packageRoot.js';

/** State descriptions shown beside states, per `provider/kind`, then per state. */
export type StateLabels = Record<string, Record<string, string>>;

export const CLIENT_ENTRY = 'src/ui/app/main.ts';
export const CLIENT_BUNDLE = 'dist/ui/app.js';

let bundle: Promise<string> | undefined;

/** The bundle, read or built once per process. */
export function clientBundle(): Promise<string> {
  bundle ??= loadBundle().catch((err: unknown) => {
    bundle = undefined; // a failed build is tried again on the next request
    throw err;
  });
  return bundle;
}

async function loadBundle(): Promise<string> {
  const root = packageRoot();
  const built = join(root, CLIENT_BUNDLE);
  // From dist/ (npm start, the package, the image) the built bundle is the one that matches the code.
  if (!import.meta.url.endsWith('.ts') && existsSync(built)) return readFileSync(built, 'utf8');
  const entry = join(root, CLIENT_ENTRY);
  if (!existsSync(entry)) throw new Error(`the sandbox UI has no bundle at ${built} and no sources at ${entry}`);
  const esbuild = await import('esbuild');
  // The same options as scripts/build.mjs.
  const out = await esbuild.build({ entryPoints: [entry], bundle: true, format: 'iife', target: 'es2022', minify: true, legalComments: 'none', charset: 'utf8', write: false, logLevel: 'silent' });
  return out.outputFiles[0].text;
}

export const clientScript = async (labels: StateLabels) => `globalThis.SIM_LABELS = ${JSON.stringify(labels)};\n${await clientBundle()}`;
