/** Helpers for engine tests: write NTNT sources to temp files, run them in-process or as `ntnt run`. */

import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { allGlobals, loadProgram } from "../../src/engine/index";
import { compileAndLink, parseFile, resetModules } from "../../src/engine/modules";
import type { Value } from "../../src/runtime/values";

/** Write files (path → text) into a fresh temp directory; returns the directory. */
export function tempFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ntnt-engine-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Run a program in-process and return its top-level bindings. */
export async function load(source: string): Promise<Map<string, Value>> {
  const dir = tempFiles({ "main.tnt": source });
  return loadProgram(join(dir, "main.tnt"));
}

/** The JavaScript generated for a program (compiled, not run). */
export async function generated(source: string): Promise<string> {
  const file = join(tempFiles({ "main.tnt": source }), "main.tnt");
  resetModules(file);
  const loaded = await compileAndLink(file, await parseFile(file, source), await allGlobals());
  return loaded.unit.code;
}

const NTNT = join(import.meta.dir, "../../ntnt");

/** Run `ntnt run` on a program; returns exit code, stdout and stderr. */
export async function runCli(source: string, extra: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const dir = tempFiles({ "main.tnt": source, ...extra });
  const proc = Bun.spawn([NTNT, "run", "main.tnt"], { cwd: dir, stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
  const [out, err] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  return { code: await proc.exited, out, err };
}
