/**
 * Language corpus: every `test/programs/**\/NAME.tnt` (outside `lib/` folders) is run with
 * `./ntnt run NAME.tnt` from its own folder. stdout must equal `NAME.out` exactly; when
 * `NAME.err` exists the exit code must be 1 and stderr must contain its text, else the exit
 * code must be 0 and stderr empty.
 * Programs run in a bounded pool while the tests await their own results in order, so the
 * report stays per program. `NTNT_PROGRAMS=regex` selects a subset.
 */

import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";

const ROOT = join(import.meta.dir, "..");
const PROGRAMS = join(import.meta.dir, "programs");
// NTNT_BIN runs the corpus against another build, e.g. the compiled dist/ntnt (CI does).
const NTNT = process.env.NTNT_BIN ? resolve(process.env.NTNT_BIN) : join(ROOT, "ntnt");
const TIMEOUT_MS = 10_000;
const JOBS = Number(process.env.NTNT_TEST_JOBS) || Math.min(4, Math.max(2, availableParallelism()));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

const filter = process.env.NTNT_PROGRAMS ? new RegExp(process.env.NTNT_PROGRAMS) : null;
const files = [...new Bun.Glob("**/*.tnt").scanSync(PROGRAMS)]
  .filter((f) => !f.split("/").includes("lib"))
  .filter((f) => !filter || filter.test(f))
  .sort();

const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1" };
delete env.NTNT_STRICT;

async function runProgram(rel: string): Promise<Result> {
  const file = join(PROGRAMS, rel);
  const proc = Bun.spawn([NTNT, "run", basename(file)], {
    cwd: dirname(file),
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    timeout: TIMEOUT_MS,
    killSignal: "SIGKILL",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr, timedOut: proc.signalCode === "SIGKILL" };
}

/** Start every program through a pool of JOBS workers; results are awaited by the tests. */
function startPool(items: string[]): Map<string, Promise<Result>> {
  const results = new Map<string, Promise<Result>>();
  const resolvers = new Map<string, (r: Result) => void>();
  for (const item of items) results.set(item, new Promise((res) => resolvers.set(item, res)));
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      resolvers.get(item)!(await runProgram(item));
    }
  };
  for (let i = 0; i < JOBS; i++) void worker();
  return results;
}

const readIf = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : null);

let pool: Map<string, Promise<Result>> | null = null;

describe("programs", () => {
  for (const rel of files) {
    const base = join(PROGRAMS, rel.replace(/\.tnt$/, ""));
    test(
      relative(PROGRAMS, base),
      async () => {
        pool ??= startPool(files);
        const result = await pool.get(rel)!;
        const expectedOut = readIf(`${base}.out`) ?? "";
        const expectedErr = readIf(`${base}.err`);
        const where = `${rel}\n--- stderr ---\n${result.stderr}`;
        expect(result.timedOut, `timed out after ${TIMEOUT_MS} ms: ${rel}`).toBe(false);
        expect(result.stdout, where).toBe(expectedOut);
        if (expectedErr !== null) {
          expect(result.code, where).toBe(1);
          expect(result.stderr).toContain(expectedErr.replace(/\n$/, ""));
        } else {
          expect(result.code, where).toBe(0);
          expect(result.stderr, rel).toBe("");
        }
      },
      TIMEOUT_MS * (JOBS + 2),
    );
  }
});
