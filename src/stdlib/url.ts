/** std/url (stdlib.md §9): percent-encoding, query strings and the reference's URL splitter. */

import { display } from "../runtime/display";
import { declare } from "../runtime/declaration";
import { typeError } from "../runtime/errors";
import { Err, NMap, Ok, type Value } from "../runtime/values";
import { parseIntText } from "../runtime/core-builtins";
import { defineModule, native } from "./module";

const URL_SAFE = /[A-Za-z0-9\-_.~/:?#[\]@!$&'()*+,;=]/;
const COMPONENT_SAFE = /[A-Za-z0-9\-_.~]/;

/** Percent-encode every UTF-8 byte of characters not matched by `keep` (upper-case hex). */
function percentEncode(s: string, keep: RegExp): string {
  let out = "";
  for (const c of s) {
    if (c.length === 1 && keep.test(c)) out += c;
    else for (const b of Buffer.from(c, "utf8")) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** `%XX` → byte, `+` → space; Err text as the reference. */
function decode(s: string): { ok: string } | { err: string } {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === "%") {
      // The reference takes the next two characters (not bytes) and parses them as hex.
      const hex = Array.from(s.slice(i + 1, i + 5))
        .slice(0, 2)
        .join("");
      if (Buffer.byteLength(hex, "utf8") !== 2) return { err: "Incomplete percent encoding" };
      if (!/^\+?[0-9A-Fa-f]+$/.test(hex)) return { err: `Invalid percent encoding: %${hex}` };
      bytes.push(parseInt(hex, 16));
      i += 1 + hex.length;
    } else if (c === "+") {
      bytes.push(32);
      i++;
    } else {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      for (const b of Buffer.from(ch, "utf8")) bytes.push(b);
      i += ch.length;
    }
  }
  try {
    return { ok: new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes)) };
  } catch {
    return { err: utf8ErrorText(bytes) };
  }
}

/** Rust `FromUtf8Error` display: `invalid utf-8 sequence of N bytes from index I`. */
function utf8ErrorText(bytes: number[]): string {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (need === 0) return `invalid utf-8 sequence of 1 bytes from index ${i}`;
    let ok = 1;
    while (ok < need && i + ok < bytes.length && (bytes[i + ok]! & 0xc0) === 0x80) ok++;
    if (ok < need) {
      if (i + ok >= bytes.length) return `incomplete utf-8 byte sequence from index ${i}`;
      return `invalid utf-8 sequence of ${ok} bytes from index ${i}`;
    }
    i += need;
  }
  return `invalid utf-8 sequence of 1 bytes from index ${i}`;
}

function parseQuery(q: string, decodeParts: boolean): NMap {
  const m = new Map<string, Value>();
  for (const piece of q.split("&")) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    const k = eq < 0 ? piece : piece.slice(0, eq);
    const v = eq < 0 ? "" : piece.slice(eq + 1);
    if (!decodeParts) m.set(k, v);
    else {
      const dk = decode(k);
      const dv = decode(v);
      m.set("ok" in dk ? dk.ok : k, "ok" in dv ? dv.ok : v);
    }
  }
  return new NMap(m);
}

