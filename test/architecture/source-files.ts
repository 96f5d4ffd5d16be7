/** The TypeScript files under src/, for the architecture tests that scan the source text. */

import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** Absolute path of src/. */
export const SRC = resolve(import.meta.dir, "../../src");

/** Every `.ts` file below `dir` (src/ by default), depth first. */
export function sourceFiles(dir: string = SRC, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (name.endsWith(".ts")) out.push(p);
  }
  return out;
}
