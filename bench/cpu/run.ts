/**
 * CPU benchmarks: every bench/cpu/NAME.tnt against its plain-JS twin NAME.js.
 *
 *   bun bench/cpu/run.ts [--reps N] [--only a,b] [--mode inproc|process] [--metric wall|cpu]
 *                        [--timeout S] [--json FILE] [--base NAME=DIR] [--modules]
 *
 * Each repetition runs in a fresh process, JS and NTNT alternating, and the table shows the
 * median. `inproc` (default) times inside the child (bench/cpu/child.ts), after start-up:
 * for NTNT that is parse + compile + run as `ntnt run` does it (runProgram). The fixed part of it
 * (the median of baseline.tnt, `print(1)`) is shown separately, with the ratio computed both
 * with and without it. `process` times `bun NAME.js` / `./ntnt run NAME.tnt` from outside and
 * subtracts the median of baseline.js / baseline.tnt instead. `--metric cpu` compares process
 * CPU time instead of wall time (steadier when other jobs share the machine; inproc only).
 * `--base NAME=DIR` also runs each NTNT program through another checkout's engine (DIR, e.g. a
 * `git worktree` of the commit before a change), alternating with this one in every
 * repetition, and shows NTNT/NAME: a before/after pairing made under the same machine load.
 * NTNT's code is what `ntnt run` runs from source: the run bundle's bytecode while the bundle
 * is fresh (`npm run prepare` rebuilds it), else the modules; `--modules` always the modules.
 * The table's last line says which, for each checkout.
 * Both programs must print the same lines; a mismatch is reported. A benchmark, not a test:
 * slowness never fails the run.
 */

import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { median } from "../stats";

const HERE = import.meta.dir;
const ROOT = resolve(HERE, "../..");
const BUN = process.execPath;
const TARGET = 3;

type Base = { name: string; dir: string };
type Opts = {
  reps: number;
  only: string[];
  mode: "inproc" | "process";
  metric: "wall" | "cpu";
  timeoutS: number;
  json: string;
  base: Base | null;
  /** Time NTNT through its modules even where the run bundle is fresh. */
  modules: boolean;
};

function parseArgs(argv: string[]): Opts {
  const o: Opts = {
    reps: 5,
    only: [],
    mode: existsSync(join(ROOT, "src/engine/index.ts")) ? "inproc" : "process",
    metric: "wall",
    timeoutS: 120,
    json: join(ROOT, ".bench-results/cpu.json"),
    base: null,
    modules: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [a, v] = [argv[i], argv[i + 1]];
    // A flag given without its value falls through to the usage error, like a bad --mode.
    if (a === "--reps" && v !== undefined) (o.reps = Math.max(1, Number(v))), i++;
    else if (a === "--only" && v !== undefined) (o.only = v.split(",")), i++;
    else if (a === "--mode" && (v === "inproc" || v === "process")) (o.mode = v), i++;
    else if (a === "--metric" && (v === "wall" || v === "cpu")) (o.metric = v), i++;
    else if (a === "--timeout" && v !== undefined) (o.timeoutS = Number(v)), i++;
    else if (a === "--json" && v !== undefined) (o.json = resolve(v)), i++;
    else if (a === "--modules") o.modules = true;
    else if (a === "--base" && v !== undefined && /^[^=]+=.+$/.test(v)) {
      const [name, dir] = [v.slice(0, v.indexOf("=")), resolve(v.slice(v.indexOf("=") + 1))];
      if (!existsSync(join(dir, "bench/cpu/child.ts"))) {
        console.error(`--base ${v}: no bench/cpu/child.ts in ${dir}`);
        process.exit(2);
      }
      o.base = { name, dir };
      i++;
    } else {
      console.error(
        `unknown argument: ${a}\n` +
          "usage: bun bench/cpu/run.ts [--reps N] [--only a,b] [--mode inproc|process] [--metric wall|cpu] [--timeout S] [--json FILE] [--base NAME=DIR] [--modules]",
      );
      process.exit(2);
    }
  }
  if (o.base && o.mode !== "inproc") {
    console.error("--base needs --mode inproc (both checkouts timed inside the child process)");
    process.exit(2);
  }
  return o;
}

type Run = { ms: number | null; wallMs: number | null; cpuMs: number | null; rssMiB: number | null; stdout: string; error: string | null };

/** Where each checkout's NTNT code came from in its timed runs ("bundle" or "modules"; "?" for a child that does not say). */
const vias = new Map<string, Set<string>>();

