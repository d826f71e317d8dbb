// The sandbox page's stylesheet: system fonts, one accent colour, light and dark themes (the
// browser's prefers-color-scheme), and a layout that never overflows sideways from 420 px to 1920 px
// (long numbers, URLs and texts wrap or are cut with an ellipsis; the side panel covers the list on
// narrow screens).
export const STYLE_CSS = String.raw`
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --panel: #fff; --ink: #1d2430; --muted: #5f6773; --line: #dfe3ea; --head: #eef0f4;
  --accent: #2457c5; --ok: #17803d; --bad: #c0362c; --wait: #8a5a00; --sel: #e3ecff; --hover: #f2f5fb;
  --ok-bg: #dcf3e3; --bad-bg: #fbe0dd; --wait-bg: #fff0cc; --bubble-in: #eef0f4; --bubble-out: #2457c5; --bubble-out-ink: #fff;
  --bar: #fff4d6; --bar-line: #f0d68a; --err: #fde8e6;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg);
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #12161d; --panel: #1a1f28; --ink: #e3e7ee; --muted: #9aa3b2; --line: #2c3340; --head: #222935;
    --accent: #7aa2ff; --ok: #5fd38a; --bad: #ff8a80; --wait: #f2c46b; --sel: #243355; --hover: #20273a;
    --ok-bg: #173824; --bad-bg: #42201d; --wait-bg: #3b3016; --bubble-in: #263040; --bubble-out: #3b5fc0; --bubble-out-ink: #fff;
    --bar: #3b3016; --bar-line: #5c4a1d; --err: #42201d;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html, body { max-width: 100%; }
body { margin: 0; display: flex; flex-direction: column; height: 100vh; overflow: hidden; }
code, pre, .mono, .id, #clock-now { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; padding: 8px 12px; background: #15203a; color: #fff; }
header h1 { font-size: 15px; margin: 0; font-weight: 600; white-space: nowrap; }
header h1 small { font-weight: 400; opacity: .7; }
header a.ref { color: #cfe0ff; }
.clock { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; min-width: 0; }
#clock-now { font-size: 13px; font-weight: 600; }
.pill { display: inline-block; padding: 0 7px; border-radius: 9px; background: rgba(255,255,255,.15); font-size: 11px; }
.controls { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; margin-left: auto; min-width: 0; }
.group { display: inline-flex; flex-wrap: wrap; gap: 2px; align-items: center; }
button, select, input, textarea { font: inherit; color: inherit; }
button { border: 1px solid var(--line); background: var(--panel); color: var(--ink); border-radius: 4px; padding: 3px 9px; cursor: pointer; }
button:hover { border-color: var(--accent); }
header button, header select, header input { border: 1px solid #3a4a6e; background: #22305a; color: #fff; border-radius: 4px; padding: 3px 7px; max-width: 100%; }
header button:hover { background: #2e3f73; }
header input::placeholder { color: #9aa7c4; }
button.danger, header button.danger { background: #8f2a22; border-color: #b7463d; color: #fff; }
.live { font-size: 11px; padding: 1px 8px; border-radius: 9px; background: #555; }
.live.live-on { background: #17803d; }
.live.connecting, .live.reconnecting { background: #a86a00; }
.bar { padding: 6px 12px; background: var(--bar); border-bottom: 1px solid var(--bar-line); display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; }
.bar.error { background: var(--err); color: var(--bad); }
nav#tabs { display: flex; gap: 2px; padding: 0 12px; background: var(--panel); border-bottom: 1px solid var(--line); overflow-x: auto; }
nav#tabs button { border: 0; border-bottom: 2px solid transparent; border-radius: 0; padding: 8px 10px; background: none; color: var(--muted); white-space: nowrap; }
nav#tabs button.active { color: var(--ink); border-bottom-color: var(--accent); font-weight: 600; }
.count { color: var(--muted); font-weight: 400; }
main { flex: 1; min-height: 0; display: flex; min-width: 0; }
.tab { display: none; flex: 1; min-height: 0; min-width: 0; flex-direction: column; }
.tab.active { display: flex; }
.toolbar { display: flex; flex-wrap: wrap; gap: 6px 8px; align-items: center; padding: 8px 12px; }
.toolbar select, .toolbar input, td input, .reply textarea { border: 1px solid var(--line); border-radius: 4px; padding: 4px 6px; background: var(--panel); min-width: 0; }
#search { flex: 1 1 240px; font-size: 14px; padding: 6px 8px; }
.hint { color: var(--muted); }
.split { flex: 1; min-height: 0; display: flex; min-width: 0; position: relative; }
.list { flex: 1; min-width: 0; display: flex; flex-direction: column; }
.vscroll { flex: 1; min-height: 0; overflow-y: auto; overflow-x: hidden; background: var(--panel); border-top: 1px solid var(--line); }
#records-spacer { position: relative; width: 100%; }
.row { position: absolute; left: 0; right: 0; top: 0; height: 56px; padding: 6px 12px; border-bottom: 1px solid var(--line); cursor: pointer; display: flex; flex-direction: column; gap: 3px; overflow: hidden; }
.row:hover { background: var(--hover); }
.row.selected { background: var(--sel); }
.row .r1, .row .r2 { display: flex; align-items: center; gap: 8px; min-width: 0; white-space: nowrap; }
.row .prov { font-weight: 600; }
.row .kind { color: var(--muted); }
.row .time { margin-left: auto; color: var(--muted); font-variant-numeric: tabular-nums; }
.row .snippet { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; }
.phone-link { border: 0; background: none; padding: 0; color: var(--accent); text-decoration: underline; text-underline-offset: 2px; font-variant-numeric: tabular-nums; white-space: nowrap; }
.dir { color: var(--muted); }
.scroll { flex: 1; min-height: 0; min-width: 0; overflow: auto; padding: 0 12px 12px; }
table { width: 100%; border-collapse: collapse; background: var(--panel); border: 1px solid var(--line); }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 11px; }
thead th { position: sticky; top: 0; background: var(--head); text-transform: uppercase; letter-spacing: .04em; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
.state { display: inline-block; padding: 0 6px; border-radius: 3px; background: var(--head); white-space: nowrap; max-width: 100%; overflow: hidden; text-overflow: ellipsis; vertical-align: middle; }
.state.ok { background: var(--ok-bg); color: var(--ok); }
.state.bad { background: var(--bad-bg); color: var(--bad); }
.state.wait { background: var(--wait-bg); color: var(--wait); }
.status-2 { color: var(--ok); } .status-4, .status-0 { color: var(--bad); } .status-5 { color: var(--bad); font-weight: 600; }
aside#side { width: 42%; min-width: 0; max-width: 680px; overflow: auto; border-left: 1px solid var(--line); background: var(--panel); padding: 10px 14px; }
.side-head { display: flex; align-items: flex-start; gap: 8px; }
.side-head h2 { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.close { font-size: 16px; line-height: 1; padding: 2px 8px; }
aside h2 { font-size: 14px; margin: 0 0 8px; }
aside h3 { font-size: 12px; margin: 14px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.kv th { width: 34%; text-transform: none; letter-spacing: 0; font-size: 12px; }
.kv td { font-size: 12px; }
.message-text { margin: 8px 0; padding: 8px 10px; background: var(--bubble-in); border-radius: 10px; white-space: pre-wrap; overflow-wrap: anywhere; }
.timeline { list-style: none; margin: 0; padding: 0 0 0 12px; border-left: 2px solid var(--line); }
.timeline li { margin: 0 0 6px; display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; }
.callbacks { list-style: none; padding: 0; margin: 0; }
.callbacks li { padding: 6px 0; border-bottom: 1px solid var(--line); }
.url { overflow-wrap: anywhere; }
pre { background: var(--head); border: 1px solid var(--line); border-radius: 4px; padding: 8px; margin: 4px 0; overflow: auto; max-height: 320px; font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.empty { color: var(--muted); padding: 12px; margin: 0; }
.attempt { display: block; }
.phone .thread { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.thread li { max-width: 85%; padding: 7px 10px; border-radius: 14px; overflow-wrap: anywhere; }
.thread li.received { align-self: flex-start; background: var(--bubble-in); border-bottom-left-radius: 4px; }
.thread li.sent { align-self: flex-end; background: var(--bubble-out); color: var(--bubble-out-ink); border-bottom-right-radius: 4px; }
.thread li.call { align-self: center; max-width: 95%; border: 1px dashed var(--line); border-radius: 8px; }
.thread .who { font-size: 11px; opacity: .75; }
.thread .body { white-space: pre-wrap; }
.thread .meta { font-size: 11px; opacity: .7; }
.reply { display: flex; gap: 6px; margin-top: 12px; position: sticky; bottom: 0; background: var(--panel); padding-top: 6px; }
.reply textarea { flex: 1; resize: vertical; }
.requests { list-style: none; margin: 0; padding: 0; background: var(--panel); border: 1px solid var(--line); }
.request { border-bottom: 1px solid var(--line); }
.request-line { display: flex; flex-wrap: wrap; gap: 4px 10px; width: 100%; text-align: left; border: 0; border-radius: 0; background: none; padding: 6px 8px; }
.request-line:hover { background: var(--hover); }
.request-detail { padding: 4px 10px 10px; }
.request-detail h4 { margin: 8px 0 2px; font-size: 12px; color: var(--muted); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td input.balance { width: 120px; max-width: 100%; text-align: right; }
.saved { color: var(--ok); margin-left: 6px; }
.errors { margin: 0 12px 8px; color: var(--bad); }
/* Narrow screens: the side panel covers the list; tables scroll inside their panel, never the page. */
@media (max-width: 900px) {
  aside#side { display: none; position: absolute; inset: 0; width: auto; max-width: none; border-left: 0; z-index: 2; }
  body.side-open aside#side { display: block; }
  header { gap: 6px 8px; }
  .controls { margin-left: 0; }
}
`;
