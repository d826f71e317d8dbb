// ApiDoc -> OpenAPI 3.1 document. Every JSON schema in it comes from `z.toJSONSchema` of the
// provider's own zod schemas: requests in their input form (what a client may send), responses in
// their output form (what the simulator answers). Exported schemas become named components, and
// only the ones an operation reaches are kept.
import { z } from 'zod';
import type { ApiDoc, CallbackDoc, OperationDoc, Payload, ResponseDoc } from '../core/apiDoc.js';

type Json = Record<string, unknown>;
type Io = 'input' | 'output';

const COMPONENT = '#/components/schemas/';
export const OPENAPI_VERSION = '3.1.0';

function namesOf(modules: readonly Record<string, unknown>[]): Map<z.ZodType, string> {
  const names = new Map<z.ZodType, string>();
  for (const mod of modules) {
    for (const [name, value] of Object.entries(mod)) if (value instanceof z.ZodType && !names.has(value)) names.set(value, name);
  }
  return names;
}

const strip = (schema: Json): Json => {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
};

/** Every `$ref` to a component inside a JSON value. */
function refsIn(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(COMPONENT)) out.add(v.slice(COMPONENT.length));
      else refsIn(v, out);
    }
  }
  return out;
}

function renameRefs(value: unknown, rename: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, rename));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (k === '$ref' && typeof v === 'string' && v.startsWith(COMPONENT)) {
          const name = v.slice(COMPONENT.length);
          return [k, COMPONENT + (rename.get(name) ?? name)];
        }
        return [k, renameRefs(v, rename)];
      }),
    );
  }
  return value;
}

/** Converts schemas for one direction (input or output), with named schemas as component references. */
function converter(names: Map<z.ZodType, string>, io: Io) {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of names) registry.add(schema, { id });
  const options = { io, target: 'draft-2020-12' as const, unrepresentable: 'any' as const, uri: (id: string) => COMPONENT + id };
  const all = z.toJSONSchema(registry, options).schemas as Record<string, Json>;
  const components: Record<string, Json> = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, strip(v)]));
  return {
    components,
    /** A reference for a named schema, the inline JSON schema otherwise. */
    schema(schema: z.ZodType): Json {
      const name = names.get(schema);
      if (name) return { $ref: COMPONENT + name };
      return strip(z.toJSONSchema(schema, { ...options, metadata: registry }) as Json);
    },
  };
}

