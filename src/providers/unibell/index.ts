// Unibell platform API (api.unibell.ru): media library, app activation (single calls and
// campaigns with repeats), GET callbacks, call recordings and balance.
import multipart from '@fastify/multipart';
import type { ProviderDefinition } from '../../core/context.js';
import { adminRoutes } from './admin.js';
import { appRoutes } from './appRoutes.js';
import { installJsonAnyTypeParser } from './body.js';
import { installErrorHandlers } from './errors.js';
import { mediaRoutes } from './mediaRoutes.js';
import { runtimeFor } from './runtime.js';

export const unibell: ProviderDefinition = {
  slug: 'unibell',
  title: 'Unibell platform API (api.unibell.ru)',
  prefix: '/unibell',
  hosts: [{ host: 'api.unibell.ru' }],
  async plugin(app, ctx) {
    const rt = runtimeFor(ctx);
    installErrorHandlers(app);
    installJsonAnyTypeParser(app);
    await app.register(multipart, { limits: { fileSize: ctx.config.bodyLimit, files: 1, fields: 10 } });
    await mediaRoutes(app, rt);
    await appRoutes(app, rt);
  },
  async admin(app, ctx) {
    await adminRoutes(app, runtimeFor(ctx));
  },
};
