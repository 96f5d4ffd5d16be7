/** Shared helpers for commands that read a source file and report failures (cli.md §1). */

import { readFileSync } from "node:fs";
import { NtntError } from "../runtime/errors";
import { osErrorText } from "../runtime/os-error";
import { fail } from "./fail";

/** Read a program file; throws a plain Error carrying the OS message. */
export function readSource(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(osErrorText(err));
  }
}

/** Print any failure to stderr the way `ntnt run` does; returns exit code 1. */
export async function reportError(err: unknown, file: string): Promise<number> {
  if (err instanceof NtntError) {
    if (!err.file) err.file = file;
    const { formatError } = await import("../runtime/error-display");
    process.stderr.write(ensureNewline(formatError(err)));
  } else {
    return fail(err instanceof Error ? err.message : String(err));
  }
  return 1;
}

function ensureNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
