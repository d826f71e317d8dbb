// Unibell's operations for the OpenAPI document, with the schemas of schemas.ts. Every JSON answer
// carries `status`; errors add `errorReason`. Start and end callbacks go to the URLs configured for
// the app, so they are webhooks of the document rather than callbacks of a request.
import { z } from 'zod';
import type { ProviderApiDoc, OperationDoc, ResponseDoc } from '../../core/apiDoc.js';
import type { AdminDocExtension } from '../../core/provider.js';
import { HTTP_STATUS, type ErrorStatus } from './errors.js';
import { AdminErrorResponse } from '../../core/adminError.js';
import * as schemas from './schemas.js';

const JSON_TYPE = 'application/json';
const MULTIPART = 'multipart/form-data';

const errors = (...statuses: ErrorStatus[]): Record<string, ResponseDoc> => {
  const byHttp = new Map<number, ErrorStatus[]>();
  for (const s of statuses) byHttp.set(HTTP_STATUS[s], [...(byHttp.get(HTTP_STATUS[s]) ?? []), s]);
  return Object.fromEntries([...byHttp].map(([http, list]) => [String(http), { description: list.join(', '), content: { [JSON_TYPE]: schemas.ErrorResponse } }]));
};

const notFound: Record<string, ResponseDoc> = { '404': { description: 'invalidDataError: no media with this id in the account', content: { [JSON_TYPE]: schemas.ErrorResponse } } };
/** Any request whose body is read: one over the size limit (or a multipart part or field count over its limit). */
const tooLarge: Record<string, ResponseDoc> = {
  '413': { description: 'invalidDataError: the body (or a multipart file, part or field count) is over the limit', content: { [JSON_TYPE]: schemas.ErrorResponse } },
};
const json = (description: string, schema: z.ZodType): Record<string, ResponseDoc> => ({ '200': { description, content: { [JSON_TYPE]: schema } } });

const MEDIA_ERRORS: ErrorStatus[] = ['invalidAccessKeyError', 'requiredJsonError', 'invalidSchemeError', 'invalidDataError'];

export const unibellOperations: readonly OperationDoc[] = [
  {
    operationId: 'listMedia',
    method: 'get',
    path: '/media',
    simOperation: 'media.list',
    tags: ['Media'],
    summary: 'Files and folders at the root of the media library, page by page',
    query: schemas.PaginationQuery,
    responses: { ...json('One page of the root', schemas.MediaListResponse), ...errors('invalidAccessKeyError', 'invalidDataError') },
    errors: ['invalidAccessKeyError', 'invalidDataError'],
  },
  {
    operationId: 'getMedia',
    method: 'get',
    path: '/media/{id}',
    simOperation: 'media.get',
    tags: ['Media'],
    summary: "A folder's contents (JSON, paged) or a file's bytes",
    pathParams: schemas.MediaIdParams,
    query: schemas.PaginationQuery,
    responses: {
      '200': {
        description: "A folder: one page of its contents. A file: its bytes with the file's own content type (audio/wav, audio/mpeg, …).",
        content: { [JSON_TYPE]: schemas.MediaListResponse, 'audio/*': 'binary', 'application/octet-stream': 'binary', '*/*': 'binary' },
      },
      ...errors('invalidAccessKeyError', 'invalidDataError'),
      ...notFound,
    },
    errors: ['invalidAccessKeyError', 'invalidDataError'],
  },
  {
    operationId: 'addMedia',
    method: 'post',
    path: '/media',
    simOperation: 'media.add',
    tags: ['Media'],
    summary: 'Create a folder (JSON `name`) or upload a file (multipart) at the root',
    body: { content: { [JSON_TYPE]: schemas.MediaNameBody, [MULTIPART]: schemas.MediaUploadBody } },
    responses: { ...json('The new folder or file', schemas.MediaItemResponse), ...errors(...MEDIA_ERRORS), ...tooLarge },
    errors: MEDIA_ERRORS,
  },
  {
    operationId: 'addMediaToFolder',
    method: 'post',
    path: '/media/{id}',
    simOperation: 'media.add',
    tags: ['Media'],
    summary: 'Create a folder (JSON `name`) or upload a file (multipart) inside folder `id`',
    pathParams: schemas.MediaIdParams,
    body: { content: { [JSON_TYPE]: schemas.MediaNameBody, [MULTIPART]: schemas.MediaUploadBody } },
    responses: { ...json('The new folder or file', schemas.MediaItemResponse), ...errors(...MEDIA_ERRORS), ...notFound, ...tooLarge },
    errors: MEDIA_ERRORS,
  },
  {
    operationId: 'renameMedia',
    method: 'put',
    path: '/media/{id}',
    simOperation: 'media.rename',
    tags: ['Media'],
    summary: 'Rename a file or folder',
    pathParams: schemas.MediaIdParams,
    body: { content: { [JSON_TYPE]: schemas.MediaNameBody } },
    responses: { ...json('The renamed item', schemas.MediaItemResponse), ...errors(...MEDIA_ERRORS), ...notFound, ...tooLarge },
    errors: MEDIA_ERRORS,
  },
  {
    operationId: 'deleteMedia',
    method: 'delete',
    path: '/media/{id}',
    simOperation: 'media.delete',
    tags: ['Media'],
    summary: 'Delete a file, or a folder with everything in it',
    pathParams: schemas.MediaIdParams,
    // A body is not needed, but one sent is read: malformed JSON is requiredJsonError, one over the limit a 413.
    responses: { ...json('Deleted', schemas.OkResponse), ...errors('invalidAccessKeyError', 'requiredJsonError', 'invalidDataError'), ...notFound, ...tooLarge },
    errors: ['invalidAccessKeyError', 'requiredJsonError', 'invalidDataError'],
  },
  {
    operationId: 'activate',
    method: 'post',
    path: '/apps/activate',
    simOperation: 'apps.activate',
    tags: ['Apps'],
    summary: 'Activate the app: one call (`destAddr`) or a campaign over an abonent list (`abonentListId`)',
    description:
      'A single call answers `{"status":"ok"}`, a campaign adds its `requestId`. The app\'s start and end callbacks (see webhooks) report each call; campaign attempts carry the reference `<requestId>-<abonent>-<attempt>`.',
    body: { content: { [JSON_TYPE]: [schemas.SingleActivateBody, schemas.CampaignActivateBody] } },
    responses: {
      '200': { description: 'Accepted', content: { [JSON_TYPE]: [schemas.OkResponse, schemas.CampaignActivateResponse] } },
      ...errors('invalidAccessKeyError', 'requiredJsonError', 'invalidSchemeError', 'invalidDataError', 'prohibitedForAppError', 'prohibitedForServiceError', 'rpcError'),
      ...tooLarge,
    },
    errors: ['invalidAccessKeyError', 'requiredJsonError', 'invalidSchemeError', 'invalidDataError', 'prohibitedForAppError', 'prohibitedForServiceError', 'rpcError'],
  },
  {
    operationId: 'dialogRecord',
    method: 'get',
    path: '/dialog_record_by_reference',
    simOperation: 'dialogRecord',
    tags: ['Apps'],
    summary: 'The recording of an answered call, by its reference',
    query: schemas.RecordQuery,
    responses: {
      '200': { description: 'The recording', content: { 'audio/wav': 'binary' } },
      '404': { description: 'No recording for this reference', content: { [JSON_TYPE]: schemas.NoRecordsResponse } },
      ...errors('invalidAccessKeyError', 'invalidDataError'),
    },
    errors: ['invalidAccessKeyError', 'invalidDataError'],
  },
  {
    operationId: 'getBalance',
    method: 'get',
    path: '/balance',
    simOperation: 'balance',
    tags: ['Account'],
    summary: 'Balance of the personal account',
    responses: { ...json('The balance', schemas.BalanceResponse), ...errors('invalidAccessKeyError') },
    errors: ['invalidAccessKeyError'],
  },
];

