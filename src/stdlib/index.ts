/** Registry of std modules, loaded on first import. */

import type { StdModule } from "./module";

const loaders: Record<string, () => Promise<{ default: StdModule }>> = {
  // Each std module file registers itself here with one line, e.g.
  // "std/string": () => import("./string"),
  "std/http": () => import("./http"),
  "std/db/postgres": () => import("./postgres"),
  "std/http/server": () => import("./http-server"),
  "std/db/sqlite": () => import("./sqlite"),
  "std/time": () => import("./time"),
  "std/csv": () => import("./csv"),
  "std/crypto": () => import("./crypto"),
  "std/fs": () => import("./fs"),
  "std/string": () => import("./string"),
  "std/math": () => import("./math"),
  "std/collections": () => import("./collections"),
  "std/json": () => import("./json"),
  "std/path": () => import("./path"),
  "std/env": () => import("./env"),
  "std/url": () => import("./url"),
  "std/concurrent": () => import("./concurrent"),
  "std/template": () => import("./template"),
};

const loaded = new Map<string, StdModule>();

/** Every std module path, e.g. `std/string`. */
export function stdModulePaths(): string[] {
  return Object.keys(loaders).sort();
}

/** True when `path` names a std module. */
export function isStdModule(path: string): boolean {
  return path in loaders;
}

/** Load a std module (cached). Throws if unknown; callers check `isStdModule` first. */
export async function loadStdModule(path: string): Promise<StdModule> {
  let mod = loaded.get(path);
  if (!mod) {
    mod = (await loaders[path]!()).default;
    loaded.set(path, mod);
  }
  return mod;
}
