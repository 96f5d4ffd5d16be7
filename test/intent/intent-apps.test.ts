/**
 * `ntnt intent check` on the reference's example apps (../shared/conformance/intent-apps) must
 * give the reference's verdicts (expected.json): per-feature pass/fail, scenario counts by
 * status, assertion counts and the exit code. The folder lives outside the repository; when it
 * is missing this test fails instead of skipping.
 */

import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { freePort } from "../support/ntnt-app";

const APPS = join(import.meta.dir, "..", "..", "..", "shared", "conformance", "intent-apps");
const LAUNCHER = join(import.meta.dir, "..", "..", "ntnt");

interface Expected {
  features: Record<string, boolean>;
  scenarios: { pass: number; fail: number; warning: number; skip: number };
  assertions: { pass: number; fail: number };
  exit: number;
}

interface Report {
  features: { feature_name: string; passed: boolean; scenarios?: { status: string }[] }[];
  components: { scenarios: { status: string }[] }[];
  passed_assertions: number;
  failed_assertions: number;
}

describe("intent check on the reference's example apps", () => {
  test("the apps and their verdicts are present", () => {
    expect(
      existsSync(join(APPS, "expected.json")),
      `${APPS}/expected.json is missing: the intent-apps conformance folder must be checked out next to the project`,
    ).toBe(true);
  });

  const expected: Record<string, Expected> = existsSync(join(APPS, "expected.json")) ? JSON.parse(readFileSync(join(APPS, "expected.json"), "utf8")) : {};
  for (const [intentFile, want] of Object.entries(expected)) {
    test(intentFile, async () => {
      const dir = join(APPS, dirname(intentFile));
      const port = await freePort();
      const proc = Bun.spawn(
        [LAUNCHER, "intent", "check", "server.tnt", "--intent", intentFile.slice(intentFile.indexOf("/") + 1), "--json", "--port", String(port)],
        {
          cwd: dir,
          stdout: "pipe",
          stderr: "pipe",
          env: { ...process.env, NO_COLOR: "1" },
        },
      );
      const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
      let report: Report;
      try {
        report = JSON.parse(stdout);
      } catch {
        throw new Error(`no JSON report (exit ${code}); stderr: ${stderr}\nstdout: ${stdout.slice(0, 500)}`);
      }
      const statuses = [...report.features.flatMap((f) => f.scenarios ?? []), ...report.components.flatMap((c) => c.scenarios)].map((s) => s.status);
      const count = (status: string) => statuses.filter((s) => s === status).length;
      expect({
        features: Object.fromEntries(report.features.map((f) => [f.feature_name, f.passed])),
        scenarios: { pass: count("pass"), fail: count("fail"), warning: count("warning"), skip: count("skip") },
        assertions: { pass: report.passed_assertions, fail: report.failed_assertions },
        exit: code,
      }).toEqual(want);
    }, 120_000);
  }
});
