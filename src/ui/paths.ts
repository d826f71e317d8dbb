// Where the sandbox UI lives. Kept apart so the admin token hook can let the page shell through
// (it holds no data: every byte of state comes from the token-guarded admin API).
export const UI_BASE = '/_sim/ui';

/** True for the page and its static assets (lower-cased path, no query, no trailing slash). */
export const isUiShellPath = (path: string) => path === UI_BASE || path === `${UI_BASE}/app.js` || path === `${UI_BASE}/app.css`;
