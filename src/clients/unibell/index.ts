// Unibell client (api.unibell.ru): the same code talks to the real service and to the simulator,
// by base URL. Authenticates with the app's AccessKey (`X-Authorization: AccessKey <t>` by default,
// or `Authorization: Basic <t>`, or the query parameter), pages through lists, uploads files as
// multipart. Answers whose `status` is not "ok" become a UnibellApiError carrying that status.
import { createHttp, isRecord, ProviderApiError, TransportError, type ClientOptions, type HttpResponse, type Query } from '../http.js';
import type { components } from './openapi.js';

type Schemas = components['schemas'];

export { TransportError } from '../http.js';
export type { components as UnibellSchemas } from './openapi.js';

export type UnibellStatus = Schemas['ErrorResponse']['status'];

export class UnibellApiError extends ProviderApiError<string> {
  readonly provider = 'unibell';
  override name = 'UnibellApiError';
  constructor(
    code: string,
    readonly reason: string,
    status: number,
    body: unknown,
  ) {
    super(code, `Unibell ${code}: ${reason}`, status, body);
  }
}

export interface UnibellClientOptions extends ClientOptions {
  accessKey: string;
  /** Where the key goes: `x-authorization` (default, `AccessKey <t>`), `basic` (`Authorization: Basic <t>`) or `query`. */
  authVia?: 'x-authorization' | 'basic' | 'query';
}

export type MediaItem = Schemas['MediaItemView'];
export type MediaPage = Schemas['MediaListResponse'];
export type SingleActivation = Schemas['SingleActivateBody'];
export type CampaignActivation = Schemas['CampaignActivateBody'];
export type Balance = Schemas['BalanceResponse'];
/** Query parameters of the GET callbacks the app's URLs receive. */
export type StartCallback = { type: 'startCallback'; reference: string };
export type EndCallback = { type: 'endCallback'; reference: string; state: '2' | '5'; error: string; duration: string; appKey: string };

export interface PageOptions {
  page?: number;
  perPage?: number;
}

export type MediaContent = { kind: 'folder'; page: MediaPage } | { kind: 'file'; bytes: Uint8Array; contentType: string };

const PAGE_SIZE = 100;

