/**
 * examples/notes: the notes JSON API over real HTTP, run with `./ntnt run`, once on SQLite
 * (a notes.db file next to the app) and once on a real PostgreSQL server (DATABASE_URL).
 * The app is copied to a temp folder so the repository stays clean.
 */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { SQL } from "bun";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, type RunningApp } from "../support/ntnt-app";
import { startPostgres, type PgServer } from "../support/postgres";

const EXAMPLE = join(import.meta.dir, "..", "..", "examples", "notes");

/** A copy of the example in a fresh temp folder; returns the folder. */
function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), "ntnt-notes-"));
  for (const f of readdirSync(EXAMPLE).filter((n) => n.endsWith(".tnt"))) copyFileSync(join(EXAMPLE, f), join(dir, f));
  return dir;
}

interface Reply {
  status: number;
  type: string | null;
  body: string;
  json: any;
}

async function call(base: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const init: RequestInit = { method, signal: AbortSignal.timeout(10_000) };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const r = await fetch(base + path, init);
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON (204, server-made 404/405, contract 400)
  }
  return { status: r.status, type: r.headers.get("content-type"), body: text, json };
}

/** The whole API, as a client would use it; identical for both backends. */
async function exerciseApi(base: string): Promise<void> {
  expect((await call(base, "GET", "/notes")).json).toEqual([]);

  const a = await call(base, "POST", "/notes", { title: "  Buy milk ", body: "2 litres" });
  expect(a.status).toBe(201);
  expect(a.type).toBe("application/json");
  expect(a.json).toMatchObject({ title: "Buy milk", body: "2 litres", done: false });
  expect(Number.isInteger(a.json.id) && a.json.id > 0).toBe(true);
  expect(Number.isInteger(a.json.created_at) && a.json.created_at === a.json.updated_at).toBe(true);
  const id = a.json.id as number;

  const b = await call(base, "POST", "/notes", { title: "Call Ada", done: true });
  expect(b.status).toBe(201);
  expect(b.json).toMatchObject({ title: "Call Ada", body: "", done: true });
  // Values are bound, never spliced into SQL: quotes and SQL text are stored verbatim.
  const c = await call(base, "POST", "/notes", { title: "it's'); DROP TABLE notes; --", body: "é ✓" });
  expect(c.status).toBe(201);
  expect(c.json.title).toBe("it's'); DROP TABLE notes; --");

  const all = await call(base, "GET", "/notes");
  expect(all.status).toBe(200);
  expect(all.json.map((n: any) => n.title)).toEqual(["Buy milk", "Call Ada", "it's'); DROP TABLE notes; --"]);
  expect((await call(base, "GET", "/notes?done=true")).json.map((n: any) => n.id)).toEqual([b.json.id]);
  expect((await call(base, "GET", "/notes?done=false&q=MILK")).json.map((n: any) => n.id)).toEqual([id]);
  expect((await call(base, "GET", "/notes?q=%25")).json).toHaveLength(3);
  expect((await call(base, "GET", "/notes?limit=2")).json).toHaveLength(2);

  const one = await call(base, "GET", `/notes/${id}`);
  expect(one.status).toBe(200);
  expect(one.json).toEqual(a.json);

  const upd = await call(base, "PUT", `/notes/${id}`, { done: true, body: "3 litres" });
  expect(upd.status).toBe(200);
  expect(upd.json).toMatchObject({ id, title: "Buy milk", body: "3 litres", done: true });
  expect((await call(base, "GET", `/notes/${id}`)).json).toEqual(upd.json);

  const del = await call(base, "DELETE", `/notes/${id}`);
  expect(del.status).toBe(204);
  expect(del.body).toBe("");
  for (const [method, body] of [
    ["GET", undefined],
    ["PUT", { done: false }],
    ["DELETE", undefined],
  ] as const) {
    const r = await call(base, method, `/notes/${id}`, body);
    expect([method, r.status, r.json]).toEqual([method, 404, { error: `note ${id} not found` }]);
  }
  expect((await call(base, "GET", "/notes/999999")).status).toBe(404);

  // Bad input → 400 with a reason, nothing stored.
  const bad: Array<[string, string, unknown, string]> = [
    ["POST", "/notes", "{bad", "body is not valid JSON"],
    ["POST", "/notes", "", "body is not valid JSON"],
    ["POST", "/notes", [1, 2], "body must be a JSON object"],
    ["POST", "/notes", {}, "title is required"],
    ["POST", "/notes", { title: "   " }, "title is required"],
    ["POST", "/notes", { title: 5 }, "title must be a string"],
    ["POST", "/notes", { title: "x".repeat(201) }, "title is longer than 200 characters"],
    ["POST", "/notes", { title: "ok", done: "yes" }, "done must be true or false"],
    ["POST", "/notes", { title: "ok", body: null }, "body must be a string"],
    ["POST", "/notes", { title: "ok", colour: "red" }, "unknown field: colour"],
    ["PUT", `/notes/${b.json.id}`, {}, "nothing to update"],
    ["PUT", `/notes/${b.json.id}`, { title: "" }, "title is required"],
    ["GET", "/notes?limit=0", undefined, "limit must be a number from 1 to 100"],
    ["GET", "/notes?limit=abc", undefined, "limit must be a number from 1 to 100"],
    ["GET", "/notes?done=maybe", undefined, "done must be true or false"],
  ];
  for (const [method, path, body, reason] of bad) {
    const r = await call(base, method, path, body);
    expect([method, path, r.status, r.json]).toEqual([method, path, 400, { error: reason }]);
  }
  // A non-numeric id violates the handler's own precondition; the server turns that into a 400.
  for (const [method, body, handler] of [
    ["GET", undefined, "show"],
    ["PUT", { done: true }, "update"],
    ["DELETE", undefined, "remove"],
  ] as const) {
    const r = await call(base, method, "/notes/abc", body);
    expect(r.status).toBe(400);
    expect(r.body).toBe(`Bad Request: Precondition failed in '${handler}': valid_id(req.params.id)`);
  }
  expect((await call(base, "GET", "/notes")).json.map((n: any) => n.title)).toEqual(["Call Ada", "it's'); DROP TABLE notes; --"]);

  // Routing: unknown paths and methods.
  expect((await call(base, "GET", "/nope")).status).toBe(404);
  expect((await call(base, "PATCH", `/notes/${b.json.id}`, { done: false })).status).toBe(405);

  // Concurrent creates all succeed with distinct ids.
  const many = await Promise.all(Array.from({ length: 10 }, (_, i) => call(base, "POST", "/notes", { title: `n${i}` })));
  expect(many.map((r) => r.status)).toEqual(Array(10).fill(201));
  expect(new Set(many.map((r) => r.json.id)).size).toBe(10);
  expect((await call(base, "GET", "/notes?limit=100")).json).toHaveLength(12);
}

