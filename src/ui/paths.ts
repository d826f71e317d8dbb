// Where the sandbox UI lives.
export const UI_BASE = '/_sim/ui';
