// The happy-path scenario keeps its description's promise for every magic number docs/magic-numbers.md
// lists: what a provider accepts ends well (call answered, SMS delivered); what the provider's
// contract refuses at the request (VoicePassword's spam list) stays refused, and the description
// and the doc both say so.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIOS } from '../../src/core/config.js';
import { providers } from '../../src/providers/index.js';
import { readScenarioDir } from '../../src/scenarios/loader.js';
import { form, json, readJson } from '../helpers/server.js';
import { useSimulator } from '../helpers/useSimulator.js';
import { devinoSession, records, send, VP_KEY, type Slug } from './helpers.js';

interface MagicRow {
  slug: Slug;
  number: string;
  /** The error code a row documents as the answer to the request itself (`refused at once: \`code\``). */
  refusedWith?: string;
}

/** Every full number of the magic-number tables, by provider section. */
function magicRows(): MagicRow[] {
  const doc = readFileSync(join(import.meta.dirname, '../../docs/magic-numbers.md'), 'utf8');
  const rows: MagicRow[] = [];
  for (const section of doc.split(/^## /m).slice(1)) {
    const slug = (['devino', 'mobilgroup', 'voicepassword', 'unibell'] as const).find((s) => section.toLowerCase().startsWith(s));
    if (!slug) continue;
    for (const line of section.split('\n')) {
      const m = /^\| `(7999\d{7})` \|(.*)$/.exec(line);
      if (m) rows.push({ slug, number: m[1], refusedWith: /refused at once: `(\w+)`/.exec(m[2])?.[1] });
    }
  }
  return rows;
}

const GOOD: Record<string, string> = {
  'devino sms': '0',
  'devino voice': '2',
  'mobilgroup call': 'Успешно',
  'voicepassword flashcall': 'ANSWERED',
  'voicepassword sms': 'DELIVERED',
  'unibell call': 'ok',
};

describe('happy-path', () => {
  const s = useSimulator({ config: { scenario: 'happy-path' }, eachTest: 'keep' });

  it('every magic number the providers accept ends well; the ones refused at the request are refused as documented', async () => {
    const rows = magicRows();
    expect(rows.length).toBeGreaterThan(30);
    const session = await devinoSession(s);
    for (const { slug, number, refusedWith } of rows) {
      const res = await send(s, slug, number);
      const body = await readJson(res);
      if (refusedWith) {
        expect(body, number).toMatchObject({ result: 'error', error_code: refusedWith });
        continue;
      }
      expect(res.status, `${slug} ${number}`).toBe(200);
      if (slug === 'devino') {
        const voice = form({ SessionID: session, SourceAddress: '74957722345', DestinationAddress: number, FileId: 21, RetryCount: 2, Gap: 1, Dtmf: 'true' });
        expect((await s.call('/devino/rest/Voice/Send', voice)).status).toBe(200);
      }
      if (slug === 'voicepassword') {
        const sms = await readJson(await s.call('/voicepassword/api/voice-password/send/', json({ security: { apiKey: VP_KEY }, sms: { id: body.id } })));
        expect(sms.result, number).toBe('ok');
      }
    }
    await s.advance('3h');
    const all = (await records(s, 'limit=1000')).filter((r) => `${r.provider} ${r.kind}` in GOOD);
    const accepted = rows.filter((r) => !r.refusedWith);
    // Devino: an SMS and a voice message per number; VoicePassword: a call and its SMS fallback.
    const expected = accepted.reduce((n, r) => n + (r.slug === 'devino' || r.slug === 'voicepassword' ? 2 : 1), 0);
    expect(all).toHaveLength(expected);
    for (const r of all) expect(`${r.provider} ${r.kind} ${r.id}: ${r.state}`).toBe(`${r.provider} ${r.kind} ${r.id}: ${GOOD[`${r.provider} ${r.kind}`]}`);
  });

  it('its description names what stays refused, as the magic-number table does', () => {
    const happy = readScenarioDir(DEFAULT_SCENARIOS, new Map(providers.map((p) => [p.slug, p]))).find((x) => x.name === 'happy-path');
    const refused = magicRows().filter((r) => r.refusedWith);
    expect(refused.map((r) => r.number)).toEqual(['79990006666']);
    for (const r of refused) {
      expect(happy?.description).toContain(r.number);
      expect(happy?.description).toContain(r.refusedWith);
    }
  });
});
