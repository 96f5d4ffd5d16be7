/** Concurrency, request timeouts, body limits, overload answers (spec §13.1–13.4; T69, T70, T42). */

import { afterEach, describe, expect, test } from "bun:test";
import { connect, type Socket } from "node:net";
import { checkDeadline } from "../../src/runtime/state";
import { NNative, type Value } from "../../src/runtime/values";
import { h, helper, raw, rawStatus, serve, sleeping, type TestServer, waitFor } from "./helpers";

let s: TestServer | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
});

let spinStopped = 0;
const spin = new NNative("spin", 1, 1, () => {
  try {
    for (;;) checkDeadline();
  } finally {
    spinStopped++;
  }
});

describe("concurrency", () => {
  test("40 requests to a 300 ms handler overlap; a fast route answers meanwhile", async () => {
    s = await serve((r) => {
      r.addRoute(
        "GET",
        "/slow/{n}",
        sleeping(300, () => helper("text", "slept")),
      );
      r.addRoute(
        "GET",
        "/fast",
        h(() => helper("text", "fast")),
      );
    });
    const t0 = performance.now();
    const slow = Array.from({ length: 40 }, (_, i) => fetch(`${s!.base}/slow/${i}`).then((r) => r.text()));
    await Bun.sleep(30);
    const f0 = performance.now();
    const fast = await (await fetch(`${s.base}/fast`)).text();
    const fastMs = performance.now() - f0;
    const bodies = await Promise.all(slow);
    const total = performance.now() - t0;
    expect(fast).toBe("fast");
    expect(fastMs).toBeLessThan(250);
    expect(bodies.every((b) => b === "slept")).toBe(true);
    // At least one handler's 300 ms; far less than 40 of them one after another (12 s).
    expect(total).toBeGreaterThanOrEqual(295);
    expect(total).toBeLessThan(1500);
  });
});

/** Request timeout for these tests, and the latest a 503 may come: generous for a loaded machine, still under a deadline of 2× the timeout or an abort 1 s late. */
const TIMEOUT_MS = 500;
const LATE_MS = 900;

/** Expect `ms` (from sending the request to its answer) to lie between the deadline and LATE_MS. */
function atTheDeadline(ms: number): void {
  expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
  expect(ms).toBeLessThan(LATE_MS);
}

describe("request timeout", () => {
  test("a handler waiting on I/O past the deadline → 503; others keep working", async () => {
    s = await serve(
      (r) => {
        r.addRoute(
          "GET",
          "/hang",
          sleeping(5000, () => "late"),
        );
        r.addRoute(
          "GET",
          "/fast",
          h(() => helper("text", "fast")),
        );
      },
      { timeoutMs: TIMEOUT_MS },
    );
    const t0 = performance.now();
    const r = await fetch(`${s.base}/hang`);
    atTheDeadline(performance.now() - t0);
    expect(r.status).toBe(503);
    expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await r.text()).toBe("Service Unavailable: request timed out");
    expect(await (await fetch(`${s.base}/fast`)).text()).toBe("fast");
  });
  test("`while true {}` is stopped at the deadline and the server keeps serving", async () => {
    spinStopped = 0;
    s = await serve(
      (r) => {
        r.addRoute("GET", "/spin", spin);
        r.addRoute(
          "GET",
          "/fast",
          h(() => helper("text", "fast")),
        );
      },
      { timeoutMs: TIMEOUT_MS },
    );
    const t0 = performance.now();
    const r = await fetch(`${s.base}/spin`);
    atTheDeadline(performance.now() - t0);
    expect(r.status).toBe(503);
    expect(spinStopped).toBe(1);
    expect(await (await fetch(`${s.base}/fast`)).text()).toBe("fast");
    expect((await fetch(`${s.base}/spin`)).status).toBe(503);
    expect(spinStopped).toBe(2);
  });
  test("timeout 0 disables the deadline", async () => {
    s = await serve(
      (r) =>
        r.addRoute(
          "GET",
          "/slow",
          sleeping(400, () => "done"),
        ),
      { timeoutMs: 0 },
    );
    expect(await (await fetch(`${s.base}/slow`)).text()).toBe("done");
  });
  test("the deadline applies to middleware too", async () => {
    s = await serve(
      (r) => {
        r.middleware.push(new NNative("slowmw", 1, 1, () => new Promise<Value>((res) => setTimeout(() => res(undefined), 3000)), true));
        r.addRoute(
          "GET",
          "/x",
          h(() => "x"),
        );
      },
      { timeoutMs: TIMEOUT_MS },
    );
    const t0 = performance.now();
    expect((await fetch(`${s.base}/x`)).status).toBe(503);
    atTheDeadline(performance.now() - t0);
  });
  test("a handler whose middleware finished past the deadline never runs", async () => {
    let handlerRuns = 0;
    s = await serve(
      (r) => {
        r.middleware.push(new NNative("latemw", 1, 1, () => new Promise<Value>((res) => setTimeout(() => res(undefined), TIMEOUT_MS + 200)), true));
        r.addRoute(
          "GET",
          "/x",
          h(() => (handlerRuns++, "x")),
        );
      },
      { timeoutMs: TIMEOUT_MS },
    );
    expect((await fetch(`${s.base}/x`)).status).toBe(503);
    await Bun.sleep(500);
    expect(handlerRuns).toBe(0);
  });
});

