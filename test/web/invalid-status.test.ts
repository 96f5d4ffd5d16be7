/**
 * A response map whose status is not an Int in 200–599 (http-server.md §4.2, T31): a 500
 * `Internal Server Error` and a logged error naming the status and the request id, through
 * a real `./ntnt run` server.
 */

import { describe, expect, test } from "bun:test";
import { projectServer } from "../support/ntnt-app";

const serve = projectServer();

describe("invalid response status", () => {
  test("1000, 101 and a String status answer 500 and are logged with the request id", async () => {
    const app = await serve({
      "app.tnt": `import { response } from "std/http/server"
fn big(req) { return response(1000, map {}, "x") }
fn informational(req) { return response(101, map {}, "x") }
fn word(req) { return map { "status": "ok", "body": "x" } }
get("/big", big)
get("/informational", informational)
get("/word", word)
listen(8080)
`,
    });
    for (const [path, shown] of [
      ["/big", "1000"],
      ["/informational", "101"],
      ["/word", "ok"],
    ] as const) {
      const r = await fetch(app.base + path, { headers: { "x-request-id": `req${path.replace("/", "-")}` } });
      expect([path, r.status, await r.text()]).toEqual([path, 500, "Internal Server Error"]);
      for (let i = 0; i < 100 && !app.stderr().includes(`req${path.replace("/", "-")}`); i++) await Bun.sleep(20);
      expect(app.stderr()).toContain(`Handler error: Invalid response status ${shown} (an Int from 200 to 599 expected) [req req${path.replace("/", "-")}]`);
    }
  }, 30_000);
});
