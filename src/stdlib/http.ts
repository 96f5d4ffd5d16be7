/**
 * std/http, the HTTP client (stdlib §13), on Bun's fetch. Every call suspends; transport
 * failures (refused, DNS, timeout, bad URL, redirect loops) are `Err` values.
 *
 * Redirects are followed here (up to 10) rather than by fetch, so that the options form can
 * replay cookies set along the chain and credentials are dropped when the host changes.
 */

import { mkdir, writeFile } from "node:fs/promises";
import { declare } from "../runtime/declaration";
import { STATUS_CODES } from "node:http";
import { dirname } from "node:path";
import { toJsonText } from "../runtime/json-value";
import { display } from "../runtime/display";
import { runtimeError, typeError } from "../runtime/errors";
import { Err, NEnum, NFloat, NMap, Ok, isInt, type Value } from "../runtime/values";
import { osErrorText } from "../runtime/os-error";
import { scriptPath } from "../runtime/program-paths";
import { defineModule, native } from "./module";

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"];
const MAX_REDIRECTS = 10;
const DEFAULT_TIMEOUT_S = 30;

interface Request {
  url: string;
  method: string;
  headers: Headers;
  body: string | null;
  timeoutMs: number;
  /** Options form: keep a cookie store for the redirect chain and report cookies. */
  cookieStore: boolean;
}

/** Failure with the final `Err` text. */
class HttpFailure extends Error {}

/** Form field text: Strings raw, everything else its Display (Floats without `.0`). */
const formValue = (v: Value): string => (typeof v === "string" ? v : display(v));

/** Build a request from `fetch`'s argument (URL string or options Map). */
function request(arg: Value, name: string): Request {
  const headers = new Headers();
  if (typeof arg === "string") {
    return { url: arg, method: "GET", headers, body: null, timeoutMs: DEFAULT_TIMEOUT_S * 1000, cookieStore: false };
  }
  if (!(arg instanceof NMap)) throw typeError(`${name}() requires a URL string or options map`);
  const url = arg.get("url");
  if (typeof url !== "string") throw typeError(`${name}() requires 'url' option`);
  const m = arg.get("method");
  const method = typeof m === "string" ? m.toUpperCase() : "GET";
  if (!METHODS.includes(method)) throw runtimeError(`Unsupported HTTP method: ${m}`);
  const h = arg.get("headers");
  if (h instanceof NMap) for (const [k, v] of h.entries) if (typeof v === "string") headers.append(k, v);
  const cookies = arg.get("cookies");
  if (cookies instanceof NMap) {
    const pairs = [...cookies.entries].filter(([, v]) => typeof v === "string").map(([k, v]) => `${k}=${v}`);
    if (pairs.length) headers.set("cookie", pairs.join("; "));
  }
  const auth = arg.get("auth");
  if (auth instanceof NMap) {
    const user = auth.get("user");
    const pass = auth.get("pass");
    if (typeof user === "string" && user !== "") {
      const secret = `${user}:${typeof pass === "string" ? pass : ""}`;
      headers.set("authorization", `Basic ${Buffer.from(secret).toString("base64")}`);
    }
  }
  let body: string | null = typeof arg.get("body") === "string" ? (arg.get("body") as string) : null;
  if (arg.has("json")) {
    body = toJsonText(arg.get("json"));
    headers.set("content-type", "application/json");
  }
  const form = arg.get("form");
  if (form instanceof NMap) {
    body = new URLSearchParams([...form.entries].map(([k, v]): [string, string] => [k, formValue(v)])).toString();
    headers.set("content-type", "application/x-www-form-urlencoded");
  }
  const t = arg.get("timeout");
  // Seconds as Int or Float: `0.5` is half a second.
  const timeoutS = isInt(t) ? Number(t) : t instanceof NFloat && Number.isFinite(t.v) ? t.v : DEFAULT_TIMEOUT_S;
  return { url, method, headers, body, timeoutMs: Math.max(0, timeoutS) * 1000, cookieStore: true };
}

function checkedUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new HttpFailure(`HTTP request failed: builder error: relative URL without a base`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new HttpFailure(`HTTP request failed: builder error for url (${raw}): URL scheme is not allowed`);
  }
  return u;
}

/** reqwest-style text for a fetch failure. */
function transportError(e: unknown, url: string): HttpFailure {
  const err = e as { name?: string; code?: string; message?: string };
  let reason: string;
  if (err?.name === "TimeoutError" || err?.name === "AbortError") reason = "operation timed out";
  else if (err?.code === "ECONNREFUSED") reason = `error trying to connect: tcp connect error: ${osErrorText(e)}`;
  else if (err?.code === "ENOTFOUND") reason = "error trying to connect: dns error: failed to lookup address information: Name or service not known";
  else if (typeof err?.code === "string" && err.code.startsWith("E")) reason = `error trying to connect: ${osErrorText(e)}`;
  else reason = err?.message ?? String(e);
  return new HttpFailure(`HTTP request failed: error sending request for url (${url}): ${reason}`);
}