/** The reference's hand-written URL splitter (never fails except on ""); keys in a fixed order. */
function parseUrl(u: string): Value {
  if (u === "") return Err("Invalid URL");
  let rest = u;
  let scheme: string | null = null;
  const schemeAt = rest.indexOf("://");
  if (schemeAt >= 0) {
    scheme = rest.slice(0, schemeAt);
    rest = rest.slice(schemeAt + 3);
  }
  let fragment: string | null = null;
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let query: string | null = null;
  const qm = rest.indexOf("?");
  if (qm >= 0) {
    query = rest.slice(qm + 1);
    rest = rest.slice(0, qm);
  }
  const slash = rest.indexOf("/");
  let host = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash) : "";
  let port: number | bigint | null = null;
  const colon = host.lastIndexOf(":");
  if (colon >= 0 && /^[0-9]*$/.test(host.slice(colon + 1))) {
    port = parseIntText(host.slice(colon + 1));
    host = host.slice(0, colon);
  }
  const m = new Map<string, Value>();
  if (scheme !== null) m.set("scheme", scheme);
  const at = host.indexOf("@");
  if (at >= 0) {
    const auth = host.slice(0, at);
    host = host.slice(at + 1);
    const c = auth.indexOf(":");
    m.set("username", c >= 0 ? auth.slice(0, c) : auth);
    if (c >= 0) m.set("password", auth.slice(c + 1));
  }
  if (host !== "") m.set("host", host);
  if (port !== null) m.set("port", port);
  if (path !== "") m.set("path", path);
  if (query !== null) {
    m.set("query", query);
    m.set("params", parseQuery(query, false));
  }
  if (fragment !== null) m.set("fragment", fragment);
  m.set("href", u);
  return Ok(new NMap(m));
}

function oneString(name: string, fn: (s: string) => Value, msg = `${name}() requires a string`) {
  return native(name, 1, ([s]) => {
    if (typeof s !== "string") throw typeError(msg);
    return fn(s);
  });
}

export default defineModule(
  "std/url",
  {
    encode: declare(
      "encode(s: String) -> String",
      "Percent-encode for a query value (space becomes %20).",
      'encode("a b&c")  // "a%20b%26c"',
      oneString("encode", (s) => percentEncode(s, URL_SAFE)),
    ),
    encode_component: declare(
      "encode_component(s: String) -> String",
      "Percent-encode a URL component.",
      'encode_component("a/b")  // "a%2Fb"',
      oneString("encode_component", (s) => percentEncode(s, COMPONENT_SAFE)),
    ),
    decode: declare(
      "decode(s: String) -> Result<String, String>",
      "Decode percent-encoding (+ becomes a space).",
      'decode("a%20b")  // Ok("a b")',
      oneString("decode", (s) => {
        const r = decode(s);
        return "ok" in r ? Ok(r.ok) : Err(r.err);
      }),
    ),
    parse_query: declare(
      "parse_query(query: String) -> Map<String, String>",
      "A query string as a map of decoded keys and values.",
      'parse_query("a=1&b=2")["a"]  // "1"',
      oneString("parse_query", (q) => parseQuery(q, true)),
    ),
    build_query: declare(
      "build_query(params: Map<String, Any>) -> String",
      "A query string from a map.",
      'build_query(map { "q": "a b" })  // "q=a%20b"',
      native("build_query", 1, ([m]) => {
        if (!(m instanceof NMap)) throw typeError("build_query() requires a map");
        const parts: string[] = [];
        for (const [k, v] of m.entries) {
          parts.push(percentEncode(k, COMPONENT_SAFE) + "=" + percentEncode(display(v), COMPONENT_SAFE));
        }
        return parts.join("&");
      }),
    ),
    parse_url: declare(
      "parse_url(url: String) -> Result<Map<String, Any>, String>",
      "A URL's parts: scheme, host, port, path, query, fragment.",
      'parse_url("https://x.org/a?b=1")',
      oneString("parse_url", parseUrl, "parse() requires a URL string"),
    ),
    parse: declare(
      "parse(url: String) -> Result<Map<String, Any>, String>",
      "A URL's parts (same as parse_url).",
      'parse("https://x.org/a")',
      oneString("parse", parseUrl, "parse() requires a URL string"),
    ),
    join: declare(
      "join(base: String, path: String) -> String",
      "base and path joined with exactly one /.",
      'join("http://x/", "/a")  // "http://x/a"',
      native("join", 2, ([base, path]) => {
        if (typeof base !== "string" || typeof path !== "string") throw typeError("join() requires two strings");
        return base.replace(/\/+$/, "") + "/" + path.replace(/^\/+/, "");
      }),
    ),
  },
  "Percent-encoding, query strings, URL parsing",
);
