/**
 * A program's server state in one object: configuration, the registry the builtins write
 * into, live request accounting and the current fetch handler, the program's entry file,
 * listen()'s state, this process's worker role, and the caches the server files keep
 * (templates, trusted proxies, sessions in flight, event streams, request deadlines,
 * hot-reload watchers). Each program load has its own (`programContext`): its builtins
 * (`get`, `listen`, …) and handler-time natives (sessions, templates) reach it through the
 * load their caller belongs to, so two programs loaded in one process share none of it. The
 * request path reads only the context of the server that answers (`startServer` binds one).
 * A hot reload loads the new version into a successor context and swaps its registry in.
 */

import type { Server } from "bun";
import { dirname } from "node:path";
import { DeadlineSweeper } from "./deadline-sweeper";
import type { LoadPart, ProgramLoad } from "../runtime/program-load";
import { engineHooks, type EngineHooks } from "./engine-hooks";
import type { ReloadWatch } from "./hot-reload";
import { OpenStreams } from "./open-streams";
import { RouteRegistry } from "./route-registry";
import { serveOptions, type ServerConfig } from "./serve-options";
import type { Running } from "./server";
import type { Transport } from "./front/transport";
import type { SessionState } from "./sessions";
import { TemplateStore } from "./template-store";
import { TrustedPeers } from "./trusted-peers";

/** Request accounting and the current app, shared by dispatch, shutdown and hot reload. */
export interface LiveState {
  server: Server<unknown> | null;
  /** NTNT's own HTTP/1.1 transport, when it serves instead of Bun.serve. */
  front: Transport | null;
  /** Requests currently being handled. */
  inflight: number;
  /** Set once a shutdown signal arrived: new requests get 503 + Connection: close. */
  draining: boolean;
  /** Resolves when the last in-flight request finished during a drain. */
  onIdle: (() => void) | null;
  /** The current app's fetch handler (every request goes through it; hot reload replaces it). */
  fetch: ((request: Request) => Response | Promise<Response>) | null;
  /** Development hook run before each request; a returned promise delays it (hot reload). */
  beforeRequest: (() => void | Promise<void>) | null;
}

/** Replaces the normal serving when `ntnt test` runs the program. */
export type ListenDriver = (running: Running) => Promise<void>;

/** Everything the server files share. */
export class ServerContext {
  private settings: ServerConfig | null = null;
  /** The registry builtins (`get`, `routes`, …) write into. */
  registry = new RouteRegistry();
  readonly live: LiveState = { server: null, front: null, inflight: 0, draining: false, onIdle: null, fetch: null, beforeRequest: null };
  /** The program's entry file (hot reload watches it) and its directory (templates resolve there first). */
  entryFile: string | null = null;
  entryDir: string | null = null;
  /** The server started by listen(), if any. */
  running: Running | null = null;
  /** True while the program re-runs for a hot reload (listen() and banners are skipped). */
  reloading = false;
  /** listen() returns at once without serving (`call:` terms of `ntnt intent check` load programs in-process). */
  listenDisabled = false;
  /** Set by `ntnt test`: the next listen() binds 127.0.0.1:`port` and hands over to `run`. */
  listenDriver: { port: number; run: ListenDriver } | null = null;
  /** This process's index under `--workers N` (NTNT_WORKER, set by the supervisor), or null. */
  readonly worker: string | null = process.env.NTNT_WORKER ?? null;
  /** This worker checks that no other program holds the port before it binds (NTNT_WORKER_PROBE, set by the supervisor for the first start). */
  readonly probesPort: boolean = process.env.NTNT_WORKER_PROBE === "1";
  /** Sources of compile()d templates and template files read in production. */
  readonly templates = new TemplateStore();
  /** Sessions of the requests in flight, by the `_session` token their request map carries. */
  readonly sessions = new Map<string, SessionState>();
  /** Open server-sent event streams. */
  readonly streams = new OpenStreams();
  /** Suspended requests waiting for their handler, answered 503 at their deadline. */
  readonly deadlines = new DeadlineSweeper();
  /** The running hot reload's watchers, or null. */
  reloadWatch: ReloadWatch | null = null;
  /** The development cookie-signing secret, made on first use. */
  devCookieSecret: string | null = null;
  private peers: TrustedPeers | null = null;
  private readonly warned = new Set<string>();

  /** The state of program load `load` (null: a server built without one, in tests); listen() returns at once when the load does not serve. */
  constructor(readonly load: ProgramLoad | null = null) {
    this.listenDisabled = load !== null && !load.serves;
  }

  /** The engine's services (one engine per process). */
  get hooks(): EngineHooks {
    return engineHooks();
  }

  /**
   * The context the next version of this program, loading as `load`, has on a hot reload: a
   * fresh registry and caches, the same configuration, entry file, server and cookie secret
   * (so sessions survive the reload); listen() is skipped while it loads.
   */
  successor(load: ProgramLoad): ServerContext {
    const next = new ServerContext(load);
    next.config = this.config;
    next.entryFile = this.entryFile;
    next.entryDir = this.entryDir;
    next.running = this.running;
    next.devCookieSecret = this.devCookieSecret;
    next.reloading = true;
    return next;
  }

  /** Flags and environment settings; read from the environment on first use unless set. */
  get config(): ServerConfig {
    return (this.settings ??= serveOptions());
  }

  set config(c: ServerConfig) {
    this.settings = c;
  }

  /** The peers whose forwarding headers the configuration trusts (rebuilt when the configuration changes). */
  get trustedPeers(): TrustedPeers {
    const setting = this.config.trustProxy;
    if (this.peers === null || this.peers.setting !== setting) this.peers = new TrustedPeers(setting);
    return this.peers;
  }

  /** Write a warning to stderr the first time it comes up. */
  warnOnce(text: string): void {
    if (this.warned.has(text)) return;
    this.warned.add(text);
    process.stderr.write(text);
  }

  /** A worker other than the first: it binds and serves but leaves the banner and shutdown lines to worker 0. */
  get secondaryWorker(): boolean {
    return this.worker !== null && this.worker !== "0";
  }

  /** Record the program's entry file. */
  useEntryFile(file: string): void {
    this.entryFile = file;
    this.entryDir = dirname(file);
  }
}

/** Each program load's server state, made when its code first needs it. */
const programPart: LoadPart<ServerContext> = { create: (load) => new ServerContext(load) };

/** The server state of program load `load` (its builtins, listen() and handler-time natives use it). */
export function programContext(load: ProgramLoad): ServerContext {
  return load.part(programPart);
}

/** Make `sc` the server state of `load` (a hot reload's new version takes its successor context). */
export function adoptContext(load: ProgramLoad, sc: ServerContext): void {
  load.adopt(programPart, sc);
}
