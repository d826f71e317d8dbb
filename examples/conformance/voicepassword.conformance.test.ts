// Example: check your own VoicePassword adapter with the conformance kit, under vitest in your
// repository. Copy it and change the one import:
//   import { runConformance, type AdapterFactory } from 'provider-sim/conformance';
// (here it imports the source; test/conformance/examples.test.ts runs it with the project's suite).
//
// The adapter is partial on purpose: it sends calls (operation `send`) and parses the callbacks,
// but has no reporting (`get`). The kit runs every case of `send` and reports the cases that need
// `get` as not covered; they never fail.
import { describe, expect, it } from 'vitest';
import { runConformance, type AdapterFactory, type ConformanceReport } from '../../src/conformance/index.js';

// ---- the application's code: what a notification service has -------------------------------------

class VoicePasswordError extends Error {
  constructor(readonly code: string) {
    super(`VoicePassword: ${code}`);
  }
}

/** Our VoicePassword integration: flash calls and voice passwords for logins, the code by SMS as a fallback. */
class PhoneVerification {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  /** Any /send/ request, for what the helpers below do not build. */
  async request(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await fetch(`${this.baseUrl}/send/`, {
      method: 'POST',
      headers: { authorization: this.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as Record<string, unknown>;
    if (answer.result === 'error') throw new VoicePasswordError(String(answer.error_code));
    return answer;
  }

  flashCall(phone: string, options: { code?: string; digits?: number; callbackUrl?: string } = {}) {
    return this.request({
      number: phone,
      ...(options.code ? { flashcall: { code: options.code } } : {}),
      ...(options.digits ? { capacity: options.digits } : {}),
      ...(options.callbackUrl ? { callback_url: options.callbackUrl } : {}),
    });
  }

  voiceCall(phone: string, voice: Record<string, unknown>, callbackUrl?: string) {
    return this.request({ number: phone, voice, ...(callbackUrl ? { callback_url: callbackUrl } : {}) });
  }

  codeBySms(callId: string, callbackUrl?: string) {
    return this.request({ sms: { id: callId }, ...(callbackUrl ? { callback_url: callbackUrl } : {}) });
  }

  /** Our webhook endpoint's parser: VoicePassword posts JSON. */
  static parseWebhook(body: string): Record<string, unknown> {
    return JSON.parse(body) as Record<string, unknown>;
  }
}

// ---- the glue the kit needs: operation `send` with the document's parameters -> our methods ------

export const voicepassword: AdapterFactory = ({ baseUrl, credentials }) => ({
  operations: ['send'],
  callbacks: ['callResult', 'smsStatus'],
  async call(operation, params, creds) {
    const service = new PhoneVerification(baseUrl, (creds ?? credentials).apiKey);
    const callbackUrl = params.callback_url as string | undefined;
    if (params.sms) return service.codeBySms(String((params.sms as { id: unknown }).id), callbackUrl);
    // A request our helpers never build (a flash call and a voice call at once) goes as it is.
    if (params.voice && params.flashcall) return service.request(params);
    if (params.voice) return service.voiceCall(String(params.number), params.voice as Record<string, unknown>, callbackUrl);
    const flash = params.flashcall as { code?: string } | undefined;
    return service.flashCall(String(params.number), { code: flash?.code, digits: params.capacity as number | undefined, callbackUrl });
  },
  async parseCallback(_name, request) {
    return PhoneVerification.parseWebhook(request.body);
  },
});

/** The last report, for whoever wants more than pass/fail (the project's own test reads it). */
export const results: { report?: ConformanceReport } = {};

describe('our VoicePassword adapter against provider-sim', () => {
  it('passes every conformance case of the operations it implements', async () => {
    const report = await runConformance({ voicepassword });
    results.report = report;
    expect(report.cases.filter((c) => c.status === 'failed')).toEqual([]);
  }, 300_000);
});
