/**
 * The CI scripts themselves: scripts/conformance.sh and .ci/run, each copied into a scratch
 * repository layout with stand-ins for run.py, npm, tsc and bun, so the checks run in a
 * second and cannot be bypassed unnoticed (a missing cases folder in CI, a floor file
 * without a number, a failing type check hiding the summary, a hanging test).
 */

import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");
const scratch: string[] = [];
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

/** A scratch repo with the real script at `rel` and the given files (content; executable when the path is under a bin folder or ends in .sh). */
function repo(rel: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ntnt-ci-"));
  scratch.push(dir);
  mkdirSync(join(dir, rel, ".."), { recursive: true });
  copyFileSync(join(ROOT, rel), join(dir, rel));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
    if (/(^|\/)(bin|\.bin)\//.test(path) || path.endsWith(".sh")) chmodSync(join(dir, path), 0o755);
  }
  return dir;
}

function run(cmd: string[], cwd: string, env: Record<string, string | undefined>): { code: number; out: string } {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined && k !== "CI") clean[k] = v;
  if (env.CI !== undefined) clean.CI = env.CI;
  const p = Bun.spawnSync(cmd, { cwd, env: clean, stdout: "pipe", stderr: "pipe", timeout: 30_000 });
  return { code: p.exitCode ?? -1, out: p.stdout.toString() + p.stderr.toString() };
}

/** A stand-in run.py that reports `passed` cases (or prints no summary when null). */
const runPy = (passed: number | null) =>
  passed === null ? "print('crashed before the summary')\n" : `print('conformance: ${passed} passed, 0 failed, 0 skipped')\n`;

describe("scripts/conformance.sh", () => {
  const SCRIPT = "scripts/conformance.sh";
  const conformance = (files: Record<string, string>, args: string[], env: Record<string, string | undefined> = {}) => {
    const dir = repo(SCRIPT, files);
    return run(["bash", SCRIPT, ...args], dir, { NTNT_CONFORMANCE_DIR: join(dir, "conf"), ...env });
  };
  const cases = (passed: number | null) => ({ "conf/run.py": runPy(passed), "conf/cases.json": "[]", "conf/tooling/cases.json": "[]" });

  test("a missing cases folder is skipped locally but fails in CI", () => {
    const local = conformance({ "test/conformance-floor.txt": "5\n" }, []);
    expect(local.code).toBe(0);
    expect(local.out).toContain("skipped");
    for (const ci of ["true", "1"]) {
      const inCi = conformance({ "test/conformance-floor.txt": "5\n" }, [], { CI: ci });
      expect(inCi.code).toBe(1);
      expect(inCi.out).toContain("failing because CI is set");
    }
    expect(conformance({ "test/conformance-floor.txt": "5\n" }, ["tooling"], { CI: "true" }).code).toBe(1);
  });

  test("a floor file without a number, or none at all, fails", () => {
    for (const floor of [{ "test/conformance-floor.txt": "none yet\n" }, {}] as Array<Record<string, string>>) {
      const r = conformance({ ...cases(5), ...floor }, []);
      expect(r.code).toBe(1);
      expect(r.out).toContain("missing or holds no number");
    }
  });

  test("the floor is compared with run.py's count, per suite", () => {
    const met = conformance({ ...cases(5), "test/conformance-floor.txt": "5\n" }, []);
    expect(met.code).toBe(0);
    expect(met.out).toContain("conformance (language): floor 5 met (5 passed)");
    const below = conformance({ ...cases(4), "test/conformance-floor.txt": "5\n" }, []);
    expect(below.code).toBe(1);
    expect(below.out).toContain("4 passed is below the floor of 5");
    const tooling = conformance({ ...cases(7), "test/conformance-floor.txt": "1\n", "test/conformance-tooling-floor.txt": "8\n" }, ["tooling", "--jobs", "2"]);
    expect(tooling.code).toBe(1);
    expect(tooling.out).toContain("7 passed is below the floor of 8 (test/conformance-tooling-floor.txt)");
    const noSummary = conformance({ ...cases(null), "test/conformance-floor.txt": "0\n" }, []);
    expect(noSummary.code).toBe(1);
    expect(noSummary.out).toContain("no summary line");
  });
});

describe(".ci/run", () => {
  const SCRIPT = ".ci/run";
  /** Stand-ins: npm, the parser build, tsc, bun test and conformance.sh, each as told; lint, knip and the binary check pass. */
  const ci = (tsc: string, bunTest: string, env: Record<string, string> = {}) => {
    const dir = repo(SCRIPT, {
      "package-lock.json": "{}",
      "bin/npm": "#!/bin/sh\necho npm $*\n",
      "scripts/build-parser.mjs": "console.log('parser built')\n",
      "node_modules/.bin/tsc": `#!/bin/sh\n${tsc}\n`,
      "node_modules/.bin/bun": `#!/bin/sh\n${bunTest}\n`,
      "node_modules/.bin/biome": "#!/bin/sh\nexit 0\n",
      "node_modules/.bin/knip": "#!/bin/sh\nexit 0\n",
      "scripts/check-binary.sh": "exit 0\n",
      "scripts/conformance.sh": 'echo "conformance ($1): floor 5 met (5 passed)"\n',
    });
    return { dir, ...run(["bash", SCRIPT], dir, { PATH: `${join(dir, "bin")}:${process.env.PATH}`, ...env }) };
  };

  test("a failing type check still leaves the tests, conformance and the summary", () => {
    const r = ci("echo 'src/x.ts(1,1): error TS2322'; exit 2", "echo ' 3 pass'; echo ' 0 fail'");
    expect(r.code).toBe(1);
    const summary = r.out.slice(r.out.lastIndexOf("install: ok"));
    expect(summary).toContain("typecheck: failed (exit 2)");
    expect(summary).toContain("tests: 3 passed, 0 failed");
    expect(summary).toContain("conformance (tooling): floor 5 met (5 passed)");
    expect(summary).toMatch(/ci: finished in \d+s; 1 step\(s\) failed/);
  });

  test("a hanging test step times out, its children too, and the summary says so", async () => {
    const started = Date.now();
    const r = ci("exit 0", "echo ' 2 pass'; sleep 600 & echo $! > sleeper.pid; wait", { NTNT_CI_TEST_TIMEOUT: "2" });
    const ms = Date.now() - started;
    const sleeper = Number(readFileSync(join(r.dir, "sleeper.pid"), "utf8"));
    const running = () => existsSync(`/proc/${sleeper}`) && !readFileSync(`/proc/${sleeper}/stat`, "utf8").includes(") Z ");
    for (let i = 0; i < 40 && running(); i++) await Bun.sleep(50);
    const sleeperLeft = running();
    if (sleeperLeft) process.kill(sleeper, "SIGKILL");
    expect(sleeperLeft).toBe(false);
    expect(ms).toBeLessThan(20_000);
    expect(r.code).toBe(1);
    expect(r.out).toContain("tests: timed out after 2s");
    expect(r.out).toContain("conformance (language): floor 5 met (5 passed)");
  });

  test("all green exits 0", () => {
    const r = ci("exit 0", "echo ' 3 pass'; echo ' 0 fail'");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ci: finished in \d+s; 0 step\(s\) failed/);
  });
});
