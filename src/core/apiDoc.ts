// How a provider describes its operations for the OpenAPI generator: method, path, summary and the
// provider's own zod schemas (never a copy of them). Names of components come from the module the
// schemas are exported from, so a schema is named once, where it is defined.
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A body or response: a zod schema, raw bytes, or nothing but a description. */
export type Payload = z.ZodType | 'binary';

export interface ResponseDoc {
  description: string;
  /** Media type -> payload; several schemas under one media type become an anyOf (they may overlap). */
  content?: Record<string, Payload | readonly z.ZodType[]>;
}

export interface CallbackDoc {
  /** Name of the callback in the document (`callResult`). */
  name: string;
  /** Runtime expression of the URL, e.g. `{$request.body#/callback_url}`. */
  url: string;
  method: HttpMethod;
  summary: string;
  /** Query parameters of a GET callback. */
  query?: z.ZodObject;
  /** JSON body of a POST callback; several become an anyOf. */
  body?: z.ZodType | readonly z.ZodType[];
}

export interface OperationDoc {
  /** Unique in its document; becomes the method name in generated types. */
  operationId: string;
  method: HttpMethod;
  /** Relative to the document's server URL, with `{param}` for path parameters. */
  path: string;
  /** `config.operation` of the route that serves it (the journal and scenarios match on it). */
  simOperation?: string;
  summary: string;
  description?: string;
  tags?: readonly string[];
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  /** Media type -> schema; several media types are alternatives (JSON or multipart). */
  body?: { content: Record<string, Payload | readonly z.ZodType[]>; required?: boolean };
  responses: Record<string, ResponseDoc>;
  /** Provider error codes this operation can answer with (`x-provider-errors`). */
  errors?: readonly (string | number)[];
  callbacks?: readonly CallbackDoc[];
  /** Security requirement names; absent: the document's default. */
  security?: readonly string[];
}

export interface ApiDoc {
  slug: string;
  title: string;
  description: string;
  /** Real and simulator base URLs; the simulator one is relative to the simulator's root. */
  servers: readonly { url: string; description: string }[];
  securitySchemes?: Record<string, Record<string, unknown>>;
  /** Alternatives: any one of these schemes authenticates. */
  security?: readonly string[];
  /** Module namespaces whose exported zod schemas give component names. */
  schemaModules: readonly Record<string, unknown>[];
  operations: readonly OperationDoc[];
  /** Requests the provider makes to URLs configured outside the request (OpenAPI 3.1 `webhooks`). */
  webhooks?: readonly CallbackDoc[];
  /** The provider's full error catalogue (`x-error-catalogue`): code -> meaning. */
  errorCatalogue?: Record<string, string>;
}

/** A provider's document as its folder writes it: slug, title and servers come from its definition when the documents are built. */
export type ProviderApiDoc = Omit<ApiDoc, 'slug' | 'title' | 'servers'>;

/** The operation names of a provider's documented routes, as its route configs carry them (its definition's `operations`). */
export const simOperationsOf = (...docs: (readonly OperationDoc[])[]): string[] => [
  ...new Set(docs.flat().flatMap((op) => (op.simOperation === undefined ? [] : [op.simOperation]))),
];
