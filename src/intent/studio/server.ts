/**
 * Studio's HTTP server on 127.0.0.1 (Elysia, like the rest of the project): the pages, the
 * §7.8 JSON endpoints (old and `/api/` spellings), and `/api/events` for live updates.
 */

import { Elysia } from "elysia";
import { explorerData } from "./explorer";
import { type CheckDocument, readIntent } from "./engine";
import { reportJson } from "../report-output";
import { errorPage, explorerPage, studioPage } from "./page";
import type { StudioSession } from "./session";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };
const HTML_HEADERS = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" };

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

/** A check document as `intent check --json` has it (pass_percentage `100.0`, a 32-bit float), compact. */
function report(doc: CheckDocument): Response {
  return new Response(reportJson(doc, 0), { headers: JSON_HEADERS });
}

function html(body: string): Response {
  return new Response(body, { headers: HTML_HEADERS });
}

/** Build the Studio app for `session`. */
export function studioApp(session: StudioSession) {
  const intentPath = session.files.intentPath;

  const home = () => {
    const loaded = readIntent(intentPath);
    return html(loaded.ok ? studioPage(intentPath, session.appUrl) : errorPage(intentPath, loaded.error));
  };
  const explorer = () => {
    const loaded = readIntent(intentPath);
    return html(loaded.ok ? explorerPage(intentPath, explorerData(loaded.intent, session.lastResults)) : errorPage(intentPath, loaded.error));
  };
  const changed = () => json({ changed: session.intentChangedSinceLastPoll() });
  const appStatus = async () => json(await session.appStatus());
  const runTests = async () => {
    const outcome = await session.run("Run Tests");
    return outcome.ok ? report(outcome.results) : json({ error: outcome.error }, 500);
  };
  const results = () => {
    const cached = session.lastResults;
    return cached ? report(cached) : json({ error: "No test results available. Run tests first." }, 404);
  };
  const glossary = () => {
    const loaded = readIntent(intentPath);
    if (!loaded.ok) return json({ error: loaded.error }, 500);
    return json({ glossary: (loaded.intent.glossary ?? []).map((g) => ({ term: g.term, meaning: g.meaning })) });
  };
  const events = () => {
    const greeting: Array<[string, unknown]> = [];
    const { running, error } = session.state;
    if (running) greeting.push(["run-started", { reason: "in progress" }]);
    if (error !== null) greeting.push(["run-error", { error }]);
    return session.events.open(greeting);
  };

  return new Elysia()
    .get("/", home)
    .get("/ial-explorer", explorer)
    .get("/check-update", changed)
    .get("/api/status", changed)
    .get("/app-status", appStatus)
    .get("/api/app-status", appStatus)
    .get("/run-tests", runTests)
    .post("/api/run-tests", runTests)
    .get("/api/results", results)
    .get("/api/glossary", glossary)
    .get("/api/events", events)
    .all("/*", () => json({ error: "Not found" }, 404));
}
