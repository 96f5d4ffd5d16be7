/** Client IP / protocol behind proxies (spec §13.6; T37–T39), compression negotiation, config parsing. */

import { afterEach, describe, expect, test } from "bun:test";
import { brotliDecompressSync } from "node:zlib";
import { parseTrustProxy, serveOptions } from "../../src/server/serve-options";
import { pickEncoding } from "../../src/server/compress";
import { clientAddress } from "../../src/server/proxy";
import { RequestSource } from "../../src/server/request";
import { TrustedPeers } from "../../src/server/trusted-peers";
import { h, helper, raw, rawStatus, serve, testConfig, type TestServer } from "./helpers";
import { NMap } from "../../src/runtime/values";
import { ServerContext } from "../../src/server/context";

let s: TestServer | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
});

const ids = (r: import("../../src/server/route-registry").RouteRegistry) =>
  r.addRoute(
    "GET",
    "/ids",
    h((req) => helper("json", NMap.fromObject({ ip: req.get("ip"), protocol: req.get("protocol") }))),
  );

describe("proxy headers through real HTTP", () => {
  test("X-Forwarded-For from a loopback peer", async () => {
    s = await serve(ids);
    const r = await fetch(`${s.base}/ids`, { headers: { "x-forwarded-for": "203.0.113.9, 10.0.0.1", "x-forwarded-proto": "https" } });
    expect(await r.json()).toEqual({ ip: "203.0.113.9", protocol: "https" });
  });
  test("X-Forwarded-For is walked from the right: a spoofed leftmost hop is not the client", async () => {
    s = await serve(ids);
    const spoofed = await fetch(`${s.base}/ids`, { headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.9" } });
    expect(((await spoofed.json()) as { ip: string }).ip).toBe("203.0.113.9");
    const chain = await fetch(`${s.base}/ids`, { headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.1, 192.168.1.1" } });
    expect(((await chain.json()) as { ip: string }).ip).toBe("203.0.113.9");
    const allTrusted = await fetch(`${s.base}/ids`, { headers: { "x-forwarded-for": "10.0.0.7, 10.0.0.1" } });
    expect(((await allTrusted.json()) as { ip: string }).ip).toBe("10.0.0.7");
  });
  test("CF-Connecting-IP (cloudflared)", async () => {
    s = await serve(ids);
    const r = await fetch(`${s.base}/ids`, { headers: { "cf-connecting-ip": "198.51.100.7", "x-forwarded-for": "203.0.113.9" } });
    expect(((await r.json()) as { ip: string }).ip).toBe("198.51.100.7");
  });
  test("NTNT_TRUST_PROXY=0 ignores forwarding headers", async () => {
    s = await serve(ids, {}, { NTNT_TRUST_PROXY: "0" });
    const r = await fetch(`${s.base}/ids`, { headers: { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" } });
    expect(await r.json()).toEqual({ ip: "127.0.0.1", protocol: "http" });
  });
  test("an explicit trust list that excludes loopback ignores the headers", async () => {
    s = await serve(ids, {}, { NTNT_TRUST_PROXY: "10.1.0.0/16" });
    const r = await fetch(`${s.base}/ids`, { headers: { "cf-connecting-ip": "198.51.100.7" } });
    expect(((await r.json()) as { ip: string }).ip).toBe("127.0.0.1");
  });
});

describe("trust rules", () => {
  const H = (o: Record<string, string>) => new Request("http://t/", { headers: o });
  const sc = new ServerContext();
  test("private ranges are trusted by default, public peers are not", () => {
    const t = parseTrustProxy(undefined);
    for (const ip of ["127.0.0.1", "10.2.3.4", "172.20.0.1", "192.168.1.1", "::1", "fd00::1"]) expect(new TrustedPeers(t).trusts(ip)).toBe(true);
    for (const ip of ["8.8.8.8", "172.32.0.1", "2001:db8::1"]) expect(new TrustedPeers(t).trusts(ip)).toBe(false);
  });
  test("a public peer cannot spoof its address", () => {
    expect(clientAddress(sc, H({ "x-forwarded-for": "1.2.3.4" }), () => "8.8.8.8").ip).toBe("8.8.8.8");
  });
  test("bound to loopback with loopback trusted, forwarded requests need no peer lookup", () => {
    const noLookup = () => {
      throw new Error("peer looked up");
    };
    const sc = new ServerContext();
    sc.config = testConfig({ host: "127.0.0.1" });
    expect(clientAddress(sc, H({ "cf-connecting-ip": "203.0.113.9", "x-forwarded-proto": "https" }), noLookup)).toEqual({ ip: "203.0.113.9", trusted: true });
    expect(clientAddress(sc, H({}), () => "127.0.0.5").ip).toBe("127.0.0.5");
    expect(clientAddress(sc, H({ "x-forwarded-for": "garbage" }), () => "127.0.0.5").ip).toBe("127.0.0.5");
    sc.config = testConfig({ host: "127.0.0.1", trustProxy: parseTrustProxy("127.0.0.1") });
    expect(clientAddress(sc, H({ "cf-connecting-ip": "203.0.113.9" }), () => "127.0.0.5").ip).toBe("127.0.0.5");
    sc.config = testConfig({ host: "0.0.0.0" });
    expect(clientAddress(sc, H({ "cf-connecting-ip": "203.0.113.9" }), () => "8.8.8.8").ip).toBe("8.8.8.8");
  });
  test("forwarding headers are read only when the peer may send them, and each at most once", () => {
    const read: string[] = [];
    const spied = (o: Record<string, string>) => {
      const headers = new Headers(o);
      return { url: "http://t/", headers: { get: (name: string) => (read.push(name), headers.get(name)) } } as unknown as Request;
    };
    const sc = new ServerContext();
    sc.config = testConfig({ host: "0.0.0.0", trustProxy: parseTrustProxy("0") });
    expect(clientAddress(sc, spied({ "x-forwarded-for": "203.0.113.9" }), () => "10.0.0.1")).toEqual({ ip: "10.0.0.1", trusted: false });
    sc.config = testConfig({ host: "0.0.0.0" });
    expect(clientAddress(sc, spied({ "x-forwarded-for": "203.0.113.9" }), () => "8.8.8.8")).toEqual({ ip: "8.8.8.8", trusted: false });
    expect(read).toEqual([]);
    expect(clientAddress(sc, spied({ "x-forwarded-for": "203.0.113.9" }), () => "10.0.0.1")).toEqual({ ip: "203.0.113.9", trusted: true });
    sc.config = testConfig({ host: "127.0.0.1" });
    expect(clientAddress(sc, spied({}), () => "127.0.0.1")).toEqual({ ip: "127.0.0.1", trusted: true });
    expect(read.sort()).toEqual(["cf-connecting-ip", "cf-connecting-ip", "x-forwarded-for", "x-forwarded-for", "x-real-ip", "x-real-ip"]);
  });
  test("the client address alone (what the access log needs) reads no x-forwarded-proto; the protocol reads it once", () => {
    const read: string[] = [];
    const headers = new Headers({ "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https" });
    const spy = { get: (name: string) => (read.push(name), headers.get(name)) } as unknown as Headers;
    const sc = new ServerContext();
    sc.config = testConfig({ host: "127.0.0.1" });
    const src = new RequestSource({ url: "http://127.0.0.1/x", headers: spy } as unknown as Request, sc);
    expect(src.ip).toBe("203.0.113.9");
    expect(read).not.toContain("x-forwarded-proto");
    expect(src.protocol).toBe("https");
    expect(read.filter((n) => n === "x-forwarded-proto")).toEqual(["x-forwarded-proto"]);
  });
  test("IPv4-mapped IPv6 peers are shown as IPv4", () => {
    expect(clientAddress(sc, H({}), () => "::ffff:127.0.0.1").ip).toBe("127.0.0.1");
  });
  test("parse NTNT_TRUST_PROXY", () => {
    expect(parseTrustProxy("false").kind).toBe("none");
    expect(parseTrustProxy("all").kind).toBe("all");
    expect(parseTrustProxy("10.0.0.0/8, 1.2.3.4")).toEqual({ kind: "list", cidrs: ["10.0.0.0/8", "1.2.3.4"] });
  });
});

describe("compression negotiation", () => {
  test("brotli preferred, q=0 honoured", () => {
    expect(pickEncoding("gzip, deflate, br")).toBe("br");
    expect(pickEncoding("gzip")).toBe("gzip");
    expect(pickEncoding("br;q=0, gzip")).toBe("gzip");
    expect(pickEncoding("identity")).toBeNull();
    expect(pickEncoding(null)).toBeNull();
    expect(pickEncoding("br;q=0.1, gzip;q=1.0")).toBe("gzip");
    expect(pickEncoding("gzip;q=0.5, *;q=0.9")).toBe("br");
    expect(pickEncoding("*;q=0")).toBeNull();
    expect(pickEncoding("gzip;q=x")).toBeNull();
  });
  test("brotli through HTTP; nothing without Accept-Encoding; handler-encoded bodies untouched; images and event streams never", async () => {
    s = await serve((r) => {
      r.addRoute(
        "GET",
        "/big",
        h(() => helper("json", NMap.fromObject({ data: "x".repeat(3000) }))),
      );
      r.addRoute(
        "GET",
        "/pre",
        h(() => helper("response", 200, NMap.fromObject({ "content-type": "text/plain", "content-encoding": "identity" }), "y".repeat(3000))),
      );
      r.addRoute(
        "GET",
        "/img",
        h(() => helper("static_file", "z".repeat(3000), "image/png")),
      );
      r.addRoute(
        "GET",
        "/events",
        h(() => helper("response", 200, NMap.fromObject({ "content-type": "text/event-stream" }), "data: tick\n\n".repeat(300))),
      );
    });
    const big = await fetch(`${s.base}/big`, { headers: { "accept-encoding": "br" }, decompress: false } as RequestInit);
    expect(big.headers.get("content-encoding")).toBe("br");
    expect(JSON.parse(brotliDecompressSync(Buffer.from(await big.arrayBuffer())).toString()).data.length).toBe(3000);
    const pre = await fetch(`${s.base}/pre`, { headers: { "accept-encoding": "gzip" }, decompress: false } as RequestInit);
    expect(pre.headers.get("content-encoding")).toBe("identity");
    expect((await pre.text()).length).toBe(3000);
    // No Accept-Encoding at all (fetch always sends one, so a raw request), or identity only.
    for (const accept of ["", "Accept-Encoding: identity\r\n"]) {
      const plain = await raw(s.port, `GET /big HTTP/1.1\r\nHost: x\r\n${accept}Connection: close\r\n\r\n`);
      expect(rawStatus(plain)).toBe(200);
      expect(plain.toLowerCase()).not.toContain("content-encoding");
      expect(plain.endsWith(`\r\n\r\n${JSON.stringify({ data: "x".repeat(3000) })}`)).toBe(true);
    }
    // Server-sent events are text but must reach the client as written, event by event.
    const events = await fetch(`${s.base}/events`, { headers: { "accept-encoding": "gzip, br" }, decompress: false } as RequestInit);
    expect(events.headers.get("content-encoding")).toBeNull();
    expect(await events.text()).toBe("data: tick\n\n".repeat(300));
    const img = await fetch(`${s.base}/img`, { headers: { "accept-encoding": "gzip" }, decompress: false } as RequestInit);
    expect(img.headers.get("content-encoding")).toBeNull();
  });
});

describe("configuration", () => {
  test("defaults", () => {
    const c = serveOptions({}, {});
    expect(c.timeoutMs).toBe(30_000);
    expect(c.maxBody).toBe(10 * 1024 * 1024);
    expect(c.maxConnections).toBe(10_000);
    expect(c.shutdownTimeoutMs).toBe(10_000);
    expect(c.production).toBe(false);
    expect(c.hotReload).toBe(true);
    expect(c.host).toBe("0.0.0.0");
    expect(c.portOverride).toBeNull();
    expect(c.workers).toBe(1);
  });
  test("environment and flags (flags win)", () => {
    const env = {
      NTNT_TIMEOUT: "5",
      NTNT_ENV: "production",
      NTNT_LISTEN_PORT: "19876",
      NTNT_LISTEN_HOST: "127.0.0.1",
      NTNT_MAX_BODY: "100",
      NTNT_MAX_CONNECTIONS: "7",
      NTNT_SHUTDOWN_TIMEOUT: "2",
      NTNT_WORKERS: "3",
    };
    const c = serveOptions({}, env);
    expect(c.timeoutMs).toBe(5000);
    expect(c.production).toBe(true);
    expect(c.hotReload).toBe(false);
    expect(c.portOverride).toBe(19876);
    expect(c.host).toBe("127.0.0.1");
    expect(c.maxBody).toBe(100);
    expect(c.maxConnections).toBe(7);
    expect(c.shutdownTimeoutMs).toBe(2000);
    expect(c.workers).toBe(3);
    const f = serveOptions({ timeout: 1.5, workers: 2 }, env);
    expect(f.timeoutMs).toBe(1500);
    expect(f.workers).toBe(2);
    expect(serveOptions({}, { NTNT_ENV: "prod" }).production).toBe(true);
    expect(serveOptions({}, { NTNT_LISTEN_PORT: "99999" }).portOverride).toBeNull();
    expect(serveOptions({}, { NTNT_LISTEN_PORT: "" }).portOverride).toBeNull();
    expect(serveOptions({}, { NTNT_LISTEN_PORT: "80x" }).portOverride).toBeNull();
    // 0: a free port of the system's choice (the test harness starts servers so, without a race).
    expect(serveOptions({}, { NTNT_LISTEN_PORT: "0" }).portOverride).toBe(0);
    expect(serveOptions({}, {}).accessLog).toBe(false);
    expect(serveOptions({}, { NTNT_ACCESS_LOG: "0" }).accessLog).toBe(false);
    expect(serveOptions({}, { NTNT_ACCESS_LOG: "1" }).accessLog).toBe(true);
    expect(serveOptions({}, { NTNT_ACCESS_LOG: "true" }).accessLog).toBe(true);
  });
});
