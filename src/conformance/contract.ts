// The contract the suite checks against, read from the OpenAPI documents the simulator serves at
// /_sim/openapi/<provider>.json: each operation (its operationId, method, path, where each parameter
// goes), each provider's error catalogue and its callbacks.
import { buildDocuments } from '../openapi/documents.js';
import { PROVIDERS, type ProviderSlug } from './types.js';

export interface Operation {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  summary: string;
  errors: string[];
  pathParams: string[];
  queryParams: string[];
  /** Content types of the request body, first the one a plain call uses. */
  bodyTypes: string[];
  /** Body fields that are lists (a form repeats their key). */
  arrayFields: string[];
}

export interface Contract {
  slug: ProviderSlug;
  title: string;
  operations: Operation[];
  catalogue: string[];
  callbacks: string[];
}

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema> };
type OperationDoc = {
  operationId: string;
  summary: string;
  'x-provider-errors'?: (string | number)[];
  callbacks?: Record<string, unknown>;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type Doc = {
  info: { title: string };
  paths: Record<string, Record<string, OperationDoc>>;
  webhooks?: Record<string, unknown>;
  components?: { schemas?: Record<string, Schema> };
  'x-error-catalogue'?: Record<string, string>;
};

function resolve(doc: Doc, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  return doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] ?? {};
}

function contractOf(slug: ProviderSlug, doc: Doc): Contract {
  const operations: Operation[] = [];
  const callbacks = new Set<string>(Object.keys(doc.webhooks ?? {}));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const params = op.parameters ?? [];
      const bodies = op.requestBody?.content ?? {};
      const arrayFields = new Set<string>();
      for (const { schema } of Object.values(bodies)) {
        for (const [name, prop] of Object.entries(resolve(doc, schema).properties ?? {})) if (prop.type === 'array') arrayFields.add(name);
      }
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase() as Operation['method'],
        path,
        summary: op.summary,
        errors: (op['x-provider-errors'] ?? []).map(String),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        bodyTypes: Object.keys(bodies),
        arrayFields: [...arrayFields],
      });
      for (const name of Object.keys(op.callbacks ?? {})) callbacks.add(name);
    }
  }
  const catalogue = Object.keys(doc['x-error-catalogue'] ?? {}).filter((c) => c !== 'ok');
  return { slug, title: doc.info.title, operations, catalogue, callbacks: [...callbacks] };
}

let contracts: Map<ProviderSlug, Contract> | undefined;

export function loadContracts(): Map<ProviderSlug, Contract> {
  if (contracts) return contracts;
  const docs = buildDocuments() as unknown as Record<ProviderSlug, Doc>;
  return (contracts = new Map(PROVIDERS.map((slug) => [slug, contractOf(slug, docs[slug])])));
}

export const contractOfProvider = (slug: ProviderSlug): Contract => loadContracts().get(slug) as Contract;

/** The operation a request to `method path` (relative to the provider's base URL) is, with its path parameters. */
export function matchOperation(contract: Contract, method: string, path: string): { op: Operation; pathValues: Record<string, string> } | undefined {
  const clean = path.replace(/\/+$/, '') || '/';
  for (const op of contract.operations) {
    if (op.method !== method.toUpperCase()) continue;
    const names: string[] = [];
    const pattern = op.path.replace(/\/+$/, '').replace(/\{([^}]+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const m = new RegExp(`^${pattern || '/'}$`, 'i').exec(clean);
    if (m) return { op, pathValues: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return undefined;
}
