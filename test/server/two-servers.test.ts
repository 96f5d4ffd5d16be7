/**
 * Two servers in one process, each bound to its own ServerContext: each answers with its own
 * routes and configuration, counts its own requests in flight and shuts down alone.
 */

import { afterEach, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { NNative } from "../../src/runtime/values";
import { runtimeError } from "../../src/runtime/errors";
import { ServerContext } from "../../src/server/context";
import type { ServerConfig } from "../../src/server/serve-options";
import { RouteRegistry } from "../../src/server/route-registry";
import { startServer, type Running } from "../../src/server/server";
import { sseNatives } from "../../src/server/sse";
import { ctx, h, helper, testConfig, waitFor } from "./helpers";

const started: Running[] = [];
const sseSend = sseNatives.sse_send as NNative;

/** An event-stream producer: sends a tick every 20 ms until sse_send returns false. */
const ticker = new NNative(
  "ticker",
  1,
  1,
  async ([stream]) => {
    while (sseSend.fn([stream!, "tick"], ctx)) await Bun.sleep(20);
    return undefined;
  },
  true,
);
/** Releases of every server's `/slow`, so that a failed test's shutdown does not wait for them. */
const releases: Array<() => void> = [];
afterEach(async () => {
  for (const release of releases.splice(0)) release();
  await Promise.all(started.splice(0).map((r) => r.shutdown()));
});

interface Served {
  sc: ServerContext;
  base: string;
  running: Running;
  shutdowns: () => number;
  /** Lets the requests waiting in `/slow` answer. */
  release: () => void;
}

/** Serve `name`'s routes (`/<name>`, `/slow`, `/fail`, POST `/echo`) with `over` on a fresh context. */
function serveOn(name: string, over: Partial<ServerConfig>): Served {
  const sc = new ServerContext();
  sc.config = testConfig(over);
  const reg = new RouteRegistry();
  reg.addRoute(
    "GET",
    `/${name}`,
    h(() => helper("text", name)),
  );
  // Answers once the test releases it, however long a loaded machine takes to get there.
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  releases.push(release);
  reg.addRoute("GET", "/slow", new NNative("slow", 1, 1, () => released.then(() => helper("text", `${name} slept`)), true));
  reg.addRoute(
    "GET",
    "/fail",
    h(() => {
      throw runtimeError(`${name} broke`);
    }),
  );
  reg.addRoute(
    "GET",
    "/events",
    h(() => helper("sse", ticker)),
  );
  reg.addRoute(
    "POST",
    "/echo",
    h((req) => helper("text", String(req.get("body")))),
  );
  let shutdowns = 0;
  reg.shutdown.push(new NNative("bye", 0, 0, () => void shutdowns++));
  const running = startServer(sc, reg, { port: 0, host: "127.0.0.1" });
  started.push(running);
  return { sc, base: `http://127.0.0.1:${running.port}`, running, shutdowns: () => shutdowns, release };
}

describe("two servers in one process", () => {
  test("each answers with its own routes", async () => {
    const a = serveOn("a", {});
    const b = serveOn("b", {});
    expect(await (await fetch(`${a.base}/a`)).text()).toBe("a");
    expect(await (await fetch(`${b.base}/b`)).text()).toBe("b");
    expect((await fetch(`${a.base}/b`)).status).toBe(404);
    expect((await fetch(`${b.base}/a`)).status).toBe(404);
  });

  test("each applies its own configuration", async () => {
    const a = serveOn("a", { maxBody: 16, production: false });
    const b = serveOn("b", { maxBody: 1024, production: true });
    const body = "x".repeat(100);
    expect((await fetch(`${a.base}/echo`, { method: "POST", body })).status).toBe(413);
    const r = await fetch(`${b.base}/echo`, { method: "POST", body });
    expect(r.status).toBe(200);
    expect(await r.text()).toBe(body);
    // Development shows the error; production hides it.
    expect(await (await fetch(`${a.base}/fail`)).text()).toContain("a broke");
    expect(await (await fetch(`${b.base}/fail`)).text()).toBe("Internal Server Error");
  });

  test("each counts its own requests in flight", async () => {
    const a = serveOn("a", { maxInflight: 1 });
    const b = serveOn("b", { maxInflight: 1 });
    const slow = fetch(`${a.base}/slow`).then((r) => r.text());
    expect(await waitFor(() => a.sc.live.inflight === 1, 20_000)).toBe(true);
    expect(b.sc.live.inflight).toBe(0);
    // a is full; b is not.
    expect((await fetch(`${a.base}/a`)).status).toBe(503);
    expect(await (await fetch(`${b.base}/b`)).text()).toBe("b");
    a.release();
    expect(await slow).toBe("a slept");
  });

  test("shutting one down leaves the other serving", async () => {
    const a = serveOn("a", {});
    const b = serveOn("b", {});
    const slowOnB = fetch(`${b.base}/slow`).then((r) => r.text());
    expect(await waitFor(() => b.sc.live.inflight === 1, 20_000)).toBe(true);
    await a.running.shutdown();
    expect(a.shutdowns()).toBe(1);
    expect(b.shutdowns()).toBe(0);
    expect(a.sc.live.fetch).toBeNull();
    expect(b.sc.live.draining).toBe(false);
    expect(await (await fetch(`${b.base}/b`)).text()).toBe("b");
    b.release();
    expect(await slowOnB).toBe("b slept");
    await expect(fetch(`${a.base}/a`)).rejects.toThrow();
  });

  test("shutting one down closes its event streams only", async () => {
    const a = serveOn("a", {});
    const b = serveOn("b", {});
    const onA = (await fetch(`${a.base}/events`)).body!.getReader();
    const onB = (await fetch(`${b.base}/events`)).body!.getReader();
    await onA.read();
    await onB.read();
    await a.running.shutdown();
    let ended = false;
    while (!ended) ended = (await onA.read()).done;
    const next = new TextDecoder().decode((await onB.read()).value);
    expect(next).toContain("data: tick");
    await onB.cancel();
  });

  test("with NTNT's own transport too, each answers with its own routes and shuts down alone", async () => {
    const a = serveOn("a", { frontDoor: true, production: false });
    const b = serveOn("b", { frontDoor: true, production: true });
    expect(await (await fetch(`${a.base}/a`)).text()).toBe("a");
    expect((await fetch(`${b.base}/a`)).status).toBe(404);
    expect(await (await fetch(`${b.base}/fail`)).text()).toBe("Internal Server Error");
    await a.running.shutdown();
    expect(b.shutdowns()).toBe(0);
    expect(await (await fetch(`${b.base}/b`)).text()).toBe("b");
  });

  test("each logs its errors in its own format: plain in development, JSON in production", async () => {
    const child = Bun.spawn([process.execPath, join(import.meta.dir, "fixtures", "two-servers-errors.ts")], { stdout: "ignore", stderr: "pipe" });
    const lines = (await new Response(child.stderr).text()).split("\n");
    expect(await child.exited).toBe(0);
    expect(lines.find((l) => l.includes("dev broke"))).toStartWith("Handler error: Runtime error: dev broke");
    expect(JSON.parse(lines.find((l) => l.includes("prod broke"))!)).toMatchObject({ level: "error", msg: "Handler error: Runtime error: prod broke" });
  });
});
