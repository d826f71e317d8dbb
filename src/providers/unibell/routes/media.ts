// The media library: list, fetch (folder listing or file bytes), create folder, upload,
// rename, delete.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { authenticate } from '../auth.js';
import { jsonBody, NotJsonBody, parseBody } from '../body.js';
import { invalidData, UnibellError } from '../errors.js';
import { contentTypeOf, view } from '../mediaTree.js';
import { paginate, parsePageRequest } from '../pagination.js';
import type { Runtime } from '../runtime.js';
import { MediaNameBody, type MediaItemResponse, type MediaListResponse } from '../schemas.js';
import { checkName } from '../text.js';
import { toneWav } from '../wav.js';

const cfg = (operation: string) => ({ provider: 'unibell', operation });
type Params = { id: string };

export async function mediaRoutes(app: FastifyInstance, rt: Runtime) {
  const { catalog, tree, blobs } = rt;

  const list = (request: FastifyRequest, account: string, parentId: number | null): z.infer<typeof MediaListResponse> => {
    const page = paginate(tree.list(account, parentId), parsePageRequest(request.query));
    return { status: 'ok', pagination: page.pagination, media: page.items.map(view) };
  };

  const item = (m: Parameters<typeof view>[0]): z.infer<typeof MediaItemResponse> => ({ status: 'ok', media: view(m) });

  /** The first file part and its bytes; a body busboy cannot read is the client's fault, not a 500. */
  const readFilePart = async (request: FastifyRequest) => {
    try {
      const part = await request.file();
      if (!part) throw invalidData('The multipart body has no file');
      return { part, bytes: await part.toBuffer() };
    } catch (err) {
      // Size and count limits (FST_*) keep their own answer (413) in the error handler.
      if (err instanceof UnibellError || (err as { code?: string }).code?.startsWith('FST_')) throw err;
      throw invalidData(`The multipart body is malformed (${(err as Error).message})`);
    }
  };

  /** Multipart upload of the first file part; an optional `name` field before it names the file. */
  const upload = async (request: FastifyRequest, account: string, parentId: number | null) => {
    const { part, bytes } = await readFilePart(request);
    const field = part.fields.name;
    const named = field && !Array.isArray(field) && field.type === 'field' && typeof field.value === 'string' ? field.value : undefined;
    const name = checkName(named ?? part.filename ?? '');
    const m = tree.addFile(account, parentId, name, bytes.length, part.mimetype);
    try {
      await blobs.put(m.id, bytes);
    } catch (err) {
      tree.remove(m);
      request.log.error({ err }, 'storing an uploaded unibell file failed');
      throw new UnibellError('rpcError', 'The file could not be stored', 500);
    }
    return item(m);
  };

  const add = async (request: FastifyRequest<{ Params: Partial<Params> }>) => {
    const app = authenticate(request, catalog);
    const parentId = tree.folderOf(app.account, request.params.id);
    if (request.isMultipart()) return upload(request, app.account, parentId);
    const body = parseBody(MediaNameBody, jsonBody(request));
    return item(tree.createFolder(app.account, parentId, checkName(body.name)));
  };

  app.get('/media', { config: cfg('media.list') }, async (request) => {
    const a = authenticate(request, catalog);
    return list(request, a.account, null);
  });

  app.get<{ Params: Params }>('/media/:id', { config: cfg('media.get') }, async (request, reply: FastifyReply) => {
    const a = authenticate(request, catalog);
    const m = tree.mustFind(a.account, request.params.id);
    if (m.isFolder) return list(request, a.account, m.id);
    const bytes = (await blobs.get(m.id)) ?? (m.toneHz !== undefined ? toneWav(m.toneHz, m.toneMs ?? 1000) : undefined);
    if (!bytes) throw new UnibellError('rpcError', `The content of file ${m.id} is missing from storage`, 500);
    return reply
      .header('content-type', contentTypeOf(m))
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(m.name)}`)
      .send(bytes);
  });

  app.post('/media', { config: cfg('media.add') }, add);
  app.post<{ Params: Params }>('/media/:id', { config: cfg('media.add') }, add);

  app.put<{ Params: Params }>('/media/:id', { config: cfg('media.rename') }, async (request) => {
    const a = authenticate(request, catalog);
    const m = tree.mustFind(a.account, request.params.id);
    const body = parseBody(MediaNameBody, jsonBody(request));
    return item(tree.rename(m, checkName(body.name)));
  });

  app.delete<{ Params: Params }>('/media/:id', { config: cfg('media.delete') }, async (request) => {
    const a = authenticate(request, catalog);
    // No body is needed, but one sent is read: malformed JSON is requiredJsonError (an empty one is no body).
    if (request.body instanceof NotJsonBody) jsonBody(request);
    const m = tree.mustFind(a.account, request.params.id);
    blobs.remove(tree.remove(m));
    return { status: 'ok' as const };
  });
}
