// IAL Explorer's page script: renders EXPLORER (see explorer.ts) — the glossary's resolution
// and, per scenario, the request and the assertions each outcome resolved to.
"use strict";

function escapeHtml(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function chain(steps) {
  if (!steps || steps.length === 0) return "";
  const items = steps.map(
    (s) => `<li style="margin-left:${s.depth * 14}px"><span class="term">${escapeHtml(s.term)}</span> <span class="arrow">→</span> ${s.expanded_to.map(escapeHtml).join(", ")}</li>`,
  );
  return `<ol class="chain">${items.join("")}</ol>`;
}

function assertionList(list) {
  return list
    .map((a) => `<div class="line ${a.passed ? "ok" : "bad"}">${a.passed ? "✓" : "✗"} ${escapeHtml(a.text)}</div>`)
    .join("");
}

function outcomeView(o) {
  let detail;
  if (o.unresolved) detail = `<div class="line warn">⚠ does not resolve: no glossary term or standard assertion matches</div>`;
  else if (!EXPLORER.ran) detail = `<div class="line muted">run the tests to see its assertions</div>`;
  else detail = chain(o.trace && o.trace.steps) + assertionList(o.assertions);
  return `<div class="line"><span class="arrow">→</span> ${escapeHtml(o.outcome)}</div>${detail}`;
}

function scenarioView(s) {
  const status = s.status ? `<span class="badge ${s.status}">${escapeHtml(s.status)}</span>` : "";
  const action = s.action
    ? `<span class="ok">${escapeHtml(s.action)}</span>`
    : EXPLORER.ran
      ? `<span class="warn">no request (the When clause does not resolve)</span>`
      : `<span class="muted">run the tests to see the request</span>`;
  const given = s.given ? `<div class="line"><span class="muted">Given</span> ${escapeHtml(s.given)}</div>` : "";
  const other = s.otherAssertions.length ? `<div class="line muted">also checked:</div>${assertionList(s.otherAssertions)}` : "";
  return `<section class="scenario"><h3>${escapeHtml(s.name)} ${status}</h3>${given}
    <div class="line"><span class="muted">When</span> ${escapeHtml(s.when)} <span class="arrow">⇒</span> ${action}</div>
    ${s.outcomes.map(outcomeView).join("")}${other}</section>`;
}

const KIND_LABEL = { action: "request", call: "function call", location: "location", assertions: "assertions", unresolved: "unresolved" };

function glossaryView(g) {
  const r = g.resolution;
  let becomes = "";
  if (r.kind === "action") becomes = `<div class="meaning ok">⇒ ${escapeHtml(r.action.method)} ${escapeHtml(r.action.path)}</div>`;
  else if (r.kind === "call") becomes = `<div class="meaning ok">⇒ ${escapeHtml(r.call.fn)}(${r.call.args.map(escapeHtml).join(", ")}) from ${escapeHtml(r.call.source)}</div>`;
  else if (r.assertions.length) becomes = `<div class="meaning ok">⇒ ${r.assertions.map(escapeHtml).join("; ")}</div>`;
  const unresolved = r.unresolved.map((u) => `<div class="meaning warn">⚠ “${escapeHtml(u)}” resolves to nothing</div>`).join("");
  const kindClass = r.kind === "unresolved" ? "warning" : "pending";
  return `<div class="glossary-item" data-kind="${escapeHtml(r.kind)}"><div class="term"><span class="term-name">${escapeHtml(g.term)}</span> <span class="badge ${kindClass}">${KIND_LABEL[r.kind] || escapeHtml(r.kind)}</span></div>
    <div class="meaning"><span class="arrow">→</span> ${escapeHtml(g.meaning)}</div>${chain(r.steps)}${becomes}${unresolved}</div>`;
}

document.getElementById("groups").innerHTML =
  EXPLORER.groups
    .map(
      (g) => `<article class="group"><h2>${g.kind === "component" ? "Component: " : ""}${escapeHtml(g.name)} <span class="muted mono">${escapeHtml(g.id)}</span></h2>
        ${g.scenarios.map(scenarioView).join("") || `<p class="muted">No scenarios.</p>`}</article>`,
    )
    .join("") || `<p class="muted">The intent file has no features.</p>`;
document.getElementById("glossary-count").textContent = `(${EXPLORER.glossary.length})`;
document.getElementById("glossary").innerHTML = EXPLORER.glossary.map(glossaryView).join("") || `<p class="muted">No glossary.</p>`;
