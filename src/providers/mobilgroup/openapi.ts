// Mobilgroup's operations for the OpenAPI document, with the schemas of schemas.ts. Every answer,
// an error included, is HTTP 200 with `result` "ok" or "error", so each 200 is an anyOf.
import type { ProviderApiDoc, OperationDoc } from '../../core/apiDoc.js';
import { MOBILGROUP_ERRORS, type MobilgroupErrorCode } from './errors.js';
import * as schemas from './schemas.js';

const JSON_TYPE = 'application/json';
const AUTH: MobilgroupErrorCode[] = ['Error_Authorisation_Failed', 'Error_User_Disabled'];

// An unknown path's 404 (Error_Unknown_Request) belongs to no operation: the document's description says it.
const transportErrors = {
  '413': { description: 'Body over the limit: Error_Message_Too_Long on /send/, Error_Unknown_Request on /get/, Unknown_Request on /set/', content: { [JSON_TYPE]: schemas.ErrorResponse } },
};

export const mobilgroupOperations: readonly OperationDoc[] = [
  {
    operationId: 'send',
    method: 'post',
    path: '/send/',
    simOperation: 'send',
    summary: 'Start a voice broadcast: a text (TTS), a phrase or a script to a list of subscribers',
    description:
      'Exactly one of `message`, `phrase`, `script`. The batch may succeed for some subscribers and fail for others: each gets `result` "ok" (with its price) or "error" (with the reason, e.g. Error_Not_Enough_Money). Money uses a decimal comma.',
    body: { content: { [JSON_TYPE]: schemas.SendRequest } },
    responses: { '200': { description: 'The broadcast, or an error', content: { [JSON_TYPE]: [schemas.SendResponse, schemas.ErrorResponse] } }, ...transportErrors },
    errors: [
      ...AUTH,
      'Error_No_AniPhone',
      'Error_No_Message',
      'Error_No_Subscribers',
      'Error_Not_Enough_Credits',
      'Error_Not_TTS_File',
      'Error_Not_Media_File',
      'Error_Message_Too_Long',
      'Error_Not_Enough_Money',
    ],
  },
  {
    operationId: 'get',
    method: 'post',
    path: '/get/',
    simOperation: 'get',
    summary: 'Read a broadcast state, the balance, scripts, phrases, sender numbers or templates',
    description: '`request` chooses the answer: state (with `id`), balance, scripts, phrases, numbers, templates (with `account`, optional `id`). Money in state uses a decimal point.',
    body: { content: { [JSON_TYPE]: schemas.GetRequest } },
    responses: {
      '200': {
        description: 'The answer for `request`, or an error',
        content: {
          [JSON_TYPE]: [schemas.StateResponse, schemas.BalanceResponse, schemas.MediaListResponse, schemas.NumbersResponse, schemas.TemplatesResponse, schemas.ErrorResponse],
        },
      },
      ...transportErrors,
    },
    errors: [...AUTH, 'Error_Unknown_Request', 'Error_ID_Not_Found'],
  },
  {
    operationId: 'set',
    method: 'post',
    path: '/set/',
    simOperation: 'set',
    summary: 'Create and update templates, with a result per template',
    body: { content: { [JSON_TYPE]: schemas.SetRequest } },
    responses: { '200': { description: 'A result per template, or an error', content: { [JSON_TYPE]: [schemas.SetTemplatesResponse, schemas.ErrorResponse] } }, ...transportErrors },
    errors: ['Error_Authorisation_Failed', 'Unknown_Request', 'Account_field_is_empty', 'Name_field_is_empty', 'Message_field_is_empty', 'Template_not_found'],
  },
];

export const mobilgroupApiDoc: ProviderApiDoc = {
  description:
    'Authenticate with the API key in the `Authorization` header, or with a `security` section in the JSON body: `{"login","password"}` or `{"apiKey"}`. Errors are `{"result":"error","error_code":"…"}` with HTTP 200; an unknown path answers HTTP 404 with Error_Unknown_Request.',
  securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'The API key, bare' } },
  security: ['apiKey'],
  schemaModules: [schemas],
  operations: mobilgroupOperations,
  errorCatalogue: { ...MOBILGROUP_ERRORS },
};
