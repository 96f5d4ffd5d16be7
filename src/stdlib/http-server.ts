/**
 * `std/http/server` (http-server.md §5): response helpers and body parsers. Server builtins
 * (`listen`, `get`, …) are also exported so importing them binds the builtin instead of
 * failing (§1 [REC]).
 */

import { toJsonText, parseJsonText } from "../runtime/json-value";
import { declare } from "../runtime/declaration";
import { NtntError, typeError } from "../runtime/errors";
import { Err, NMap, Ok, isInt, type Value } from "../runtime/values";
import { parseQuery } from "../server/request";
import { sharedHeaders } from "../server/response";
import { ResponseEntries } from "../server/response-entries";
import { serverBuiltins } from "../server/server-builtins";
import { cookieNatives } from "../server/cookie-natives";
import { bodyNatives } from "../server/body-natives";
import { corsNatives } from "../server/cors";
import { sendFileNatives } from "../server/send-file";
import { sessionNatives } from "../server/sessions";
import { sseNatives } from "../server/sse";
import { defineModule, native } from "./module";

const NO_CACHE = "no-cache, no-store, must-revalidate";
const TEXT = "text/plain; charset=utf-8";

// Header maps are immutable values, so each helper shares one instance across responses.
const TEXT_HEADERS = sharedHeaders(NMap.fromObject({ "content-type": TEXT, "cache-control": NO_CACHE }));
const HTML_HEADERS = sharedHeaders(NMap.fromObject({ "content-type": "text/html; charset=utf-8", "cache-control": NO_CACHE, pragma: "no-cache" }));
const JSON_HEADERS = sharedHeaders(NMap.fromObject({ "content-type": "application/json", "cache-control": NO_CACHE }));
const PLAIN_HEADERS = sharedHeaders(NMap.fromObject({ "content-type": TEXT }));
const EMPTY = new NMap();

/** A response map `{status, headers, body}` (its entries made only when something needs them). */
export function responseMap(status: Value, headers: NMap, body: string): NMap {
  return new NMap(new ResponseEntries(status, headers, body));
}

function statusArg(v: Value, fn: string): number | bigint {
  if (!isInt(v)) throw typeError(`${fn}() status code must be an integer`);
  return v;
}

/**
 * A URL fit for a `Location` header: characters a URL cannot hold (non-ASCII, spaces,
 * quotes…) percent-encoded as UTF-8, existing `%XX` escapes kept.
 */
function locationUrl(url: string): string {
  return url.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]|%(?![0-9A-Fa-f]{2})/gu, (c) => encodeURIComponent(c));
}

/** Request map or string → the text to parse. */
function bodyText(v: Value, fn: string): string {
  if (typeof v === "string") return v;
  if (v instanceof NMap) {
    const b = v.get("body");
    return typeof b === "string" ? b : "";
  }
  throw typeError(`${fn}() requires a request map or a string`);
}

