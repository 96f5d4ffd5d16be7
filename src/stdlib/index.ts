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
  "std/log": () => import("./log"),
};

const loaded = new Map<string, StdModule>();

/** Every std module path, e.g. `std/string`. */
export function stdModulePaths(): string[] {
  return Object.keys(loaders).sort();
}

/** The std modules exporting `name`, in registration order (loads every module: for error hints only). */
export async function modulesExporting(name: string): Promise<string[]> {
  const out: string[] = [];
  for (const path of stdModulePaths()) if (name in (await loadStdModule(path)).members) out.push(path);
  return out;
}

/** The hint for an undefined name that a std module exports: which import to add; null when none does. */
export async function importHint(name: string): Promise<string | null> {
  const [module] = await modulesExporting(name);
  return module ? importHintText(name, module) : null;
}

/** `'split' is in std/string: add import { split } from "std/string"` (run-time errors and the checker). */
export const importHintText = (name: string, module: string): string => `'${name}' is in ${module}: add import { ${name} } from "${module}"`;

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
