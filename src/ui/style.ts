// The sandbox page's stylesheet: system fonts, one accent colour, dense tables that stay readable.
export const STYLE_CSS = String.raw`
:root {
  --bg: #f6f7f9; --panel: #fff; --ink: #1d2430; --muted: #6b7380; --line: #e1e4ea;
  --accent: #2457c5; --ok: #17803d; --bad: #c0362c; --wait: #a86a00; --sel: #e8efff;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg);
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; display: flex; flex-direction: column; height: 100vh; }
code, pre, .mono, td.id, output#clock-now { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 8px 14px; background: #15203a; color: #fff; }
header h1 { font-size: 15px; margin: 0; font-weight: 600; }
header h1 small { font-weight: 400; opacity: .7; }
.clock { display: flex; align-items: center; gap: 8px; }
#clock-now { font-size: 16px; font-weight: 600; letter-spacing: .02em; }
.pill { display: inline-block; padding: 0 7px; border-radius: 9px; background: rgba(255,255,255,.15); font-size: 11px; }
.controls { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; margin-left: auto; }
.group { display: inline-flex; gap: 2px; align-items: center; }
button, select, input, textarea { font: inherit; color: inherit; }
button { border: 1px solid var(--line); background: #fff; color: var(--ink); border-radius: 4px; padding: 3px 9px; cursor: pointer; }
button:hover { border-color: var(--accent); }
header button, header select, header input { border: 1px solid #3a4a6e; background: #22305a; color: #fff; border-radius: 4px; padding: 3px 7px; }
header button:hover { background: #2e3f73; }
header input::placeholder { color: #9aa7c4; }
header input[type=datetime-local] { color-scheme: dark; }
button.danger, header button.danger { background: #8f2a22; border-color: #b7463d; color: #fff; }
.live { font-size: 11px; padding: 1px 8px; border-radius: 9px; background: #555; }
.live.live-on { background: var(--ok); }
.live.connecting, .live.reconnecting { background: var(--wait); }
.bar { padding: 6px 14px; background: #fff4d6; border-bottom: 1px solid #f0d68a; display: flex; gap: 12px; align-items: center; }
.bar.error { background: #fde8e6; border-color: #f2b8b2; color: var(--bad); }
nav#tabs { display: flex; gap: 2px; padding: 0 14px; background: var(--panel); border-bottom: 1px solid var(--line); }
nav#tabs button { border: 0; border-bottom: 2px solid transparent; border-radius: 0; padding: 8px 12px; background: none; color: var(--muted); }
nav#tabs button.active { color: var(--ink); border-bottom-color: var(--accent); font-weight: 600; }
.count { color: var(--muted); font-weight: 400; }
main { flex: 1; min-height: 0; display: flex; }
.tab { display: none; flex: 1; min-height: 0; flex-direction: column; }
.tab.active { display: flex; }
.toolbar { display: flex; gap: 8px; align-items: center; padding: 8px 14px; }
.toolbar select, .toolbar input, .card input, .card select, .card textarea, td input { border: 1px solid var(--line); border-radius: 4px; padding: 3px 6px; background: #fff; }
.hint { color: var(--muted); }
.split { flex: 1; min-height: 0; display: flex; }
.scroll { flex: 1; min-height: 0; overflow: auto; padding: 0 14px 14px; }
table { width: 100%; border-collapse: collapse; background: var(--panel); border: 1px solid var(--line); }
th { position: sticky; top: 0; background: #eef0f4; text-align: left; font-weight: 600; color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: .04em; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
tbody tr { cursor: default; }
#records tbody tr, #journal tbody tr { cursor: pointer; }
tbody tr:hover { background: #f4f6fb; }
tbody tr.selected { background: var(--sel); }
tbody tr.fresh { animation: fresh 1.2s ease-out; }
@keyframes fresh { from { background: #fff3b0; } to { background: transparent; } }
.state { display: inline-block; padding: 0 6px; border-radius: 3px; background: #eef0f4; white-space: nowrap; }
.state.ok { background: #dcf3e3; color: var(--ok); }
.state.bad { background: #fbe0dd; color: var(--bad); }
.state.wait { background: #fff0cc; color: var(--wait); }
.history { color: var(--muted); white-space: nowrap; }
.history .arrow { margin: 0 3px; }
.status-2 { color: var(--ok); } .status-4, .status-0 { color: var(--bad); } .status-5 { color: var(--bad); font-weight: 600; }
aside#detail { width: 40%; min-width: 320px; max-width: 640px; overflow: auto; border-left: 1px solid var(--line); background: var(--panel); padding: 10px 14px; }
aside h2 { font-size: 14px; margin: 0 0 8px; }
.card h2 { font-size: 14px; margin: 0; }
.card p { margin: 0; }
aside h3 { font-size: 12px; margin: 14px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
aside table { font-size: 12px; }
pre { background: #f3f5f8; border: 1px solid var(--line); border-radius: 4px; padding: 8px; margin: 4px 0; overflow: auto; max-height: 320px; font-size: 12px; white-space: pre-wrap; word-break: break-all; }
.empty { color: var(--muted); padding: 12px 0; }
.attempt { display: block; white-space: nowrap; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 14px; margin: 14px; max-width: 520px; display: flex; flex-direction: column; gap: 8px; }
.card label { display: grid; grid-template-columns: 80px 1fr; align-items: center; gap: 8px; }
.card button { align-self: flex-start; background: var(--accent); color: #fff; border-color: var(--accent); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td input.balance { width: 120px; text-align: right; }
#accounts td, #scenarios td { vertical-align: middle; }
#scenarios td.mono { white-space: nowrap; }
.saved { color: var(--ok); margin-left: 6px; }
.errors { margin: 0 14px 8px; color: var(--bad); }
`;
