/**
 * NTNT's HTTP/1.1 transport (src/server/front/) in process, with a plain fetch handler:
 * head and chunked-body parsing, and over real sockets the framing of requests and responses
 * across reads, pipelining, streaming with backpressure, `100 Continue`, the client address
 * and a listener that stops accepting while open connections are still served.
 */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Socket } from "bun";
import { ChunkedDecoder } from "../../src/server/front/chunked";
import { HeadScanner, parseHead, type RequestHead, requestUrl } from "../../src/server/front/request-head";
import { withBody } from "../../src/server/front/tags";
import { peerAddress } from "../../src/server/front/transport-request";
import { openTransport, type Transport } from "../../src/server/front/transport";
import { exchange } from "../hostile-http/raw-client";

/** Scan and parse one head given as latin-1 text. */
function head(s: string): RequestHead | { error: number } | 0 {
  const b = Buffer.from(s, "latin1");
  const scanner = new HeadScanner();
  const end = scanner.scan(b);
  if (typeof end !== "number" || end === 0) return end as { error: number } | 0;
  return parseHead(b.toString("latin1", 0, end - 4), end, scanner.rawBytes);
}

describe("request heads", () => {
  test("a well-formed request: method, target, fields and body framing", () => {
    const h = head("POST /a?b=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nX-A:  v \r\n\r\nabc") as RequestHead;
    expect(h).toMatchObject({ method: "POST", target: "/a?b=1", http11: true, host: "t", contentLength: 3, chunked: false, close: false, length: 62 });
    expect(h.fields).toEqual(["Host", "t", "Content-Length", "3", "X-A", "v"]);
    expect(head("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")).toMatchObject({ chunked: true, contentLength: -1 });
    expect(head("GET / HTTP/1.0\r\n\r\n")).toMatchObject({ http11: false, close: true });
    expect(head("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")).toMatchObject({ close: false });
    expect(head("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")).toMatchObject({ close: true });
  });

  test("an incomplete head waits; one that cannot become a request is refused at once", () => {
    expect(head("GET / HTTP/1.1\r\nHost: t\r\n")).toBe(0);
    expect(head("GET /a")).toBe(0);
    for (const bad of [
      "GET /health HTTP/1.1\rHost",
      "GET / HTTP/1.1\nHost: t\n\n",
      "\r\n\r\n",
      "\0\0\0",
      " / HTTP/1.1\r\n",
      "GET  / HTTP/1.1\r\n",
      "GET / HTTP/1.1 x\r\n",
    ])
      expect(head(bad)).toEqual({ error: 400 });
  });

  test("the scanner's verdict on field lines is the same whatever the bytes arrive in, printable runs included", () => {
    const good = "GET / HTTP/1.1\r\nHost: t\r\nUser-Agent: Mozilla/5.0 (X11; Linux) é\r\nX-B: 1\r\n\r\n";
    const bad = ["X-A: abc\x01def", "X-A: abc\rdef", "X-A: abc\x7f", "X-A: abc\ndef", "X-A: abc\0"].map((f) => `GET / HTTP/1.1\r\nHost: t\r\n${f}\r\n\r\n`);
    const scanIn = (text: string, at: number) => {
      const bytes = Buffer.from(text, "latin1");
      const scanner = new HeadScanner();
      const first = scanner.scan(bytes.subarray(0, at));
      return first === 0 ? scanner.scan(bytes) : first;
    };
    for (let at = 0; at <= good.length; at++) expect(scanIn(good, at)).toBe(Buffer.byteLength(good, "latin1"));
    for (const text of bad) for (let at = 0; at <= text.length; at++) expect(scanIn(text, at)).toEqual({ error: 400 });
  });

  test("the request line is parsed on its own: spaces on a later line do not complete it, a method is exactly its token", () => {
    expect(parseHead("GET /x\r\nHost: a b", 20, false)).toEqual({ error: 400 });
    expect(parseHead("GET\r\nHost: a b c", 20, false)).toEqual({ error: 400 });
    expect(parseHead("GETS / HTTP/1.1\r\nHost: t", 29, false)).toEqual({ error: 501 });
    expect(parseHead("GET /a HTTP/1.1\r\nHost: t", 28, false)).toMatchObject({ method: "GET", target: "/a", http11: true });
    expect(parseHead("GET /a HTTP/1.1 \r\nHost: t", 29, false)).toEqual({ error: 400 });
    expect(parseHead("GET /a HTTP/2.0\r\nHost: t", 28, false)).toEqual({ error: 505 });
  });

  test("malformed fields and framing are 400, unknown methods and transfer codings 501, other versions 505", () => {
    const h = "Host: t\r\n";
    expect(head(`GET / HTTP/1.1\r\n${h}Bad\r\n\r\n`)).toEqual({ error: 400 });
    expect(head(`GET / HTTP/1.1\r\n${h}X-A : 1\r\n\r\n`)).toEqual({ error: 400 });
    expect(head(`GET / HTTP/1.1\r\n${h}X-A: 1\r\n  2\r\n\r\n`)).toEqual({ error: 400 });
    expect(head("GET / HTTP/1.1\r\n\r\n")).toEqual({ error: 400 });
    expect(head(`POST / HTTP/1.1\r\n${h}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n`)).toEqual({ error: 400 });
    expect(head(`POST / HTTP/1.1\r\n${h}Content-Length: 3\r\nContent-Length: 4\r\n\r\n`)).toEqual({ error: 400 });
    expect(head(`POST / HTTP/1.1\r\n${h}Content-Length: +3\r\n\r\n`)).toEqual({ error: 400 });
    expect(head(`FOO / HTTP/1.1\r\n${h}\r\n`)).toEqual({ error: 501 });
    expect(head(`get / HTTP/1.1\r\n${h}\r\n`)).toEqual({ error: 501 });
    expect(head(`POST / HTTP/1.1\r\n${h}Transfer-Encoding: gzip\r\n\r\n`)).toEqual({ error: 501 });
    expect(head(`GET / HTTP/2.0\r\n${h}\r\n`)).toEqual({ error: 505 });
  });

  test("heads past 16 KiB or 100 fields are 431, request lines past it 414", () => {
    expect(head(`GET / HTTP/1.1\r\nHost: t\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`)).toEqual({ error: 431 });
    expect(head(`GET /${"a".repeat(20_000)} HTTP/1.1\r\n`)).toEqual({ error: 414 });
    expect(head(`GET / HTTP/1.1\r\nHost: t\r\n${"X: 1\r\n".repeat(100)}\r\n`)).toEqual({ error: 431 });
    expect(head(`GET / HTTP/1.1\r\nHost: t\r\n${"X: 1\r\n".repeat(99)}\r\n`)).toMatchObject({ method: "GET" });
  });

  test("the URL: raw bytes over 0x7f are percent-encoded, absolute-form kept, other forms refused", () => {
    const url = (target: string) => requestUrl(head(`GET ${target} HTTP/1.1\r\nHost: t\r\n\r\n`) as RequestHead);
    expect(url("/users/\xc3\xa9")).toBe("http://t/users/%C3%A9");
    expect(url("http://x/health")).toBe("http://x/health");
    expect(url("*")).toBeNull();
  });

  test("the scanner checks each byte once across reads", () => {
    const s = new HeadScanner();
    const text = "GET / HTTP/1.1\r\nHost: t\r\n\r\n";
    let got: unknown = 0;
    for (let i = 1; i <= text.length && got === 0; i++) got = s.scan(Buffer.from(text.slice(0, i)));
    expect(got).toBe(text.length);
  });
});

