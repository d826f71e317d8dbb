// The journal's body cap holds whatever the transfer encoding: a chunked body (no Content-Length)
// is measured after parsing, and past the cap only its size is kept, so the journal's answer stays
// small however large the bodies sent.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { BODY_LIMIT, journalBody } from '../../src/core/journal.js';
import { readJson } from '../helpers/server.js';
import { useSimulator } from '../helpers/useSimulator.js';

const s = useSimulator({ eachTest: 'keep' });

/** POSTs `text` in 16 KiB chunks with Transfer-Encoding: chunked (no Content-Length). */
function postChunked(path: string, contentType: string, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(s.url + path, { method: 'POST', headers: { 'content-type': contentType } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    expect(req.getHeader('content-length')).toBeUndefined();
    for (let i = 0; i < text.length; i += 16_384) req.write(text.slice(i, i + 16_384));
    req.end();
  });
}

const SIZE = 300_000;
const bodies = {
  json: { path: '/mobilgroup/api/send/', type: 'application/json', text: JSON.stringify({ settings: { message: 'x'.repeat(SIZE), number: '74951234567' }, subscribers: [{ phone: '79161234567' }] }) },
  form: { path: '/devino/rest/Sms/Send', type: 'application/x-www-form-urlencoded', text: `SessionID=x&DestinationAddress=79161002030&SourceAddress=DEVINO&Data=${'y'.repeat(SIZE)}` },
  // Mobilgroup reads a body of any content type as JSON (Devino ignores text: it journals `{}`).
  text: { path: '/mobilgroup/api/send/', type: 'text/plain', text: JSON.stringify({ settings: { message: 'z'.repeat(SIZE), number: '74951234567' }, subscribers: [] }) },
};

describe('journal body cap with chunked bodies', () => {
  it('keeps only the size of JSON, form and text bodies past the cap', async () => {
    await s.call('/_sim/journal', { method: 'DELETE' });
    const rounds = 4;
    for (let i = 0; i < rounds; i++) {
      for (const b of Object.values(bodies)) expect(await postChunked(b.path, b.type, b.text)).toBeLessThan(500);
    }
    const res = await s.call('/_sim/journal?limit=1000');
    const text = await res.text();
    const { entries } = JSON.parse(text);
    expect(entries).toHaveLength(rounds * 3);
    for (const e of entries) expect(e.body).toEqual({ omitted: expect.stringMatching(/^\d+ bytes$/) });
    // 12 bodies of 300 kB each; the answer holds a few hundred bytes per entry.
    expect(text.length).toBeLessThan(entries.length * 1024);
  });

  it('still keeps a small chunked body', async () => {
    await s.call('/_sim/journal', { method: 'DELETE' });
    await postChunked('/devino/rest/Sms/Send', 'application/x-www-form-urlencoded', 'SessionID=x&Data=hi');
    const { entries } = await readJson(await s.call('/_sim/journal'));
    expect(entries[0].body).toMatchObject({ SessionID: 'x', Data: 'hi' });
  });

  it('measures what it cannot read from a header', () => {
    expect(journalBody(undefined, 'a'.repeat(BODY_LIMIT + 1))).toEqual({ omitted: `${BODY_LIMIT + 1} bytes` });
    expect(journalBody(undefined, { a: 'é'.repeat(BODY_LIMIT) })).toEqual({ omitted: `${JSON.stringify({ a: 'é'.repeat(BODY_LIMIT) }).length + BODY_LIMIT} bytes` });
    expect(journalBody(String(BODY_LIMIT + 1), { small: true })).toEqual({ omitted: `${BODY_LIMIT + 1} bytes` });
    expect(journalBody(undefined, { small: true })).toEqual({ small: true });
  });
});
