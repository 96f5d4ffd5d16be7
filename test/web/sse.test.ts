/** Server-sent events through a real server (docs/web.md): events over time, past the request timeout, stopped by a client going away and by shutdown. */

import { afterAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { project, startApp } from "../support/ntnt-app";

const dir = project({
  "app.tnt": `import { sse, sse_send } from "std/http/server"
import { sleep_ms } from "std/concurrent"
fn count(stream) {
    let i = 1
    while i <= 3 {
        sse_send(stream, map { "n": i }, "tick")
        sleep_ms(400)
        i = i + 1
    }
    sse_send(stream, "line one\\nline two")
}
fn forever(stream) {
    let i = 0
    while sse_send(stream, "{i}") {
        sleep_ms(50)
        i = i + 1
    }
    print("producer stopped")
}
fn feed(req) { return sse(count) }
fn endless(req) { return sse(forever) }
get("/feed", feed)
get("/endless", endless)
listen(8080)
`,
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(r: Response): Promise<string> {
  return await r.text();
}

describe("server-sent events", () => {
  test("events arrive over time, longer than the request timeout, then the stream ends", async () => {
    const app = await startApp(join(dir, "app.tnt"), { args: ["--timeout", "1"] });
    try {
      const started = Date.now();
      const r = await fetch(app.base + "/feed");
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(r.headers.get("cache-control")).toBe("no-cache");
      const text = await readAll(r);
      expect(Date.now() - started).toBeGreaterThan(1100);
      expect(text).toContain('event: tick\ndata: {"n":1}\n\n');
      expect(text).toContain('event: tick\ndata: {"n":3}\n\n');
      expect(text).toContain("data: line one\ndata: line two\n\n");
    } finally {
      await app.stop();
    }
  }, 30_000);

  test("sse_send returns false once the client has gone; shutdown ends open streams", async () => {
    const app = await startApp(join(dir, "app.tnt"));
    try {
      const ac = new AbortController();
      const r = await fetch(app.base + "/endless", { signal: ac.signal });
      const reader = r.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toContain(": connected");
      ac.abort();
      for (let i = 0; i < 100 && !app.stdout().includes("producer stopped"); i++) await Bun.sleep(20);
      expect(app.stdout()).toContain("producer stopped");
      const open = await fetch(app.base + "/endless");
      const rd = open.body!.getReader();
      await rd.read();
      const started = Date.now();
      const code = await app.stop();
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      await app.stop();
    }
  }, 30_000);
});
