/** Read and parse the project files a tooling command is given, keeping parse failures as data. */

import { readFileSync } from "node:fs";
import type { Program } from "../ast/nodes";
import { NtntError } from "../runtime/errors";
import { osErrorText } from "../runtime/os-error";
import { collectTntFiles, displayName } from "./files";

/** A `.tnt` file as the tooling commands see it. */
export interface SourceFile {
  /** Path as found (PATH joined with directory entries). */
  path: string;
  /** Name relative to PATH's parent, used in all reports. */
  name: string;
  /** File text ("" when it could not be read). */
  source: string;
  /** The syntax tree, or null when reading or parsing failed. */
  program: Program | null;
  /** Why there is no tree: the parser's (or the OS's) message and its line when known. */
  failure: { message: string; line: number | null } | null;
}

/** Every `.tnt` file at PATH (cli.md §4.3), read and parsed, in path order. */
export async function loadProject(root: string): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  for (const path of collectTntFiles(root)) files.push(await loadFile(path, displayName(root, path)));
  return files;
}

/** Read and parse `path`; syntax and read errors are recorded in `failure`, not thrown. */
async function loadFile(path: string, name: string): Promise<SourceFile> {
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (err) {
    return { path, name, source: "", program: null, failure: { message: `Could not read file: ${osErrorText(err)}`, line: null } };
  }
  const { parse } = await import("../parser/index");
  try {
    return { path, name, source, program: parse(source, path), failure: null };
  } catch (err) {
    if (!(err instanceof NtntError)) throw err;
    return { path, name, source, program: null, failure: { message: err.message, line: err.loc?.line ?? null } };
  }
}