/** Runs `cmd` in `cwd`, returning stdout, stderr, exit code and wall-clock ms; kills it after timeoutS. */
async function spawn(cmd: string[], timeoutS: number, cwd = ROOT, env: Record<string, string> = {}) {
  const t0 = performance.now();
  const p = Bun.spawn(cmd, { cwd, stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1", ...env } });
  let timedOut = false;
  const timer = setTimeout(() => ((timedOut = true), p.kill("SIGKILL")), timeoutS * 1000);
  const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  clearTimeout(timer);
  return { stdout, stderr, code, wallMs: performance.now() - t0, timedOut };
}

/** One timed run; `root` is the checkout whose engine runs an NTNT program (this one, or `--base`'s). */
async function runOnce(kind: "js" | "ntnt", file: string, o: Opts, root = ROOT): Promise<Run> {
  const cmd = o.mode === "inproc" ? [BUN, join(root, "bench/cpu/child.ts"), kind, file] : kind === "js" ? [BUN, file] : [join(root, "ntnt"), "run", file];
  const r = await spawn(cmd, o.timeoutS, root, o.modules ? { NTNT_BENCH_MODULES: "1" } : {});
  const fail = (error: string): Run => ({ ms: null, wallMs: null, cpuMs: null, rssMiB: null, stdout: r.stdout, error });
  if (r.timedOut) return fail(`timed out after ${o.timeoutS}s`);
  const tail = r.stderr.trimEnd().split("\n");
  const marker = tail.findLast((l) => l.startsWith("BENCH "));
  const stderr = tail
    .filter((l) => !l.startsWith("BENCH "))
    .join("\n")
    .trim();
  if (r.code !== 0) return fail(`exit ${r.code}: ${stderr.slice(0, 300)}`);
  if (o.mode === "process") return { ms: r.wallMs, wallMs: r.wallMs, cpuMs: null, rssMiB: null, stdout: r.stdout, error: null };
  if (!marker) return fail(`no timing line; stderr: ${stderr.slice(0, 300)}`);
  const m = JSON.parse(marker.slice(6));
  if (kind === "ntnt") vias.set(root, (vias.get(root) ?? new Set()).add(m.via ?? "?"));
  return { ms: o.metric === "cpu" ? m.cpuMs : m.ms, wallMs: m.ms, cpuMs: m.cpuMs, rssMiB: m.rssMiB, stdout: r.stdout, error: null };
}

const fmt = (n: number | null, d = 1) => (n === null ? "-" : n.toFixed(d));

type Row = {
  name: string;
  js_ms: number | null;
  ntnt_ms: number | null;
  ratio: number | null;
  ratio_without_fixed: number | null;
  ratio_other_clock: number | null;
  within_target: boolean;
  ntnt_rss_mib: number | null;
  output_matches: boolean;
  error: string | null;
  js_runs: { wallMs: number | null; cpuMs: number | null }[];
  ntnt_runs: { wallMs: number | null; cpuMs: number | null }[];
  /** With `--base`: the base checkout's median, NTNT ÷ it, the median of the repetitions' paired differences NTNT − base (and how many were lower), and its runs. */
  base_ms?: number | null;
  ratio_to_base?: number | null;
  paired_diff_ms?: number | null;
  paired_lower?: string;
  base_runs?: { wallMs: number | null; cpuMs: number | null }[];
};

/** The commit measured in `root`, with "+dirty" when src/ has uncommitted changes (others' work in progress). */
function revision(root = ROOT): string {
  const git = (...a: string[]) =>
    Bun.spawnSync(["git", ...a], { cwd: root })
      .stdout.toString()
      .trim();
  const head = git("rev-parse", "--short", "HEAD") || "unknown";
  return git("status", "--porcelain", "--", "src") ? `${head}+dirty` : head;
}

/** Median times of the trivial baseline programs (the fixed cost each run pays). */
async function baselines(o: Opts) {
  const base = { js: 0, ntnt: 0 };
  for (const kind of ["js", "ntnt"] as const) {
    const ms: number[] = [];
    for (let i = 0; i < Math.max(5, o.reps); i++) {
      const r = await runOnce(kind, join(HERE, `baseline.${kind === "js" ? "js" : "tnt"}`), o);
      if (r.ms !== null) ms.push(r.ms);
    }
    base[kind] = ms.length ? median(ms) : 0;
  }
  return base;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const names = readdirSync(HERE)
    .filter((f) => f.endsWith(".tnt") && f !== "baseline.tnt" && existsSync(join(HERE, f.replace(/\.tnt$/, ".js"))))
    .map((f) => basename(f, ".tnt"))
    .filter((n) => !o.only.length || o.only.includes(n))
    .sort();
  const load0 = loadavg()[0]!;
  const base = await baselines(o);
  // In process mode the baseline is process start-up and is subtracted from everything; in
  // inproc mode it is the NTNT per-program fixed cost, reported in its own ratio column.
  const sub = o.mode === "process" ? base : { js: 0, ntnt: 0 };

  console.log(
    `CPU benchmarks: ${o.reps} runs each, median of ${o.metric} time; ${
      o.mode === "inproc"
        ? `in-process timing (runProgram as ntnt run = parse+compile+run; process start-up excluded); NTNT fixed cost (print(1)) ${base.ntnt.toFixed(1)} ms`
        : `whole process minus start-up baseline (js ${base.js.toFixed(0)} ms, ntnt ${base.ntnt.toFixed(0)} ms)`
    }`,
  );
  const rev = revision();
  const baseRev = o.base ? revision(o.base.dir) : null;
  console.log(
    `ntnt ${rev}${o.base ? ` (${o.base.name}: ${baseRev} in ${o.base.dir})` : ""}, bun ${Bun.version}, ${cpus()[0]?.model ?? "cpu"} x${cpus().length}, load average ${load0.toFixed(1)}\n`,
  );

  const inproc = o.mode === "inproc";
  const altName = o.metric === "cpu" ? "wall" : "CPU";
  const rows: Row[] = [];
  for (const name of names) {
    const js: Run[] = [],
      nt: Run[] = [],
      bs: Run[] = [];
    for (let i = 0; i < o.reps; i++) {
      js.push(await runOnce("js", join(HERE, `${name}.js`), o));
      // The two engines take turns going first, so neither always runs right after the JS twin.
      if (o.base && i % 2 === 1) bs.push(await runOnce("ntnt", join(HERE, `${name}.tnt`), o, o.base.dir));
      nt.push(await runOnce("ntnt", join(HERE, `${name}.tnt`), o));
      if (o.base && i % 2 === 0) bs.push(await runOnce("ntnt", join(HERE, `${name}.tnt`), o, o.base.dir));
      // A program that failed or timed out once is not retried: it would only repeat.
      if (nt[nt.length - 1]!.error) break;
    }
    const ok = (rs: Run[]) => rs.filter((r) => r.ms !== null).map((r) => r.ms!);
    const jsMs = ok(js).length ? Math.max(0, median(ok(js)) - sub.js) : null;
    const ntMs = ok(nt).length ? Math.max(0, median(ok(nt)) - sub.ntnt) : null;
    const ratio = jsMs !== null && ntMs !== null ? ntMs / Math.max(jsMs, 0.01) : null;
    const baseMs = ok(bs).length ? median(ok(bs)) : null;
    // The same ratio by the other clock (CPU when timing wall, and vice versa), for comparison.
    const alt = (rs: Run[]) => rs.map((r) => (o.metric === "cpu" ? r.wallMs : r.cpuMs)).filter((x): x is number => x !== null);
    const altRatio = inproc && alt(js).length && alt(nt).length ? median(alt(nt)) / Math.max(median(alt(js)), 0.01) : null;
    const ratioNoFixed = o.mode === "inproc" && jsMs !== null && ntMs !== null ? Math.max(0, ntMs - base.ntnt) / Math.max(jsMs, 0.01) : null;
    const expected = js.find((r) => !r.error)?.stdout;
    const bad = [...nt, ...bs].find((r) => !r.error && expected !== undefined && r.stdout !== expected);
    const error = nt.find((r) => r.error)?.error ?? js.find((r) => r.error)?.error ?? bs.find((r) => r.error)?.error ?? null;
    const rss = nt.map((r) => r.rssMiB).filter((x): x is number => x !== null);
    const row: Row = {
      name,
      js_ms: jsMs,
      ntnt_ms: ntMs,
      ratio,
      ratio_without_fixed: ratioNoFixed,
      ratio_other_clock: altRatio,
      within_target: ratio !== null && ratio <= TARGET,
      ntnt_rss_mib: rss.length ? median(rss) : null,
      output_matches: !bad,
      error,
      js_runs: js.map(({ wallMs, cpuMs }) => ({ wallMs, cpuMs })),
      ntnt_runs: nt.map(({ wallMs, cpuMs }) => ({ wallMs, cpuMs })),
    };
    if (o.base) {
      row.base_ms = baseMs;
      row.ratio_to_base = ntMs !== null && baseMs !== null ? ntMs / Math.max(baseMs, 0.01) : null;
      // Each repetition ran both checkouts back to back: their difference is steadier than the medians'.
      const diffs = nt.flatMap((r, i) => (r.ms !== null && bs[i]?.ms != null ? [r.ms - bs[i]!.ms!] : []));
      row.paired_diff_ms = diffs.length ? median(diffs) : null;
      row.paired_lower = `${diffs.filter((d) => d < 0).length}/${diffs.length}`;
      row.base_runs = bs.map(({ wallMs, cpuMs }) => ({ wallMs, cpuMs }));
    }
    rows.push(row);
    const note = error ? `ERROR ${error.split("\n")[0]}` : bad ? "output differs from JS" : "";
    console.log(
      `${name.padEnd(8)} js ${fmt(jsMs).padStart(8)} ms   ntnt ${fmt(ntMs).padStart(9)} ms   ${ratio === null ? "-" : ratio.toFixed(2) + "x"}` +
        `${o.base ? `   ${o.base.name} ${fmt(baseMs).padStart(9)} ms   ntnt/${o.base.name} ${fmt(row.ratio_to_base ?? null, 2)}   paired ${fmt(row.paired_diff_ms ?? null)} ms (${row.paired_lower} lower)` : ""}  ${note}`,
    );
    if (bad) console.log(`  js:   ${JSON.stringify(expected!.slice(0, 200))}\n  ntnt: ${JSON.stringify(bad.stdout.slice(0, 200))}`);
  }
  const load1 = loadavg()[0]!;

  const ratios = rows.map((r) => r.ratio).filter((x): x is number => x !== null && x > 0);
  const geo = ratios.length ? Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length) : null;
  console.log(
    `\n| benchmark | JS ms | NTNT ms | NTNT/JS | ≤${TARGET}× |${inproc ? ` (NTNT − fixed)/JS | NTNT/JS by ${altName} time |` : ""} NTNT RSS MiB | output |`,
  );
  console.log(`|---|---:|---:|---:|:-:|${inproc ? "---:|---:|" : ""}---:|---|`);
  for (const r of rows) {
    const out = r.error ? `error: ${r.error.split("\n")[0]!.slice(0, 60)}` : r.output_matches ? "same" : "DIFFERS";
    console.log(
      `| ${r.name} | ${fmt(r.js_ms)} | ${fmt(r.ntnt_ms)} | ${fmt(r.ratio, 2)} | ${r.ratio === null ? "-" : r.within_target ? "yes" : "no"} |` +
        `${inproc ? ` ${fmt(r.ratio_without_fixed, 2)} | ${fmt(r.ratio_other_clock, 2)} |` : ""} ${fmt(r.ntnt_rss_mib, 0)} | ${out} |`,
    );
  }
  const viaOf = (root: string) => [...(vias.get(root) ?? [])].join("+") || "-";
  console.log(`\nNTNT's code from: ${viaOf(ROOT)}${o.base ? ` (${o.base.name}: ${viaOf(o.base.dir)})` : ""}`);
  if (!o.modules && inproc && viaOf(ROOT) === "modules") {
    console.log("note: the run bundle is stale, so NTNT ran from its modules, not as `ntnt run` runs (npm run prepare rebuilds the bundle)");
  }
  if (geo !== null) console.log(`geometric mean NTNT/JS: ${geo.toFixed(2)}`);
  const toBase = rows.map((r) => r.ratio_to_base).filter((x): x is number => typeof x === "number" && x > 0);
  if (o.base && toBase.length) {
    console.log(`geometric mean NTNT/${o.base.name}: ${Math.exp(toBase.reduce((s, r) => s + Math.log(r), 0) / toBase.length).toFixed(2)}`);
  }
  if (Math.max(load0, load1) > cpus().length) {
    console.log(
      `note: load average ${load0.toFixed(1)} → ${load1.toFixed(1)} on ${cpus().length} cores: other jobs shared the CPU; absolute times are inflated${o.metric === "wall" ? " (--metric cpu is steadier)" : ""}`,
    );
  }

  mkdirSync(dirname(o.json), { recursive: true });
  writeFileSync(
    o.json,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        revision: rev,
        base: o.base ? { ...o.base, revision: baseRev, via: viaOf(o.base.dir) } : null,
        via: viaOf(ROOT),
        bun: Bun.version,
        cpu: cpus()[0]?.model,
        cores: cpus().length,
        load_average: [load0, load1],
        mode: o.mode,
        metric: o.metric,
        reps: o.reps,
        baseline_ms: base,
        target_ratio: TARGET,
        geomean_ratio: geo,
        results: rows,
      },
      null,
      1,
    ),
  );
  console.log(`results: ${relative(process.cwd(), o.json) || o.json}`);
}

await main();
