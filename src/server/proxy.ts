/**
 * Client address and scheme behind proxies (spec §13.6). Forwarding headers are believed
 * only when the socket peer is trusted: by default loopback and private ranges (cloudflared
 * or nginx on the same host or network), else per NTNT_TRUST_PROXY.
 */

import type { BlockList } from "node:net";
import { nodeNet } from "./lazy-node";
import type { TrustProxy } from "./serve-options";
import { serverContext } from "./context";

const PRIVATE: Array<[string, number, "ipv4" | "ipv6"]> = [
  ["127.0.0.0", 8, "ipv4"],
  ["10.0.0.0", 8, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["169.254.0.0", 16, "ipv4"],
  ["::1", 128, "ipv6"],
  ["fc00::", 7, "ipv6"],
  ["fe80::", 10, "ipv6"],
];

let cachedFor: TrustProxy | null = null;
let cachedList: BlockList | null = null;

function trustList(t: TrustProxy): BlockList {
  if (cachedFor === t && cachedList) return cachedList;
  const bl = new (nodeNet().BlockList)();
  if (t.kind === "private") for (const [net, bits, fam] of PRIVATE) bl.addSubnet(net, bits, fam);
  if (t.kind === "list")
    for (const c of t.cidrs) {
      const [addr, bits] = c.split("/") as [string, string | undefined];
      const fam = nodeNet().isIP(addr) === 6 ? "ipv6" : "ipv4";
      if (bits === undefined) bl.addAddress(addr, fam);
      else bl.addSubnet(addr, Number(bits), fam);
    }
  cachedFor = t;
  cachedList = bl;
  return bl;
}

/** `::ffff:1.2.3.4` → `1.2.3.4`. */
export function normalizeIp(ip: string): string {
  return ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice(7) : ip;
}

/** Trust decisions per peer address for one configuration (few peers send most requests: the proxy). */
let decidedFor: TrustProxy | null = null;
const decided = new Map<string, boolean>();

/** Whether proxy headers from `ip` are believed under the current configuration. */
export function isTrusted(ip: string, t: TrustProxy = serverContext.config.trustProxy): boolean {
  if (t.kind === "none") return false;
  if (t.kind === "all") return true;
  if (decidedFor !== t || decided.size > 4096) {
    decided.clear();
    decidedFor = t;
  }
  let yes = decided.get(ip);
  if (yes === undefined) {
    const fam = nodeNet().isIP(ip);
    yes = fam !== 0 && trustList(t).check(ip, fam === 6 ? "ipv6" : "ipv4");
    decided.set(ip, yes);
  }
  return yes;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * Whether every possible peer is trusted without looking at it: a server bound to loopback
 * only hears local peers, and the policy trusts all of loopback (the cloudflared setup).
 * Asking the socket for its peer is a system call per request, so it is skipped then.
 */
function peersTrustedByBinding(): boolean {
  const c = serverContext.config;
  return LOOPBACK_HOSTS.has(c.host) && (c.trustProxy.kind === "all" || c.trustProxy.kind === "private");
}

/** The request's client IP and protocol after applying proxy trust; `peerOf` gives the socket peer (asked only when needed). */
export function clientInfo(h: Headers, peerOf: () => string): { ip: string; protocol: string } {
  const fwd: Forwarded = { cf: h.get("cf-connecting-ip"), real: h.get("x-real-ip"), xff: h.get("x-forwarded-for") };
  if (!((fwd.cf !== null || fwd.real !== null || fwd.xff !== null) && peersTrustedByBinding())) {
    const peer = normalizeIp(peerOf());
    if (!peer || !isTrusted(peer)) return { ip: peer || "unknown", protocol: "http" };
    return { ip: fromHeaders(fwd) ?? peer, protocol: protocolOf(h) };
  }
  return { ip: fromHeaders(fwd) ?? (normalizeIp(peerOf()) || "unknown"), protocol: protocolOf(h) };
}

/** The forwarding headers, each read once. */
interface Forwarded {
  cf: string | null;
  real: string | null;
  xff: string | null;
}

function protocolOf(h: Headers): string {
  const proto = h.get("x-forwarded-proto");
  return proto ? proto.split(",")[0]!.trim().toLowerCase() : "http";
}

/** The client a trusted peer's forwarding headers name, if any. */
function fromHeaders({ cf, real, xff }: Forwarded): string | null {
  if (cf && nodeNet().isIP(cf.trim())) return normalizeIp(cf.trim());
  if (real && nodeNet().isIP(real.trim())) return normalizeIp(real.trim());
  if (xff) {
    const hops = xff
      .split(",")
      .map((s) => normalizeIp(s.trim()))
      .filter((s) => nodeNet().isIP(s) !== 0);
    // Walk from the nearest hop; the first address we do not trust is the client.
    for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(hops[i]!)) return hops[i]!;
    if (hops.length > 0) return hops[0]!;
  }
  return null;
}
