// Devino's operations for the OpenAPI document: what each route is, with the schemas of schemas.ts.
// Reads are documented as GET with query parameters and sends as POST with a form body, as the
// specs show them; the simulator also takes every parameter from the query string of a POST.
import * as schemas from './schemas.js';
import { DEVINO_ERRORS } from './errors.js';
import type { ProviderApiDoc, OperationDoc, ResponseDoc } from '../../core/apiDoc.js';
import { AdminErrorResponse } from '../../core/adminError.js';
import type { AdminDocExtension } from '../../core/provider.js';
import * as adminSchemas from './adminSchemas.js';

const JSON_TYPE = 'application/json';
const FORM = 'application/x-www-form-urlencoded';

type Code = keyof typeof DEVINO_ERRORS;

const errors = (...codes: Code[]): Record<string, ResponseDoc> => {
  const byStatus = new Map<number, Code[]>();
  for (const code of codes) byStatus.set(DEVINO_ERRORS[code].status, [...(byStatus.get(DEVINO_ERRORS[code].status) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      { description: `Error ${list.map((c) => `${c} ${DEVINO_ERRORS[c].name}`).join(', ')}`, content: { [JSON_TYPE]: schemas.ErrorResponse } },
    ]),
  );
};

const ok = (description: string, schema: (typeof schemas)[keyof typeof schemas]) => ({ '200': { description, content: { [JSON_TYPE]: schema } } });

/** A form body over the size limit: error 2, naming the limit. */
const tooLarge: Record<string, ResponseDoc> = {
  '413': { description: 'Error 2 Invalid argument: the request body is over the size limit', content: { [JSON_TYPE]: schemas.ErrorResponse } },
};

/** Codes every session-authenticated operation can answer: missing argument, unknown/expired session, disabled account. */
const SESSION = [1, 3, 4, 7] as const;

export const devinoOperations: readonly OperationDoc[] = [
  {
    operationId: 'getSessionId',
    method: 'get',
    path: '/User/SessionId',
    simOperation: 'User/SessionId',
    tags: ['User'],
    summary: 'Session id for a login and password',
    description: 'The answer is the id as a bare JSON string. It is valid for 120 minutes; an expired id answers error 4 "SessionID expired".',
    query: schemas.SessionIdParams,
    responses: { ...ok('The session id', schemas.SessionIdResponse), ...errors(1, 4, 7) },
    errors: [1, 4, 7],
  },
  {
    operationId: 'getBalance',
    method: 'get',
    path: '/User/Balance',
    simOperation: 'User/Balance',
    tags: ['User'],
    summary: 'Balance of the account, as a bare number',
    query: schemas.BalanceParams,
    responses: { ...ok('The balance', schemas.BalanceResponse), ...errors(...SESSION) },
    errors: [...SESSION],
  },
  {
    operationId: 'sendSms',
    method: 'post',
    path: '/Sms/Send',
    simOperation: 'Sms/Send',
    tags: ['SMS'],
    summary: 'Send an SMS to one number',
    description: 'Answers one message id per segment (70 UCS-2 / 160 GSM-7 characters, 67/153 per part when split).',
    body: { content: { [FORM]: schemas.SmsSendParams } },
    responses: { ...ok('Message ids, one per segment', schemas.SmsIdsResponse), ...errors(...SESSION, 2, 5, 6), ...tooLarge },
    errors: [...SESSION, 2, 5, 6],
  },
  {
    operationId: 'sendSmsByTimeZone',
    method: 'post',
    path: '/Sms/SendByTimeZone',
    simOperation: 'Sms/SendByTimeZone',
    tags: ['SMS'],
    summary: "Send an SMS at a time of the recipient's own time zone",
    body: { content: { [FORM]: schemas.SmsSendByTimeZoneParams } },
    responses: { ...ok('Message ids, one per segment', schemas.SmsIdsResponse), ...errors(...SESSION, 2, 5, 6), ...tooLarge },
    errors: [...SESSION, 2, 5, 6],
  },
  {
    operationId: 'sendSmsBulk',
    method: 'post',
    path: '/Sms/SendBulk',
    simOperation: 'Sms/SendBulk',
    tags: ['SMS'],
    summary: 'Send one SMS to several numbers',
    description: 'Numbers as the key repeated (`DestinationAddresses=…&DestinationAddresses=…`); the answer lists every segment of one number before the next.',
    body: { content: { [FORM]: schemas.SmsSendBulkParams } },
    responses: { ...ok('Message ids, number by number, segment by segment', schemas.SmsIdsResponse), ...errors(...SESSION, 2, 5, 6), ...tooLarge },
    errors: [...SESSION, 2, 5, 6],
  },
  {
    operationId: 'getSmsState',
    method: 'get',
    path: '/Sms/State',
    simOperation: 'Sms/State',
    tags: ['SMS'],
    summary: 'State of one SMS segment',
    description: 'Dates are .NET JSON dates (`"\\/Date(1294045911213)\\/"`). An unknown id, or one older than 48 hours, answers state 255.',
    query: schemas.SmsStateParams,
    responses: { ...ok('The state', schemas.SmsStateResponse), ...errors(...SESSION) },
    errors: [...SESSION],
  },
  {
    operationId: 'getIncomingSms',
    method: 'get',
    path: '/Sms/In',
    simOperation: 'Sms/In',
    tags: ['SMS'],
    summary: 'Incoming SMS of a period (UTC)',
    query: schemas.SmsInParams,
    responses: { ...ok('Incoming messages, oldest first', schemas.IncomingSmsResponse), ...errors(...SESSION, 2) },
    errors: [...SESSION, 2],
  },
  {
    operationId: 'getStatistics',
    method: 'get',
    path: '/Sms/Statistics',
    simOperation: 'Sms/Statistics',
    tags: ['SMS'],
    summary: 'Counts of messages by state for a period (GMT+3, at most 90 days)',
    query: schemas.SmsStatisticsParams,
    responses: { ...ok('The counts', schemas.StatisticsResponse), ...errors(...SESSION, 2) },
    errors: [...SESSION, 2],
  },
  {
    operationId: 'sendVoice',
    method: 'post',
    path: '/Voice/Send',
    simOperation: 'Voice/Send',
    tags: ['Voice'],
    summary: "Call a number and play a file of the account's media library",
    body: { content: { [FORM]: schemas.VoiceSendParams } },
    responses: { ...ok('The voice message id', schemas.VoiceSendResponse), ...errors(...SESSION, 2, 5, 6), ...tooLarge },
    errors: [...SESSION, 2, 5, 6],
  },
  {
    operationId: 'getVoiceState',
    method: 'get',
    path: '/Voice/State',
    simOperation: 'Voice/State',
    tags: ['Voice'],
    summary: 'State of a voice message: 0 sending, 1 sent, 2 listened, 3 not listened, 4 error',
    query: schemas.VoiceStateParams,
    responses: { ...ok('The state', schemas.VoiceStateResponse), ...errors(...SESSION, 2) },
    errors: [...SESSION, 2],
  },
];

