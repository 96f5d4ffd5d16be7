/**
 * On-demand mutation check (`npm run mutate [-- --only REGEX]`): applies each one-line break
 * of scripts/mutants.json to a scratch copy of the worktree, runs the tests that should
 * catch it, and writes docs/mutation.md listing which breaks the tests killed and which
 * survived. The worktree itself is never edited, so an interrupted run leaves nothing broken.
 */

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

interface Mutant {
  id: string;
  file: string;
  find: string;
  replace: string;
  tests: string[];
  /** Extra environment for the test run (e.g. NTNT_PROGRAMS to pick corpus folders). */
  env?: Record<string, string>;
}

type Outcome = "killed" | "survived" | "timed out" | "not applied";

const ROOT = join(import.meta.dir, "..");
const BUN = join(ROOT, "node_modules", ".bin", "bun");
/** Per mutant; a break that makes a test hang is reported as "timed out" (caught, but slowly). */
const LIMIT_MS = 120_000;

const only = process.argv.includes("--only") ? new RegExp(process.argv[process.argv.indexOf("--only") + 1]!) : null;
const mutants = (JSON.parse(readFileSync(join(import.meta.dir, "mutants.json"), "utf8")) as Mutant[]).filter((m) => !only || only.test(m.id));

/** A copy of the tracked files (as they are in the worktree) sharing node_modules. */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "ntnt-mutate-"));
  // Tracked files and new ones not yet added (a test being written), never ignored ones.
  const files = Bun.spawnSync(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT })
    .stdout.toString()
    .split("\0")
    .filter(Boolean);
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    try {
      cpSync(join(ROOT, f), join(dir, f));
    } catch {
      // deleted in the worktree but not yet in the index
    }
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  // The generated parser, Elysia bytecode and CLI bundles are not tracked: build them as an install does.
  const bin = join(ROOT, "node_modules", ".bin");
  const prepare = Bun.spawnSync(["npm", "run", "prepare"], {
    cwd: dir,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    stdout: "ignore",
    stderr: "pipe",
  });
  if (prepare.exitCode !== 0) throw new Error(`npm run prepare failed in the scratch copy:\n${prepare.stderr.toString().slice(-2000)}`);
  return dir;
}

/** Run the mutant's tests in `dir`: true when they all pass. */
async function testsPass(dir: string, m: Mutant): Promise<boolean | "timeout"> {
  const proc = Bun.spawn([BUN, "test", "--bail", ...m.tests.map((t) => `./${t}`)], {
    cwd: dir,
    env: { ...process.env, ...m.env },
    stdout: "ignore",
    stderr: "ignore",
    timeout: LIMIT_MS,
    killSignal: "SIGKILL",
    // Its own process group: servers a broken test left running are killed with it below.
    detached: true,
  });
  const code = await proc.exited;
  const timedOut = proc.signalCode === "SIGKILL";
  try {
    process.kill(-proc.pid, "SIGKILL");
  } catch {
    // nothing left in the group
  }
  if (timedOut) return "timeout";
  return code === 0;
}

async function main(): Promise<void> {
  const dir = scratchCopy();
  const results: Array<{ m: Mutant; outcome: Outcome }> = [];
  try {
    const baselines = new Map<string, boolean | "timeout">();
    for (const m of mutants) {
      const key = `${m.tests.join(" ")} ${JSON.stringify(m.env ?? {})}`;
      if (!baselines.has(key)) baselines.set(key, await testsPass(dir, m));
      if (baselines.get(key) !== true) throw new Error(`the unmutated code fails ${key}: fix that first`);
      const path = join(dir, m.file);
      const original = existsSync(path) ? readFileSync(path, "utf8") : "";
      let outcome: Outcome;
      if (original.split(m.find).length !== 2) outcome = "not applied";
      else {
        writeFileSync(path, original.replace(m.find, m.replace));
        const pass = await testsPass(dir, m);
        writeFileSync(path, original);
        outcome = pass === "timeout" ? "timed out" : pass ? "survived" : "killed";
      }
      results.push({ m, outcome });
      process.stdout.write(`${outcome.padEnd(11)} ${m.id}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (only) return;
  writeFileSync(join(ROOT, "docs", "mutation.md"), report(results));
  process.stdout.write("wrote docs/mutation.md\n");
}

/** docs/mutation.md: the survivors first, then every break with its outcome. */
function report(results: Array<{ m: Mutant; outcome: Outcome }>): string {
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  const commit = Bun.spawnSync(["git", "rev-parse", "--short", "HEAD"], { cwd: ROOT }).stdout.toString().trim();
  // Table cells: newlines shown as ⏎, pipes escaped so they do not split the cell.
  const code = (s: string) => `\`${s.replace(/\n/g, "⏎").replace(/`/g, "'").replace(/\|/g, "\\|").trim() || "(deleted)"}\``;
  const row = ({ m, outcome }: { m: Mutant; outcome: Outcome }) =>
    `| ${m.id} | ${m.file} | ${code(m.find)} → ${code(m.replace)} | ${m.tests.join(", ")} | ${outcome} |`;
  const survivors = results.filter((r) => r.outcome !== "killed");
  return [
    "# Mutation check",
    "",
    "`npm run mutate` (scripts/mutate.ts) applies each one-line break listed in",
    "`scripts/mutants.json` to a scratch copy of the repository and runs the tests named for it;",
    "a break the tests do not notice *survived*. Add a break there for every behaviour a test",
    "should pin; run `npm run mutate -- --only REGEX` to try some without rewriting this file.",
    "",
    `Last run at ${commit}: ${results.length} breaks, ${count("killed")} killed, ${count("survived")} survived, ${count("timed out")} timed out, ${count("not applied")} not applied${count("not applied") > 0 ? " (the text to break is gone: update the list)" : ""}.`,
    "",
    "## Survivors",
    "",
    survivors.length === 0 ? "None." : ["| break | file | change | tests | outcome |", "|---|---|---|---|---|", ...survivors.map(row)].join("\n"),
    "",
    "## All breaks",
    "",
    "| break | file | change | tests | outcome |",
    "|---|---|---|---|---|",
    ...results.map(row),
    "",
  ].join("\n");
}

await main();
