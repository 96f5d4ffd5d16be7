/**
 * Turning a handler's return value into an HTTP response (spec §4): response maps, bare
 * strings (text/plain), everything else a 500. Adds `server` and `x-request-id`, and
 * compresses textual bodies when the client accepts it.
 */

import { NArray, NMap, type Value } from "../runtime/values";
import { COMPRESS_THRESHOLD, compressBody, isCompressible, pickEncoding } from "./compress";

export const TEXT_PLAIN = "text/plain; charset=utf-8";
const SKIP = new Set(["content-length", "transfer-encoding", "connection"]);

/** Per-request facts the conversion needs. */
export interface ReplyContext {
  id: string;
  acceptEncoding: string | null;
}

/** A plain-text response with the standard server headers. */
export function textResponse(status: number, body: string, rc: ReplyContext, extra?: Record<string, string>): Response {
  const headers: Record<string, string> = { "content-type": TEXT_PLAIN, server: "ntnt-async", "x-request-id": rc.id };
  if (extra) Object.assign(headers, extra);
  return new Response(body, { status, headers });
}

/** 500 `Handler did not return a valid response`. */
function invalid(rc: ReplyContext): Response {
  return textResponse(500, "Handler did not return a valid response", rc);
}

/** Convert a handler result (response map, string, other) to a Response. */
export function toResponse(v: Value, rc: ReplyContext): Response {
  if (typeof v === "string") return finish(200, { "content-type": TEXT_PLAIN }, null, v, rc);
  if (!(v instanceof NMap)) return invalid(rc);
  const st = v.get("status");
  const status = st === undefined ? 200 : typeof st === "number" ? st : typeof st === "bigint" ? Number(st) : -1;
  if (!(status >= 200 && status <= 599) || !Number.isInteger(status)) return textResponse(500, "Internal Server Error", rc);
  const b = v.get("body");
  const body = typeof b === "string" ? b : "";
  const hv = v.get("headers");
  const headers: Record<string, string> = {};
  let multi: Array<[string, string]> | null = null;
  if (hv instanceof NMap) {
    for (const [k, val] of hv.entries) {
      const lower = k.toLowerCase();
      if (SKIP.has(lower)) continue;
      if (typeof val === "string") headers[k] = val;
      else if (val instanceof NArray) {
        multi ??= [];
        for (const item of val.elements()) if (typeof item === "string") multi.push([k, item]);
      }
    }
  }
  return finish(status, headers, multi, body, rc);
}

function finish(status: number, headers: Record<string, string>, multi: Array<[string, string]> | null, body: string, rc: ReplyContext): Response {
  const lower = lowerKeys(headers);
  if (!lower.has("server")) headers.server = "ntnt-async";
  if (!lower.has("x-request-id")) headers["x-request-id"] = rc.id;
  let payload: string | Uint8Array<ArrayBuffer> | null = status === 204 || status === 304 ? null : body;
  if (payload !== null && payload.length >= COMPRESS_THRESHOLD && !lower.has("content-encoding") && !lower.has("content-range")) {
    const ct = headers[lower.get("content-type") ?? "content-type"];
    if (isCompressible(ct)) {
      const enc = pickEncoding(rc.acceptEncoding);
      const varyKey = lower.get("vary");
      headers[varyKey ?? "vary"] = varyKey ? `${headers[varyKey]}, Accept-Encoding` : "Accept-Encoding";
      if (enc) {
        payload = compressBody(payload, enc);
        headers["content-encoding"] = enc;
      }
    }
  }
  try {
    if (!multi) return new Response(payload, { status, headers });
    const h = new Headers(headers);
    for (const [k, val] of multi) h.append(k, val);
    return new Response(payload, { status, headers: h });
  } catch {
    return new Response(payload, { status, headers: validHeaders(headers, multi) });
  }
}

/** Map of lower-cased header name → the key as given. */
function lowerKeys(h: Record<string, string>): Map<string, string> {
  const m = new Map<string, string>();
  for (const k in h) m.set(k.toLowerCase(), k);
  return m;
}

/** Headers with invalid names or values silently dropped (spec §4.2). */
function validHeaders(headers: Record<string, string>, multi: Array<[string, string]> | null): Headers {
  const h = new Headers();
  const all: Array<[string, string]> = [...Object.entries(headers), ...(multi ?? [])];
  for (const [k, v] of all) {
    try {
      h.append(k, v);
    } catch {
      // An invalid name or value is skipped, as the reference does.
    }
  }
  return h;
}
