/** std/log through a real server (docs/web.md): request ids across suspensions, plain text in development, JSON lines in production; no banner on stdout in production. */

import { afterAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { project, startApp } from "../support/ntnt-app";

const dir = project({
  "app.tnt": `import { text } from "std/http/server"
import { log_info, log_warn, log_error } from "std/log"
import { sleep_ms } from "std/concurrent"
fn hello(req) {
    log_info("before wait", map { "user": "ann", "n": 2 })
    sleep_ms(30)
    log_warn("after wait")
    return text("ok")
}
log_error("starting up")
get("/hello", hello)
listen(8080)
`,
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(pred: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !pred(); i++) await Bun.sleep(20);
}

describe("std/log", () => {
  test("development: plain lines on stderr with the request id, kept across a suspension", async () => {
    const app = await startApp(join(dir, "app.tnt"));
    try {
      await Promise.all([
        fetch(app.base + "/hello", { headers: { "x-request-id": "req-a" } }),
        fetch(app.base + "/hello", { headers: { "x-request-id": "req-b" } }),
      ]);
      await until(() => app.stderr().split("after wait").length > 2);
      const err = app.stderr();
      expect(err).toContain("ERROR starting up\n");
      expect(err).toContain("INFO before wait user=ann n=2 [req req-a]");
      expect(err).toContain("WARN after wait [req req-a]");
      expect(err).toContain("WARN after wait [req req-b]");
    } finally {
      await app.stop();
    }
  }, 30_000);

  test("production: JSON lines on stdout beside the access log; the banner goes to stderr", async () => {
    const app = await startApp(join(dir, "app.tnt"), { env: { NTNT_ENV: "production", NTNT_ACCESS_LOG: "1" } });
    try {
      await fetch(app.base + "/hello", { headers: { "x-request-id": "req-p" } });
      await until(() => app.stdout().includes('"msg":"request"'));
      const lines = app
        .stdout()
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => l.msg)).toEqual(["starting up", "before wait", "after wait", "request"]);
      expect(lines[1]).toMatchObject({ level: "info", request_id: "req-p", user: "ann", n: 2 });
      expect(lines[2]).toMatchObject({ level: "warn", request_id: "req-p" });
      expect(app.stderr()).toContain("Server running");
      expect(app.stdout()).not.toContain("Server running");
    } finally {
      await app.stop();
    }
  }, 30_000);
});
