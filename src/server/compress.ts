/**
 * Response compression (spec §13.7): gzip or brotli by Accept-Encoding, only for textual
 * types above a threshold; never for images, archives, media, ranges or bodies the handler
 * already encoded.
 */

import { brotliCompressSync, constants } from "node:zlib";

/** Bodies shorter than this (bytes) are sent as they are. */
export const COMPRESS_THRESHOLD = 1024;

const TEXTUAL = /^(text\/|application\/(json|javascript|xml|xhtml\+xml|rss\+xml|atom\+xml|ld\+json|manifest\+json|x-yaml|wasm)|image\/svg\+xml|font\/(ttf|otf)|application\/vnd\.ms-fontobject)/i;

/** Whether a content type is worth compressing. */
export function isCompressible(contentType: string | null | undefined): boolean {
  return !!contentType && TEXTUAL.test(contentType) && !/event-stream/i.test(contentType);
}

/** The encoding to use for an Accept-Encoding header, or null (brotli preferred, q=0 honoured). */
export function pickEncoding(accept: string | null): "br" | "gzip" | null {
  if (!accept) return null;
  let br = false;
  let gzip = false;
  for (const part of accept.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (q && Number(q.slice(2)) === 0) continue;
    if (name === "br") br = true;
    else if (name === "gzip" || name === "x-gzip") gzip = true;
    else if (name === "*") gzip = true;
  }
  return br ? "br" : gzip ? "gzip" : null;
}

/** Compress bytes with the chosen encoding (brotli at a speed-oriented quality). */
export function compressBody(data: Uint8Array<ArrayBuffer> | string, enc: "br" | "gzip"): Uint8Array<ArrayBuffer> {
  if (enc === "gzip") return Bun.gzipSync(typeof data === "string" ? Buffer.from(data) : data, { level: 6 }) as Uint8Array<ArrayBuffer>;
  return brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) as Uint8Array<ArrayBuffer>;
}
