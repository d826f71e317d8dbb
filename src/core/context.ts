// Core's types in one import: the simulator's services (SimContext), the shape of a provider
// (provider.ts), and the route config the journal and the scenario engine read.
export type { SimContext } from './simContext.js';
export type * from './provider.js';

/** Route config read by the journal (and the scenario engine): which provider and operation answered. */
export interface SimRouteConfig {
  provider?: string;
  operation?: string;
  /** An admin (/_sim) route anyone may call, token or not: the health check and the UI's page shell. */
  adminPublic?: boolean;
  /** Content types an admin route's body may come in (default `application/json`). */
  adminBodyTypes?: readonly string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The provider account the request authenticated as, once known. */
    simAccount: string | undefined;
  }
  interface FastifyContextConfig extends SimRouteConfig {}
}
