/** Server settings from `ntnt run` flags and NTNT_* environment variables (http-server.md §12–13). */

import { nodeNet } from "./lazy-node";

/** Everything the server reads from flags and the environment. */
export interface ServerConfig {
  /** Request timeout in ms; 0 disables it. */
  timeoutMs: number;
  /** Largest accepted request body in bytes. */
  maxBody: number;
  /** Concurrent requests (open connections doing work) before answering 503. */
  maxConnections: number;
  /** Requests executing at once before answering 503 `server busy`. */
  maxInflight: number;
  /** How long a graceful shutdown waits for in-flight requests, in ms. */
  shutdownTimeoutMs: number;
  /** Who may set X-Forwarded-For / CF-Connecting-IP / X-Forwarded-Proto. */
  trustProxy: TrustProxy;
  production: boolean;
  hotReload: boolean;
  accessLog: boolean;
  host: string;
  /** NTNT_LISTEN_PORT: replaces the port given to listen() (0: any free port). */
  portOverride: number | null;
  workers: number;
  /** Serve through NTNT's own HTTP/1.1 transport (front/transport.ts) rather than Bun.serve. */
  frontDoor: boolean;
}

/** "private" = loopback and private ranges (default); "none"; "all"; or explicit CIDRs. */
export type TrustProxy = { kind: "private" } | { kind: "none" } | { kind: "all" } | { kind: "list"; cidrs: string[] };

/** `ntnt run` flags that affect the server. */
export interface RunFlags {
  timeout?: number;
  workers?: number;
}

type Env = Record<string, string | undefined>;

function num(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** Parse NTNT_TRUST_PROXY (unset → private peers; 0/false → none; 1/true/all → all; else a CIDR list). */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  if (raw === undefined || raw.trim() === "") return { kind: "private" };
  const v = raw.trim().toLowerCase();
  if (v === "0" || v === "false" || v === "no" || v === "none") return { kind: "none" };
  if (v === "1" || v === "true" || v === "yes" || v === "all") return { kind: "all" };
  const cidrs = v
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "" && nodeNet().isIP(s.split("/")[0]!) !== 0);
  return { kind: "list", cidrs };
}

/** A switch variable that is set to 1/true/on/yes. */
function isOn(raw: string | undefined): boolean {
  const v = raw?.trim().toLowerCase();
  return v === "1" || v === "true" || v === "on" || v === "yes";
}

/** True when a switch variable says off (`0`, `false`, `off`, `no`). */
function isOff(raw: string | undefined): boolean {
  const v = raw?.trim().toLowerCase();
  return v === "0" || v === "false" || v === "off" || v === "no";
}

/** True when NTNT_ENV selects production mode. */
export function isProduction(env: Env = process.env): boolean {
  const e = env.NTNT_ENV;
  return e === "production" || e === "prod";
}

/**
 * NTNT_LISTEN_PORT when it parses as a port (spec §12, as the reference's u16 parse); 0 binds a
 * free port the banner names, so a caller need not pick one first and race others for it.
 */
function listenPort(raw: string | undefined): number | null {
  if (raw === undefined || !/^\d{1,5}$/.test(raw.trim())) return null;
  const port = Number(raw);
  return port < 65536 ? port : null;
}

/** Build the server configuration: flags win over environment variables, which win over defaults. */
export function serveOptions(flags: RunFlags = {}, env: Env = process.env): ServerConfig {
  const production = isProduction(env);
  const timeoutS = flags.timeout ?? num(env, "NTNT_TIMEOUT", 30);
  const accessRaw = env.NTNT_ACCESS_LOG;
  return {
    timeoutMs: Math.round(timeoutS * 1000),
    maxBody: Math.floor(num(env, "NTNT_MAX_BODY", 10 * 1024 * 1024)),
    maxConnections: Math.floor(num(env, "NTNT_MAX_CONNECTIONS", 10_000)) || 10_000,
    maxInflight: Math.floor(num(env, "NTNT_MAX_INFLIGHT", 1024)) || 1024,
    shutdownTimeoutMs: Math.round(num(env, "NTNT_SHUTDOWN_TIMEOUT", 10) * 1000),
    trustProxy: parseTrustProxy(env.NTNT_TRUST_PROXY),
    production,
    hotReload: !production && env.NTNT_HOT_RELOAD !== "0",
    // Off unless asked for: stdout stays free of server chatter by default (http-server.md §13.9).
    accessLog: isOn(accessRaw),
    host: env.NTNT_LISTEN_HOST || env.NTNT_HOST || "0.0.0.0",
    portOverride: listenPort(env.NTNT_LISTEN_PORT),
    workers: Math.max(1, Math.floor(flags.workers ?? num(env, "NTNT_WORKERS", 1))),
    // On unless turned off: Bun.serve alone mishandles pipelining, drains and unknown methods (docs/decisions.md).
    frontDoor: !isOff(env.NTNT_FRONT_DOOR),
  };
}
