/**
 * The zero-false-error sweep: the checker reports no error on any program that runs cleanly —
 * test/programs (those without an expected error), the conformance programs that exit 0, and the
 * intent apps. The few programs written to show that wrong annotations do not matter at run time
 * are the exception, and the checker must flag them.
 */

import { expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { checkProgram, loadCheckEnv, type Diagnostic } from "../../src/checker/index";
import { parse } from "../../src/parser/index";
import { sweepFiles } from "./sweep";

const ROOT = resolve(import.meta.dir, "../..");

/** Programs that run although their annotations are wrong (the interpreter ignores annotations, language.md §3). */
const DELIBERATELY_ILL_TYPED = ["test/programs/grammar/type_annotations_ignored.tnt", "test/programs/display/structs.tnt"];

async function errorsOf(file: string): Promise<Diagnostic[] | null> {
  let program;
  try {
    program = parse(readFileSync(file, "utf8"), file);
  } catch {
    return null;
  }
  return checkProgram(program, await loadCheckEnv(file)).filter((d) => d.severity === "error");
}

test("no type error on any program that runs cleanly", async () => {
  const files = sweepFiles().filter((f) => !existsSync(f.replace(/\.tnt$/, ".err")) && !DELIBERATELY_ILL_TYPED.includes(relative(ROOT, f)));
  expect(files.length).toBeGreaterThan(400);
  const found: string[] = [];
  for (const file of files) for (const d of (await errorsOf(file)) ?? []) found.push(`${file}:${d.line}: ${d.message}`);
  expect(found).toEqual([]);
}, 60_000);

test("the deliberately ill-typed programs are flagged", async () => {
  for (const file of DELIBERATELY_ILL_TYPED) expect(((await errorsOf(resolve(ROOT, file))) ?? []).length).toBeGreaterThan(0);
});