/** Cookie name → value from Set-Cookie lines (attributes dropped). */
function setCookies(res: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(";", 1)[0]!;
    const eq = pair.indexOf("=");
    if (eq > 0) out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return out;
}

/** Send `req`, following redirects; returns the final response and URL. */
async function send(req: Request): Promise<{ res: Response; url: URL; redirected: boolean }> {
  let url = checkedUrl(req.url);
  let { method, body } = req;
  const headers = new Headers(req.headers);
  const jar = new Map<string, string>();
  const signal = AbortSignal.timeout(req.timeoutMs);
  for (let hop = 0; ; hop++) {
    if (jar.size) {
      const user = req.headers.get("cookie");
      const stored = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
      headers.set("cookie", user ? `${user}; ${stored}` : stored);
    }
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body, redirect: "manual", signal });
    } catch (e) {
      throw transportError(e, url.href);
    }
    if (req.cookieStore) for (const [k, v] of setCookies(res)) jar.set(k, v);
    const location = res.headers.get("location");
    if (res.status < 300 || res.status > 399 || res.status === 304 || !location) return { res, url, redirected: hop > 0 };
    await res.body?.cancel().catch(() => {});
    if (hop >= MAX_REDIRECTS) {
      throw new HttpFailure(`HTTP request failed: error following redirect for url (${url.href}): too many redirects`);
    }
    const next = new URL(location, url);
    if (next.host !== url.host) for (const h of ["authorization", "cookie", "www-authenticate"]) headers.delete(h);
    if (res.status <= 303 && method !== "HEAD" && (res.status === 303 || method === "POST")) {
      method = "GET";
      body = null;
      headers.delete("content-type");
    }
    url = checkedUrl(next.href);
  }
}

function charsetOf(res: Response): string {
  const m = /charset\s*=\s*"?([^";\s]+)/i.exec(res.headers.get("content-type") ?? "");
  return m ? m[1]! : "utf-8";
}

async function readBody(res: Response): Promise<string> {
  let bytes: ArrayBuffer;
  try {
    bytes = await res.arrayBuffer();
  } catch (e) {
    throw new HttpFailure(`Failed to read response body: ${(e as Error)?.message ?? e}`);
  }
  let decoder: TextDecoder;
  try {
    // Any label from the header: the constructor validates it (RangeError → utf-8 below).
    decoder = new TextDecoder(charsetOf(res) as Bun.Encoding);
  } catch {
    decoder = new TextDecoder("utf-8");
  }
  return decoder.decode(bytes);
}

/** The response Map of §13.1. */
async function responseMap(req: Request): Promise<NMap> {
  const { res, url, redirected } = await send(req);
  const body = req.method === "HEAD" ? "" : await readBody(res);
  const headers = new Map<string, Value>();
  res.headers.forEach((v, k) => {
    if (/^[\t\x20-\x7e]*$/.test(v)) headers.set(k, v);
  });
  const setCookie = res.headers.getSetCookie();
  if (setCookie.length) headers.set("set-cookie", setCookie[setCookie.length - 1]!);
  const m = new Map<string, Value>([
    ["status", res.status],
    ["status_text", statusText(res.status)],
    ["headers", new NMap(headers)],
    ["body", body],
    ["ok", res.status >= 200 && res.status <= 299],
    ["url", url.href],
    ["redirected", redirected],
  ]);
  const cookies = setCookies(res);
  if (req.cookieStore && cookies.size) m.set("cookies", new NMap(new Map(cookies)));
  return new NMap(m);
}

/** Reason phrase for a status code (§13.1 Rec: the full standard table). */
export function statusText(status: number): string {
  return STATUS_CODES[status] ?? "Unknown";
}

async function doFetch(arg: Value, name: string): Promise<Value> {
  const req = request(arg, name);
  try {
    return Ok(await responseMap(req));
  } catch (e) {
    if (e instanceof HttpFailure) return Err(e.message);
    throw e;
  }
}

