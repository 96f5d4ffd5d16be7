/**
 * CPU benchmarks: every bench/cpu/NAME.tnt against its plain-JS twin NAME.js.
 *
 *   bun bench/cpu/run.ts [--reps N] [--only a,b] [--mode inproc|process] [--metric wall|cpu]
 *                        [--timeout S] [--json FILE]
 *
 * Each repetition runs in a fresh process, JS and NTNT alternating, and the table shows the
 * median. `inproc` (default) times inside the child (bench/cpu/child.ts), after start-up:
 * for NTNT that is parse + compile + run through the engine's runFile. The fixed part of it
 * (the median of baseline.tnt, `print(1)`) is shown separately, with the ratio computed both
 * with and without it. `process` times `bun NAME.js` / `./ntnt run NAME.tnt` from outside and
 * subtracts the median of baseline.js / baseline.tnt instead. `--metric cpu` compares process
 * CPU time instead of wall time (steadier when other jobs share the machine; inproc only).
 * Both programs must print the same lines; a mismatch is reported. A benchmark, not a test:
 * slowness never fails the run.
 */

import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";

const HERE = import.meta.dir;
const ROOT = resolve(HERE, "../..");
const BUN = process.execPath;
const TARGET = 3;

type Opts = { reps: number; only: string[]; mode: "inproc" | "process"; metric: "wall" | "cpu"; timeoutS: number; json: string };

function parseArgs(argv: string[]): Opts {
  const o: Opts = {
    reps: 5,
    only: [],
    mode: existsSync(join(ROOT, "src/engine/index.ts")) ? "inproc" : "process",
    metric: "wall",
    timeoutS: 120,
    json: join(ROOT, ".bench-results/cpu.json"),
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
    else {
      console.error(
        `unknown argument: ${a}\n` +
          "usage: bun bench/cpu/run.ts [--reps N] [--only a,b] [--mode inproc|process] [--metric wall|cpu] [--timeout S] [--json FILE]",
      );
      process.exit(2);
    }
  }
  return o;
}

type Run = { ms: number | null; wallMs: number | null; cpuMs: number | null; rssMiB: number | null; stdout: string; error: string | null };

/** Runs `cmd`, returning stdout, stderr, exit code and wall-clock ms; kills it after timeoutS. */
async function spawn(cmd: string[], timeoutS: number) {
  const t0 = performance.now();
  const p = Bun.spawn(cmd, { cwd: ROOT, stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
  let timedOut = false;
  const timer = setTimeout(() => ((timedOut = true), p.kill("SIGKILL")), timeoutS * 1000);
  const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  clearTimeout(timer);
  return { stdout, stderr, code, wallMs: performance.now() - t0, timedOut };
}

async function runOnce(kind: "js" | "ntnt", file: string, o: Opts): Promise<Run> {
  const cmd = o.mode === "inproc" ? [BUN, join(HERE, "child.ts"), kind, file] : kind === "js" ? [BUN, file] : [join(ROOT, "ntnt"), "run", file];
  const r = await spawn(cmd, o.timeoutS);
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
  return { ms: o.metric === "cpu" ? m.cpuMs : m.ms, wallMs: m.ms, cpuMs: m.cpuMs, rssMiB: m.rssMiB, stdout: r.stdout, error: null };
}

/** Median of a non-empty list (callers check the length). */
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
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
};

/** The commit measured, with "+dirty" when src/ has uncommitted changes (others' work in progress). */
function revision(): string {
  const git = (...a: string[]) =>
    Bun.spawnSync(["git", ...a], { cwd: ROOT })
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
        ? `in-process timing (engine runFile = parse+compile+run; process start-up excluded); NTNT fixed cost (print(1)) ${base.ntnt.toFixed(1)} ms`
        : `whole process minus start-up baseline (js ${base.js.toFixed(0)} ms, ntnt ${base.ntnt.toFixed(0)} ms)`
    }`,
  );
  const rev = revision();
  console.log(`ntnt ${rev}, bun ${Bun.version}, ${cpus()[0]?.model ?? "cpu"} x${cpus().length}, load average ${load0.toFixed(1)}\n`);

  const inproc = o.mode === "inproc";
  const altName = o.metric === "cpu" ? "wall" : "CPU";
  const rows: Row[] = [];
  for (const name of names) {
    const js: Run[] = [],
      nt: Run[] = [];
    for (let i = 0; i < o.reps; i++) {
      js.push(await runOnce("js", join(HERE, `${name}.js`), o));
      nt.push(await runOnce("ntnt", join(HERE, `${name}.tnt`), o));
      // A program that failed or timed out once is not retried: it would only repeat.
      if (nt[nt.length - 1]!.error) break;
    }
    const ok = (rs: Run[]) => rs.filter((r) => r.ms !== null).map((r) => r.ms!);
    const jsMs = ok(js).length ? Math.max(0, median(ok(js)) - sub.js) : null;
    const ntMs = ok(nt).length ? Math.max(0, median(ok(nt)) - sub.ntnt) : null;
    const ratio = jsMs !== null && ntMs !== null ? ntMs / Math.max(jsMs, 0.01) : null;
    // The same ratio by the other clock (CPU when timing wall, and vice versa), for comparison.
    const alt = (rs: Run[]) => rs.map((r) => (o.metric === "cpu" ? r.wallMs : r.cpuMs)).filter((x): x is number => x !== null);
    const altRatio = inproc && alt(js).length && alt(nt).length ? median(alt(nt)) / Math.max(median(alt(js)), 0.01) : null;
    const ratioNoFixed = o.mode === "inproc" && jsMs !== null && ntMs !== null ? Math.max(0, ntMs - base.ntnt) / Math.max(jsMs, 0.01) : null;
    const expected = js.find((r) => !r.error)?.stdout;
    const bad = nt.find((r) => !r.error && expected !== undefined && r.stdout !== expected);
    const error = nt.find((r) => r.error)?.error ?? js.find((r) => r.error)?.error ?? null;
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
    rows.push(row);
    const note = error ? `ERROR ${error.split("\n")[0]}` : bad ? "output differs from JS" : "";
    console.log(
      `${name.padEnd(8)} js ${fmt(jsMs).padStart(8)} ms   ntnt ${fmt(ntMs).padStart(9)} ms   ${ratio === null ? "-" : ratio.toFixed(2) + "x"}  ${note}`,
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
  if (geo !== null) console.log(`\ngeometric mean NTNT/JS: ${geo.toFixed(2)}`);
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
