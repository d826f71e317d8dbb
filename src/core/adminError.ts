// The admin API's error body. Core holds it because providers' admin extensions document it too;
// admin/schemas.ts re-exports it under the component name `ErrorResponse`.
import { z } from 'zod';

export const AdminErrorResponse = z.object({ error: z.string() }).describe('What was wrong with the request');
