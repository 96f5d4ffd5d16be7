/** Strict mode's gate (language.md §3): type errors stop `ntnt run` and hot reloads before anything executes. */

import type { Program } from "../ast/nodes";
import { checkProgram, loadCheckEnv, typeErrors, type Diagnostic } from "./index";
import { isStrict } from "./strict";

/** The type errors that block running `file` in strict mode; empty when strict mode is off or the program is clean. */
export async function blockingTypeErrors(file: string, program: Program): Promise<Diagnostic[]> {
  if (!isStrict(file)) return [];
  return typeErrors(checkProgram(program, await loadCheckEnv(file)));
}

/** What strict `run` prints: `type error: MESSAGE (line N)`, `  hint: …`, then the `blocked:` line. */
export function blockedReport(errors: Diagnostic[]): string {
  const lines: string[] = [];
  for (const e of errors) {
    lines.push(`type error: ${e.message}${e.line ? ` (line ${e.line})` : ""}`);
    if (e.hint) lines.push(`  hint: ${e.hint}`);
  }
  lines.push("", `blocked: ${errors.length} type error(s) found. Fix them or unset NTNT_STRICT to run anyway.`);
  return `${lines.join("\n")}\n`;
}

/** A reload refused because the new version has type errors; the message is the report. */
export class TypeErrorsBlocked extends Error {
  override readonly name = "TypeErrorsBlocked";
  constructor(readonly errors: Diagnostic[]) {
    super(blockedReport(errors).trimEnd());
  }

  /** What a hot reload blocked by these errors prints (http-server.md §11, the reference's texts). */
  reloadReport(): string {
    const lines = [`[hot-reload] Blocked: ${this.errors.length} type error(s) found:`];
    for (const e of this.errors) lines.push(`  type error: ${e.message}${e.line ? ` (line ${e.line})` : ""}`);
    lines.push("[hot-reload] Fix type errors to reload. Keeping previous version.");
    return `${lines.join("\n")}\n`;
  }
}
