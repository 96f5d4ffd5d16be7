/** The checker's findings for a tooling command's file (cli.md §4.3, §7.1). */

import type { Diagnostic } from "../checker/index";
import type { SourceFile } from "./load";

/** Type and name diagnostics of a parsed file; none for a file that did not parse. */
export async function checkSourceFile(file: SourceFile, strict: boolean): Promise<Diagnostic[]> {
  if (!file.program) return [];
  const { checkProgram, loadCheckEnv } = await import("../checker/index");
  return checkProgram(file.program, await loadCheckEnv(file.path), { strict });
}