export function buildDocument(doc: ApiDoc, info: { version: string }): Json {
  const names = namesOf(doc.schemaModules);
  const input = converter(names, 'input');
  const output = converter(names, 'output');
  const used: Record<Io, Set<string>> = { input: new Set(), output: new Set() };
  const convert = (schema: z.ZodType, io: Io) => {
    const json = (io === 'input' ? input : output).schema(schema);
    refsIn(json, used[io]);
    return json;
  };

  const payload = (p: Payload | readonly z.ZodType[], io: Io): Json => {
    if (p === 'binary') return { type: 'string', format: 'binary' };
    // anyOf, not oneOf: alternatives may overlap (an empty list fits every list answer of Mobilgroup's /get/).
    if (Array.isArray(p)) return { anyOf: p.map((s: z.ZodType) => convert(s, io)) };
    return convert(p as z.ZodType, io);
  };

  /** An object schema's properties as OpenAPI parameters. */
  const parameters = (schema: z.ZodObject | undefined, where: 'query' | 'path'): Json[] => {
    if (!schema) return [];
    const name = names.get(schema);
    const json = name ? input.components[name] : input.schema(schema);
    const required = new Set((json.required as string[] | undefined) ?? []);
    return Object.entries((json.properties as Record<string, Json>) ?? {}).map(([key, prop]) => {
      refsIn(prop, used.input);
      const { description, ...rest } = prop;
      return { name: key, in: where, required: where === 'path' || required.has(key), ...(description ? { description } : {}), schema: rest };
    });
  };

  const response = (r: ResponseDoc): Json => ({
    description: r.description,
    ...(r.content ? { content: Object.fromEntries(Object.entries(r.content).map(([type, p]) => [type, { schema: payload(p, 'output') }])) } : {}),
  });

  const callbackOperation = (c: CallbackDoc): Json => {
    const body = c.body === undefined ? undefined : Array.isArray(c.body) ? { anyOf: c.body.map((s: z.ZodType) => convert(s, 'output')) } : convert(c.body as z.ZodType, 'output');
    const params = c.query ? parameters(c.query, 'query') : [];
    // Callback query parameters are what the simulator sends: their output form.
    return {
      [c.method]: {
        summary: c.summary,
        ...(params.length ? { parameters: params } : {}),
        ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
        responses: { '200': { description: 'Any 2xx answer acknowledges the callback; others are retried with backoff' } },
      },
    };
  };

  const operation = (op: OperationDoc): Json => ({
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.tags ? { tags: [...op.tags] } : {}),
    ...(op.pathParams || op.query ? { parameters: [...parameters(op.pathParams, 'path'), ...parameters(op.query, 'query')] } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: op.body.required ?? true,
            content: Object.fromEntries(Object.entries(op.body.content).map(([type, p]) => [type, { schema: payload(p, 'input') }])),
          },
        }
      : {}),
    responses: Object.fromEntries(Object.entries(op.responses).map(([status, r]) => [status, response(r)])),
    ...(op.security ? { security: op.security.map((s) => ({ [s]: [] })) } : {}),
    ...(op.callbacks?.length ? { callbacks: Object.fromEntries(op.callbacks.map((c) => [c.name, { [c.url]: callbackOperation(c) }])) } : {}),
    'x-sim-operation': op.simOperation,
    ...(op.errors ? { 'x-provider-errors': [...op.errors] } : {}),
  });

  const paths: Record<string, Json> = {};
  for (const op of doc.operations) {
    const item = (paths[op.path] ??= {});
    if (item[op.method]) throw new Error(`${doc.slug}: ${op.method.toUpperCase()} ${op.path} is described twice`);
    item[op.method] = operation(op);
  }

  const webhooks = doc.webhooks?.length ? Object.fromEntries(doc.webhooks.map((c) => [c.name, callbackOperation(c)])) : undefined;
  const schemas = components(input.components, output.components, used, paths);
  return {
    openapi: OPENAPI_VERSION,
    info: { title: doc.title, version: info.version, description: doc.description },
    servers: doc.servers.map((s) => ({ ...s })),
    ...(doc.security ? { security: doc.security.map((s) => ({ [s]: [] })) } : {}),
    paths: schemas.paths,
    ...(webhooks ? { webhooks } : {}),
    components: { schemas: schemas.schemas, ...(doc.securitySchemes ? { securitySchemes: doc.securitySchemes } : {}) },
    ...(doc.errorCatalogue ? { 'x-error-catalogue': doc.errorCatalogue } : {}),
  };
}

/**
 * The components reachable from the operations, in name order. A schema reached both ways whose
 * input and output forms differ (defaults, transforms) keeps its name for the output form and is
 * `<Name>Input` for the input form.
 */
function components(
  inputAll: Record<string, Json>,
  outputAll: Record<string, Json>,
  used: Record<Io, Set<string>>,
  paths: Record<string, Json>,
): { schemas: Record<string, Json>; paths: Record<string, Json> } {
  const close = (start: Set<string>, all: Record<string, Json>) => {
    const seen = new Set<string>();
    const queue = [...start];
    while (queue.length) {
      const name = queue.pop() as string;
      if (seen.has(name) || !all[name]) continue;
      seen.add(name);
      for (const r of refsIn(all[name], new Set())) queue.push(r);
    }
    return seen;
  };
  const inputs = close(used.input, inputAll);
  const outputs = close(used.output, outputAll);
  const rename = new Map<string, string>();
  for (const name of inputs) {
    if (outputs.has(name) && JSON.stringify(inputAll[name]) !== JSON.stringify(outputAll[name])) rename.set(name, `${name}Input`);
  }
  const out: Record<string, Json> = {};
  for (const name of outputs) out[name] = outputAll[name];
  for (const name of inputs) out[rename.get(name) ?? name] = renameRefs(inputAll[name], rename) as Json;
  // Input references in the paths are renamed too: request bodies, parameters and nothing else.
  const fixed = rename.size === 0 ? paths : renameInputRefs(paths, rename);
  const sorted = Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
  return { schemas: sorted, paths: fixed };
}

function renameInputRefs(paths: Record<string, Json>, rename: ReadonlyMap<string, string>): Record<string, Json> {
  const fixOp = (op: Json): Json => ({
    ...op,
    ...(op.parameters ? { parameters: renameRefs(op.parameters, rename) } : {}),
    ...(op.requestBody ? { requestBody: renameRefs(op.requestBody, rename) } : {}),
  });
  return Object.fromEntries(Object.entries(paths).map(([p, item]) => [p, Object.fromEntries(Object.entries(item).map(([m, op]) => [m, fixOp(op as Json)]))]));
}
