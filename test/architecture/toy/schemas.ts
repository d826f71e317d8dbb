// The toy provider's wire: a ping answered with the id of the record it made.
import { z } from 'zod';

export const PingRequest = z.object({ number: z.string().describe('Subscriber pinged') });
export const PingResponse = z.object({ id: z.string() });
export const PingRecord = z.object({ id: z.string(), account: z.string(), number: z.string(), state: z.enum(['sent', 'ponged']), createdAt: z.number() });
export type PingRecord = z.infer<typeof PingRecord>;
export const PingParams = z.object({ id: z.string() });
