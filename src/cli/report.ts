/** Shared helpers for commands that read a source file and report failures (cli.md §1). */

import { readFileSync } from "node:fs";
import { NtntError } from "../runtime/errors";

const OS_ERRORS: Record<string, [string, number]> = {
  ENOENT: ["No such file or directory", 2],
  EACCES: ["Permission denied", 13],
  EISDIR: ["Is a directory", 21],
  ENOTDIR: ["Not a directory", 20],
  EPERM: ["Operation not permitted", 1],
};

/** Rust-style text for an OS error (`No such file or directory (os error 2)`), as the reference prints. */
export function systemMessage(err: unknown): string {
  const code = (err as { code?: string })?.code;
  const known = code ? OS_ERRORS[code] : undefined;
  if (known) return `${known[0]} (os error ${known[1]})`;
  return err instanceof Error ? err.message : String(err);
}

/** Read a program file; throws a plain Error carrying the OS message. */
export function readSource(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(systemMessage(err));
  }
}

/** Print any failure to stderr the way `ntnt run` does; returns exit code 1. */
export async function reportError(err: unknown, file: string): Promise<number> {
  if (err instanceof NtntError) {
    if (!err.file) err.file = file;
    const { formatError } = await import("../runtime/engine");
    process.stderr.write(ensureNewline(formatError(err)));
  } else {
    process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  return 1;
}

function ensureNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
