// Driver protocol, version 1: the messages between the kit and a driver process, one JSON object
// per line (the kit writes to the driver's stdin, reads its stdout; stderr is the driver's log).
// These zod schemas validate what a driver sends and give the JSON Schemas of
// docs/conformance-protocol.md (scripts/conformance-docs.ts).
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;

const Credentials = z.record(z.string(), z.string()).describe('Devino {login,password}; Mobilgroup {apiKey} or {login,password}; VoicePassword {apiKey}; Unibell {accessKey}');

export const HelloRequest = z
  .object({
    type: z.literal('hello'),
    protocol: z.literal(PROTOCOL_VERSION),
    provider: z.enum(['devino', 'mobilgroup', 'voicepassword', 'unibell']),
    baseUrl: z.string().describe("The provider's base URL on the simulator"),
    credentials: Credentials.describe('Credentials to use unless a call carries others'),
  })
  .describe('kit → driver, first message');

export const HelloReply = z
  .object({
    type: z.literal('hello'),
    operations: z.array(z.string()).describe('operationIds of /_sim/openapi/<provider>.json the adapter implements'),
    sessions: z.enum(['explicit', 'managed']).optional().describe('Devino: explicit (default) takes SessionID from params; managed logs in and renews by itself'),
    callbacks: z.array(z.string()).optional().describe('Callback names the driver parses (answers callback messages for)'),
  })
  .describe('driver → kit, answer to hello');

export const CallRequest = z
  .object({
    type: z.literal('call'),
    id: z.number().int(),
    operation: z.string().describe('operationId'),
    params: z.record(z.string(), z.unknown()).describe("The operation's parameters under the document's names (query, form and JSON body together); a file is {filename, contentType, base64}"),
    credentials: Credentials.optional().describe('Present when this call must use other credentials than hello gave (a wrong key, another account)'),
  })
  .describe('kit → driver: run one operation');

export const CallbackRequestMessage = z
  .object({
    type: z.literal('callback'),
    id: z.number().int(),
    callback: z.string().describe('The callback name of the provider document (callResult, smsStatus, startCallback, endCallback)'),
    request: z.object({
      method: z.string(),
      url: z.string().describe('Path and query string as the webhook endpoint received them'),
      headers: z.record(z.string(), z.string()),
      body: z.string().describe('Raw body, empty for a GET'),
    }),
  })
  .describe('kit → driver: parse a callback the simulator sent; answer with a result whose value holds its fields');

export const ResultReply = z
  .union([
    z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(true), value: z.unknown().describe('The documented response body (a file: {contentType, base64}; a missing Unibell recording: null); for a callback, its fields') }),
    z.object({
      type: z.literal('result'),
      id: z.number().int(),
      ok: z.literal(false),
      error: z.object({
        code: z.union([z.string(), z.number()]).optional().describe("The provider's own code: Devino's number, Mobilgroup's and VoicePassword's error_code, Unibell's status; absent when the failure is not the provider's"),
        message: z.string().optional(),
      }),
    }),
  ])
  .describe('driver → kit: the answer to the call or callback with the same id');

export type HelloReply = z.infer<typeof HelloReply>;
export type ResultReply = z.infer<typeof ResultReply>;

/** The JSON Schema of each message, for the protocol's documentation. */
export function protocolSchemas(): Record<string, unknown> {
  const schemas = { HelloRequest, HelloReply, CallRequest, CallbackRequestMessage, ResultReply };
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, z.toJSONSchema(schema)]));
}
