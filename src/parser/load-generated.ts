/**
 * The generated parser module. Run from source, it is loaded from its bytecode build
 * (scripts/build-parser.mjs writes `generated.bytecode.js` and its `.jsc`): JavaScriptCore then
 * need not compile the ~90 KB parser on its first use, about 3 ms CPU of every run. The
 * single binary has no such file beside it and bundles `generated.js` instead (its code is
 * bytecode already); so does a tree whose bytecode build is missing.
 */

import { join } from "node:path";
import type * as Generated from "./generated.js";

function fromBytecode(): typeof Generated | null {
  try {
    return require(join(import.meta.dir, "generated.bytecode.js"));
  } catch {
    return null;
  }
}

/** `parse` and `SyntaxError` of the Peggy-generated parser. */
export const generated: typeof Generated = fromBytecode() ?? (await import("./generated.js"));
