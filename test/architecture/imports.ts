// The import graph of src/ as the files spell it (ts.preProcessFile: static, dynamic and type-only
// imports and re-exports alike), and the rules it must keep: layers that point one way, each
// provider in its own folder, and no cycles. The checks are pure functions over a graph, so a test
// can feed them a synthetic one and watch them fail.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** file (relative to the root, `src/core/clock.ts`) -> the files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

/** `./clock.js` from src/core/x.ts -> src/core/clock.ts; a package name -> undefined. */
function resolveImport(from: string, specifier: string, exists: (path: string) => boolean): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find(exists);
}

/** Reads every .ts file under `dir` (relative paths from `root`). */
export function readImportGraph(root: string, dir = 'src'): ImportGraph {
  const files = sourceFiles(join(root, dir));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles.flatMap((ref) => {
      const target = resolveImport(file, ref.fileName, (p) => known.has(p));
      return target ? [relative(root, target)] : [];
    });
    graph.set(relative(root, file), [...new Set(targets)]);
  }
  return graph;
}

/** The layers, top to bottom, and which each may import (itself included). */
export interface Layer {
  name: string;
  /** Does a file belong to it (paths relative to the root)? */
  owns(file: string): boolean;
  mayImport: readonly string[];
}

const under = (...dirs: string[]) => (file: string) => dirs.some((d) => (d.endsWith('/') ? file.startsWith(d) : file === d));

export const LAYERS: readonly Layer[] = [
  { name: 'cli', owns: under('src/main.ts', 'src/cli/'), mayImport: ['cli', 'conformance', 'api', 'surface', 'scenarios', 'providers', 'core', 'clients'] },
  // The conformance suite drives a simulator over HTTP and starts one through the public API.
  { name: 'conformance', owns: under('src/conformance/'), mayImport: ['conformance', 'api', 'surface', 'core', 'clients'] },
  // The library's entry (index.ts) and the composition root that builds a simulator (app.ts).
  { name: 'api', owns: under('src/index.ts', 'src/app.ts'), mayImport: ['api', 'surface', 'scenarios', 'providers', 'core'] },
  // The sandbox page's script runs in the browser, bundled on its own: it talks to the admin API over HTTP (typed by the admin client's generated types) and bundles only pure core helpers (wallClock).
  { name: 'browser', owns: under('src/ui/app/'), mayImport: ['browser', 'core', 'clients'] },
  { name: 'surface', owns: under('src/admin/', 'src/openapi/', 'src/ui/'), mayImport: ['surface', 'scenarios', 'providers', 'core'] },
  { name: 'scenarios', owns: under('src/scenarios/'), mayImport: ['scenarios', 'providers', 'core'] },
  { name: 'providers', owns: under('src/providers/'), mayImport: ['providers', 'core'] },
  { name: 'core', owns: under('src/core/'), mayImport: ['core'] },
  // The typed HTTP clients are published on their own: they import nothing of the simulator.
  { name: 'clients', owns: under('src/clients/'), mayImport: ['clients'] },
];

export const layerOf = (file: string, layers: readonly Layer[] = LAYERS) => layers.find((l) => l.owns(file));

export interface Violation {
  from: string;
  to: string;
  rule: string;
}

/** Imports that point up a layer, files in no layer, and a provider reaching into another's folder. */
export function layerViolations(graph: ImportGraph, layers: readonly Layer[] = LAYERS): Violation[] {
  const out: Violation[] = [];
  const providerOf = (file: string) => /^src\/providers\/([^/]+)\//.exec(file)?.[1];
  for (const [from, targets] of graph) {
    const source = layerOf(from, layers);
    if (!source) {
      out.push({ from, to: '', rule: 'the file is in no layer' });
      continue;
    }
    for (const to of targets) {
      const target = layerOf(to, layers);
      if (!target) out.push({ from, to, rule: 'imports a file in no layer' });
      else if (!source.mayImport.includes(target.name)) out.push({ from, to, rule: `${source.name} may not import ${target.name}` });
      // Only the registry (src/providers/index.ts) names providers; one provider never reaches into another.
      else if (providerOf(from) && providerOf(to) && providerOf(from) !== providerOf(to)) out.push({ from, to, rule: 'a provider imports another provider' });
    }
  }
  return out;
}

/** Every cycle of the graph, each as the files on it (Tarjan's strongly connected components of more than one file, or a file importing itself). */
export function importCycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
