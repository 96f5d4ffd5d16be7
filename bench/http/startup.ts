/**
 * Start-up time: the compiled `dist/ntnt` (built with `npm run build` when missing or older
 * than src/) running bench/http/hello.tnt, repeated, median — next to `./ntnt run` from
 * source and plain `bun hello.js` as the floor.
 *
 *   bun bench/http/startup.ts [--runs N] [--no-build] [--json FILE]
 */

import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "../..");
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(opt("--runs") ?? 15);
const JSON_OUT = opt("--json");
const DIST = join(ROOT, "dist/ntnt");
const HELLO = "bench/http/hello.tnt";

/** Newest modification time of any file under dir. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

let build: { ran: boolean; ok: boolean; ms?: number } = { ran: false, ok: existsSync(DIST) };
if (!args.includes("--no-build") && (!existsSync(DIST) || statSync(DIST).mtimeMs < newest(join(ROOT, "src")))) {
  const t0 = performance.now();
  const r = Bun.spawnSync(["npm", "run", "build"], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  build = { ran: true, ok: r.exitCode === 0, ms: performance.now() - t0 };
  if (!build.ok) console.error(`npm run build failed:\n${r.stderr.toString().slice(-1500)}`);
}

/** Median of a non-empty list. */
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Runs cmd RUNS times after one unmeasured run (page cache); wall-clock ms per run. */
function time(name: string, cmd: string[]) {
  const ms: number[] = [];
  let out = "",
    err = "",
    ok = true;
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const r = Bun.spawnSync(cmd, { cwd: ROOT, stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
    const t = performance.now() - t0;
    out = r.stdout.toString();
    err = r.stderr.toString();
    ok &&= r.exitCode === 0 && out === "Hello, World!\n";
    if (i > 0) ms.push(t);
  }
  const row = { name, cmd: cmd.join(" ").replace(ROOT + "/", ""), median_ms: median(ms), min_ms: Math.min(...ms), max_ms: Math.max(...ms), ok, runs: ms };
  console.log(
    `${name.padEnd(22)} median ${row.median_ms.toFixed(1).padStart(6)} ms  min ${row.min_ms.toFixed(1).padStart(6)} ms  ${ok ? "" : "FAILED: " + (err || out).trim().split("\n")[0]}`,
  );
  return row;
}

const rows = [];
if (existsSync(DIST)) rows.push(time("dist/ntnt run", [DIST, "run", HELLO]));
rows.push(time("./ntnt run (source)", [join(ROOT, "ntnt"), "run", HELLO]));
rows.push(time("bun hello.js (floor)", [process.execPath, "bench/http/hello.js"]));
if (JSON_OUT) {
  mkdirSync(dirname(resolve(JSON_OUT)), { recursive: true });
  writeFileSync(JSON_OUT, JSON.stringify({ runs: RUNS, build, results: rows }, null, 1));
}
