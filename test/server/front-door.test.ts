/**
 * The front door (src/server/front/) in process, in front of a plain Bun.serve: request and
 * response framing across reads, large responses with a request pipelined behind them, and
 * the client address Bun's side can look up.
 */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Server, Socket } from "bun";
import { ChunkedBody, judgeHead, ResponseTracker } from "../../src/server/front/framing";
import { type FrontDoor, openFrontDoor } from "../../src/server/front/front-door";
import { exchange } from "../hostile-http/raw-client";

const head = (s: string) => {
  const b = Buffer.from(s, "latin1");
  return judgeHead(b, b.indexOf("\r\n\r\n"), 1000);
};

describe("judgeHead", () => {
  test("a well-formed request: method, head length and body framing", () => {
    expect(head("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc")).toEqual({ kind: "request", method: "POST", headLength: 48, body: 3 });
    expect(head("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")).toMatchObject({ body: "chunked" });
    expect(head("GET / HTTP/1.1\r\nHost: t\r\n\r\n")).toMatchObject({ body: "none" });
  });
  test("an incomplete head waits; a method Bun does not know is answered here", () => {
    expect(head("GET / HTTP/1.1\r\nHost: t\r\n")).toBeNull();
    expect(head("GET /a")).toBeNull();
    expect(head("FOO / HTTP/1.1\r\n")).toEqual({ kind: "unknown-method" });
    expect(head("get / HTTP/1.1\r\nHost: t\r\n\r\n")).toEqual({ kind: "unknown-method" });
  });
  test("Expect: 100-continue over the limit is refused before any 100", () => {
    expect(head("POST / HTTP/1.1\r\nContent-Length: 1001\r\nExpect: 100-continue\r\n\r\n")).toEqual({ kind: "expect-too-large" });
    expect(head("POST / HTTP/1.1\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n")).toMatchObject({ kind: "request" });
  });
  test("what only Bun should judge is left to it", () => {
    for (const h of [
      "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
      "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
      "GET / HTTP/1.1\r\nBad\r\n\r\n",
      "GET / HTTP/2.0\r\n\r\n",
      "\x16\x03\x01\x02\x00",
      "\0\0\0",
    ])
      expect(head(h)).toEqual({ kind: "opaque" });
  });
});

describe("ChunkedBody", () => {
  test("drops trailer fields, keeps the final blank line, across reads", () => {
    const body = Buffer.from("3\r\nabc\r\n0\r\nX-T: 1\r\nX-U: 2\r\n\r\nNEXT", "latin1");
    const c = new ChunkedBody();
    let out = "";
    let at = 0;
    for (let step = 0; step < 20; step++) {
      // One byte more each time the walker asks for more: a slow sender.
      const s = c.step(body.subarray(at, Math.min(body.length, at + 1 + step)));
      out += body.subarray(at, at + s.forward).toString("latin1");
      at += s.consumed;
      if (s.done) break;
    }
    expect(out).toBe("3\r\nabc\r\n0\r\n\r\n");
    expect(body.subarray(at).toString()).toBe("NEXT");
  });
});

describe("ResponseTracker", () => {
  test("counts complete responses: Content-Length, chunked, HEAD, interim 100", () => {
    const t = new ResponseTracker();
    expect(t.feed(Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab"), false)).toBe(0);
    expect(t.feed(Buffer.from("cde"), false)).toBe(1);
    expect(t.feed(Buffer.from("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nab"), false)).toBe(0);
    expect(t.feed(Buffer.from("c\r\n0\r\n\r\n"), false)).toBe(1);
    expect(t.feed(Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 99\r\nConnection: close\r\n\r\n"), true)).toBe(1);
    expect(t.closeAfter).toBe(true);
    t.feed(Buffer.from("HTTP/1.1 101 Switching Protocols\r\n\r\n"), false);
    expect(t.upgraded).toBe(true);
  });
});

describe("front door in front of Bun.serve", () => {
  const BIG = Buffer.alloc(8 * 1024 * 1024, 0x61);
  let upstream: Server<unknown>;
  let door: FrontDoor;
  beforeAll(() => {
    upstream = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      async fetch(req) {
        const path = new URL(req.url).pathname;
        if (path === "/big") return new Response(BIG);
        if (path === "/peer") return new Response(String(door.peerOf(upstream.requestIP(req)!.port)));
        if (path === "/slow") {
          await Bun.sleep(700);
          return new Response("slow");
        }
        await Bun.sleep(20);
        return new Response("small");
      },
    });
    door = openFrontDoor(upstream, { host: "127.0.0.1", port: 0, reusePort: false, idleSeconds: 30, maxBody: 1000 });
  });
  afterAll(() => {
    door.close();
    upstream.stop(true);
  });

  test("an 8 MiB response with a request pipelined behind it arrives whole, then the second", async () => {
    const get = (p: string) => `GET ${p} HTTP/1.1\r\nHost: t\r\n\r\n`;
    const r = await exchange(door.port, [get("/big") + get("/small")], { expectResponses: 2, timeoutMs: 10_000 });
    expect(r.responses.map((x) => [x.status, x.body.length])).toEqual([
      [200, BIG.length],
      [200, 5],
    ]);
    expect(r.closed).toBe(false);
  });

  test("a client pipelining megabytes behind a slow request is read no further than about 1 MiB ahead", async () => {
    const post = `POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: ${1 << 20}\r\n\r\n${"x".repeat(1 << 20)}`;
    const burst = Buffer.from(`GET /slow HTTP/1.1\r\nHost: t\r\n\r\n${post.repeat(64)}`);
    let accepted = 0;
    let got = "";
    const push = (s: Socket) => {
      while (accepted < burst.length) {
        const n = s.write(burst.subarray(accepted));
        if (n <= 0) return;
        accepted += n;
      }
    };
    const sock = await Bun.connect({
      hostname: "127.0.0.1",
      port: door.port,
      socket: {
        data: (_s, d) => {
          got += d.toString("latin1");
        },
        drain: push,
      },
    });
    push(sock);
    await Bun.sleep(400);
    // While /slow runs the door stops reading: what the kernel took is the held MiB plus socket buffers.
    expect(accepted).toBeLessThan(24 << 20);
    const deadline = Date.now() + 15_000;
    while (got.split("HTTP/1.1 200").length - 1 < 65 && Date.now() < deadline) await Bun.sleep(50);
    expect(got.split("HTTP/1.1 200").length - 1).toBe(65);
    sock.end();
  }, 20_000);

  test("Bun's side finds the client's address from its upstream connection", async () => {
    expect(await (await fetch(`http://127.0.0.1:${door.port}/peer`)).text()).toBe("127.0.0.1");
  });
});