describe("ChunkedDecoder", () => {
  test("data across reads, extensions ignored, trailer fields dropped, what follows left alone", () => {
    const body = Buffer.from("3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nX-T: 1\r\n\r\nNEXT", "latin1");
    const d = new ChunkedDecoder();
    let out = "";
    let at = 0;
    for (let end = 1; end <= body.length && !d.done; end++) {
      at += d.feed(body.subarray(at, end), (x) => (out += Buffer.from(x).toString("latin1")));
    }
    expect(d.failed).toBe(false);
    expect(out).toBe("abcde");
    expect(body.subarray(at).toString()).toBe("NEXT");
  });

  test("a bad size or missing CRLF after the data fails", () => {
    for (const bad of ["zz\r\nabc\r\n", "-3\r\nabc\r\n", "2\r\nabc\r\n", "ffffffffffffffffff\r\n"]) {
      const d = new ChunkedDecoder();
      d.feed(Buffer.from(bad), () => {});
      expect(d.failed).toBe(true);
    }
  });
});

describe("transport over real sockets", () => {
  const BIG = Buffer.alloc(8 * 1024 * 1024, 0x61);
  let t: Transport;
  let bodyReads = 0;
  beforeAll(() => {
    t = openTransport({
      host: "127.0.0.1",
      port: 0,
      reusePort: false,
      idleSeconds: 30,
      onError: () => new Response("error", { status: 500 }),
      async fetch(req) {
        const path = new URL(req.url).pathname;
        if (path === "/big") return new Response(BIG);
        if (path === "/known") return withBody(new Response("ünï", { headers: { "content-type": "text/plain" } }), "ünï");
        if (path === "/peer") return new Response(peerAddress(req) ?? "none");
        if (path === "/echo") {
          bodyReads++;
          return new Response(`${req.method} ${await req.text()}`);
        }
        if (path === "/refuse") return new Response("no", { status: 413, headers: { connection: "close" } });
        if (path === "/ticks") {
          let n = 0;
          const stream = new ReadableStream<Uint8Array>({
            async pull(c) {
              await Bun.sleep(n === 0 ? 0 : 300);
              c.enqueue(new TextEncoder().encode(`tick ${n}\n`));
              if (++n === 2) c.close();
            },
          });
          return new Response(stream, { headers: { "content-type": "text/event-stream" } });
        }
        if (path === "/slow") {
          await Bun.sleep(500);
          return new Response("slow");
        }
        if (path === "/throw") throw new Error("boom");
        await Bun.sleep(10);
        return new Response("small");
      },
    });
  });
  afterAll(() => t.close());
  const get = (p: string, extra = "") => `GET ${p} HTTP/1.1\r\nHost: t\r\n${extra}\r\n`;

  test("an 8 MiB response with a request pipelined behind it arrives whole, then the second", async () => {
    const r = await exchange(t.port, [get("/big") + get("/small")], { expectResponses: 2, timeoutMs: 10_000 });
    expect(r.responses.map((x) => [x.status, x.body.length, x.headers.get("content-length")])).toEqual([
      [200, BIG.length, undefined],
      [200, 5, undefined],
    ]);
    expect(r.responses[0]!.headers.get("transfer-encoding")).toBe("chunked");
    expect(r.closed).toBe(false);
  });

  test("requests pipelined behind a slow one are answered in order", async () => {
    const r = await exchange(t.port, [get("/slow") + get("/small") + get("/peer")], { expectResponses: 3, timeoutMs: 5000 });
    expect(r.responses.map((x) => x.body)).toEqual(["slow", "small", "127.0.0.1"]);
  });

  test("a recorded body is sent with its UTF-8 length, a date, and no chunking; HEAD sends the head only", async () => {
    const r = await exchange(t.port, [get("/known") + `HEAD /known HTTP/1.1\r\nHost: t\r\n\r\n`], { expectResponses: 2, methods: ["GET", "HEAD"] });
    expect(r.responses[0]!.headers.get("content-length")).toBe("5");
    expect(Buffer.from(r.responses[0]!.body, "latin1").toString()).toBe("ünï");
    expect(r.responses[0]!.headers.get("date")).toMatch(/GMT$/);
    expect(r.responses[1]!.headers.get("content-length")).toBe("5");
    expect(r.responses[1]!.body).toBe("");
    expect(r.garbage).toBe("");
  });

  test("a streamed response is written as it is produced, not when it ends", async () => {
    const chunks: { at: number; text: string }[] = [];
    const t0 = Date.now();
    const sock = await Bun.connect({
      hostname: "127.0.0.1",
      port: t.port,
      socket: { data: (_s, d) => void chunks.push({ at: Date.now() - t0, text: d.toString("latin1") }) },
    });
    sock.write(get("/ticks"));
    for (
      const end = Date.now() + 3000;
      !chunks
        .map((c) => c.text)
        .join("")
        .endsWith("0\r\n\r\n") && Date.now() < end;
    )
      await Bun.sleep(20);
    sock.end();
    const all = chunks.map((c) => c.text).join("");
    expect(all).toContain("tick 0\n");
    expect(all).toContain("tick 1\n");
    const first = chunks.find((c) => c.text.includes("tick 0"))!;
    const second = chunks.find((c) => c.text.includes("tick 1"))!;
    expect(second.at - first.at).toBeGreaterThan(150);
  });

  test("a request body is streamed to the app; 100 Continue only once the app reads it", async () => {
    const before = bodyReads;
    const ok = await exchange(t.port, [`POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n`, { waitMs: 100 }, "abc"], {
      expectResponses: 1,
    });
    expect(ok.responses.map((x) => x.status)).toEqual([100, 200]);
    expect(ok.responses[1]!.body).toBe("POST abc");
    expect(bodyReads).toBe(before + 1);
    const refused = await exchange(t.port, [`POST /refuse HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n`], { expectResponses: 1 });
    expect(refused.responses.map((x) => x.status)).toEqual([413]);
    expect(refused.closed).toBe(true);
  });

  test("a chunked body with a trailer reaches the app whole, with one response", async () => {
    const r = await exchange(t.port, [`POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n${get("/small")}`], {
      expectResponses: 2,
    });
    expect(r.responses.map((x) => x.body)).toEqual(["POST abc", "small"]);
    expect(r.garbage).toBe("");
  });

  test("a handler that throws gets the error answer; the connection goes on", async () => {
    const r = await exchange(t.port, [get("/throw") + get("/small")], { expectResponses: 2 });
    expect(r.responses.map((x) => x.status)).toEqual([500, 200]);
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
      port: t.port,
      socket: {
        data: (_s, d) => {
          got += d.toString("latin1");
        },
        drain: push,
      },
    });
    push(sock);
    await Bun.sleep(300);
    // While /slow runs the transport stops reading: what the kernel took is the held MiB plus socket buffers.
    expect(accepted).toBeLessThan(24 << 20);
    const deadline = Date.now() + 15_000;
    while (got.split("HTTP/1.1 200").length - 1 < 65 && Date.now() < deadline) await Bun.sleep(50);
    expect(got.split("HTTP/1.1 200").length - 1).toBe(65);
    sock.end();
  }, 20_000);
});

