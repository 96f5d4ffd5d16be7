/**
 * Client address and scheme behind proxies (spec §13.6). Forwarding headers are believed
 * only when the socket peer is trusted: by default loopback and private ranges (cloudflared
 * or nginx on the same host or network), else per NTNT_TRUST_PROXY.
 */

import { nodeNet } from "./lazy-node";
import { requestField } from "./front/transport-request";
import type { ServerContext } from "./context";
import type { TrustedPeers } from "./trusted-peers";

/** `::ffff:1.2.3.4` → `1.2.3.4`. */
export function normalizeIp(ip: string): string {
  return ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice(7) : ip;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * Whether every possible peer is trusted without looking at it: a server bound to loopback
 * only hears local peers, and the policy trusts all of loopback (the cloudflared setup).
 * Asking the socket for its peer is a system call per request, so it is skipped then.
 */
function peersTrustedByBinding(server: ServerContext): boolean {
  const c = server.config;
  return LOOPBACK_HOSTS.has(c.host) && (c.trustProxy.kind === "all" || c.trustProxy.kind === "private");
}

/** Who sent a request after proxy trust: the client's address, and whether forwarding headers from its peer are believed. */
export interface ClientAddress {
  ip: string;
  trusted: boolean;
}

/**
 * The request's client IP after applying `server`'s proxy trust; `peerOf` gives the socket
 * peer (asked only when needed).
 */
export function clientAddress(server: ServerContext, req: Request, peerOf: () => string): ClientAddress {
  const peers = server.trustedPeers;
  // Headers first when every peer is trusted anyway; else only once the peer is trusted to send them.
  const early = peersTrustedByBinding(server) ? forwarded(req) : null;
  if (early && (early.cf !== null || early.real !== null || early.xff !== null))
    return { ip: fromHeaders(early, peers) ?? (normalizeIp(peerOf()) || "unknown"), trusted: true };
  const peer = normalizeIp(peerOf());
  if (!peer || !peers.trusts(peer)) return { ip: peer || "unknown", trusted: false };
  return { ip: (early === null && fromHeaders(forwarded(req), peers)) || peer, trusted: true };
}

/** The forwarding headers of `req`, each read once. */
function forwarded(req: Request): Forwarded {
  return { cf: requestField(req, "cf-connecting-ip"), real: requestField(req, "x-real-ip"), xff: requestField(req, "x-forwarded-for") };
}

/** The scheme a trusted proxy reports in `x-forwarded-proto` ("http" without one). */
export function forwardedProtocol(req: Request): string {
  const proto = requestField(req, "x-forwarded-proto");
  return proto ? proto.split(",")[0]!.trim().toLowerCase() : "http";
}

/** The forwarding headers, each read once. */
interface Forwarded {
  cf: string | null;
  real: string | null;
  xff: string | null;
}

/** The client a trusted peer's forwarding headers name, if any. */
function fromHeaders({ cf, real, xff }: Forwarded, peers: TrustedPeers): string | null {
  if (cf && nodeNet().isIP(cf.trim())) return normalizeIp(cf.trim());
  if (real && nodeNet().isIP(real.trim())) return normalizeIp(real.trim());
  if (xff) {
    const hops = xff
      .split(",")
      .map((s) => normalizeIp(s.trim()))
      .filter((s) => nodeNet().isIP(s) !== 0);
    // Walk from the nearest hop; the first address we do not trust is the client.
    for (let i = hops.length - 1; i >= 0; i--) if (!peers.trusts(hops[i]!)) return hops[i]!;
    if (hops.length > 0) return hops[0]!;
  }
  return null;
}
