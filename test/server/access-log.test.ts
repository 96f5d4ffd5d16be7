/** The access log (http-server.md §13.9) through a real `./ntnt run` server: one line per request, plain in development, JSON lines in production. */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { project, startApp, type RunningApp } from "../support/ntnt-app";
import { waitFor } from "./helpers";

const APP = `import { text, json, response } from "std/http/server"
fn hello(req) { return text("héllo") }
fn none(req) { return response(204, map {}, "a body a 204 never sends") }
fn echo(req) { return json(map { "id": req.params["id"] }) }
fn loud(req) {
    print("handling {req.id}")
    return text("ok")
}
get("/loud", loud)
get("/hello", hello)
get("/none", none)
get(r"/echo/{id}", echo)
listen(8080)
`;

const dir = project({ "app.tnt": APP });
const lines = (app: RunningApp) =>
  app
    .stdout()
    .split("\n")
    .filter((l) => /^(\{|\d{4}-)/.test(l));

describe("access log in development", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(join(dir, "app.tnt"), { env: { NTNT_ACCESS_LOG: "1" } });
  });
  afterAll(() => app.stop());

  test('time, request id, ip, "METHOD url", status, body bytes and duration', async () => {
    await fetch(`${app.base}/hello?x=1`, { headers: { "x-request-id": "log-test-1" } });
    await fetch(`${app.base}/missing`, { headers: { "x-request-id": "log-test-2" } });
    await fetch(`${app.base}/none`, { headers: { "x-request-id": "log-test-3" } });
    await waitFor(() => lines(app).length >= 3);
    const [ok, missing, none] = lines(app);
    expect(ok).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z log-test-1 127\.0\.0\.1 "GET \/hello\?x=1" 200 6B \d+(\.\d+)?ms$/);
    expect(missing).toMatch(/^\S+ log-test-2 127\.0\.0\.1 "GET \/missing" 404 9B \d+(\.\d+)?ms$/);
    // A 204 sends no body whatever the handler gave, and the log says so.
    expect(none).toMatch(/^\S+ log-test-3 127\.0\.0\.1 "GET \/none" 204 0B \d+(\.\d+)?ms$/);
  });
});

describe("access log and print() share stdout in order", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(join(dir, "app.tnt"), { env: { NTNT_ACCESS_LOG: "1" } });
  });
  afterAll(() => app.stop());

  test("each request's print comes before its access line, and after the previous request's", async () => {
    for (const id of ["order-1", "order-2", "order-3"]) await fetch(`${app.base}/loud`, { headers: { "x-request-id": id } });
    await waitFor(() => app.stdout().includes("order-3 127.0.0.1"));
    const seen = app
      .stdout()
      .split("\n")
      .filter((l) => l.includes("order-"))
      .map((l) => (l.startsWith("handling") ? `print ${l.slice(9)}` : `log ${l.split(" ")[1]}`));
    expect(seen).toEqual(["print order-1", "log order-1", "print order-2", "log order-2", "print order-3", "log order-3"]);
  });
});

describe("access log in production", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(join(dir, "app.tnt"), { env: { NTNT_ENV: "production", NTNT_ACCESS_LOG: "1" } });
  });
  afterAll(() => app.stop());

  test("one JSON object per request with the same fields", async () => {
    const res = await fetch(`${app.base}/echo/a%22b`);
    const id = res.headers.get("x-request-id");
    await waitFor(() => lines(app).length >= 1);
    const rec = JSON.parse(lines(app)[0]!);
    expect(rec).toMatchObject({
      level: "info",
      msg: "request",
      request_id: id,
      ip: "127.0.0.1",
      method: "GET",
      path: "/echo/a%22b",
      url: "/echo/a%22b",
      status: 200,
      bytes: 13,
    });
    expect(typeof rec.duration_ms).toBe("number");
    expect(Number.isNaN(Date.parse(rec.time))).toBe(false);
  });
});

describe("access log off", () => {
  test("without NTNT_ACCESS_LOG=1 stdout stays free of request lines", async () => {
    const app = await startApp(join(dir, "app.tnt"), { env: { NTNT_ACCESS_LOG: "" } });
    try {
      await fetch(`${app.base}/hello`);
      await Bun.sleep(100);
      expect(lines(app)).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});

describe("access log at shutdown", () => {
  test("the lines of the last requests reach stdout when the server stops on SIGTERM", async () => {
    const app = await startApp(join(dir, "app.tnt"), { env: { NTNT_ENV: "production", NTNT_ACCESS_LOG: "1" } });
    let ids: string[] = [];
    try {
      // Answered, then stopped at once: their lines are still in the buffer, before its timed write-out.
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => fetch(`${app.base}/echo/${i}`)));
      ids = answers.map((r) => r.headers.get("x-request-id")!);
    } finally {
      expect(await app.stop()).toBe(0);
    }
    await waitFor(() => lines(app).length >= ids.length);
    expect(
      lines(app)
        .map((l) => JSON.parse(l).request_id)
        .sort(),
    ).toEqual(ids.sort());
  });
});
