/**
 * Hot reload in development (spec §11 [REC]): each request (at most once per millisecond,
 * or at once after a watcher event) compares mtimes/sizes of the entry directory's `.tnt`
 * files and every routes/, lib/ and middleware/ tree, re-runs the program into a fresh registry off to the
 * side and swaps it in only on success. A broken edit keeps the last good version serving
 * and is reported once per change.
 */

import { readdirSync, statSync, watch, type FSWatcher } from "node:fs";
import { basename, dirname, join } from "node:path";
import { NtntError } from "../runtime/errors";
import { flushStdout, writeStdout } from "../runtime/stdout";
import { RouteRegistry } from "./route-registry";
import type { Running } from "./server";
import { serverContext } from "./context";

/** Watchers of the tracked directories; replaced after every reload, closed on stop. */
let watchers: FSWatcher[] = [];

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

/** Start watching the program's sources and reload on the next request after a change. */
export function enableHotReload(entry: string, running: Running): void {
  let dirs = trackedDirs(entry, serverContext.registry);
  let last = snapshot(dirs);
  let dirty = false;
  let lastCheck = Date.now();
  let inProgress: Promise<void> | null = null;

  const rewatch = () => {
    for (const w of watchers) w.close();
    watchers = [];
    for (const [d, deep] of dirs) {
      try {
        watchers.push(watch(d, { recursive: deep, persistent: false }, () => (dirty = true)));
      } catch {
        // missing directory (e.g. no lib/): the periodic check still covers additions
      }
    }
  };
  rewatch();

  const reload = async (now: string) => {
    const prev = serverContext.registry;
    const next = new RouteRegistry();
    writeStdout(`\n[hot-reload] ${changedFile(last, now)} changed, reloading...\n`);
    last = now;
    serverContext.reloading = true;
    serverContext.registry = next;
    try {
      await serverContext.hooks.loadProgram(entry);
      if (next.empty) throw new Error("No routes or static directories registered");
      running.swap(next);
      dirs = trackedDirs(entry, next);
      last = snapshot(dirs);
      rewatch();
      writeStdout(`[hot-reload] Reload complete. ${next.routes.length} routes, ${dirs.length} sources tracked.\n`);
      flushStdout();
    } catch (e) {
      serverContext.registry = prev;
      const parse = e instanceof NtntError && (e.code === "E001" || e.code === "E002");
      const typed = (e as Error).name === "TypeErrorsBlocked";
      flushStdout();
      const kind = parse ? "Parse error" : typed ? "Type errors (strict mode), still serving the previous version" : "Evaluation error";
      process.stderr.write(`[hot-reload] ${kind}: ${(e as Error).message}\n`);
    } finally {
      serverContext.reloading = false;
    }
  };

  serverContext.live.beforeRequest = () => {
    if (inProgress) return inProgress;
    // A watcher event can arrive after the request that follows an edit, so every request
    // compares the (small) snapshot; this runs in development only.
    const t = Date.now();
    if (!dirty && t === lastCheck) return;
    dirty = false;
    lastCheck = t;
    const now = snapshot(dirs);
    if (now === last) return;
    inProgress = reload(now).finally(() => (inProgress = null));
    return inProgress;
  };
}

/** Stop watching (server stopped). */
export function disableHotReload(): void {
  for (const w of watchers) w.close();
  watchers = [];
  serverContext.live.beforeRequest = null;
}
