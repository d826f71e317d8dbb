// One subscriber, one match: a rule's `match.number` names the same subscriber the same way for
// every provider, whichever national form the rule or the request writes it in (docs/fidelity.md,
// "Subscriber numbers").
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { normalizeNumber, SUBSCRIBER, subscriberKey } from '../../src/core/phone.js';
import { DEVINO_NUMBERS } from '../../src/providers/devino/numbers.js';
import { VOICEPASSWORD_NUMBERS } from '../../src/providers/voicepassword/numbers.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { send, SLUGS, upload } from './helpers.js';

describe('normalizeNumber', () => {
  it('reads spaces, dashes, brackets and a plus the same for every policy', () => {
    for (const policy of [undefined, DEVINO_NUMBERS, VOICEPASSWORD_NUMBERS, SUBSCRIBER]) {
      expect(normalizeNumber('+7 (916) 100-20-30', policy)).toBe('79161002030');
      expect(normalizeNumber(79161002030, policy)).toBe('79161002030');
      expect(normalizeNumber('7916', policy)).toBeUndefined();
      expect(normalizeNumber('call me', policy)).toBeUndefined();
    }
  });

  it("differs per provider only in the Russian national forms", () => {
    expect(normalizeNumber('89161002030')).toBe('89161002030');
    expect(normalizeNumber('89161002030', DEVINO_NUMBERS)).toBeUndefined();
    expect(normalizeNumber('8 916 100-20-30', VOICEPASSWORD_NUMBERS)).toBe('79161002030');
    expect(normalizeNumber('9161002030')).toBe('9161002030');
    expect(normalizeNumber('9161002030', DEVINO_NUMBERS)).toBe('9161002030');
    expect(normalizeNumber('9161002030', VOICEPASSWORD_NUMBERS)).toBe('79161002030');
  });

  it('gives every form of one subscriber one key; anything else keeps its digits', () => {
    for (const raw of ['+7 916 100-20-30', '89161002030', '79161002030', '9161002030']) expect(subscriberKey(raw)).toBe('79161002030');
    expect(subscriberKey('tel:+44 20 7946 0018')).toBe('442079460018');
  });
});

describe('match.number across providers', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
    await upload(s, {
      name: 'one-subscriber',
      rules: [
        { match: { provider: 'devino', number: '8 (916) 100-20-30' }, error: 'NotEnoughCredits' },
        { match: { provider: 'mobilgroup', number: '8 (916) 100-20-30' }, error: 'Error_User_Disabled' },
        { match: { provider: 'voicepassword', number: '8 (916) 100-20-30' }, error: 'number_in_spam_list' },
        { match: { provider: 'unibell', number: '8 (916) 100-20-30' }, error: 'rpcError' },
      ],
    });
  });
  afterAll(() => s.close());
  beforeEach(async () => {
    await s.call('/_sim/reset', { method: 'POST' });
  });

  it.each(SLUGS)('%s: every form of the subscriber matches the rule, another subscriber does not', async (slug) => {
    const header = { 'x-sim-scenario': 'one-subscriber' };
    for (const form of ['79161002030', '+7 916 100-20-30', '89161002030', '9161002030']) {
      const res = await send(s, slug, form, header);
      expect(res.headers.get('x-sim-rule'), `${slug} ${form}`).toBe(`one-subscriber#${SLUGS.indexOf(slug) + 1}`);
      await res.arrayBuffer();
    }
    const other = await send(s, slug, '79161002031', header);
    expect(other.headers.get('x-sim-rule')).toBeNull();
    await other.arrayBuffer();
  });
});
