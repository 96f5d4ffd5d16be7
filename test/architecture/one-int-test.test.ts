/** "Is this value an Int?" is written once, as isInt in src/runtime/values.ts; everything else calls it. */

import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { SRC, sourceFiles } from "./source-files";

// `typeof v === "number" || typeof v === "bigint"`, either way round.
const INT_TEST = /typeof (\w+) === "(?:number|bigint)" \|\| typeof \1 === "(?:number|bigint)"/;

test("no file but runtime/values.ts spells out the Int test", () => {
  expect(INT_TEST.test('const isInt = (v: Value): v is number | bigint => typeof v === "number" || typeof v === "bigint";')).toBe(true);
  const found: string[] = [];
  for (const file of sourceFiles()) {
    const rel = relative(SRC, file);
    if (rel === "runtime/values.ts") continue;
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (INT_TEST.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(found).toEqual([]);
});
