/**
 * SIGTERM drain and kept-alive connections (spec §13.8): a request that arrives on an idle
 * kept-alive connection during the drain should get `503` + `Connection: close`, and one sent
 * just before the signal should not be lost. Bun 1.4.5 closes idle keep-alive connections as
 * soon as the listener stops, so such a request meets a closed socket; the case runs as
 * `test.failing` until that is worked around.
 */

import { expect, test } from "bun:test";
import { connect } from "node:net";
import { join } from "node:path";
import { startApp } from "../support/ntnt-app";

const APP_DIR = join(import.meta.dir, "..", "hostile-http", "app");

test.failing("a request on an idle kept-alive connection during the drain gets 503 + Connection: close", async () => {
  const app = await startApp("app.tnt", { cwd: APP_DIR, env: { NTNT_ENV: "production" } });
  try {
    const sock = connect(app.port, "127.0.0.1");
    let got = "";
    sock.on("data", (d: Buffer) => (got += d.toString("latin1")));
    await new Promise((r) => sock.on("connect", r));
    sock.write("GET /health HTTP/1.1\r\nHost: t\r\n\r\n");
    await Bun.sleep(200);
    expect(got).toStartWith("HTTP/1.1 200");
    got = "";
    const slow = fetch(`${app.base}/slow`);
    await Bun.sleep(50);
    app.proc.kill("SIGTERM");
    await Bun.sleep(50);
    sock.write("GET /health HTTP/1.1\r\nHost: t\r\n\r\n");
    await Bun.sleep(300);
    expect(got).toStartWith("HTTP/1.1 503");
    expect(got.toLowerCase()).toContain("connection: close");
    expect((await slow).status).toBe(200);
  } finally {
    await app.stop();
  }
});
