// The admin API (`/_sim`) as an ApiDoc, derived from the admin route table of src/admin (every
// route with its zod schemas), plus the providers' own admin routes that are not in the table and
// the docs plugin's routes.
import { z } from 'zod';
import { ADMIN_PREFIX, adminRoutes, type AdminRouteSpec } from '../admin/index.js';
import * as adminSchemas from '../admin/schemas.js';
import { AppCallbacksPatch, AppListResponse, AppView } from '../providers/unibell/schemas.js';
import { unibellAdminOperations } from '../providers/unibell/operations.js';
import { CallRecord as VoicepasswordCallRecord } from '../providers/voicepassword/store.js';
import { voicepasswordAdminOperations } from '../providers/voicepassword/operations.js';
import type { ApiDoc, OperationDoc, ResponseDoc } from './types.js';

const JSON_TYPE = 'application/json';

/** `/scenarios/:name` -> `/_sim/scenarios/{name}`. */
const openapiPath = (path: string) => ADMIN_PREFIX + path.replace(/:([A-Za-z_]\w*)/g, '{$1}');

const asObject = (schema: z.ZodType | undefined) => (schema instanceof z.ZodObject ? schema : undefined);

const errorResponse = (description: string): ResponseDoc => ({ description, content: { [JSON_TYPE]: adminSchemas.ErrorResponse } });

/**
 * 400 where a request carries input that can be wrong: a query, or a body (even where none is
 * expected, a malformed JSON one is refused). Path parameters are any text: a wrong one is a 404.
 */
const takesInput = (spec: AdminRouteSpec) => spec.method !== 'GET' || spec.query !== undefined;

function fromTable(name: string, spec: AdminRouteSpec): OperationDoc {
  const errors: Record<string, ResponseDoc> = {};
  if (takesInput(spec)) errors['400'] = errorResponse('Invalid input');
  if (spec.params) errors['404'] = errorResponse('Not found');
  for (const [status, description] of Object.entries(spec.errors ?? {})) errors[status] = errorResponse(description);
  const text = Object.fromEntries((spec.bodyTypes ?? []).map((type) => [type, z.string()]));
  return {
    operationId: name,
    method: spec.method.toLowerCase() as OperationDoc['method'],
    path: openapiPath(spec.path),
    tags: [spec.registeredBy ?? spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    pathParams: asObject(spec.params),
    query: asObject(spec.query),
    ...(spec.body ? { body: { content: { [JSON_TYPE]: spec.body, ...text } } } : {}),
    responses: {
      [String(spec.status ?? 200)]: { description: spec.summary, content: { [spec.produces ?? JSON_TYPE]: spec.response } },
      ...errors,
    },
  };
}

/** The docs plugin's own routes. */
const docsOperations: readonly OperationDoc[] = [
  {
    operationId: 'openapiDocument',
    method: 'get',
    path: '/_sim/openapi/{document}',
    tags: ['docs'],
    summary: 'An OpenAPI 3.1 document: devino.json, mobilgroup.json, voicepassword.json, unibell.json or admin.json',
    pathParams: z.object({ document: z.enum(['devino.json', 'mobilgroup.json', 'voicepassword.json', 'unibell.json', 'admin.json']) }),
    responses: {
      '200': { description: 'The document', content: { [JSON_TYPE]: adminSchemas.OpenApiDocument } },
      '404': errorResponse('No such document; the message names the ones there are'),
    },
  },
  {
    operationId: 'openapiPage',
    method: 'get',
    path: '/_sim/openapi/',
    tags: ['docs'],
    summary: 'Browsable reference of every document',
    responses: { '200': { description: 'The reference page (Swagger UI, served locally)', content: { 'text/html': z.string() } } },
  },
];

const tableOperations = Object.entries(adminRoutes).map(([name, spec]) => fromTable(name, spec as AdminRouteSpec));
const inTable = new Set(tableOperations.map((op) => `${op.method} ${op.path}`));
/** Provider admin routes the table does not list yet. */
const providerOperations = [...unibellAdminOperations, ...voicepasswordAdminOperations].filter((op) => !inTable.has(`${op.method} ${op.path}`));

const UNAUTHORIZED: ResponseDoc = {
  description: 'An admin token is configured (--admin-token) and the request has none, or a wrong one',
  content: { [JSON_TYPE]: adminSchemas.ErrorResponse },
};

const UNSUPPORTED_TYPE: ResponseDoc = {
  description: 'A body in a content type an HTML form can send (form encodings, text/plain) or a body without a Content-Type: the error names the accepted types',
  content: { [JSON_TYPE]: adminSchemas.ErrorResponse },
};

const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);

/**
 * The guard of every /_sim route (src/admin/guard.ts): the token, when one is configured, on every
 * documented route but health (the UI's page shell is not documented here); the content-type rule on
 * every state-changing one.
 */
const guarded = (op: OperationDoc): OperationDoc => {
  const responses = { ...op.responses };
  if (STATE_CHANGING.has(op.method)) responses['415'] = UNSUPPORTED_TYPE;
  if (op.path === `${ADMIN_PREFIX}/health`) return { ...op, responses };
  return { ...op, security: ['adminToken'], responses: { ...responses, '401': UNAUTHORIZED } };
};

export const adminApiDoc: ApiDoc = {
  slug: 'admin',
  title: 'provider-sim admin API (/_sim)',
  description:
    'Controls the simulator: reset, the clock, scenarios, accounts, records, journal, callbacks, events, and what each provider lets a test set up. Errors are `{"error":"…"}` with a 4xx status. With an admin token configured, every route but health needs `Authorization: Bearer <token>`. A route that changes state takes its body as `application/json` (a scenario also as YAML) and answers 415 to anything else; a request without a body needs no Content-Type.',
  servers: [{ url: '/', description: 'provider-sim' }],
  securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'Only when the simulator runs with --admin-token' } },
  schemaModules: [adminSchemas, { AppCallbacksPatch, AppListResponse, AppView }, { VoicepasswordCallRecord }],
  operations: [...tableOperations, ...providerOperations, ...docsOperations].map(guarded),
};