/** Fetch `url` into the file `path` (given as the program wrote it) at `target` (resolved from the program's folder). */
async function download(url: string, path: string, target: string): Promise<Value> {
  let res: Response;
  try {
    ({ res } = await send({ url, method: "GET", headers: new Headers(), body: null, timeoutMs: DEFAULT_TIMEOUT_S * 1000, cookieStore: false }));
  } catch (e) {
    if (e instanceof HttpFailure) return Err(e.message);
    throw e;
  }
  if (res.status < 200 || res.status > 299) {
    await res.body?.cancel().catch(() => {});
    return Err(`HTTP error: status ${res.status}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    return Err(`Failed to read response body: ${(e as Error)?.message ?? e}`);
  }
  try {
    await mkdir(dirname(target), { recursive: true });
  } catch (e) {
    throw runtimeError(`Failed to create directory: ${osErrorText(e)}`);
  }
  try {
    await writeFile(target, bytes);
  } catch (e) {
    return Err(`Failed to create file: ${osErrorText(e)}`);
  }
  return Ok(NMap.fromObject({ status: res.status, path, size: bytes.length }));
}

// ---- Response cache (implementation-only extras, §13.3) ----

interface CacheEntry {
  at: number;
  value: Value;
}
/**
 * The response caches by the id their handle carries. Module level because a handle is a
 * plain Map, so only a process-wide id finds its cache; each cache belongs to the program load
 * that made it, and retiring that load (after a hot reload) drops it and its entries.
 */
const caches = new Map<number, { ttlMs: number; entries: Map<string, CacheEntry> }>();
let nextCacheId = 1;

function cacheOf(v: Value) {
  if (!(v instanceof NMap)) throw typeError("Expected cache object");
  const id = v.get("_cache_id");
  if (typeof id !== "number") throw typeError("Invalid cache object");
  return caches.get(id);
}

export default defineModule(
  "std/http",
  {
    fetch: declare(
      "fetch(request: String | Map<String, Any>) -> Result<Response, String>",
      "HTTP request: a URL, or a map with url, method, headers, json, form, body, auth, timeout.",
      'fetch("https://example.com")  // Ok(response)',
      native("fetch", 1, ([arg]) => doFetch(arg, "fetch"), { mayAsync: true }),
    ),
    download: declare(
      "download(url: String, path: String) -> Result<Map<String, Any>, String>",
      "Save a URL's body to a file: {status, path, size}.",
      'download("https://x.org/a.png", "a.png")',
      native(
        "download",
        2,
        ([url, path], ctx) => {
          if (typeof url !== "string" || typeof path !== "string") throw typeError("download() requires URL string and file path string");
          return download(url, path, scriptPath(path, ctx));
        },
        { mayAsync: true },
      ),
    ),
    Cache: declare(
      "Cache(ttl: Int) -> Any",
      "A response cache whose entries live ttl seconds.",
      "let cache = Cache(600)",
      native("Cache", 1, ([ttl], ctx) => {
        if (typeof ttl !== "number" && typeof ttl !== "bigint") throw typeError("Cache() requires TTL in seconds (integer)");
        const id = nextCacheId++;
        caches.set(id, { ttlMs: Number(ttl) * 1000, entries: new Map() });
        ctx.load.track(() => caches.delete(id));
        return NMap.fromObject({ _cache_id: id });
      }),
    ),
    cache_fetch: declare(
      "cache_fetch(cache: Any, request: String | Map<String, Any>) -> Any",
      "fetch through the cache: a fresh cached response is reused, otherwise the result of fetch.",
      'cache_fetch(cache, "https://example.com")',
      native(
        "cache_fetch",
        2,
        async ([c, arg]) => {
          const cache = cacheOf(c);
          let url: string;
          if (typeof arg === "string") url = arg;
          else if (arg instanceof NMap) {
            const u = arg.get("url");
            if (typeof u !== "string") throw typeError("Options must include 'url'");
            url = u;
          } else throw typeError("cache.fetch() requires URL string or options map");
          const hit = cache?.entries.get(url);
          if (hit && Date.now() - hit.at < cache!.ttlMs) return hit.value;
          const value = await doFetch(arg, "fetch");
          if (cache && value instanceof NEnum && value.variant === "Ok") {
            cache.entries.set(url, { at: Date.now(), value });
          }
          return value;
        },
        { mayAsync: true },
      ),
    ),
    cache_delete: declare(
      "cache_delete(cache: Any, url: String) -> ()",
      "Drop one URL from the cache.",
      'cache_delete(cache, "https://example.com")',
      native("cache_delete", 2, ([c, url]) => {
        const cache = cacheOf(c);
        if (typeof url !== "string") throw typeError("cache.delete() requires URL string");
        cache?.entries.delete(url);
        return undefined;
      }),
    ),
    cache_clear: declare(
      "cache_clear(cache: Any) -> ()",
      "Empty the cache.",
      "cache_clear(cache)",
      native("cache_clear", 1, ([c]) => {
        cacheOf(c)?.entries.clear();
        return undefined;
      }),
    ),
  },
  "HTTP client: fetch, download, a response cache",
);
