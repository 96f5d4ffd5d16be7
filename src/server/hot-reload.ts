/**
 * Hot reload in development (spec §11 [REC]): watchers on the entry directory and every
 * routes/, lib/ and middleware/ tree arm a check; the next request then compares
 * mtimes/sizes of their `.tnt` files, re-runs the program as a new load with its own context
 * off to the side and swaps that version's registry in only on success (requests in flight
 * finish on the old version, whose load keeps its own sessions and templates). A broken edit keeps the last good version serving
 * and is reported once per change. Unarmed, a request costs one clock read: a busy server
 * checks only after a watcher event, never on a timer.
 */

import { existsSync, readdirSync, statSync, watch as watchDir, type FSWatcher } from "node:fs";
import { basename, dirname, join } from "node:path";
import { NtntError } from "../runtime/errors";
import { flushStdout, writeStdout } from "../runtime/stdout";
import type { ProgramLoad } from "../runtime/program-load";
import { newProgramLoad } from "../runtime/rt";
import type { RouteRegistry } from "./route-registry";
import type { Running } from "./server";
import { adoptContext, type ServerContext } from "./context";

/**
 * A watcher event can reach us after the request that follows an edit (about 1 in 10 such
 * requests here, by 0.1 ms typically), and a late event cannot be told from none. So a
 * request that comes this long after the one before checks too: while requests keep coming
 * no file is looked at. Measured from the requests themselves, not by a timer: a 4 ms interval
 * cost about 1 µs a request when the server shared its cores (bench/log-2026-12-04.md).
 */
const QUIET_MS = 8;

/** What a server's hot reload keeps running: closed on stop. */
export interface ReloadWatch {
  /** Watchers of the tracked directories; replaced after every reload. */
  watchers: FSWatcher[];
}

/** Whether a watcher event names something a snapshot can see change (not a database's writes, say). */
function mayMatter(name: string | Buffer | null): boolean {
  if (name === null) return true;
  const file = basename(name.toString());
  const dot = file.lastIndexOf(".");
  // A name without an extension may be a directory (new routes/ subtree, lib/ created).
  return dot <= 0 || file.endsWith(".tnt");
}

/** Directories whose `.tnt` files are tracked, with whether to descend into them. */
function trackedDirs(entry: string, reg: RouteRegistry): Array<[string, boolean]> {
  const dirs: Array<[string, boolean]> = [[dirname(entry), false]];
  for (const d of reg.routeDirs) {
    dirs.push([d, true]);
    dirs.push([join(dirname(d), "lib"), false]);
    dirs.push([join(dirname(d), "middleware"), false]);
  }
  return dirs;
}

function snapshot(dirs: Array<[string, boolean]>): string {
  const parts: string[] = [];
  const walk = (dir: string, deep: boolean) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(dir, n);
      if (n.endsWith(".tnt")) {
        try {
          const st = statSync(p);
          if (st.isFile()) parts.push(`${p}:${st.mtimeMs}:${st.size}`);
        } catch {
          // vanished between readdir and stat: the next check sees it gone
        }
      } else if (deep && !n.startsWith(".")) {
        try {
          if (statSync(p).isDirectory()) walk(p, true);
        } catch {
          // ignore unreadable entries
        }
      }
    }
  };
  for (const [d, deep] of dirs) walk(d, deep);
  return parts.join("\n");
}

function changedFile(before: string, after: string): string {
  const a = new Set(before.split("\n"));
  for (const line of after.split("\n")) if (!a.has(line)) return basename(line.split(":")[0]!);
  const b = new Set(after.split("\n"));
  for (const line of before.split("\n")) if (!b.has(line)) return basename(line.split(":")[0]!);
  return "source";
}

/**
 * Start watching the program's sources and reload on the next request after a change, until
 * `running`, the server `sc` describes, stops. `sc` is also the context of the version that
 * serves first; each reload loads the next version into its successor.
 */
