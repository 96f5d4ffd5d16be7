/** The strerror texts of OS errors are written once, in src/runtime/os-error.ts; everything else asks it. */

import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { SRC, sourceFiles } from "./source-files";

const TABLE = "runtime/os-error.ts";

test("no file but the OS error table spells an OS error text", () => {
  const table = readFileSync(join(SRC, TABLE), "utf8");
  const texts = [...table.matchAll(/\[\d+, "([^"]+)"\]/g)].map((m) => m[1]!);
  expect(texts).toContain("No such file or directory");
  const found: string[] = [];
  for (const file of sourceFiles()) {
    const rel = relative(SRC, file);
    if (rel === TABLE) continue;
    const text = readFileSync(file, "utf8");
    // A whole quoted text (a second table) or one written with its errno.
    for (const t of texts) if (text.includes(`"${t}"`) || text.includes(`${t} (os error`)) found.push(`${rel}: ${t}`);
    if (text.includes("(os error")) found.push(`${rel}: (os error`);
  }
  expect(found).toEqual([]);
});
