// Request headers as the admin API shows them: credentials masked, so a journal on a shared screen
// (the sandbox's Requests tab, a copied curl line) does not hand out an API key or the admin token.

/** Header names that carry credentials, or that name one. */
const SECRET = /authorization|cookie|token|secret|password|api-?key|x-sim-admin/i;

export const MASK = '***';

export function maskHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    // The scheme stays (`Bearer ***`): it tells how the client authenticated.
    out[name] = SECRET.test(name) ? (/^(basic|bearer|digest) /i.exec(text)?.[0] ?? '') + MASK : text;
  }
  return out;
}
