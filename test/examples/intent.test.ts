/** examples/intent: the README's worked example passes its own intent file. */

import { expect, test } from "bun:test";
import { join } from "node:path";
import { freePort } from "../support/ntnt-app";

const ROOT = join(import.meta.dir, "..", "..");

test("ntnt intent check examples/intent/server.tnt passes every feature", async () => {
  const proc = Bun.spawn([join(ROOT, "ntnt"), "intent", "check", "examples/intent/server.tnt", "--port", String(await freePort())], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1" },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  expect(stderr).toBe("");
  expect(stdout).toContain("✓ Home  1 scenarios\n✓ Tasks  2 scenarios\n✓ Slugs  4 scenarios\n");
  expect(stdout).toContain("Features: 3 total, 3 passed, 0 failed\nScenarios: 7 passed, 0 failed, 0 skipped\nAssertions: 20 passed, 0 failed\n");
  expect(code).toBe(0);
}, 60_000);
