/** How a std module is defined: a path and its members (native functions and constants). */

import type { Value } from "../runtime/values";

export { native, native1, native2, native3 } from "../runtime/natives";

export interface StdModule {
  path: string; // e.g. "std/string"
  members: Record<string, Value>;
  /** One line saying what the module is for (`ntnt docs`). */
  description: string;
}

/** A std module: its path, members and a one-line description. */
export function defineModule(path: string, members: Record<string, Value>, description = ""): StdModule {
  return { path, members, description };
}
