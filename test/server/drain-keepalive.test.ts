/**
 * SIGTERM drain and kept-alive connections (spec §13.8): a request that arrives on an idle
 * kept-alive connection during the drain should get `503` + `Connection: close`, and one sent
 * just before the signal should not be lost. Bun 1.4.5 closes idle keep-alive connections as
 * soon as the listener stops, so on Bun.serve alone such a request meets a closed socket (that
 * case runs as `test.failing`); NTNT's own transport (the default; NTNT_FRONT_DOOR=0 turns it
 * off) stops accepting but keeps the open connections, which then get the app's 503.
 */

import { expect, test } from "bun:test";
import { connect } from "node:net";
import { join } from "node:path";
import { startApp } from "../support/ntnt-app";

const APP_DIR = join(import.meta.dir, "..", "hostile-http", "app");

/** Wait until `done()` holds, at most 3 s (the machine may be busy). */
async function until(done: () => boolean): Promise<void> {
  for (const end = Date.now() + 3000; !done() && Date.now() < end; ) await Bun.sleep(20);
}

async function drainOnKeptAlive(frontDoor: "0" | "1"): Promise<void> {
  const app = await startApp("app.tnt", { cwd: APP_DIR, env: { NTNT_ENV: "production", NTNT_FRONT_DOOR: frontDoor } });
  try {
    const sock = connect(app.port, "127.0.0.1");
    let got = "";
    sock.on("data", (d: Buffer) => (got += d.toString("latin1")));
    await new Promise((r) => sock.on("connect", r));
    sock.write("GET /health HTTP/1.1\r\nHost: t\r\n\r\n");
    await until(() => got.endsWith("ok"));
    expect(got).toStartWith("HTTP/1.1 200");
    got = "";
    // Long enough to still be running when the kept-alive request arrives on a busy machine.
    const slow = fetch(`${app.base}/linger`);
    await Bun.sleep(50);
    app.proc.kill("SIGTERM");
    await Bun.sleep(50);
    sock.write("GET /health HTTP/1.1\r\nHost: t\r\n\r\n");
    await until(() => got.includes("\r\n\r\n"));
    expect(got).toStartWith("HTTP/1.1 503");
    expect(got.toLowerCase()).toContain("connection: close");
    expect((await slow).status).toBe(200);
  } finally {
    await app.stop();
  }
}

const NAME = "a request on an idle kept-alive connection during the drain gets 503 + Connection: close";
test(`${NAME} (front door)`, () => drainOnKeptAlive("1"));
test.failing(`${NAME} (Bun.serve alone: Bun 1.4.5 closes idle connections when the listener stops)`, () => drainOnKeptAlive("0"));

async function sentJustBeforeSignal(): Promise<void> {
  const app = await startApp("app.tnt", { cwd: APP_DIR, env: { NTNT_ENV: "production", NTNT_FRONT_DOOR: "1" } });
  try {
    const socks = Array.from({ length: 5 }, () => connect(app.port, "127.0.0.1"));
    const got = socks.map(() => "");
    socks.forEach((s, i) => s.on("data", (d: Buffer) => (got[i] += d.toString("latin1"))));
    await Promise.all(socks.map((s) => new Promise((r) => s.on("connect", r))));
    for (const s of socks) s.write("GET /health HTTP/1.1\r\nHost: t\r\n\r\n");
    await until(() => got.every((g) => g.endsWith("ok")));
    got.fill("");
    for (const s of socks) s.write("GET /health HTTP/1.1\r\nHost: t\r\n\r\n");
    app.proc.kill("SIGTERM");
    await until(() => got.every((g) => g.includes("\r\n\r\n")));
    for (const g of got) expect(g).toMatch(/^HTTP\/1\.1 (200|503) /);
  } finally {
    await app.stop();
  }
}

// On Bun.serve alone some of these are lost, but not on every run, so there is no failing twin.
test("requests sent on kept-alive connections just before SIGTERM are answered (front door)", sentJustBeforeSignal);
