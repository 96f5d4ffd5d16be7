/** `ntnt intent studio` over HTTP (cli.md §7.8): arguments, endpoints, events, and the app's lifecycle. */

import { afterAll, describe, expect, test } from "bun:test";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { project } from "../support/ntnt-app";
import { startStudio, type RunningStudio } from "../support/studio";

const NTNT = join(import.meta.dir, "..", "..", "ntnt");
const APP = `import { text } from "std/http/server"
fn home(req) { return text("Welcome") }
get("/", home)
listen(8080)
`;
const INTENT = `## Glossary
| Term | Means |
|------|-------|
| a user visits {path} | GET {path} |

Feature: Home
  id: feature.home
  Scenario: Loads
    When a user visits /
    → body contains "Welcome"
`;

const dirs: string[] = [];
const studios: RunningStudio[] = [];
afterAll(async () => {
  for (const s of studios) await s.interrupt();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dirWith(files: Record<string, string>): string {
  const d = project(files);
  dirs.push(d);
  return d;
}

async function studioIn(dir: string, file: string): Promise<RunningStudio> {
  const s = await startStudio(dir, file);
  studios.push(s);
  return s;
}

async function ntnt(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const proc = Bun.spawn([NTNT, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" }, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

async function getJson(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.json() };
}

async function until(probe: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await Bun.sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("ntnt intent studio: arguments", () => {
  test("a missing file, or a program without an intent file, exits 1 with advice", async () => {
    const dir = dirWith({ "app.tnt": APP });
    expect(await ntnt(dir, "intent", "studio", "missing.intent", "--no-open")).toMatchObject({ code: 1, stderr: "Error: File not found: missing.intent\n" });
    const r = await ntnt(dir, "intent", "studio", "app.tnt", "--no-open");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("No .intent file found");
    expect(r.stderr).toContain("ntnt intent init app.intent");
  }, 30_000);

  test("usage errors exit 2; `ntnt intent` lists its commands", async () => {
    const dir = dirWith({ "a.intent": INTENT });
    expect((await ntnt(dir, "intent", "studio", "a.intent", "--port", "abc")).code).toBe(2);
    expect((await ntnt(dir, "intent", "studio", "a.intent", "--bogus")).code).toBe(2);
    const bare = await ntnt(dir, "intent");
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("studio");
    const unknown = await ntnt(dir, "intent", "frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'intent frobnicate'");
    const help = await ntnt(dir, "intent", "studio", "--help");
    expect(help.code).toBe(0);
    for (const flag of ["--port", "--app-port", "--no-open", "3001", "8081"]) expect(help.stdout).toContain(flag);
  }, 30_000);
});

describe("ntnt intent studio: endpoints", () => {
  test("without a program: no app is started, the endpoints still answer", async () => {
    const dir = dirWith({ "a&b.intent": INTENT });
    const s = await studioIn(dir, "a&b.intent");
    const page = await (await fetch(`${s.url}/`)).text();
    expect(page).toContain("a&amp;b.intent");
    expect(page).not.toContain("a&b.intent");
    // Every asset is inline: nothing is fetched from elsewhere.
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(await getJson(`${s.url}/api/results`)).toEqual({ status: 404, body: { error: "No test results available. Run tests first." } });
    expect(await getJson(`${s.url}/api/glossary`)).toEqual({ status: 200, body: { glossary: [{ term: "a user visits {path}", meaning: "GET {path}" }] } });
    const app = await getJson(`${s.url}/api/app-status`);
    expect(app.body).toMatchObject({ running: false, healthy: false });
    expect(typeof app.body.error).toBe("string");
    expect(s.output()).toContain("No .tnt file found");
  }, 30_000);

  test("run-tests returns and caches the check document; events announce it", async () => {
    const dir = dirWith({ "server.tnt": APP, "server.intent": INTENT });
    const s = await studioIn(dir, "server.intent");
    await until(async () => (await getJson(`${s.url}/api/app-status`)).body.healthy === true, "the app");
    // The stream's headers come at once, not with the first event.
    const opened = new AbortController();
    const timer = setTimeout(() => opened.abort(), 3000);
    const stream = await fetch(`${s.url}/api/events`, { signal: opened.signal });
    clearTimeout(timer);
    expect(stream.headers.get("content-type")).toStartWith("text/event-stream");
    const run = await getJson(`${s.url}/api/run-tests`, { method: "POST" });
    expect(run.status).toBe(200);
    expect(run.body.features[0]).toMatchObject({ feature_id: "feature.home", passed: true });
    expect((await getJson(`${s.url}/api/results`)).body).toEqual(run.body);
    // The document is the one `intent check --json` prints, compact: pass_percentage a float as the reference's f32 (`100.0`).
    const text = await (await fetch(`${s.url}/api/results`)).text();
    expect(text).toContain('"pass_percentage":100.0}');
    expect(text).not.toContain("\n");
    expect((await getJson(`${s.url}/run-tests`)).body.total_assertions).toBe(run.body.total_assertions);
    const reader = stream.body!.getReader();
    let seen = "";
    while (!seen.includes("event: results")) seen += new TextDecoder().decode((await reader.read()).value);
    expect(seen).toContain("event: run-started");
    await reader.cancel();
  }, 30_000);

  test("/api/status reports an edit of the intent file once", async () => {
    const dir = dirWith({ "x.intent": INTENT });
    const s = await studioIn(dir, "x.intent");
    expect((await getJson(`${s.url}/check-update`)).body).toEqual({ changed: false });
    await Bun.sleep(20);
    writeFileSync(join(dir, "x.intent"), `${INTENT}\n`);
    expect((await getJson(`${s.url}/api/status`)).body).toEqual({ changed: true });
    expect((await getJson(`${s.url}/api/status`)).body).toEqual({ changed: false });
  }, 30_000);

  test("an app that failed to start is started again once the program is fixed", async () => {
    const dir = dirWith({ "server.tnt": "fn broken( {\n", "server.intent": INTENT });
    const s = await studioIn(dir, "server.intent");
    await until(
      async () => (await getJson(`${s.url}/api/app-status`)).body.error?.startsWith("The app exited (exit code 1)") === true,
      "the broken app to exit",
    );
    writeFileSync(join(dir, "server.tnt"), APP);
    await until(async () => (await getJson(`${s.url}/api/app-status`)).body.healthy === true, "the fixed app");
    await until(async () => (await fetch(`${s.url}/api/results`)).status === 200, "the re-run after the fix");
  }, 30_000);
});
