/** Who sent a request: the peer's socket address and the request id. */

import type { LiveState } from "./context";
import { peerAddress } from "./front/transport-request";

/** Socket address of the client that sent `r` to the server `live` describes ("" when unknown): recorded by NTNT's transport, else asked of Bun.serve. */
export function peerOf(live: LiveState, r: Request): string {
  return peerAddress(r) ?? live.server?.requestIP(r)?.address ?? "";
}

const PREFIX = (() => {
  const b = crypto.getRandomValues(new Uint8Array(10));
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(12, 15)}-${"89ab"[b[9]! & 3]}${h.slice(15, 18)}-`;
})();
const LOW = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
// Process-wide on purpose: ids stay unique across every program and reload in the process.
let counter = Math.floor(Math.random() * 0xffffff) * 0x100;
let head = "";
/** `head` as bytes, and the id made last: a writer copies that one without reading its characters. */
let headBytes = new Uint8Array(0);
let lastMade = "";
let lastLow = 0;

/**
 * A request id: the incoming `x-request-id` if it is 1–128 visible ASCII characters, else a
 * UUID-v4-shaped id made from a random per-process prefix and a counter (no entropy per
 * request; the counter's upper digits are formatted once per 256 ids).
 */
export function requestId(incoming: string | null): string {
  if (incoming !== null && incoming.length > 0 && incoming.length <= 128 && /^[\x21-\x7e]+$/.test(incoming)) return incoming;
  const low = counter & 255;
  if (low === 0 || head === "") {
    head = PREFIX + (0x10000000000 + Math.floor(counter / 256)).toString(16).slice(1);
    headBytes = Buffer.from(head, "latin1");
  }
  counter = (counter + 1) % 0x1000000000000;
  lastLow = low;
  lastMade = head + LOW[low];
  return lastMade;
}

const HEX = Buffer.from("0123456789abcdef", "latin1");

/**
 * Copy `id` into `b` at `off` and return where it ends when it is the id `requestId` made
 * last (the usual case: its request is logged before the next one starts), else -1. Its
 * characters are not read: that would flatten the concatenation it was made as, a copy
 * nothing else makes (the response writes it inside its header block).
 */
export function copyLastMadeId(id: string, b: Uint8Array, off: number): number {
  // The same string compares without reading characters; another of the same length may not.
  if (id.length !== 36 || id !== lastMade) return -1;
  const h = headBytes;
  for (let i = 0; i < 34; i++) b[off + i] = h[i]!;
  b[off + 34] = HEX[lastLow >> 4]!;
  b[off + 35] = HEX[lastLow & 15]!;
  return off + 36;
}
