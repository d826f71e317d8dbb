// The schemas of Devino's admin routes (/_sim/devino/...): validated by the routes (admin.ts) and
// named in the admin OpenAPI document.
import { z } from 'zod';

export const InjectIncomingSms = z.object({
  account: z.string().optional().describe('Account that receives it (default: the first of the fixtures)'),
  from: z.string().describe('Subscriber who sent it'),
  to: z.string().optional().describe("Number or sender name it was sent to (default: the account's first sender)"),
  text: z.string().min(1),
});
export const DevinoAccountParams = z.object({ login: z.string().describe('Devino login') });
export const IncomingPush = z.object({
  url: z.url({ protocol: /^https?$/ }).nullable().describe('URL called (GET) for each incoming SMS of the account with sourcePhone, number, prefix, text, messageId; null: none'),
});
export const IncomingPushView = IncomingPush.extend({ account: z.string() });
export const IncomingSms = z.object({ id: z.number().int(), account: z.string(), from: z.string(), to: z.string(), text: z.string(), createdAt: z.number().int() });
