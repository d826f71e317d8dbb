// The toy provider's OpenAPI document and its admin route, as any provider gives them.
import type { ProviderApiDoc } from '../../../src/core/apiDoc.js';
import { AdminErrorResponse } from '../../../src/core/adminError.js';
import type { AdminDocExtension } from '../../../src/core/provider.js';
import * as schemas from './schemas.js';

const JSON_TYPE = 'application/json';

export const toyApiDoc: ProviderApiDoc = {
  description: 'One operation, one record kind.',
  schemaModules: [schemas],
  operations: [
    {
      operationId: 'ping',
      method: 'post',
      path: '/ping',
      simOperation: 'ping',
      summary: 'Pings a subscriber',
      body: { content: { [JSON_TYPE]: schemas.PingRequest } },
      responses: { '200': { description: 'The ping', content: { [JSON_TYPE]: schemas.PingResponse } } },
    },
  ],
};

export const toyAdminDoc: AdminDocExtension = {
  schemaModules: [{ ToyPing: schemas.PingRecord }],
  operations: [
    {
      operationId: 'toyPing',
      method: 'get',
      path: '/_sim/toy/pings/{id}',
      tags: ['toy'],
      summary: 'A ping as the simulator holds it',
      pathParams: schemas.PingParams,
      responses: {
        '200': { description: 'The ping', content: { [JSON_TYPE]: schemas.PingRecord } },
        '404': { description: 'No such ping', content: { [JSON_TYPE]: AdminErrorResponse } },
      },
    },
  ],
};