export const devinoApiDoc: ProviderApiDoc = {
  description:
    'Parameters are read case-insensitively from the query string and a form body alike. Success bodies are bare JSON values; errors are `{"Code":n,"Desc":"…"}` with the HTTP status of the error table.',
  schemaModules: [schemas],
  operations: devinoOperations,
  webhooks: [
    {
      name: 'incomingPush',
      url: 'incomingPushUrl',
      method: 'get',
      summary: "An incoming SMS (GET to the account's push URL); a `text/plain` answer `{sms=<reply>}` is sent back to the subscriber as an SMS",
      query: schemas.IncomingPushQuery,
    },
  ],
  errorCatalogue: Object.fromEntries(Object.entries(DEVINO_ERRORS).map(([code, e]) => [code, e.name])),
};

const adminError = (description: string): ResponseDoc => ({ description, content: { [JSON_TYPE]: AdminErrorResponse } });
const INCOMING = 'Devino: an incoming SMS from a subscriber, as /Sms/In will list it';
const GET_PUSH = "Devino: the account's incoming-SMS push URL (devino-rest-notes.md)";
const SET_PUSH = 'Devino: sets the URL called for each incoming SMS; its `{sms=…}` answer is sent back to the subscriber as an SMS';

/** `/_sim/devino/...` (admin.ts), in the admin document. */
export const devinoAdminDoc: AdminDocExtension = {
  schemaModules: [adminSchemas],
  operations: [
    {
      operationId: 'injectIncomingSms',
      method: 'post',
      path: '/_sim/devino/incoming',
      tags: ['devino'],
      summary: INCOMING,
      body: { content: { [JSON_TYPE]: adminSchemas.InjectIncomingSms } },
      responses: {
        '201': { description: INCOMING, content: { [JSON_TYPE]: adminSchemas.IncomingSms } },
        '400': adminError('Invalid input'),
        '404': adminError('Unknown account'),
      },
    },
    {
      operationId: 'getIncomingPush',
      method: 'get',
      path: '/_sim/devino/accounts/{login}/incoming-push',
      tags: ['devino'],
      summary: GET_PUSH,
      pathParams: adminSchemas.DevinoAccountParams,
      responses: { '200': { description: GET_PUSH, content: { [JSON_TYPE]: adminSchemas.IncomingPushView } }, '404': adminError('Not found') },
    },
    {
      operationId: 'setIncomingPush',
      method: 'put',
      path: '/_sim/devino/accounts/{login}/incoming-push',
      tags: ['devino'],
      summary: SET_PUSH,
      pathParams: adminSchemas.DevinoAccountParams,
      body: { content: { [JSON_TYPE]: adminSchemas.IncomingPush } },
      responses: {
        '200': { description: SET_PUSH, content: { [JSON_TYPE]: adminSchemas.IncomingPushView } },
        '400': adminError('Invalid input'),
        '404': adminError('Not found'),
      },
    },
  ],
};
