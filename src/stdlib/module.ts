/** How a std module is defined: a path and its members (native functions and constants). */

import type { Value } from "../runtime/values";

export { native, native1, native2, native3 } from "../runtime/natives";

export interface StdModule {
  path: string; // e.g. "std/string"
  members: Record<string, Value>;
}

/** A std module: its import path and members. */
export function defineModule(path: string, members: Record<string, Value>): StdModule {
  return { path, members };
}
