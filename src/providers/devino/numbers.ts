import { normalizeMsisdn } from '../../core/phone.js';

/** Devino wants the international format: the Russian trunk form 8XXXXXXXXXX is not accepted. */
export function internationalNumber(raw: string): string | undefined {
  const msisdn = normalizeMsisdn(raw);
  return msisdn && !/^8\d{10}$/.test(msisdn) ? msisdn : undefined;
}
