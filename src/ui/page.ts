// The sandbox page's HTML shell. Everything on it is filled in by the client script from the admin
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
    <form id="set-form" class="group"><input name="now" type="datetime-local" step="1" aria-label="Set the time (UTC)" required><button>Set UTC</button></form>
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
<nav id="tabs">
  <button type="button" data-tab="records" class="active">Messages &amp; calls <span class="count" id="count-records"></span></button>
  <button type="button" data-tab="callbacks">Callbacks <span class="count" id="count-callbacks"></span></button>
  <button type="button" data-tab="journal">Requests <span class="count" id="count-journal"></span></button>
  <button type="button" data-tab="accounts">Balances</button>
  <button type="button" data-tab="scenarios">Scenarios <span class="count" id="count-scenarios"></span></button>
  <button type="button" data-tab="incoming">Incoming SMS</button>
</nav>
<main>
  <section id="tab-records" class="tab active">
    <div class="toolbar">
      <select id="f-provider" aria-label="Provider"><option value="">all providers</option></select>
      <select id="f-kind" aria-label="Kind"><option value="">all kinds</option></select>
      <input id="f-text" type="search" placeholder="filter: id, account, state" aria-label="Filter">
    </div>
    <div class="split">
      <div class="scroll">
        <table id="records">
          <thead><tr><th>created</th><th>provider</th><th>kind</th><th>id</th><th>account</th><th>state</th><th>history</th></tr></thead>
          <tbody></tbody>
        </table>
        <p class="empty" id="records-empty">No messages or calls yet. Send one to a provider and it appears here.</p>
      </div>
      <aside id="detail"><p class="empty">Select a message or call to see its history, callbacks and the provider's view.</p></aside>
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
    <div class="toolbar"><button type="button" id="journal-clear">Clear journal</button> <span class="hint">Newest first; click a request for its body and answer.</span></div>
    <div class="scroll">
      <table id="journal">
        <thead><tr><th>time</th><th>method</th><th>url</th><th>operation</th><th>account</th><th>status</th><th>ms</th></tr></thead>
        <tbody></tbody>
      </table>
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
  <section id="tab-incoming" class="tab">
    <form id="incoming-form" class="card">
      <h2>Devino: an SMS from a subscriber</h2>
      <p class="hint">As if a subscriber had written: it is listed by <code>/Sms/In</code> for the account.</p>
      <label>Account <select name="account"></select></label>
      <label>From <input name="from" placeholder="79161234567" required></label>
      <label>To <input name="to" placeholder="the account's first sender"></label>
      <label>Text <textarea name="text" rows="3" required>Да</textarea></label>
      <button>Inject incoming SMS</button>
      <output id="incoming-result"></output>
    </form>
  </section>
</main>
</body>
</html>
`;
