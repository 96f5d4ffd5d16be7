/**
 * File-based routing, `routes(dir)` (spec §9): `lib/*.tnt` become namespaces injected into
 * route files, `middleware/*.tnt` (sorted) append their `middleware`/`handler` function,
 * and every `routes/**.tnt` file's `get`/`post`/… functions become routes whose pattern is
 * the file path (`index` dropped, `[id]` → `{id}`).
 */

import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { runtimeError } from "../runtime/errors";
import { ROUTE_FUNCTIONS } from "../runtime/route-methods";
import { flushStdout } from "../runtime/stdout";
import { NFunction, NModule, NNative, type Value } from "../runtime/values";
import type { ServerContext } from "./context";
import { engineHooks } from "./engine-hooks";
import { serverNote } from "./log";

function evalFile(file: string, globals: Map<string, Value>): Promise<Map<string, Value>> {
  return engineHooks().evalFile(file, globals);
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `api/users/[id].tnt` → `/api/users/{id}`. */
export function fileToPattern(rel: string): string {
  const segs = rel
    .replace(/\.tnt$/, "")
    .split(/[\\/]/)
    .filter((s) => s !== "" && s !== "index")
    .map((s) => (s.startsWith("[") && s.endsWith("]") ? `{${s.slice(1, -1)}}` : s));
  return `/${segs.join("/")}`;
}

function tntFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith(".tnt"))
    .sort(byteOrder)
    .map((n) => join(dir, n))
    .filter((p) => statSync(p).isFile());
}

function walk(dir: string, out: string[]): void {
  for (const n of readdirSync(dir).sort(byteOrder)) {
    const p = join(dir, n);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (n.endsWith(".tnt") && st.isFile()) out.push(p);
  }
}

function isCallable(v: Value): boolean {
  return v instanceof NFunction || v instanceof NNative;
}

/** The routes() builtin: registers everything under `base` into `sc`'s registry; returns the number of routes. */
export async function defineRoutes(sc: ServerContext, base: string): Promise<number> {
  if (!existsSync(base) || !statSync(base).isDirectory()) throw runtimeError(`Routes directory does not exist: ${base}`);
  const reg = sc.registry;
  const root = dirname(base);
  reg.routeDirs.push(base);

  const libs = new Map<string, Value>();
  for (const f of tntFiles(join(root, "lib"))) {
    let scope: Map<string, Value>;
    try {
      scope = await evalFile(f, new Map());
    } catch (e) {
      throw runtimeError(`Failed to load lib/${basename(f)}: ${(e as Error).message}`);
    }
    const stem = basename(f, ".tnt");
    libs.set(stem, new NModule(stem, scope));
  }

  for (const f of tntFiles(join(root, "middleware"))) {
    let scope: Map<string, Value>;
    try {
      scope = await evalFile(f, new Map());
    } catch (e) {
      throw runtimeError(`Failed to load middleware/${basename(f)}: ${(e as Error).message}`);
    }
    const fn = scope.get("middleware") ?? scope.get("handler");
    const stem = basename(f, ".tnt");
    if (fn !== undefined && isCallable(fn)) {
      reg.middleware.push(fn);
      serverNote(sc, `  Loaded middleware: ${stem}\n`);
    } else {
      process.stderr.write(`warning: middleware/${basename(f)} defines no 'middleware' or 'handler' function; skipped\n`);
    }
  }

  const files: string[] = [];
  walk(base, files);
  let count = 0;
  for (const f of files) {
    const scope = await evalFile(f, libs);
    const rel = relative(base, f);
    const pattern = fileToPattern(rel);
    for (const name of ROUTE_FUNCTIONS) {
      const fn = scope.get(name);
      if (fn === undefined || !isCallable(fn)) continue;
      const method = name.toUpperCase();
      reg.addRoute(method, pattern, fn, f);
      serverNote(sc, `  ${method} ${pattern} -> ${relative(root, f)}\n`);
      count++;
    }
  }
  flushStdout();
  return count;
}
