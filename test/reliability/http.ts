// Raw HTTP for reliability tests: what fetch refuses to send (a body on GET, a wrong
// Content-Length, bytes that are not UTF-8, any method) goes out exactly as written.
import { request as httpRequest, Agent } from 'node:http';

export interface RawRequest {
  method: string;
  /** Path and query, already encoded as it goes on the wire. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

export function rawRequest(baseUrl: string, req: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length' || k.toLowerCase() === 'transfer-encoding')) {
      headers['content-length'] = Buffer.byteLength(req.body);
    }
    const r = httpRequest(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error(`no answer within ${timeoutMs} ms: ${req.method} ${req.path.slice(0, 120)}`)));
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/** Parses a response body as JSON, or says what came back instead. */
export function parseJson(res: RawResponse): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(res.text) };
  } catch {
    return { ok: false, error: `not JSON (${res.status}, ${String(res.headers['content-type'])}): ${JSON.stringify(res.text.slice(0, 200))}` };
  }
}
