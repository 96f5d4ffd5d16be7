/**
 * A streamed response (send_file, sse) whose status is not an Int in 200–599 (http-server.md
 * §4.2) is a 500 logged as a handler error with the request id, as a plain response map's is;
 * a valid streamed status is kept. Through a real `./ntnt run` server.
 */

import { describe, expect, test } from "bun:test";
import { projectServer } from "../support/ntnt-app";

const serve = projectServer();

describe("invalid status of a streamed response", () => {
  test("send_file and sse maps with 1000, 99 or a String status answer 500 and are logged; 206 stays 206", async () => {
    const app = await serve({
      "notes.txt": "hello\n",
      "app.tnt": `import { send_file, sse, sse_send } from "std/http/server"
fn ticks(stream) { sse_send(stream, "x") }
fn big_file(req) {
  let r = send_file("notes.txt")
  return map { "status": 1000, "headers": r.headers, "body": "", "file": r.file }
}
fn partial_file(req) {
  let r = send_file("notes.txt")
  return map { "status": 206, "headers": r.headers, "body": "", "file": r.file }
}
fn low_stream(req) {
  let r = sse(ticks)
  return map { "status": 99, "headers": r.headers, "body": "", "stream": r.stream }
}
fn word_stream(req) {
  let r = sse(ticks)
  return map { "status": "ok", "headers": r.headers, "body": "", "stream": r.stream }
}
get("/big-file", big_file)
get("/partial-file", partial_file)
get("/low-stream", low_stream)
get("/word-stream", word_stream)
listen(8080)
`,
    });
    for (const [path, shown] of [
      ["/big-file", "1000"],
      ["/low-stream", "99"],
      ["/word-stream", "ok"],
    ] as const) {
      const id = `req${path.replaceAll("/", "-")}`;
      const r = await fetch(app.base + path, { headers: { "x-request-id": id } });
      expect([path, r.status, await r.text()]).toEqual([path, 500, "Internal Server Error"]);
      for (let i = 0; i < 100 && !app.stderr().includes(id); i++) await Bun.sleep(20);
      expect(app.stderr()).toContain(`Handler error: Invalid response status ${shown} (an Int from 200 to 599 expected) [req ${id}]`);
    }
    const ok = await fetch(app.base + "/partial-file");
    expect([ok.status, await ok.text()]).toEqual([206, "hello\n"]);
  }, 30_000);
});
