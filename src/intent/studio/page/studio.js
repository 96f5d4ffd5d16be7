// Intent Studio's page script: renders the check document (cli.md §4.5) and keeps it current
// through server-sent events, falling back to polling the §7.8 endpoints.
"use strict";

// Marks every system font has (headless Chromium lacks ⧗ and ⏭), so a state never depends on colour alone.
const STATUS_LABEL = { pass: "✓ Pass", fail: "✗ Fail", warning: "⚠ Warning", pending: "○ Pending", skip: "» Skip" };
const state = { results: null, filter: "all", query: "", autoRefresh: true, running: false, staleNotice: false };

const $ = (id) => document.getElementById(id);

function escapeHtml(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// ---- Actions -------------------------------------------------------------

function openApp() {
  window.open(APP_URL, "_blank", "noopener");
}

async function runTests() {
  if (state.running) return;
  setRunning(true, "Running tests…");
  try {
    const res = await fetch("/api/run-tests", { method: "POST" });
    const body = await res.json();
    if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
    applyResults(body);
    showToast(summaryLine(body), body.failed_assertions > 0 ? "fail" : "pass");
  } catch (err) {
    showRunError(err.message);
  } finally {
    setRunning(false);
  }
}

function toggleAutoRefresh(on) {
  state.autoRefresh = on;
  showToast(on ? "Auto-refresh on: edits re-run the tests" : "Auto-refresh off", "info");
}

function handleSearch(text) {
  state.query = text.trim().toLowerCase();
  applyFilters();
}

function setFilter(filter) {
  state.filter = filter;
  for (const chip of document.querySelectorAll(".filter-chip")) chip.setAttribute("aria-pressed", String(chip.dataset.filter === filter));
  applyFilters();
}

function showToast(message, kind) {
  const toast = document.createElement("div");
  toast.className = `toast ${kind || ""}`;
  toast.textContent = message;
  const region = $("toast-region");
  region.appendChild(toast);
  // Bursts of edits should not bury the page: keep the newest three.
  while (region.children.length > 3) region.firstElementChild.remove();
  setTimeout(() => toast.remove(), 4000);
}

// ---- Rendering -----------------------------------------------------------

function setRunning(running, text) {
  state.running = running;
  $("run-tests-btn").disabled = running;
  $("run-tests-btn").textContent = running ? "Running…" : "▶ Run Tests";
  const banner = $("run-banner");
  if (running) {
    banner.className = "run-banner";
    banner.textContent = text;
  } else if (!banner.classList.contains("error")) banner.textContent = "";
}

function showRunError(message) {
  const banner = $("run-banner");
  banner.className = "run-banner error";
  banner.textContent = `Could not run the tests:\n${message}`;
  showToast("Test run failed", "fail");
}

function summaryLine(doc) {
  return `${doc.passed_assertions}/${doc.total_assertions} assertions pass`;
}

function applyResults(doc) {
  state.results = doc;
  state.staleNotice = false;
  $("run-banner").className = "run-banner";
  $("run-banner").textContent = "";
  renderSummary(doc);
  renderGlossary(doc.glossary || []);
  renderFeatures(doc);
  applyFilters();
}

function allScenarios(doc) {
  const list = [];
  for (const f of doc.features) list.push(...(f.scenarios || []));
  for (const c of doc.components) list.push(...c.scenarios);
  return list;
}

function renderSummary(doc) {
  const counts = { pass: 0, fail: 0, warning: 0, pending: 0, skip: 0 };
  for (const s of allScenarios(doc)) counts[s.status] = (counts[s.status] || 0) + 1;
  for (const f of doc.features) for (const t of f.tests) counts[t.passed ? "pass" : "fail"]++;
  $("pass-count").textContent = counts.pass;
  $("fail-count").textContent = counts.fail;
  $("warning-count").textContent = counts.warning;
  $("pending-count").textContent = counts.pending;
  $("skip-count").textContent = counts.skip;
  const pct = doc.summary ? doc.summary.pass_percentage : 100;
  $("health-bar-fill").style.width = `${pct}%`;
  $("health-bar").setAttribute("aria-valuenow", String(Math.round(pct)));
  $("health-bar").dataset.state = doc.failed_assertions > 0 ? "fail" : "pass";
  $("health-percent").textContent = `${Math.round(pct * 10) / 10}%`;
  const passedFeatures = doc.features.filter((f) => f.passed).length;
  $("assertion-summary").textContent =
    `${passedFeatures}/${doc.features.length} features pass · ${doc.passed_assertions} passed, ${doc.failed_assertions} failed assertions · ${new Date().toLocaleTimeString()}`;
}

function renderGlossary(glossary) {
  $("glossary-count").textContent = `(${glossary.length})`;
  $("glossary-list").innerHTML = glossary.length
    ? glossary.map((g) => `<dt>${escapeHtml(g.term)}</dt><dd>→ ${escapeHtml(g.meaning)}</dd>`).join("")
    : `<dd class="muted">No glossary.</dd>`;
}

function renderFeatures(doc) {
  const blocks = doc.features.map(renderFeature).concat(doc.components.map(renderComponent));
  $("features").innerHTML = blocks.length ? blocks.join("") : `<p class="empty">The intent file has no features.</p>`;
}

function renderFeature(f) {
  const scenarios = f.scenarios || [];
  const passing = scenarios.filter((s) => s.status === "pass").length + f.tests.filter((t) => t.passed).length;
  const total = scenarios.length + f.tests.length;
  const status = f.passed ? "pass" : "fail";
  return `<details class="feature" open data-status="${status}" data-feature-id="${escapeHtml(f.feature_id)}">
    <summary><span class="badge ${status}">${STATUS_LABEL[status]}</span>
      <span class="feature-name">${escapeHtml(f.feature_name)}</span>
      <span class="feature-id">${escapeHtml(f.feature_id)}</span>
      <span class="feature-counts">${passing}/${total} passing${f.has_implementation ? "" : " · no @implements"}</span></summary>
    ${f.description ? `<p class="feature-description">${escapeHtml(f.description)}</p>` : ""}
    ${scenarios.map(renderScenario).join("")}
    ${f.tests.map(renderLegacyTest).join("")}
  </details>`;
}

function renderComponent(c) {
  const status = c.passed ? "pass" : "fail";
  return `<details class="component" open data-status="${status}" data-component-id="${escapeHtml(c.component_id)}">
    <summary><span class="badge ${status}">${STATUS_LABEL[status]}</span>
      <span class="feature-name">Component: ${escapeHtml(c.component_name)}</span>
      <span class="feature-id">${escapeHtml(c.component_id)}</span></summary>
    ${c.description ? `<p class="feature-description">${escapeHtml(c.description)}</p>` : ""}
    ${c.scenarios.map(renderScenario).join("")}
  </details>`;
}

function renderScenario(s) {
  const t = s.test_result;
  const clauses = [
    s.given_clause ? clause("Given", s.given_clause) : "",
    clause("When", s.when_clause),
    s.description ? `<p class="clause muted">${escapeHtml(s.description)}</p>` : "",
  ].join("");
  const assertions = t ? [...(t.preconditions || []).map((a) => renderAssertion(a, "precondition: ")), ...t.assertions.map((a) => renderAssertion(a, ""))] : [];
  const unresolved = (s.unresolved_outcomes || []).map(
    (o) => `<li class="assertion unresolved"><span class="mark" aria-hidden="true">?</span>${escapeHtml(o)} <span class="muted">(not understood: no glossary term or standard assertion matches)</span></li>`,
  );
  const pendingNote = s.status === "pending" ? `<p class="clause muted">The When clause does not resolve to a request; outcomes: ${escapeHtml(s.outcomes.join(", "))}</p>` : "";
  return `<article class="scenario" data-status="${s.status}">
    <div class="scenario-head"><span class="badge ${s.status}">${STATUS_LABEL[s.status]}</span>
      <h3 class="scenario-name">${escapeHtml(s.name)}</h3>
      ${t ? `<span class="request">${escapeHtml(t.method)} ${escapeHtml(t.path)}</span>` : ""}</div>
    ${clauses}${pendingNote}
    <ul class="assertions">${assertions.join("")}${unresolved.join("")}</ul>
  </article>`;
}

function renderLegacyTest(t) {
  const status = t.passed ? "pass" : "fail";
  return `<article class="scenario" data-status="${status}">
    <div class="scenario-head"><span class="badge ${status}">${STATUS_LABEL[status]}</span>
      <h3 class="scenario-name">test: ${escapeHtml(t.method)} ${escapeHtml(t.path)}</h3></div>
    <ul class="assertions">${t.assertions.map((a) => renderAssertion(a, "")).join("")}</ul>
  </article>`;
}

function clause(keyword, text) {
  return `<p class="clause"><span class="kw">${keyword}</span> ${escapeHtml(text)}</p>`;
}

function renderAssertion(a, prefix) {
  const kind = a.passed ? "pass" : "fail";
  let diff = "";
  if (!a.passed) {
    const failed = (a.checks || []).find((c) => !c.passed);
    const expected = failed && failed.expected !== undefined ? failed.expected : a.assertion_text;
    const actual = failed && failed.actual !== undefined ? failed.actual : a.message || "(no detail)";
    diff = `<dl class="diff"><dt>Expected</dt><dd class="expected">${escapeHtml(expected)}</dd><dt>Actual</dt><dd class="actual">${escapeHtml(actual)}</dd></dl>`;
  }
  const trace = a.resolution_trace;
  const from = trace && trace.original_outcome !== a.assertion_text ? ` <span class="from">← ${escapeHtml(trace.original_outcome)}</span>` : "";
  return `<li class="assertion ${kind}" data-passed="${a.passed}"><span class="mark" aria-label="${a.passed ? "passed" : "failed"}">${a.passed ? "✓" : "✗"}</span>${escapeHtml(prefix + a.assertion_text)}${from}${diff}</li>`;
}

function applyFilters() {
  let shown = 0;
  for (const block of document.querySelectorAll(".feature, .component")) {
    let visible = 0;
    const blockText = block.querySelector("summary").textContent.toLowerCase();
    for (const sc of block.querySelectorAll(".scenario")) {
      const statusOk = state.filter === "all" || sc.dataset.status === state.filter;
      const queryOk = !state.query || blockText.includes(state.query) || sc.textContent.toLowerCase().includes(state.query);
      sc.classList.toggle("hidden", !(statusOk && queryOk));
      if (statusOk && queryOk) visible++;
    }
    const hasScenarios = block.querySelector(".scenario") !== null;
    const keep = visible > 0 || (!hasScenarios && state.filter === "all" && (!state.query || blockText.includes(state.query)));
    block.classList.toggle("hidden", !keep);
    if (keep) shown++;
  }
  const none = $("no-match");
  if (none) none.remove();
  if (shown === 0 && state.results && state.results.features.length + state.results.components.length > 0) {
    $("features").insertAdjacentHTML("beforeend", `<p class="empty" id="no-match">Nothing matches the filter.</p>`);
  }
}

// ---- App health ----------------------------------------------------------

function renderAppStatus(s) {
  const el = $("app-health");
  el.dataset.state = s.healthy ? "healthy" : s.running ? "unhealthy" : "down";
  $("app-health-text").textContent = s.healthy
    ? `Running · HTTP ${s.status}`
    : s.running
      ? `Running · ${s.error || `HTTP ${s.status}`}`
      : `Not reachable · ${s.error || "stopped"}`;
}

async function refreshAppStatus() {
  try {
    renderAppStatus(await (await fetch("/api/app-status")).json());
  } catch {
    renderAppStatus({ running: false, healthy: false, error: "Studio is not reachable" });
  }
}

// ---- Live updates --------------------------------------------------------

function connectEvents() {
  if (!window.EventSource) return startPolling();
  const events = new EventSource("/api/events");
  const on = (name, fn) => events.addEventListener(name, (e) => fn(JSON.parse(e.data)));
  on("run-started", (d) => state.autoRefresh && setRunning(true, `Running tests (${d.reason})…`));
  on("results", (doc) => {
    setRunning(false);
    if (state.autoRefresh) applyResults(doc);
    else if (!state.staleNotice) {
      state.staleNotice = true;
      showToast("New results are available: press Run Tests", "info");
    }
  });
  on("run-error", (d) => {
    setRunning(false);
    if (state.autoRefresh) showRunError(d.error);
  });
  on("file-changed", (d) => showToast(d.intent ? "Intent file changed" : "Program changed", "info"));
  on("app-status", renderAppStatus);
  events.onerror = () => {
    if (events.readyState === EventSource.CLOSED) startPolling();
  };
}

let polling = null;
function startPolling() {
  polling ??= setInterval(async () => {
    try {
      const { changed } = await (await fetch("/api/status")).json();
      if (changed && state.autoRefresh) runTests();
    } catch {
      // Studio went away; keep trying quietly.
    }
  }, 2000);
}

// ---- Keyboard ------------------------------------------------------------

document.addEventListener("keydown", (e) => {
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
  if (e.key === "Escape" && e.target === $("search-input")) {
    $("search-input").value = "";
    handleSearch("");
    return;
  }
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === "/") {
    e.preventDefault();
    $("search-input").focus();
  } else if (e.key === "r") {
    e.preventDefault();
    runTests();
  }
});

$("search-input").addEventListener("input", (e) => handleSearch(e.target.value));
for (const chip of document.querySelectorAll(".filter-chip")) chip.addEventListener("click", () => setFilter(chip.dataset.filter));

// ---- Start ---------------------------------------------------------------

(async () => {
  connectEvents();
  refreshAppStatus();
  setInterval(refreshAppStatus, 3000);
  const res = await fetch("/api/results");
  if (res.ok) applyResults(await res.json());
  else await runTests();
})();
