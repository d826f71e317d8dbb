// VoicePassword's operations for the OpenAPI document, with the schemas of schemas.ts. Provider
// errors travel with HTTP 200, so each 200 is an anyOf of the answers and the error envelope.
import { z } from 'zod';
import type { ProviderApiDoc, OperationDoc } from '../../core/apiDoc.js';
import type { AdminDocExtension } from '../../core/provider.js';
import { VOICEPASSWORD_ERRORS } from './errors.js';
import { AdminErrorResponse } from '../../core/adminError.js';
import { CallRecord } from './store.js';
import * as schemas from './schemas.js';

const JSON_TYPE = 'application/json';

// An unknown path's 404 (unknown_request) belongs to no operation: the document's description says it.
const transportErrors = {
  '413': { description: 'Body over the limit: unknown_request', content: { [JSON_TYPE]: schemas.ErrorResponse } },
};

export const voicepasswordOperations: readonly OperationDoc[] = [
  {
    operationId: 'send',
    method: 'post',
    path: '/send/',
    simOperation: 'send',
    summary: 'Flash call, voice password, or SMS fallback of an earlier call',
    description: [
      'Modes: no section, a flash call whose calling number ends in a service code of `capacity` (4..6) digits;',
      '`flashcall.code`, a flash call ending in the client code; `voice` (optionally `code`, `repeat`, own `ani`), a voice call speaking the code;',
      '`sms.id`, the code of call `id` by SMS (answer with `message`). `callback_url` receives the call result and the SMS statuses as JSON POSTs.',
    ].join(' '),
    body: { content: { [JSON_TYPE]: schemas.SendRequest } },
    responses: {
      '200': { description: 'The call or SMS, or an error', content: { [JSON_TYPE]: [schemas.SendResponse, schemas.SmsSendResponse, schemas.ErrorResponse] } },
      ...transportErrors,
    },
    errors: [
      'unknown_request',
      'authorisation_failed',
      'user_disabled',
      'number_is_empty',
      'number_not_valid',
      'number_not_permitted',
      'number_in_spam_list',
      'not_enough_money',
      'ani_phone_not_valid',
      'code_not_valid',
    ],
    callbacks: [
      { name: 'callResult', url: '{$request.body#/callback_url}', method: 'post', summary: 'The result of the call', body: schemas.CallCallback },
      { name: 'smsStatus', url: '{$request.body#/callback_url}', method: 'post', summary: 'Each status of an SMS fallback', body: schemas.SmsCallback },
    ],
  },
  {
    operationId: 'get',
    method: 'post',
    path: '/get/',
    simOperation: 'get',
    summary: 'Balance, the state of a call, or the calls of a day',
    description: '`request`: balance; state (with `id`); daily (with `date` dd.mm.yyyy). Dates are Moscow time `dd.mm.yyyy HH:mm:ss`, durations `mm:ss`.',
    body: { content: { [JSON_TYPE]: schemas.GetRequest } },
    responses: {
      '200': { description: 'The answer for `request`, or an error', content: { [JSON_TYPE]: [schemas.BalanceResponse, schemas.StateResponse, schemas.DailyResponse, schemas.ErrorResponse] } },
      ...transportErrors,
    },
    errors: ['unknown_request', 'authorisation_failed', 'user_disabled', 'ID_Not_Found', 'Date_is_Empty'],
  },
];

export const voicepasswordApiDoc: ProviderApiDoc = {
  description:
    'Authenticate with the API key in the `Authorization` header or in `security.apiKey` of the body. Errors are `{"result":"error","error_code":"…"}` with HTTP 200; an unknown path answers HTTP 404 with unknown_request. The same paths are served on the Mobilgroup host.',
  securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'The API key, bare' } },
  security: ['apiKey'],
  schemaModules: [schemas],
  operations: voicepasswordOperations,
  errorCatalogue: { ...VOICEPASSWORD_ERRORS },
};

/** `/_sim/voicepassword/...` admin routes, for the admin document. */
export const voicepasswordAdminOperations: readonly OperationDoc[] = [
  {
    operationId: 'voicepasswordCall',
    method: 'get',
    path: '/_sim/voicepassword/calls/{id}',
    tags: ['voicepassword'],
    pathParams: z.object({ id: z.string().describe('Call id, as /send/ answered it') }),
    summary: 'A call as the simulator holds it, with the calling number a phone would show',
    responses: {
      '200': { description: 'The call record (times are epoch milliseconds of the simulator clock)', content: { [JSON_TYPE]: CallRecord } },
      '404': { description: 'No such call', content: { [JSON_TYPE]: AdminErrorResponse } },
    },
  },
];

export const voicepasswordAdminDoc: AdminDocExtension = {
  operations: voicepasswordAdminOperations,
  // Named apart from the admin API's own records.
  schemaModules: [{ VoicepasswordCallRecord: CallRecord }],
};
