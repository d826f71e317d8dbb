// Generated parts of a scenario outcome, drawn when the outcome applies: a call duration within a
// range, random DTMF digits, a reply SMS made up in Russian. All from the rule's own seeded
// generator, so the same scenario, seed and requests give the same content.
import type { SimRandom } from '../core/random.js';
import { localeFaker } from '../core/generate/faker.js';
import { replyText } from '../core/generate/texts.js';
import type { OutcomeEffect, ResolvedOutcome } from './schema.js';

export function resolveOutcome(outcome: OutcomeEffect, random: SimRandom): ResolvedOutcome {
  const { duration, dtmf, reply, ...rest } = outcome;
  const resolved: ResolvedOutcome = rest;
  if (duration !== undefined) resolved.duration = typeof duration === 'number' ? duration : random.int(duration.min, duration.max);
  if (dtmf !== undefined) resolved.dtmf = typeof dtmf === 'string' ? dtmf : random.digits(dtmf.length);
  if (reply !== undefined) resolved.reply = { text: reply.text ?? replyText(localeFaker(random, 'ru')), after: reply.after };
  return resolved;
}
