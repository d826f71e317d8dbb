// Everything one simulator instance's Unibell provider holds, built once by the plugin and
// shared with its admin routes (which app.ts registers in a separate scope).
import type { SimContext } from '../../core/context.js';
import { loadLiveFixture } from '../../scenarios/watch.js';
import { createActivation, type Activation } from './activation.js';
import { buildCatalog, type Catalog } from './catalog.js';
import { createMediaBlobs, type MediaBlobs } from './mediaBlobs.js';
import { createMediaTree, type MediaTree } from './mediaTree.js';
import { UnibellFixture } from './schemas.js';
import { registerSlice, type UnibellSlice } from './store.js';

export interface Runtime {
  ctx: SimContext;
  catalog: Catalog;
  slice: UnibellSlice;
  blobs: MediaBlobs;
  tree: MediaTree;
  activation: Activation;
}

const runtimes = new WeakMap<SimContext, Runtime>();

export function runtimeFor(ctx: SimContext): Runtime {
  const existing = runtimes.get(ctx);
  if (existing) return existing;
  const fixture = loadLiveFixture(ctx, 'unibell', UnibellFixture);
  const catalog = buildCatalog(fixture);
  ctx.accounts.register(
    'unibell',
    fixture.accounts.map((a) => ({ id: a.id, balance: a.balance, disabled: a.disabled })),
  );
  const slice = registerSlice(ctx.store, fixture);
  const blobs = createMediaBlobs(ctx.config.data);
  ctx.onReset(() => blobs.clear());
  const tree = createMediaTree(ctx, slice);
  const activation = createActivation(ctx, slice, catalog, tree);
  // Calls planned before a restart continue from the data file.
  activation.lifecycle.resume();
  const rt: Runtime = { ctx, catalog, slice, blobs, tree, activation };
  runtimes.set(ctx, rt);
  return rt;
}
