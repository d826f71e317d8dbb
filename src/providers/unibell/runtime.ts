// Everything one simulator's Unibell provider holds, built once by `create` and shared by the API
// plugin, its admin routes (registered in a separate scope), the admin list and the scenario hooks.
import type { SimContext } from '../../core/context.js';
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

export function createRuntime(ctx: SimContext): Runtime {
  const fixture = ctx.fixtures.load('unibell', UnibellFixture);
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
  return { ctx, catalog, slice, blobs, tree, activation };
}
