import type { NumberPolicy } from '../../core/phone.js';

/** Devino wants the international format: the Russian trunk form 8XXXXXXXXXX is not accepted. */
export const DEVINO_NUMBERS: NumberPolicy = { trunk8: 'refuse' };
