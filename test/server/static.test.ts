/** Spec §16 fixture F4: serve_static — MIME, caching, ranges, index.html and traversal attempts. */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { normalizePrefix, serveStatic } from "../../src/server/static";
import { h, helper, raw, rawStatus, serve, type TestServer } from "./helpers";
import { ServerContext } from "../../src/server/context";

const serverContext = new ServerContext();

let s: TestServer;
let dir: string;
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 3, 255, 254]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ntnt-static-"));
  const pub = join(dir, "public");
  mkdirSync(join(pub, "docs"), { recursive: true });
  writeFileSync(join(pub, "app.css"), "body{}");
  writeFileSync(join(pub, "index.html"), "<h1>idx</h1>");
  writeFileSync(join(pub, "logo.PNG"), png);
  writeFileSync(join(pub, "data.zzqq"), "raw");
  writeFileSync(join(pub, "data.xyz"), "raw");
  writeFileSync(join(pub, "mod.mjs"), "export {}");
  writeFileSync(join(pub, "PAGE.HTM"), "<p>p</p>");
  writeFileSync(join(pub, "notes.md"), "# n");
  writeFileSync(join(pub, "font.otf"), "otf");
  writeFileSync(join(pub, "docs", "index.html"), "<h1>docs</h1>");
  writeFileSync(join(pub, "big.js"), "console.log('x');\n".repeat(200));
  writeFileSync(join(pub, "photo.jpg"), Buffer.alloc(5000, 7));
  writeFileSync(join(pub, "range.txt"), "0123456789");
  writeFileSync(join(dir, "secret.txt"), "TOP SECRET");
  symlinkSync(join(dir, "secret.txt"), join(pub, "link.txt"));
  s = await serve((r) => {
    r.addRoute(
      "GET",
      "/assets/app.css",
      h(() => helper("text", "route wins")),
    );
    r.statics.push({ prefix: normalizePrefix("/assets"), dir: pub });
  });
});
afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (p: string, init?: RequestInit) => fetch(s.base + p, init);
const rawGet = (p: string) => raw(s.port, `GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);

describe("serve_static", () => {
  test("routes win over static files", async () => {
    expect(await (await get("/assets/app.css")).text()).toBe("route wins");
  });
  test("binary file, MIME from the spec's table, cache-control", async () => {
    const r = await get("/assets/logo.PNG");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("image/png");
    expect(r.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(Buffer.from(await r.arrayBuffer()).equals(png)).toBe(true);
  });
  test("unknown extension → application/octet-stream", async () => {
    expect((await get("/assets/data.zzqq")).headers.get("content-type")).toBe("application/octet-stream");
  });
  test("an extension outside the spec's table → application/octet-stream, even one Bun knows", async () => {
    expect((await get("/assets/data.xyz")).headers.get("content-type")).toBe("application/octet-stream");
  });
  test("content types are spelled as the spec's table has them", async () => {
    const types: Record<string, string> = {
      "/assets/": "text/html; charset=utf-8",
      "/assets/PAGE.HTM": "text/html; charset=utf-8",
      "/assets/mod.mjs": "application/javascript; charset=utf-8",
      "/assets/notes.md": "text/markdown; charset=utf-8",
      "/assets/font.otf": "font/otf",
      "/assets/range.txt": "text/plain; charset=utf-8",
    };
    for (const [path, type] of Object.entries(types)) expect([path, (await get(path)).headers.get("content-type")]).toEqual([path, type]);
  });
  test("missing file → 404 Not Found", async () => {
    const r = await get("/assets/nope.css");
    expect(r.status).toBe(404);
    expect(await r.text()).toBe("Not Found");
  });
  test("traversal attempts → 404", async () => {
    for (const p of [
      "/assets/../secret.txt",
      "/assets/%2e%2e/secret.txt",
      "/assets/..%2fsecret.txt",
      "/assets/%2e%2e%2fsecret.txt",
      "/assets/..%5csecret.txt",
      "/assets/%5c..%5csecret.txt",
      "/assets/docs/../../secret.txt",
      "/assets/%00secret.txt",
      "/assets/.%2e/secret.txt",
    ]) {
      const resp = await rawGet(p);
      expect(rawStatus(resp)).toBe(404);
      expect(resp).not.toContain("TOP SECRET");
    }
  });
  test("`..` is refused even where it would stay inside the root (spec §15 item 4)", async () => {
    // Over HTTP, URL parsing resolves `..` and `%2e%2e` before the server sees the path, so
    // this is the last line of defence: ask serve_static directly.
    const dirs = [{ prefix: normalizePrefix("/assets"), dir: join(dir, "public") }];
    const request = new Request("http://127.0.0.1/");
    for (const p of ["/assets/docs/../app.css", "/assets/docs/%2e%2e/app.css", "/assets/./app.css"])
      expect(await serveStatic(dirs, p, request, { id: "t", request, server: serverContext })).toBeNull();
    expect((await serveStatic(dirs, "/assets/docs/index.html", request, { id: "t", request, server: serverContext }))?.status).toBe(200);
  });
  test("a symlink leading out of the root → 404", async () => {
    const r = await get("/assets/link.txt");
    expect(r.status).toBe(404);
  });
  test("prefix and directories serve index.html", async () => {
    for (const p of ["/assets", "/assets/"]) {
      const r = await get(p);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toContain("text/html");
      expect(await r.text()).toBe("<h1>idx</h1>");
    }
    expect(await (await get("/assets/docs")).text()).toBe("<h1>docs</h1>");
  });
  test("static is GET/HEAD only", async () => {
    expect((await get("/assets/logo.PNG", { method: "POST" })).status).toBe(404);
    const head = await raw(s.port, "HEAD /assets/logo.PNG HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(rawStatus(head)).toBe(200);
    expect(head.toLowerCase()).toContain("content-length: 14");
    expect(head.endsWith("\r\n\r\n")).toBe(true);
  });
  test("prefix matches on a segment boundary", async () => {
    expect((await get("/assetsX/app.css")).status).toBe(404);
  });
  test("ETag and Last-Modified revalidate with 304", async () => {
    const r = await get("/assets/data.zzqq");
    const etag = r.headers.get("etag")!;
    const lm = r.headers.get("last-modified")!;
    expect(etag).toMatch(/^W\//);
    expect((await get("/assets/data.zzqq", { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await get("/assets/data.zzqq", { headers: { "if-modified-since": lm } })).status).toBe(304);
    expect((await get("/assets/data.zzqq", { headers: { "if-none-match": 'W/"other"' } })).status).toBe(200);
  });
  test("single byte ranges → 206; unsatisfiable → 416", async () => {
    const r = await get("/assets/range.txt", { headers: { range: "bytes=2-5" } });
    expect(r.status).toBe(206);
    expect(r.headers.get("content-range")).toBe("bytes 2-5/10");
    expect(await r.text()).toBe("2345");
    const tail = await get("/assets/range.txt", { headers: { range: "bytes=-3" } });
    expect(await tail.text()).toBe("789");
    expect((await get("/assets/range.txt", { headers: { range: "bytes=50-60" } })).status).toBe(416);
  });
  test("textual files are compressed, images and ranges are not", async () => {
    const js = await fetch(s.base + "/assets/big.js", { headers: { "accept-encoding": "gzip" }, decompress: false } as RequestInit);
    expect(js.headers.get("content-encoding")).toBe("gzip");
    expect(js.headers.get("vary")).toBe("Accept-Encoding");
    expect(gunzipSync(Buffer.from(await js.arrayBuffer())).toString()).toBe("console.log('x');\n".repeat(200));
    const jpg = await fetch(s.base + "/assets/photo.jpg", { headers: { "accept-encoding": "gzip, br" }, decompress: false } as RequestInit);
    expect(jpg.headers.get("content-encoding")).toBeNull();
    const ranged = await fetch(s.base + "/assets/big.js", { headers: { "accept-encoding": "gzip", range: "bytes=0-9" }, decompress: false } as RequestInit);
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-encoding")).toBeNull();
  });
  test("no Accept-Encoding (or identity only): a compressible file goes out as it is", async () => {
    const plain = "console.log('x');\n".repeat(200);
    for (const accept of ["", "Accept-Encoding: identity\r\n"]) {
      const resp = await raw(s.port, `GET /assets/big.js HTTP/1.1\r\nHost: x\r\n${accept}Connection: close\r\n\r\n`);
      expect(rawStatus(resp)).toBe(200);
      expect(resp.toLowerCase()).not.toContain("content-encoding");
      expect(resp.toLowerCase()).toContain("\r\nvary: accept-encoding\r\n");
      expect(resp.endsWith(`\r\n\r\n${plain}`)).toBe(true);
    }
  });
  test("edits are visible immediately", async () => {
    writeFileSync(join(dir, "public", "data.zzqq"), "changed");
    expect(await (await get("/assets/data.zzqq")).text()).toBe("changed");
  });
});
