/** Where relative paths given to std functions point: the program's folder, not the cwd. */

import { isAbsolute, resolve } from "node:path";
import type { NativeContext } from "./values";

/** Absolute path for `p`: relative paths are taken from the program's folder (or the cwd when there is none). */
export function scriptPath(p: string, ctx: NativeContext): string {
  return isAbsolute(p) ? p : resolve(ctx.scriptDir || process.cwd(), p);
}
