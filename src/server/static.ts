/**
 * `serve_static(prefix, dir)` (spec §8): files under a URL prefix with the spec's MIME types,
 * ETag / Last-Modified revalidation, single byte ranges, index.html for directories and
 * strict containment (no `..`, encoded separators, backslashes, NUL or symlinks leading out).
 */

import { withBody } from "./front/tags";
import { join, sep } from "node:path";
import { nodeFsPromises } from "./lazy-node";
import { COMPRESS_THRESHOLD, compressBody, isCompressible, pickEncoding } from "./compress";
import { staticContentType } from "./mime-types";
import type { StaticDir } from "./route-registry";
import type { ReplyContext } from "./response";

const MAX_COMPRESS = 2 * 1024 * 1024;

/** Normalise a `serve_static` prefix: leading slash, no trailing slash ("" for `/`). */
export function normalizePrefix(prefix: string): string {
  const segs = prefix.split("/").filter((s) => s !== "");
  return segs.length === 0 ? "" : `/${segs.join("/")}`;
}

/** Decoded, validated path segments under the prefix, or null when the path is unsafe. */
function safeSegments(rest: string): string[] | null {
  const out: string[] = [];
  for (const raw of rest.split("/")) {
    if (raw === "") continue;
    let s: string;
    try {
      s = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (s === "." || s === ".." || s.includes("/") || s.includes("\\") || s.includes("\0")) return null;
    out.push(s);
  }
  return out;
}

async function realRoot(d: StaticDir): Promise<string | null> {
  if (d.root !== undefined) return d.root;
  try {
    d.root = await nodeFsPromises().realpath(d.dir);
    return d.root;
  } catch {
    return null;
  }
}

/** Find and serve a static file for `path` (raw request path), or null to fall through. */
export async function serveStatic(dirs: StaticDir[], path: string, request: Request, rc: ReplyContext): Promise<Response | null> {
  for (const d of dirs) {
    if (d.prefix !== "" && path !== d.prefix && !path.startsWith(`${d.prefix}/`)) continue;
    const segs = safeSegments(path.slice(d.prefix.length));
    if (!segs) return null;
    const root = await realRoot(d);
    if (!root) continue;
    const file = await resolveFile(root, segs);
    if (file) return fileResponse(file.path, file.size, file.mtime, request, rc);
  }
  return null;
}

async function resolveFile(root: string, segs: string[]): Promise<{ path: string; size: number; mtime: Date } | null> {
  let target = join(root, ...segs);
  try {
    let real = await nodeFsPromises().realpath(target);
    if (real !== root && !real.startsWith(root + sep)) return null;
    let st = await nodeFsPromises().stat(real);
    if (st.isDirectory()) {
      target = join(real, "index.html");
      real = await nodeFsPromises().realpath(target);
      if (!real.startsWith(root + sep)) return null;
      st = await nodeFsPromises().stat(real);
    }
    return st.isFile() ? { path: real, size: st.size, mtime: st.mtime } : null;
  } catch {
    return null;
  }
}

async function fileResponse(path: string, size: number, mtime: Date, request: Request, rc: ReplyContext): Promise<Response> {
  const f = Bun.file(path);
  const etag = `W/"${size.toString(16)}-${Math.floor(mtime.getTime()).toString(16)}"`;
  const lastModified = mtime.toUTCString();
  const headers: Record<string, string> = {
    "content-type": staticContentType(path),
    "cache-control": "public, max-age=3600",
    etag,
    "last-modified": lastModified,
    "accept-ranges": "bytes",
    server: "ntnt-async",
    "x-request-id": rc.id,
  };
  const h = request.headers;
  const inm = h.get("if-none-match");
  const ims = h.get("if-modified-since");
  if (
    inm !== null
      ? inm.split(",").some((t) => t.trim() === etag || t.trim() === "*" || t.trim() === etag.slice(2))
      : ims !== null && Math.floor(mtime.getTime() / 1000) <= Math.floor(Date.parse(ims) / 1000)
  ) {
    rc.sent = null;
    return new Response(null, { status: 304, headers });
  }
  const range = h.get("range");
  if (range !== null) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    if (m && (m[1] !== "" || m[2] !== "")) {
      let start: number;
      let end: number;
      if (m[1] === "") {
        start = Math.max(0, size - Number(m[2]));
        end = size - 1;
      } else {
        start = Number(m[1]);
        end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
      }
      if (start > end || start >= size) {
        headers["content-range"] = `bytes */${size}`;
        rc.sent = null;
        return new Response(null, { status: 416, headers });
      }
      headers["content-range"] = `bytes ${start}-${end}/${size}`;
      rc.sent = end + 1 - start;
      const part = f.slice(start, end + 1);
      return withBody(new Response(part, { status: 206, headers }), part);
    }
  }
  if (size >= COMPRESS_THRESHOLD && size <= MAX_COMPRESS && isCompressible(headers["content-type"])) {
    headers.vary = "Accept-Encoding";
    const enc = pickEncoding(rc.request.headers.get("accept-encoding"));
    if (enc) {
      headers["content-encoding"] = enc;
      const body = compressBody(new Uint8Array(await f.arrayBuffer()), enc);
      rc.sent = body;
      return withBody(new Response(body, { status: 200, headers }), body);
    }
  }
  rc.sent = size;
  return withBody(new Response(f, { status: 200, headers }), f);
}