export function enableHotReload(sc: ServerContext, entry: string, running: Running): void {
  let dirs = trackedDirs(entry, sc.registry);
  let last = snapshot(dirs);
  let inProgress: Promise<void> | null = null;
  /** The context of the version that serves now. */
  let current = sc;
  const live = sc.live;
  disableHotReload(sc);
  const watch: ReloadWatch = { watchers: [] };
  sc.reloadWatch = watch;

  const arm = () => {
    live.beforeRequest = check;
  };
  const onEvent = (_kind: string, name: string | Buffer | null) => {
    if (mayMatter(name)) arm();
  };
  /** The tracked directories that did not exist when the watchers started. */
  let missing: string[] = [];
  let watching = false;
  const rewatch = () => {
    watching = true;
    for (const w of watch.watchers) w.close();
    watch.watchers = [];
    missing = [];
    for (const [d, deep] of dirs) {
      try {
        watch.watchers.push(watchDir(d, { recursive: deep, persistent: false }, onEvent));
      } catch {
        // missing directory (e.g. no lib/ yet): a check after it appears watches it
        missing.push(d);
      }
    }
  };
  /** When the last request came (performance.now()). */
  let lastRequestAt = 0;
  /** Every request while no check is armed: the first after a quiet spell checks. */
  const sawRequest = (): void | Promise<void> => {
    const now = performance.now();
    const quiet = now - lastRequestAt >= QUIET_MS;
    lastRequestAt = now;
    if (quiet) return check();
  };
  // Starting the watchers costs about 3 ms, so they start after the first request's check
  // rather than before the server's first answer; until then that check covers every change.
  const startWatching = () => {
    if (!watching && sc.reloadWatch === watch) rewatch();
  };

  const reload = async (now: string) => {
    const load = newProgramLoad(dirname(entry));
    const version = current.successor(load);
    adoptContext(load, version);
    writeStdout(`\n[hot-reload] ${changedFile(last, now)} changed, reloading...\n`);
    last = now;
    try {
      await sc.hooks.loadProgram(entry, load);
      // new_server() may have replaced the registry while the program ran.
      const next = version.registry;
      if (next.empty) throw new Error("No routes or static directories registered");
      running.swap(next);
      version.reloading = false;
      if (current.load !== null) retireLater(current.load, sc.config.timeoutMs);
      current = version;
      dirs = trackedDirs(entry, next);
      last = snapshot(dirs);
      rewatch();
      writeStdout(`[hot-reload] Reload complete. ${next.routes.length} routes, ${sc.hooks.importedModules()} imports tracked.\n`);
      flushStdout();
    } catch (e) {
      // What the failed run opened is not used by anything that serves.
      load.retire();
      const parse = e instanceof NtntError && (e.kind === "lexer" || e.kind === "parse");
      const typed = (e as Error).name === "TypeErrorsBlocked";
      flushStdout();
      if (typed) process.stderr.write((e as Error & { reloadReport(): string }).reloadReport());
      else process.stderr.write(`[hot-reload] ${parse ? "Parse error" : "Evaluation error"}: ${(e as Error).message}\n`);
    }
  };

  // Runs when armed or after a quiet spell; hands the following requests back to sawRequest.
  function check(): void | Promise<void> {
    if (inProgress) return inProgress;
    live.beforeRequest = sawRequest;
    lastRequestAt = performance.now();
    if (!watching) setTimeout(startWatching, 0);
    else if (missing.some((d) => existsSync(d))) rewatch();
    const now = snapshot(dirs);
    if (now === last) return;
    // Requests during the reload wait for it; the first one after it checks again.
    live.beforeRequest = check;
    inProgress = reload(now).finally(() => (inProgress = null));
    return inProgress;
  }
  arm();
  // A stopped server's check must not run for the next server of the process.
  void running.stopped.then(() => {
    if (sc.reloadWatch === watch) disableHotReload(sc);
  });
}

/**
 * Close what the replaced version of the program opened (its database connections) once its
 * in-flight requests are over: they run to completion or are stopped at the request timeout.
 */
function retireLater(load: ProgramLoad, timeout: number): void {
  setTimeout(() => load.retire(), timeout > 0 ? timeout + 1000 : 60_000).unref();
}

/** Stop watching and checking on the server `sc` describes (it stopped). */
export function disableHotReload(sc: ServerContext): void {
  const watch = sc.reloadWatch;
  sc.reloadWatch = null;
  sc.live.beforeRequest = null;
  if (watch === null) return;
  for (const w of watch.watchers) w.close();
}
