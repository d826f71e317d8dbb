// A request written byte for byte on a TCP socket: request lines no HTTP client sends on its own
// (the absolute form `POST http://host/_sim/reset HTTP/1.1` a proxy client sends, odd spellings).
import { connect } from 'node:net';

export interface SocketAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface SocketRequest {
  method: string;
  /** The request target exactly as it goes on the wire: `/_sim/reset` or `http://whatever/_sim/reset`. */
  target: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Sends one request and reads its answer: the whole body when it has a Content-Length, only the
 * head otherwise (an event stream never ends), then closes the socket.
 */
export function sendRaw(url: string, req: SocketRequest): Promise<SocketAnswer> {
  const { hostname, port } = new URL(url);
  const headers: Record<string, string> = { host: `${hostname}:${port}`, connection: 'close', ...req.headers };
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
  const head = [`${req.method} ${req.target} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(`${head}\r\n\r\n${req.body ?? ''}`));
    let data = Buffer.alloc(0);
    let done = false;
    const finish = (answer: SocketAnswer | Error) => {
      if (done) return;
      done = true;
      socket.destroy();
      if (answer instanceof Error) reject(answer);
      else resolve(answer);
    };
    const tryParse = (ended: boolean) => {
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return ended ? finish(new Error(`no HTTP answer to ${req.method} ${req.target}: ${JSON.stringify(data.toString('latin1'))}`)) : undefined;
      const lines = data.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(lines[0].split(' ')[1]);
      const parsed: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        parsed[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = parsed['content-length'];
      const body = data.subarray(end + 4);
      if (length === undefined) return finish({ status, headers: parsed, body: body.toString('utf8') });
      if (body.length >= Number(length) || ended) finish({ status, headers: parsed, body: body.subarray(0, Number(length)).toString('utf8') });
    };
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      tryParse(false);
    });
    socket.on('end', () => tryParse(true));
    socket.on('error', (err) => finish(err));
    socket.setTimeout(10_000, () => finish(new Error(`no answer within 10 s: ${req.method} ${req.target}`)));
  });
}
