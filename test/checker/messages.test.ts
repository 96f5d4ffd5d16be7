/**
 * Every checker message, as programs with their expected diagnostics beside them:
 * test/checker/programs/NAME.tnt is checked and must give exactly NAME.diagnostics, one
 * `LINE:COL severity rule: message` line per finding (`  hint: …` below it when there is one).
 * Programs under strict/ are checked as `lint --strict` checks them.
 */

import { expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkProgram, loadCheckEnv, type Diagnostic } from "../../src/checker/index";
import { parse } from "../../src/parser/index";

const DIR = join(import.meta.dir, "programs");

/** The diagnostics of one program, formatted as the `.diagnostics` files hold them. */
export function formatDiagnostics(list: Diagnostic[]): string {
  return list.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}${d.hint ? `\n  hint: ${d.hint}` : ""}`).join("\n") + "\n";
}

for (const sub of ["", "strict"]) {
  for (const name of readdirSync(join(DIR, sub))
    .filter((n) => n.endsWith(".tnt"))
    .sort()) {
    const file = join(DIR, sub, name);
    test(`${sub ? `${sub}/` : ""}${name}`, async () => {
      const program = parse(readFileSync(file, "utf8"), file);
      const actual = formatDiagnostics(checkProgram(program, await loadCheckEnv(file), { strict: sub === "strict" }));
      const expectedFile = file.replace(/\.tnt$/, ".diagnostics");
      if (process.env.NTNT_UPDATE_DIAGNOSTICS && !existsSync(expectedFile)) writeFileSync(expectedFile, actual);
      expect(actual).toBe(readFileSync(expectedFile, "utf8"));
    });
  }
}