export const unibellApiDoc: ProviderApiDoc = {
  description:
    'Authenticate with `X-Authorization: AccessKey <token>`, `Authorization: Basic <token>` or the `X-Authorization` query parameter. Lists page with `page`, `per_page` and `disable_pagination`.',
  securitySchemes: {
    accessKey: { type: 'apiKey', in: 'header', name: 'X-Authorization', description: '`AccessKey <token>`' },
    accessKeyQuery: { type: 'apiKey', in: 'query', name: 'X-Authorization', description: 'The token, or `AccessKey <token>`' },
    basic: { type: 'apiKey', in: 'header', name: 'Authorization', description: '`Basic <token>` (the raw token, as real clients send it)' },
  },
  security: ['accessKey', 'accessKeyQuery', 'basic'],
  schemaModules: [schemas],
  operations: unibellOperations,
  webhooks: [
    { name: 'startCallback', url: 'startCallbackUrl', method: 'get', summary: "Dialling started (GET to the app's start callback URL)", query: schemas.StartCallbackQuery },
    {
      name: 'endCallback',
      url: 'endCallbackUrl',
      method: 'get',
      summary: "The call ended (GET to the app's end callback URL); state 2 ok or 5 error with the error code",
      query: schemas.EndCallbackQuery,
    },
  ],
  errorCatalogue: Object.fromEntries(schemas.StatusValue.options.map((s) => [s, s === 'ok' ? 'success' : `HTTP ${HTTP_STATUS[s]}`])),
};

/** The admin API's error envelope. */
const adminError = (description: string): ResponseDoc => ({ description, content: { [JSON_TYPE]: AdminErrorResponse } });

/** `/_sim/unibell/...` admin routes, for the admin document. */
export const unibellAdminOperations: readonly OperationDoc[] = [
  {
    operationId: 'unibellApps',
    method: 'get',
    path: '/_sim/unibell/apps',
    simOperation: 'admin.apps',
    tags: ['unibell'],
    summary: 'The apps and their callback URLs',
    responses: json('The apps', schemas.AppListResponse),
  },
  {
    operationId: 'unibellApp',
    method: 'get',
    path: '/_sim/unibell/apps/{accessKey}',
    simOperation: 'admin.app',
    tags: ['unibell'],
    summary: 'One app',
    pathParams: z.object({ accessKey: z.string() }),
    responses: { ...json('The app', schemas.AppView), '404': adminError('No such app') },
  },
  {
    operationId: 'unibellUpdateApp',
    method: 'patch',
    path: '/_sim/unibell/apps/{accessKey}',
    simOperation: 'admin.app.update',
    tags: ['unibell'],
    summary: "Point an app's start and end callbacks at other URLs (null disables one)",
    pathParams: z.object({ accessKey: z.string() }),
    body: { content: { [JSON_TYPE]: schemas.AppCallbacksPatch } },
    responses: { ...json('The app', schemas.AppView), '400': adminError('Invalid URL, or not a JSON object'), '404': adminError('No such app') },
  },
];

export const unibellAdminDoc: AdminDocExtension = {
  operations: unibellAdminOperations,
  schemaModules: [{ AppCallbacksPatch: schemas.AppCallbacksPatch, AppListResponse: schemas.AppListResponse, AppView: schemas.AppView }],
};