describe("body limits", () => {
  test("content-length over the limit → 413 without reading the body", async () => {
    s = await serve(
      (r) =>
        r.addRoute(
          "POST",
          "/echo",
          h((req) => helper("text", req.get("body"))),
        ),
      { maxBody: 1024 },
    );
    const resp = await raw(s.port, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11534336\r\n\r\npartial");
    expect(rawStatus(resp)).toBe(413);
    expect(resp).toContain("Payload Too Large");
  });
  test("an 11 MiB body with the default 10 MiB limit → 413", async () => {
    s = await serve((r) =>
      r.addRoute(
        "POST",
        "/echo",
        h((req) => helper("text", String((req.get("body") as string).length))),
      ),
    );
    const r = await fetch(`${s.base}/echo`, { method: "POST", body: "a".repeat(11 * 1024 * 1024) });
    expect(r.status).toBe(413);
    expect(await r.text()).toBe("Payload Too Large");
    const ok = await fetch(`${s.base}/echo`, { method: "POST", body: "a".repeat(1024 * 1024) });
    expect(await ok.text()).toBe(String(1024 * 1024));
  });
  test("a chunked body that grows past the limit → 413", async () => {
    s = await serve(
      (r) =>
        r.addRoute(
          "POST",
          "/echo",
          h((req) => helper("text", req.get("body"))),
        ),
      { maxBody: 1000 },
    );
    const chunk = "a".repeat(600);
    const body = `258\r\n${chunk}\r\n258\r\n${chunk}\r\n0\r\n\r\n`;
    const resp = await raw(s.port, `POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${body}`);
    expect(rawStatus(resp)).toBe(413);
  });
  test("exactly the limit is accepted and one byte more is not, by Content-Length and chunked", async () => {
    const max = 1000;
    s = await serve(
      (r) =>
        r.addRoute(
          "POST",
          "/len",
          h((req) => helper("text", String((req.get("body") as string).length))),
        ),
      { maxBody: max },
    );
    const byLength = (n: number) => raw(s!.port, `POST /len HTTP/1.1\r\nHost: x\r\nContent-Length: ${n}\r\nConnection: close\r\n\r\n${"a".repeat(n)}`);
    const chunked = (n: number) => {
      const rest = n - 600;
      const body = `258\r\n${"a".repeat(600)}\r\n${rest.toString(16)}\r\n${"b".repeat(rest)}\r\n0\r\n\r\n`;
      return raw(s!.port, `POST /len HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${body}`);
    };
    for (const send of [byLength, chunked]) {
      const atMax = await send(max);
      expect(rawStatus(atMax)).toBe(200);
      expect(atMax.endsWith(`\r\n\r\n${max}`)).toBe(true);
      const over = await send(max + 1);
      expect(rawStatus(over)).toBe(413);
      expect(over.endsWith("\r\n\r\nPayload Too Large")).toBe(true);
    }
  });
  test("invalid UTF-8 is decoded lossily", async () => {
    s = await serve((r) =>
      r.addRoute(
        "POST",
        "/echo",
        h((req) => helper("text", req.get("body"))),
      ),
    );
    const r = await fetch(`${s.base}/echo`, { method: "POST", body: new Uint8Array([104, 0xff, 105]) });
    expect(await r.text()).toBe("h\uFFFDi");
  });
});

describe("overload", () => {
  test("beyond NTNT_MAX_CONNECTIONS concurrent requests → fast 503 with retry-after", async () => {
    // The slow requests answer once released, so the order of the answers is the test's, not a
    // loaded machine's: a server that queued the extra request would answer it only after them.
    let release = () => {};
    const released = new Promise<void>((r) => (release = r));
    const server = await serve(
      (r) => {
        r.addRoute("GET", "/slow", new NNative("slow", 1, 1, () => released.then(() => "done"), true));
        r.addRoute(
          "GET",
          "/fast",
          h(() => "fast"),
        );
      },
      { maxConnections: 5 },
    );
    s = server;
    try {
      const slow = Array.from({ length: 5 }, () => fetch(`${server.base}/slow`));
      expect(await waitFor(() => server.context.live.inflight === 5, 20_000)).toBe(true);
      const extra = await fetch(`${server.base}/fast`);
      expect(extra.status).toBe(503);
      expect(extra.headers.get("retry-after")).toBe("1");
      expect(await extra.text()).toBe("Service Unavailable: server busy");
      release();
      const done = await Promise.all(slow);
      expect(done.every((r) => r.status === 200)).toBe(true);
      expect((await fetch(`${server.base}/fast`)).status).toBe(200);
    } finally {
      release();
    }
  });
  test("NTNT_MAX_INFLIGHT caps requests in flight", async () => {
    s = await serve(
      (r) =>
        r.addRoute(
          "GET",
          "/slow",
          sleeping(300, () => "done"),
        ),
      { maxInflight: 3 },
    );
    const all = await Promise.all(Array.from({ length: 6 }, () => fetch(`${s!.base}/slow`).then((r) => r.status)));
    expect(all.filter((x) => x === 200).length).toBe(3);
    expect(all.filter((x) => x === 503).length).toBe(3);
  });
});

describe("open connections", () => {
  test("one connection past NTNT_MAX_CONNECTIONS, idle ones counted, is answered 503 + retry-after and closed; a freed slot is reused", async () => {
    s = await serve(
      (r) =>
        r.addRoute(
          "GET",
          "/",
          h(() => "ok"),
        ),
      { maxConnections: 2 },
    );
    const port = s.port;
    const idle = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<Socket>((resolve) => {
            const sock: Socket = connect(port, "127.0.0.1", () => resolve(sock));
          }),
      ),
    );
    await Bun.sleep(50);
    const refused = await raw(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 1000);
    expect(rawStatus(refused)).toBe(503);
    expect(refused.toLowerCase()).toContain("retry-after: 1");
    expect(refused.toLowerCase()).toContain("connection: close");
    expect(refused.endsWith("Service Unavailable: server busy")).toBe(true);
    idle[0]!.destroy();
    await Bun.sleep(50);
    expect(rawStatus(await raw(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 1000))).toBe(200);
    idle[1]!.destroy();
  });
});

