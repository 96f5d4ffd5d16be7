/**
 * What the transport (transport.ts) learns without asking Bun: the body a response was made
 * with, recorded by NTNT's response builders so it can be written out at once instead of
 * read back through a promise, and the socket address a request came from.
 */

const BODY = Symbol("ntnt.body");
const PEER = Symbol("ntnt.peer");

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

/** Record the socket address of the client that sent `req`. */
export function setPeer(req: Request, address: string): void {
  (req as unknown as Record<symbol, string>)[PEER] = address;
}

/** Whether `req` was made by NTNT's own transport (which writes a `PreparedResponse` without reading its headers). */
export function cameThroughTransport(req: Request): boolean {
  return PEER in req;
}

/** The socket address recorded by `setPeer`, or undefined. */
export function peerAddress(req: Request): string | undefined {
  return (req as unknown as Record<symbol, string | undefined>)[PEER];
}
