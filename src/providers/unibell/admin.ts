// `/_sim/unibell/...`: the apps and their callback URLs, which a test changes at run time to
// point them at its own receiver.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { describeZodError } from '../../core/fixtures.js';
import type { AppFixture } from './catalog.js';
import type { Runtime } from './runtime.js';
import { AppCallbacksPatch, type AppListResponse, type AppView } from './schemas.js';
import { appCallbacksKey } from './store.js';

const cfg = (operation: string) => ({ provider: 'unibell', operation });

class AdminError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export async function adminRoutes(app: FastifyInstance, rt: Runtime) {
  const { catalog, slice } = rt;

  app.setErrorHandler((err: Error & { statusCode?: number }, request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) request.log.error({ err }, 'unibell admin request failed');
    void reply.code(status).send({ error: err.message });
  });

  const appView = (a: AppFixture): z.infer<typeof AppView> => {
    const urls = slice.state.appCallbacks[a.accessKey] ?? { startCallbackUrl: a.startCallbackUrl, endCallbackUrl: a.endCallbackUrl };
    return { accessKey: a.accessKey, name: a.name, personalAccountId: a.account, ...urls };
  };

  const mustApp = (key: string) => {
    const a = catalog.apps.get(key);
    if (!a) throw new AdminError(404, `No unibell app with access key ${key}`);
    return a;
  };

  app.get('/apps', { config: cfg('admin.apps') }, async () => ({ apps: [...catalog.apps.values()].map(appView) }) satisfies z.infer<typeof AppListResponse>);

  app.get<{ Params: { accessKey: string } }>('/apps/:accessKey', { config: cfg('admin.app') }, async (request) => appView(mustApp(request.params.accessKey)));

  app.patch<{ Params: { accessKey: string } }>('/apps/:accessKey', { config: cfg('admin.app.update') }, async (request) => {
    const a = mustApp(request.params.accessKey);
    const parsed = AppCallbacksPatch.safeParse(request.body ?? {});
    if (!parsed.success) throw new AdminError(400, describeZodError(parsed.error));
    const urls = (slice.state.appCallbacks[a.accessKey] ??= { startCallbackUrl: a.startCallbackUrl, endCallbackUrl: a.endCallbackUrl });
    if (parsed.data.startCallbackUrl !== undefined) urls.startCallbackUrl = parsed.data.startCallbackUrl;
    if (parsed.data.endCallbackUrl !== undefined) urls.endCallbackUrl = parsed.data.endCallbackUrl;
    slice.changed(appCallbacksKey(a.accessKey));
    return appView(a);
  });
}
