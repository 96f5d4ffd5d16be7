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

/**
 * A request id: the incoming `x-request-id` if it is 1–128 visible ASCII characters, else a
 * UUID-v4-shaped id made from a random per-process prefix and a counter (no entropy per
 * request; the counter's upper digits are formatted once per 256 ids).
 */
export function requestId(incoming: string | null): string {
  if (incoming !== null && incoming.length > 0 && incoming.length <= 128 && /^[\x21-\x7e]+$/.test(incoming)) return incoming;
  const low = counter & 255;
  if (low === 0 || head === "") head = PREFIX + (0x10000000000 + Math.floor(counter / 256)).toString(16).slice(1);
  counter = (counter + 1) % 0x1000000000000;
  return head + LOW[low];
}