export default defineModule(
  "std/http/server",
  {
    ...serverBuiltins,
    ...cookieNatives,
    ...sessionNatives,
    ...corsNatives,
    ...sseNatives,
    ...sendFileNatives,
    ...bodyNatives,
    text: declare(
      "text(body: String, status?: Int) -> Response",
      "A text/plain response.",
      'text("ok")',
      native("text", [1, 2], ([s, code]) => {
        if (typeof s !== "string") throw typeError("text() requires a string");
        return responseMap(code === undefined ? 200 : statusArg(code, "text"), TEXT_HEADERS, s);
      }),
    ),
    html: declare(
      "html(body: String, status?: Int) -> Response",
      "A text/html response.",
      'html("<h1>Hi</h1>")',
      native("html", [1, 2], ([s, code]) => {
        if (typeof s !== "string") throw typeError("html() body must be a string");
        return responseMap(code === undefined ? 200 : statusArg(code, "html"), HTML_HEADERS, s);
      }),
    ),
    json: declare(
      "json(data: Any, status?: Int) -> Response",
      "An application/json response of the value.",
      'json(map { "ok": true }, 201)',
      native("json", [1, 2], ([v, code]) => responseMap(code === undefined ? 200 : statusArg(code, "json"), JSON_HEADERS, toJsonText(v))),
    ),
    status: declare(
      "status(code: Int, body: String) -> Response",
      "A text/plain response with a status code.",
      'status(404, "Not here")',
      native("status", 2, ([code, s]) => {
        if (!isInt(code) || typeof s !== "string") throw typeError("status() requires int and string");
        return responseMap(code, PLAIN_HEADERS, s);
      }),
    ),
    redirect: declare(
      "redirect(url: String, status?: Int) -> Response",
      "A redirect (302 unless 301, 303, 307 or 308 is given).",
      'redirect("/login")',
      native("redirect", [1, 2], ([url, code]) => {
        if (typeof url !== "string") throw typeError("redirect() requires a URL string");
        let st: Value = 302;
        if (code !== undefined) {
          const n = Number(statusArg(code, "redirect"));
          if (![301, 302, 303, 307, 308].includes(n)) throw typeError("redirect() status must be 301, 302, 303, 307 or 308");
          st = n;
        }
        return responseMap(st, NMap.fromObject({ location: locationUrl(url) }), "");
      }),
    ),
    not_found: declare(
      "not_found(body?: String) -> Response",
      "A 404 response.",
      "not_found()",
      native("not_found", [0, 1], ([body]) => {
        if (body !== undefined && typeof body !== "string") throw typeError("not_found() body must be a string");
        return responseMap(404, PLAIN_HEADERS, body ?? "Not Found");
      }),
    ),
    error: declare(
      "error(message?: String) -> Response",
      "A 500 response.",
      'error("database down")',
      native("error", [0, 1], ([msg]) => {
        if (msg !== undefined && typeof msg !== "string") throw typeError("error() requires a string");
        return responseMap(500, PLAIN_HEADERS, msg ?? "Internal Server Error");
      }),
    ),
    static_file: declare(
      "static_file(content: String, content_type: String, max_age?: Int) -> Response",
      "A cacheable response with a content type.",
      'static_file(css, "text/css")',
      native("static_file", [2, 3], ([content, ctype, maxAge]) => {
        if (typeof content !== "string") throw typeError("static_file() content must be a string");
        if (typeof ctype !== "string") throw typeError("static_file() content type must be a string");
        if (maxAge !== undefined && !isInt(maxAge)) throw typeError("static_file() max_age must be an integer");
        return responseMap(200, NMap.fromObject({ "content-type": ctype, "cache-control": `public, max-age=${maxAge ?? 3600}` }), content);
      }),
    ),
    response: declare(
      "response(status: Int, headers: Map<String, Any>, body: String) -> Response",
      "A response with explicit status, headers and body.",
      'response(201, map { "x-id": "7" }, "created")',
      native("response", 3, ([code, headers, body]) => {
        if (!isInt(code)) throw typeError("response() status must be an integer");
        if (!(headers instanceof NMap)) throw typeError("response() headers must be a map");
        if (typeof body !== "string") throw typeError("response() body must be a string");
        const lower = new Map<string, Value>();
        for (const [k, v] of headers.entries) lower.set(k.toLowerCase(), v);
        return responseMap(code, lower.size === 0 ? EMPTY : new NMap(lower), body);
      }),
    ),
    parse_json: declare(
      "parse_json(req: Request | String) -> Result<Any, String>",
      "The request body (or a string) parsed as JSON.",
      "match parse_json(req) { Ok(data) => json(data), Err(e) => status(400, e) }",
      native("parse_json", 1, ([v]) => {
        try {
          return Ok(parseJsonText(bodyText(v, "parse_json")));
        } catch (e) {
          if (e instanceof NtntError) throw e;
          return Err((e as Error).message);
        }
      }),
    ),
    parse_form: declare(
      "parse_form(req: Request | String) -> Map<String, String>",
      "A url-encoded form body as a map.",
      'parse_form(req)["email"]',
      native("parse_form", 1, ([v]) => parseQuery(bodyText(v, "parse_form"))),
    ),
  },
  "Responses and request helpers for the built-in HTTP server",
);
