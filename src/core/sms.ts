// GSM-7 / UCS-2 detection and segmentation as SMS centres do it (3GPP TS 23.038 and 23.040).

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// Characters of the extension table cost two septets (escape + code).
const GSM7_EXTENDED = '^{}\\[~]|€\f';

// Septets per UTF-16 code unit (0: not GSM-7); every GSM-7 character is a single code unit.
const SEPTETS = new Uint8Array(0x10000);
for (const ch of GSM7_BASIC) SEPTETS[ch.charCodeAt(0)] = 1;
for (const ch of GSM7_EXTENDED) SEPTETS[ch.charCodeAt(0)] = 2;

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

export const isGsm7 = (text: string): boolean => septets(text) >= 0;

/** GSM-7 septets of the text, or -1 when it needs UCS-2. */
function septets(text: string): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const cost = SEPTETS[text.charCodeAt(i)];
    if (cost === 0) return -1;
    units += cost;
  }
  return units;
}

export function segmentSms(text: string): SmsSegments {
  // Most texts fit one part: counted without splitting into characters.
  const gsm = septets(text);
  if (gsm >= 0 && gsm <= SEGMENT_LIMITS.gsm7.single) return { encoding: 'gsm7', units: gsm, parts: [text] };
  if (gsm < 0 && text.length <= SEGMENT_LIMITS.ucs2.single) return { encoding: 'ucs2', units: text.length, parts: [text] };
  if (gsm >= 0) {
    const chars = text.split('');
    return split(
      'gsm7',
      chars,
      chars.map((ch) => SEPTETS[ch.charCodeAt(0)]),
    );
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