describe("clients too slow to send their request (spec §13.2)", () => {
  test("a head or a body still arriving past the request timeout gets 408 and the connection closes; an idle kept-alive connection does not", async () => {
    s = await serve(
      (r) => {
        r.addRoute(
          "POST",
          "/",
          h((req) => helper("text", `got ${String(req.get("body")).length}`)),
        );
        r.addRoute(
          "GET",
          "/",
          h(() => "ok"),
        );
      },
      { timeoutMs: 1000 },
    );
    const port = s.port;
    const t0 = performance.now();
    const [body, head, idle] = await Promise.all([
      raw(port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc", 4000),
      raw(port, "GET / HTTP/1.1\r\nHost: x\r\n", 4000),
      raw(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 3000),
    ]);
    for (const resp of [body, head]) {
      expect(rawStatus(resp)).toBe(408);
      expect(resp.toLowerCase()).toContain("connection: close");
      expect(resp.endsWith("Request Timeout")).toBe(true);
    }
    expect(performance.now() - t0).toBeLessThan(3900);
    // The idle connection got its answer and nothing else: no 408 after it.
    expect(rawStatus(idle)).toBe(200);
    expect(idle).not.toContain("HTTP/1.1 408");
    // A body sent in time is served.
    const quick = await raw(port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc", 2000);
    expect(quick.endsWith("got 3")).toBe(true);
  });
});

describe("draining", () => {
  test("while draining, a request on an open connection gets 503 + Connection: close", async () => {
    s = await serve((r) =>
      r.addRoute(
        "GET",
        "/",
        h(() => "ok"),
      ),
    );
    const live = s.context.live;
    live.draining = true;
    try {
      const resp = await raw(s.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 1000);
      expect(rawStatus(resp)).toBe(503);
      expect(resp.toLowerCase()).toContain("connection: close");
      expect(resp).toContain("Service Unavailable: shutting down");
    } finally {
      live.draining = false;
    }
  });
});
