/** `ntnt run` starts with reluctant JIT thresholds (src/engine/jit-policy.ts); the program's own code must not inherit them. */

import { expect, test } from "bun:test";
import { join } from "node:path";
import { runFile } from "../../src/engine/index";
import { jitScale, startupJit } from "../../src/engine/jit-policy";
import { tempFiles } from "./helpers";

test("a program runs with JavaScriptCore's normal JIT thresholds after a start-up with reluctant ones", async () => {
  const dir = tempFiles({ "main.tnt": "let total = 0\nfor i in 0..1000 { total = total + i }\n" });
  startupJit();
  expect(jitScale()).toBeGreaterThan(1);
  expect(await runFile(join(dir, "main.tnt"))).toBe(0);
  expect(jitScale()).toBe(1);
});
