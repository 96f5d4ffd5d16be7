/**
 * Response compression (spec §13.7): gzip or brotli by Accept-Encoding, only for textual
 * types above a threshold; never for images, archives, media, ranges or bodies the handler
 * already encoded.
 */

import { nodeZlib } from "./lazy-node";

/** Bodies shorter than this (bytes) are sent as they are. */
export const COMPRESS_THRESHOLD = 1024;

const TEXTUAL =
  /^(text\/|application\/(json|javascript|xml|xhtml\+xml|rss\+xml|atom\+xml|ld\+json|manifest\+json|x-yaml|wasm)|image\/svg\+xml|font\/(ttf|otf)|application\/vnd\.ms-fontobject)/i;

/** Whether a content type is worth compressing. */
export function isCompressible(contentType: string | null | undefined): boolean {
  return !!contentType && TEXTUAL.test(contentType) && !/event-stream/i.test(contentType);
}

/**
 * The encoding to use for an Accept-Encoding header, or null: the highest q-value wins
 * (`*` stands for any coding not named), brotli on a tie; q=0 refuses a coding.
 */
export function pickEncoding(accept: string | null): "br" | "gzip" | null {
  if (!accept) return null;
  const q: Record<string, number> = {};
  for (const part of accept.split(",")) {
    const [rawName, ...params] = part.trim().toLowerCase().split(";");
    const name = rawName!.trim() === "x-gzip" ? "gzip" : rawName!.trim();
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (Number.isNaN(value) || value < 0 || value > 1) continue;
    q[name] = Math.max(q[name] ?? 0, value);
  }
  const br = q.br ?? q["*"] ?? 0;
  const gzip = q.gzip ?? q["*"] ?? 0;
  if (br === 0 && gzip === 0) return null;
  return br >= gzip ? "br" : "gzip";
}

/** Compress bytes with the chosen encoding (brotli at a speed-oriented quality). */
export function compressBody(data: Uint8Array<ArrayBuffer> | string, enc: "br" | "gzip"): Uint8Array<ArrayBuffer> {
  if (enc === "gzip") return Bun.gzipSync(typeof data === "string" ? Buffer.from(data) : data, { level: 6 }) as Uint8Array<ArrayBuffer>;
  const { brotliCompressSync, constants } = nodeZlib();
  return brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) as Uint8Array<ArrayBuffer>;
}