test("after stopAccepting, open connections are still served and new ones refused", async () => {
  const t = openTransport({
    host: "127.0.0.1",
    port: 0,
    reusePort: false,
    idleSeconds: 30,
    onError: () => new Response("", { status: 500 }),
    fetch: () => new Response("ok"),
  });
  try {
    let got = "";
    const sock = await Bun.connect({ hostname: "127.0.0.1", port: t.port, socket: { data: (_s, d) => void (got += d.toString("latin1")) } });
    t.stopAccepting();
    await Bun.sleep(50);
    sock.write("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
    for (const end = Date.now() + 2000; !got.endsWith("ok") && Date.now() < end; ) await Bun.sleep(10);
    expect(got).toStartWith("HTTP/1.1 200 OK");
    await expect(fetch(`http://127.0.0.1:${t.port}/`)).rejects.toThrow();
    sock.end();
  } finally {
    t.close();
  }
});

test("a connection silent between requests past the idle limit is closed; one whose request is still in its handler is not", async () => {
  const t = openTransport({
    host: "127.0.0.1",
    port: 0,
    reusePort: false,
    idleSeconds: 1,
    onError: () => new Response("", { status: 500 }),
    fetch: async (req) => {
      if (req.url.endsWith("/slow")) await Bun.sleep(2500);
      return new Response("ok");
    },
  });
  try {
    const slow = await exchange(t.port, ["GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"], { expectResponses: 1, graceMs: 2500, timeoutMs: 8000 });
    expect(slow.responses.map((r) => r.body)).toEqual(["ok"]);
    // After the answer the connection is idle: closed within the limit plus one sweep.
    expect(slow.closed).toBe(true);
  } finally {
    t.close();
  }
}, 15_000);

test("a request pipelined behind a response still more than 1 MiB unsent waits until it has gone, also when the handler answered synchronously", async () => {
  const big = "b".repeat(32 << 20);
  let counted = 0;
  const t = openTransport({
    host: "127.0.0.1",
    port: 0,
    reusePort: false,
    idleSeconds: 30,
    onError: () => new Response("", { status: 500 }),
    fetch: (req) => {
      if (req.url.endsWith("/big")) return withBody(new Response(big), big);
      counted++;
      return withBody(new Response("counted"), "counted");
    },
  });
  try {
    let got = 0;
    let text = "";
    const sock = await Bun.connect({
      hostname: "127.0.0.1",
      port: t.port,
      socket: {
        data: (_s, d) => {
          got += d.byteLength;
          if (got > big.length) text += d.toString("latin1");
        },
      },
    });
    sock.pause();
    sock.write("GET /big HTTP/1.1\r\nHost: t\r\n\r\nGET /count HTTP/1.1\r\nHost: t\r\n\r\n");
    await Bun.sleep(300);
    // The client reads nothing: most of the 32 MiB is still queued, so /count has not been read.
    expect(counted).toBe(0);
    sock.resume();
    for (const end = Date.now() + 10_000; !text.endsWith("counted") && Date.now() < end; ) await Bun.sleep(20);
    expect(counted).toBe(1);
    expect(text.endsWith("counted")).toBe(true);
    sock.end();
  } finally {
    t.close();
  }
}, 20_000);
