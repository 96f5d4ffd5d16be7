/**
 * Cookies for responses (docs/web.md): `Set-Cookie` lines with attributes, deletion, and
 * signed values (`value.signature`, HMAC-SHA256 with the app's secret, base64url).
 */

import { nodeCrypto } from "./lazy-node";
import { runtimeError, typeError } from "../runtime/errors";
import { NArray, NFloat, NMap, type Value } from "../runtime/values";
import type { ServerContext } from "./context";

/** Cookie attributes as the program gives them (all optional). */
export interface CookieOptions {
  maxAge?: number;
  expires?: Date;
  path?: string;
  domain?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: "Strict" | "Lax" | "None";
  signed?: boolean;
}

const NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;
const ATTR = /^[\x20-\x3a\x3c-\x7e]*$/;

const num = (v: Value): number | null => (typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : v instanceof NFloat ? v.v : null);

/** Read an NTNT options map (`max_age`, `expires`, `path`, `domain`, `secure`, `http_only`, `same_site`, `signed`). */
export function cookieOptions(fn: string, m: Value): CookieOptions {
  if (m === undefined) return {};
  if (!(m instanceof NMap)) throw typeError(`${fn}() options must be a map`);
  const o: CookieOptions = {};
  for (const [k, v] of m.entries) {
    switch (k) {
      case "max_age": {
        const n = num(v);
        if (n === null) throw typeError(`${fn}() max_age must be a number of seconds`);
        o.maxAge = Math.floor(n);
        break;
      }
      case "expires": {
        const n = num(v);
        const d = n !== null ? new Date(n * 1000) : typeof v === "string" ? new Date(v) : null;
        if (!d || Number.isNaN(d.getTime())) throw typeError(`${fn}() expires must be Unix seconds or a date string`);
        o.expires = d;
        break;
      }
      case "path":
      case "domain":
        if (typeof v !== "string" || !ATTR.test(v)) throw typeError(`${fn}() ${k} must be a string without ';' or control characters`);
        o[k] = v;
        break;
      case "secure":
      case "http_only":
      case "signed":
        if (typeof v !== "boolean") throw typeError(`${fn}() ${k} must be a Bool`);
        if (k === "http_only") o.httpOnly = v;
        else o[k] = v;
        break;
      case "same_site": {
        const s = typeof v === "string" ? v.toLowerCase() : "";
        if (s !== "strict" && s !== "lax" && s !== "none") throw typeError(`${fn}() same_site must be "Strict", "Lax" or "None"`);
        o.sameSite = s === "strict" ? "Strict" : s === "lax" ? "Lax" : "None";
        break;
      }
      default:
        throw typeError(`${fn}() unknown option '${k}'`);
    }
  }
  return o;
}

/** One `Set-Cookie` value. Defaults: `Path=/`, `HttpOnly`, `SameSite=Lax`; `SameSite=None` implies `Secure`. */
export function serializeCookie(fn: string, name: string, value: string, o: CookieOptions): string {
  if (!NAME.test(name)) throw runtimeError(`${fn}() cookie name '${name}' is not a valid token`);
  if (!VALUE.test(value))
    throw runtimeError(
      `${fn}() cookie value has characters a cookie cannot hold (space, quote, comma, semicolon, backslash or non-ASCII); encode it first, e.g. with url_encode`,
    );
  const parts = [`${name}=${value}`];
  if (o.maxAge !== undefined) parts.push(`Max-Age=${o.maxAge}`);
  if (o.expires) parts.push(`Expires=${o.expires.toUTCString()}`);
  if (o.domain) parts.push(`Domain=${o.domain}`);
  parts.push(`Path=${o.path ?? "/"}`);
  const sameSite = o.sameSite ?? "Lax";
  if (o.secure || sameSite === "None") parts.push("Secure");
  if (o.httpOnly ?? true) parts.push("HttpOnly");
  parts.push(`SameSite=${sameSite}`);
  return parts.join("; ");
}

/**
 * The signing secret: `NTNT_COOKIE_SECRET`. Without it, production refuses to sign; development
 * uses a random secret made once per program (hot reloads keep it, so sessions survive an
 * edit; signed cookies end with the process) and says so once.
 */
export function cookieSecret(sc: ServerContext): string {
  const s = process.env.NTNT_COOKIE_SECRET;
  if (s) return s;
  if (sc.config.production) throw runtimeError("signed cookies and sessions need NTNT_COOKIE_SECRET set in production");
  sc.warnOnce("warning: NTNT_COOKIE_SECRET is not set; signed cookies use a random secret that lasts until the process stops\n");
  return (sc.devCookieSecret ??= nodeCrypto().randomBytes(32).toString("hex"));
}

function mac(value: string, secret: string): string {
  return nodeCrypto().createHmac("sha256", secret).update(value).digest("base64url");
}

/** `value.signature`. */
export function signValue(value: string, secret: string): string {
  return `${value}.${mac(value, secret)}`;
}

/** The value of a signed `value.signature`, or null when the signature does not match (tampered or another secret). */
export function unsignValue(signed: string, secret: string): string | null {
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1));
  const want = Buffer.from(mac(value, secret));
  return given.length === want.length && nodeCrypto().timingSafeEqual(given, want) ? value : null;
}

/** A response map with one more `set-cookie` line (existing lines kept, as an array). */
export function withSetCookie(resp: NMap, line: string): NMap {
  const h = resp.get("headers");
  const headers = new Map<string, Value>(h instanceof NMap ? h.entries : []);
  let key = "set-cookie";
  for (const k of headers.keys()) if (k.toLowerCase() === "set-cookie") key = k;
  const prev = headers.get(key);
  const lines: Value[] = prev === undefined ? [] : prev instanceof NArray ? [...prev.elements()] : [prev];
  lines.push(line);
  headers.set(key, lines.length === 1 ? line : new NArray(lines));
  return resp.with("headers", new NMap(headers));
}