export function createUnibellClient(options: UnibellClientOptions) {
  const http = createHttp(options);
  const via = options.authVia ?? 'x-authorization';
  const authHeaders: Record<string, string> =
    via === 'x-authorization' ? { 'x-authorization': `AccessKey ${options.accessKey}` } : via === 'basic' ? { authorization: `Basic ${options.accessKey}` } : {};
  const authQuery: Query = via === 'query' ? { 'X-Authorization': options.accessKey } : {};

  const fail = (res: HttpResponse, what: string): never => {
    const body = res.json();
    if (isRecord(body) && typeof body.status === 'string' && body.status !== 'ok') {
      throw new UnibellApiError(body.status, String(body.errorReason ?? ''), res.status, body);
    }
    throw new TransportError(`Unibell ${what}: HTTP ${res.status}`, res.status, res.text());
  };

  async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, init: { query?: Query; json?: unknown; form?: FormData } = {}): Promise<T> {
    const headers = { ...authHeaders, ...(init.json === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }) };
    const body = init.form ?? (init.json === undefined ? undefined : JSON.stringify(init.json));
    const res = await http({ method, path, query: { ...init.query, ...authQuery }, headers, body });
    const answer = res.json();
    if (res.status !== 200 || !isRecord(answer) || answer.status !== 'ok') return fail(res, `${method} ${path}`);
    return answer as T;
  }

  const pageQuery = (p: PageOptions = {}): Query => ({ page: p.page, per_page: p.perPage });
  const mediaPath = (id: number | string) => `/media/${encodeURIComponent(String(id))}`;

  async function listPage(folderId: number | undefined, p?: PageOptions): Promise<MediaPage> {
    if (folderId === undefined) return request<MediaPage>('GET', '/media', { query: pageQuery(p) });
    const content = await getMedia(folderId, p);
    if (content.kind !== 'folder') throw new TransportError(`media ${folderId} is a file, not a folder`);
    return content.page;
  }

  async function getMedia(id: number | string, p?: PageOptions): Promise<MediaContent> {
    const res = await http({ method: 'GET', path: mediaPath(id), query: { ...pageQuery(p), ...authQuery }, headers: authHeaders });
    const type = res.headers.get('content-type') ?? 'application/octet-stream';
    if (res.status !== 200) return fail(res, `GET /media/${id}`);
    if (type.startsWith('application/json')) return { kind: 'folder', page: res.json() as MediaPage };
    return { kind: 'file', bytes: res.bytes, contentType: type };
  }

  return {
    /** One page of the root (or of a folder). */
    listMedia: (p?: PageOptions & { folderId?: number }) => listPage(p?.folderId, p),
    /** Every item of the root (or of a folder), following the pages. */
    async listAllMedia(folderId?: number): Promise<MediaItem[]> {
      const items: MediaItem[] = [];
      for (let page = 1; ; page++) {
        const res = await listPage(folderId, { page, perPage: PAGE_SIZE });
        items.push(...res.media);
        if (page >= res.pagination.totalPages) return items;
      }
    },
    /** A folder's first page, or a file's bytes. */
    getMedia,
    async createFolder(name: string, parentId?: number): Promise<MediaItem> {
      const path = parentId === undefined ? '/media' : mediaPath(parentId);
      return (await request<Schemas['MediaItemResponse']>('POST', path, { json: { name } satisfies Schemas['MediaNameBody'] })).media;
    },
    /** Multipart upload; `name` (default: `filename`) is the file's name in the library. */
    async upload(p: { file: Blob | Uint8Array; filename: string; contentType?: string; name?: string; folderId?: number }): Promise<MediaItem> {
      const form = new FormData();
      if (p.name !== undefined) form.append('name', p.name);
      const blob = p.file instanceof Blob ? p.file : new Blob([p.file], { type: p.contentType ?? 'application/octet-stream' });
      form.append('file', blob, p.filename);
      const path = p.folderId === undefined ? '/media' : mediaPath(p.folderId);
      return (await request<Schemas['MediaItemResponse']>('POST', path, { form })).media;
    },
    async rename(id: number, name: string): Promise<MediaItem> {
      return (await request<Schemas['MediaItemResponse']>('PUT', mediaPath(id), { json: { name } satisfies Schemas['MediaNameBody'] })).media;
    },
    async deleteMedia(id: number): Promise<void> {
      await request<Schemas['OkResponse']>('DELETE', mediaPath(id));
    },
    /** One call; its start and end callbacks go to the app's URLs. */
    async activate(body: SingleActivation): Promise<void> {
      await request<Schemas['OkResponse']>('POST', '/apps/activate', { json: body });
    },
    /** A campaign over an abonent list; returns its requestId. */
    async activateCampaign(body: CampaignActivation): Promise<string> {
      return (await request<Schemas['CampaignActivateResponse']>('POST', '/apps/activate', { json: body })).requestId;
    },
    /** The recording of an answered call, or null when there is none ("No records found"). */
    async recording(reference: string): Promise<{ bytes: Uint8Array; contentType: string } | null> {
      const res = await http({ method: 'GET', path: '/dialog_record_by_reference', query: { reference, ...authQuery }, headers: authHeaders });
      if (res.status === 404) {
        const body = res.json();
        if (isRecord(body) && body.errorReason === 'No records found' && body.status === undefined) return null;
      }
      if (res.status !== 200) return fail(res, 'GET /dialog_record_by_reference');
      return { bytes: res.bytes, contentType: res.headers.get('content-type') ?? 'application/octet-stream' };
    },
    balance: () => request<Balance>('GET', '/balance'),
  };
}

export type UnibellClient = ReturnType<typeof createUnibellClient>;
