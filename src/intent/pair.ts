/**
 * Finding a program and its intent file from one path (cli.md §4.5): `server.tnt` ↔
 * `server.intent` in the same directory; an explicit `--intent` names the intent file and makes
 * FILE the program. Paths keep the spelling they were given (reports print them as given).
 */

import { statSync } from "node:fs";

export interface IntentPair {
  /** The intent file, when it exists (an explicit one is returned as given; reading it reports the error). */
  intent: string | null;
  /** The program, when it exists. */
  program: string | null;
  /** FILE's name without directory and extension (for messages). */
  stem: string;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `dir/name.ext` → `dir/`, `name`, `ext`. */
export function splitPath(path: string): { dir: string; stem: string; ext: string } {
  const slash = path.lastIndexOf("/");
  const dir = path.slice(0, slash + 1);
  const base = path.slice(slash + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? { dir, stem: base.slice(0, dot), ext: base.slice(dot + 1) } : { dir, stem: base, ext: "" };
}

/** Resolve FILE (and an explicit intent path) to the pair; missing files come back null. */
export function resolvePair(file: string, explicitIntent?: string): IntentPair {
  const { dir, stem, ext } = splitPath(file);
  if (explicitIntent !== undefined) {
    return { intent: explicitIntent, program: isFile(file) ? file : null, stem };
  }
  const intent = ext === "intent" ? file : `${dir}${stem}.intent`;
  const program = ext === "tnt" ? file : `${dir}${stem}.tnt`;
  return { intent: isFile(intent) ? intent : null, program: isFile(program) ? program : null, stem };
}