describe("examples/notes on SQLite", () => {
  let dir: string;
  let app: RunningApp | null = null;

  beforeAll(() => {
    dir = copyExample();
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("creates notes.db next to the app and serves the API", async () => {
    expect(existsSync(join(dir, "notes.db"))).toBe(false);
    app = await startApp(join(dir, "app.tnt"), { env: { DATABASE_URL: "" } });
    expect(app.output()).toContain("notes: using sqlite");
    expect(existsSync(join(dir, "notes.db"))).toBe(true);
    expect((await call(app.base, "GET", "/")).json).toEqual({ backend: "sqlite", status: "ok" });
    await exerciseApi(app.base);
  }, 60_000);

  test("data survives a restart", async () => {
    expect(await app!.stop()).toBe(0);
    app = await startApp(join(dir, "app.tnt"), { env: { DATABASE_URL: "" } });
    const notes = (await call(app.base, "GET", "/notes?limit=100")).json;
    expect(notes).toHaveLength(12);
    expect(notes[0].title).toBe("Call Ada");
  }, 30_000);
});

describe("examples/notes on SQLite with worker processes", () => {
  let dir: string;
  let app: RunningApp | null = null;

  afterAll(async () => {
    await app?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("workers writing the same file all succeed", async () => {
    dir = copyExample();
    app = await startApp(join(dir, "app.tnt"), { env: { DATABASE_URL: "", NTNT_WORKERS: "3" } });
    const created = await Promise.all(Array.from({ length: 30 }, (_, i) => call(app!.base, "POST", "/notes", { title: `w${i}` })));
    expect(created.map((r) => r.status)).toEqual(Array(30).fill(201));
    const listed = (await call(app.base, "GET", "/notes?limit=100")).json;
    expect(new Set(listed.map((n: any) => n.id)).size).toBe(30);
    expect(await app.stop()).toBe(0);
    app = null;
  }, 60_000);
});

describe("examples/notes on PostgreSQL", () => {
  let pg: PgServer;
  let dir: string;
  let app: RunningApp | null = null;

  beforeAll(async () => {
    pg = await startPostgres();
    dir = copyExample();
  }, 90_000);
  afterAll(async () => {
    await app?.stop();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  test("uses DATABASE_URL instead of the SQLite file", async () => {
    app = await startApp(join(dir, "app.tnt"), { env: { DATABASE_URL: pg.url } });
    expect(app.output()).toContain("notes: using postgres");
    expect((await call(app.base, "GET", "/")).json).toEqual({ backend: "postgres", status: "ok" });
    await exerciseApi(app.base);
    expect(existsSync(join(dir, "notes.db"))).toBe(false);

    const sql = new SQL({ url: pg.url, max: 1 });
    try {
      const rows = await sql`SELECT title, done FROM notes ORDER BY id LIMIT 2`;
      expect(rows.map((r: any) => [r.title, r.done])).toEqual([
        ["Call Ada", true],
        ["it's'); DROP TABLE notes; --", false],
      ]);
    } finally {
      await sql.close();
    }
  }, 60_000);
});
