/**
 * Which socket peers one `NTNT_TRUST_PROXY` setting trusts (spec §13.6): the address list
 * built once, and the decision per peer address remembered (few peers send most requests:
 * the proxy).
 */

import type { BlockList } from "node:net";
import { nodeNet } from "./lazy-node";
import type { TrustProxy } from "./serve-options";

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

const MAX_DECISIONS = 4096;

/** The peers one trust setting believes. */
export class TrustedPeers {
  private list: BlockList | null = null;
  private readonly decided = new Map<string, boolean>();

  constructor(readonly setting: TrustProxy) {}

  /** Whether forwarding headers from peer `ip` are believed. */
  trusts(ip: string): boolean {
    const t = this.setting;
    if (t.kind === "none") return false;
    if (t.kind === "all") return true;
    let yes = this.decided.get(ip);
    if (yes === undefined) {
      const fam = nodeNet().isIP(ip);
      yes = fam !== 0 && this.addresses().check(ip, fam === 6 ? "ipv6" : "ipv4");
      if (this.decided.size >= MAX_DECISIONS) this.decided.clear();
      this.decided.set(ip, yes);
    }
    return yes;
  }

  private addresses(): BlockList {
    if (this.list) return this.list;
    const t = this.setting;
    const bl = new (nodeNet().BlockList)();
    if (t.kind === "private") for (const [net, bits, fam] of PRIVATE) bl.addSubnet(net, bits, fam);
    if (t.kind === "list")
      for (const c of t.cidrs) {
        const [addr, bits] = c.split("/") as [string, string | undefined];
        const fam = nodeNet().isIP(addr) === 6 ? "ipv6" : "ipv4";
        if (bits === undefined) bl.addAddress(addr, fam);
        else bl.addSubnet(addr, Number(bits), fam);
      }
    this.list = bl;
    return bl;
  }
}
