/**
 * examples/board over real HTTP with `./ntnt run`: login/logout sessions, an upload seen on
 * the SSE feed, the download, CORS for the browser client and the custom error pages. The
 * app is copied to a temp folder so the repository stays clean.
 */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startApp, type RunningApp } from "../support/ntnt-app";

const EXAMPLE = join(import.meta.dir, "..", "..", "examples", "board");
const CLIENT = "http://localhost:5173";
let dir: string;
let app: RunningApp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ntnt-board-"));
  cpSync(EXAMPLE, dir, { recursive: true });
  app = await startApp(join(dir, "app.tnt"), { env: { NTNT_COOKIE_SECRET: "board-test", BOARD_CLIENT_ORIGIN: CLIENT } });
});
afterAll(async () => {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

async function login(user = "ann", password = "ann-pw"): Promise<string> {
  const r = await fetch(app.base + "/login", { method: "POST", redirect: "manual", ...form({ user, password }) });
  expect(r.status).toBe(303);
  return r.headers.getSetCookie()[0]!.split(";")[0]!;
}

describe("examples/board", () => {
  test("login with a wrong password is refused; the right one starts a session shown on the page", async () => {
    expect(await (await fetch(app.base + "/")).text()).toContain('name="password"');
    const bad = await fetch(app.base + "/login", { method: "POST", ...form({ user: "ann", password: "nope" }) });
    expect(bad.status).toBe(401);
    const cookie = await login();
    const page = await (await fetch(app.base + "/", { headers: { cookie } })).text();
    expect(page).toContain('Logged in as <b id="user">ann</b>');
    expect(existsSync(join(dir, "board-sessions.db"))).toBe(true);
  });

  test("an upload appears on the SSE feed and downloads with its name", async () => {
    const cookie = await login("bob", "bob-pw");
    const feed = await fetch(app.base + "/events");
    expect(feed.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reader = feed.body!.getReader();
    let seen = "";
    const fd = new FormData();
    fd.append("file", new File(["<b>shopping</b> list"], "list <1>.txt", { type: "text/plain" }));
    const up = await fetch(app.base + "/upload", { method: "POST", body: fd, headers: { cookie }, redirect: "manual" });
    expect(up.status).toBe(303);
    const until = Date.now() + 5000;
    while (!seen.includes("event: upload") && Date.now() < until) seen += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(seen).toContain("event: upload");
    expect(seen).toContain('"filename":"list <1>.txt"');
    const page = await (await fetch(app.base + "/", { headers: { cookie } })).text();
    expect(page).toContain("list &lt;1&gt;.txt");
    const id = /"id":(\d+)/.exec(seen)![1];
    const dl = await fetch(`${app.base}/files/${id}`, { headers: { cookie } });
    expect(dl.headers.get("content-disposition")).toContain(`filename*=UTF-8''list%20%3C1%3E.txt`);
    expect(await dl.text()).toBe("<b>shopping</b> list");
  });

  test("uploads and downloads need a session", async () => {
    const fd = new FormData();
    fd.append("file", new File(["x"], "x.txt"));
    expect((await fetch(app.base + "/upload", { method: "POST", body: fd })).status).toBe(401);
    expect((await fetch(app.base + "/files/1")).status).toBe(401);
  });

  test("the browser client's origin gets CORS with credentials; others do not", async () => {
    const pre = await fetch(app.base + "/login", { method: "OPTIONS", headers: { origin: CLIENT, "access-control-request-method": "POST" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(CLIENT);
    expect(pre.headers.get("access-control-allow-credentials")).toBe("true");
    const cookie = await login();
    const me = await fetch(app.base + "/api/me", { headers: { origin: CLIENT, cookie } });
    expect(me.headers.get("access-control-allow-origin")).toBe(CLIENT);
    expect(await me.json()).toEqual({ user: "ann" });
    const other = await fetch(app.base + "/api/files", { headers: { origin: "http://evil.test" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("logout ends the session", async () => {
    const cookie = await login();
    const out = await fetch(app.base + "/logout", { method: "POST", headers: { cookie }, redirect: "manual" });
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie()[0]).toStartWith("ntnt_session=;");
    expect(await (await fetch(app.base + "/api/me", { headers: { cookie } })).json()).toEqual({ user: "" });
  });

  test("custom error pages: an HTML 404, JSON for other errors", async () => {
    const nf = await fetch(app.base + "/nowhere");
    expect(nf.status).toBe(404);
    expect(await nf.text()).toContain("Nothing lives at <code>/nowhere</code>");
    const wrong = await fetch(app.base + "/upload");
    expect(wrong.status).toBe(405);
    expect(await wrong.json()).toEqual({ error: "Method Not Allowed" });
  });
});
