// The sandbox page's HTML shell (the script is src/ui/app/). Everything on it is filled in by the client script from the admin
// API and the event stream, so the page itself holds no data and needs no admin token.
import { UI_BASE } from './paths.js';

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>provider-sim sandbox</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${UI_BASE}/app.css">
<script src="${UI_BASE}/app.js" defer></script>
</head>
<body>
<header>
  <h1>provider-sim <small>sandbox</small></h1>
  <a class="ref" href="/_sim/openapi/" data-testid="api-reference" target="_blank" rel="noopener">API reference</a>
  <span id="live" class="live connecting" title="Live event stream (GET /_sim/events)">connecting</span>
  <div class="clock" aria-label="Simulator clock">
    <output id="clock-now" title="Simulator time (UTC)">—</output>
    <span id="clock-mode" class="pill"></span>
  </div>
  <div class="controls">
    <span class="group" role="group" aria-label="Advance the clock">
      <button type="button" data-advance="10s">+10s</button>
      <button type="button" data-advance="1m">+1m</button>
      <button type="button" data-advance="10m">+10m</button>
      <button type="button" data-advance="1h">+1h</button>
      <button type="button" data-advance="1d">+1d</button>
    </span>
    <form id="advance-form" class="group"><input name="by" placeholder="2h30m" size="6" aria-label="Advance by" required><button>Advance</button></form>
    <form id="set-form" class="group"><input name="now" type="text" inputmode="numeric" size="19" placeholder="2026-01-31 14:05:00" pattern="\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2})?" aria-label="Set the time (UTC, 24-hour)" required><button>Set UTC</button></form>
    <select id="mode-select" aria-label="Clock mode">
      <option value="manual">manual</option><option value="real">real</option><option value="x60">x60</option><option value="x3600">x3600</option>
    </select>
    <button type="button" id="traffic" title="Play an hour of generated traffic (POST /_sim/traffic)">+1h traffic</button>
    <button type="button" id="reset" class="danger" title="Everything back to the fixtures">Reset</button>
  </div>
</header>
<div id="token-bar" class="bar" hidden>
  <span id="token-message">The admin API needs a token.</span>
  <form id="token-form"><input name="token" type="password" autocomplete="off" placeholder="SIM_ADMIN_TOKEN" aria-label="Admin token" required><button>Use token</button></form>
</div>
<div id="error" class="bar error" role="alert" hidden></div>
<nav id="tabs" role="tablist">
  <button type="button" data-tab="records" class="active">Messages &amp; calls <span class="count" id="count-records"></span></button>
  <button type="button" data-tab="callbacks">Callbacks <span class="count" id="count-callbacks"></span></button>
  <button type="button" data-tab="journal">Requests <span class="count" id="count-journal"></span></button>
  <button type="button" data-tab="accounts">Balances</button>
  <button type="button" data-tab="scenarios">Scenarios <span class="count" id="count-scenarios"></span></button>
</nav>
<main>
  <section id="tab-records" class="tab active">
    <div class="toolbar">
      <input id="search" data-testid="search" type="search" placeholder="Search: +7 916 …, 8916…, a word, an id, an account  ( / )" aria-label="Search by number, text, id or account" autocomplete="off">
      <select id="f-provider" aria-label="Provider"><option value="">all providers</option></select>
      <select id="f-kind" aria-label="Kind"><option value="">all kinds</option></select>
    </div>
    <div class="split">
      <div class="list">
        <div id="records-scroll" class="vscroll" role="list" aria-label="Messages and calls, newest first"><div id="records-spacer"></div></div>
        <p class="empty" id="records-empty" hidden>No messages or calls match. Send one to a provider and it appears here.</p>
      </div>
      <aside id="side" data-testid="side" aria-live="polite"></aside>
    </div>
  </section>
  <section id="tab-callbacks" class="tab">
    <div class="toolbar"><span id="callback-stats"></span></div>
    <div class="scroll">
      <table id="callbacks">
        <thead><tr><th>created</th><th>provider</th><th>about</th><th>request</th><th>state</th><th>attempts</th><th></th></tr></thead>
        <tbody></tbody>
      </table>
      <p class="empty" id="callbacks-empty">No callbacks sent yet.</p>
    </div>
  </section>
  <section id="tab-journal" class="tab">
    <div class="toolbar"><button type="button" id="journal-clear">Clear journal</button> <span class="hint">Newest first; open a request for its headers, body, answer and a curl line.</span></div>
    <div class="scroll">
      <ol id="journal" class="requests"></ol>
      <p class="empty" id="journal-empty">No requests yet.</p>
    </div>
  </section>
  <section id="tab-accounts" class="tab">
    <div class="scroll">
      <table id="accounts">
        <thead><tr><th>provider</th><th>account</th><th>balance</th><th>disabled</th><th></th></tr></thead>
        <tbody></tbody>
      </table>
    </div>
  </section>
  <section id="tab-scenarios" class="tab">
    <div class="toolbar"><button type="button" id="scenarios-off">Deactivate all</button> <span class="hint">Active scenarios apply to every request without an X-Sim-Scenario header.</span></div>
    <div id="scenario-errors"></div>
    <div class="scroll">
      <table id="scenarios">
        <thead><tr><th>active</th><th>name</th><th>description</th><th>rules</th><th>source</th></tr></thead>
        <tbody></tbody>
      </table>
    </div>
  </section>
</main>
</body>
</html>
`;
