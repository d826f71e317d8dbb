// GSM-7 / UCS-2 detection and segmentation as SMS centres do it (3GPP TS 23.038 and 23.040).

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// Characters of the extension table cost two septets (escape + code).
const GSM7_EXTENDED = '^{}\\[~]|€\f';

const basic = new Set(GSM7_BASIC);
const extended = new Set(GSM7_EXTENDED);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  parts: string[];
}

export const SEGMENT_LIMITS = {
  gsm7: { single: 160, multi: 153 },
  ucs2: { single: 70, multi: 67 },
} as const;

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!basic.has(ch) && !extended.has(ch)) return false;
  return true;
}

export function segmentSms(text: string): SmsSegments {
  if (isGsm7(text)) {
    const costs: number[] = [];
    const chars: string[] = [];
    for (const ch of text) {
      chars.push(ch);
      costs.push(extended.has(ch) ? 2 : 1);
    }
    return split('gsm7', chars, costs);
  }
  // UCS-2 counts UTF-16 code units; a surrogate pair is one character that never straddles two parts.
  const chars = Array.from(text);
  return split(
    'ucs2',
    chars,
    chars.map((ch) => ch.length),
  );
}

function split(encoding: SmsEncoding, chars: string[], costs: number[]): SmsSegments {
  const units = costs.reduce((a, b) => a + b, 0);
  const limits = SEGMENT_LIMITS[encoding];
  if (units <= limits.single) return { encoding, units, parts: [chars.join('')] };
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (let i = 0; i < chars.length; i++) {
    if (used + costs[i] > limits.multi) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += chars[i];
    used += costs[i];
  }
  if (current) parts.push(current);
  return { encoding, units, parts };
}
