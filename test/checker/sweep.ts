/** The programs the checker must accept without a single error (the zero-false-error sweep). */

import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "../..");
const CONFORMANCE = resolve(ROOT, "../shared/conformance");

function tntFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) tntFiles(p, out);
    else if (name.endsWith(".tnt")) out.push(p);
  }
  return out;
}

/** Every `.tnt` under test/programs, the intent apps, and the conformance programs that exit 0 (written to a temp dir). */
export function sweepFiles(): string[] {
  const files = [...tntFiles(join(ROOT, "test/programs")), ...tntFiles(join(CONFORMANCE, "intent-apps"))];
  const casesPath = join(CONFORMANCE, "cases.json");
  if (existsSync(casesPath)) {
    const cases = JSON.parse(require("node:fs").readFileSync(casesPath, "utf8")) as { id: string; code?: string; expect: Record<string, unknown>[] }[];
    const dir = mkdtempSync(join(tmpdir(), "ntnt-sweep-"));
    cases.forEach((c, i) => {
      if (typeof c.code !== "string" || !c.expect.some((e) => e.exit_code === 0)) return;
      const file = join(dir, `case${i}.tnt`);
      writeFileSync(file, c.code);
      files.push(file);
    });
  }
  return files;
}
