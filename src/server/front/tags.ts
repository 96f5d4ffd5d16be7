/**
 * What the transport (transport.ts) learns without asking Bun: the body a response was made
 * with, recorded by NTNT's response builders so it can be written out at once instead of
 * read back through a promise.
 */

const BODY = Symbol("ntnt.body");

/** A body the transport can write without reading the Response (a file's Blob gives its size). */
export type KnownBody = string | Uint8Array | Blob | null;

/** Record the body `res` was made with; returns `res`. */
export function withBody(res: Response, body: KnownBody): Response {
  (res as unknown as Record<symbol, KnownBody>)[BODY] = body;
  return res;
}

/** The body recorded by `withBody`, or undefined when the response was made elsewhere. */
export function knownBody(res: Response): KnownBody | undefined {
  return (res as unknown as Record<symbol, KnownBody | undefined>)[BODY];
}
