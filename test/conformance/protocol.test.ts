// docs/conformance-protocol.md: its JSON Schemas are the ones the kit validates with, and every
// example message it shows is one the kit accepts (or sends).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { protocolDoc } from '../../scripts/conformance-docs.js';
import { CallbackRequestMessage, CallRequest, HelloReply, HelloRequest, ResultReply } from '../../src/conformance/protocol.js';

const doc = readFileSync(new URL('../../docs/conformance-protocol.md', import.meta.url), 'utf8');

describe('docs/conformance-protocol.md', () => {
  it('holds the JSON Schemas generated from the kit', () => {
    expect(doc).toBe(protocolDoc(doc));
  });

  it('shows only messages the protocol allows', () => {
    const examples = [...doc.matchAll(/^([→←]) (\{.*\})$/gm)].map(([, dir, json]) => ({ dir, message: JSON.parse(json.replace(/…/g, '')) as { type: string } }));
    expect(examples.length).toBeGreaterThanOrEqual(7);
    const schemaOf = (dir: string, type: string): z.ZodType =>
      dir === '→' ? ({ hello: HelloRequest, call: CallRequest, callback: CallbackRequestMessage } as Record<string, z.ZodType>)[type] : type === 'hello' ? HelloReply : ResultReply;
    for (const { dir, message } of examples) expect(schemaOf(dir, message.type).safeParse(message).success, JSON.stringify(message)).toBe(true);
  });
});
