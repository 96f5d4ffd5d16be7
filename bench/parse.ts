/**
 * Parse speed. Warm: CPU time to parse every program of test/programs and examples/ once, over
 * many rounds after a few untimed ones. Cold: CPU time of a fresh process that loads the parser
 * and parses examples/notes/app.tnt. `--base DIR` compares another checkout (its parser built):
 * both parsers are loaded in one process and their warm rounds alternate, and the fresh
 * processes alternate too, so that a busy machine slows both alike.
 *
 *   node_modules/.bin/bun bench/parse.ts [--base DIR] [--rounds N]
 */

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Glob } from "bun";

type Parse = (source: string, file: string) => unknown;

const HERE = resolve(import.meta.dir, "..");
const APP = join(HERE, "examples/notes/app.tnt");

const cpuMs = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1000;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const summary = (xs: number[]): string => `median ${median(xs).toFixed(1)} ms CPU (min ${Math.min(...xs).toFixed(1)}, ${xs.length} runs)`;

async function parserOf(dir: string): Promise<Parse> {
  return ((await import(join(dir, "src/parser/index.ts"))) as { parse: Parse }).parse;
}

/** One parse, errors included (some corpus programs test parse errors). */
function attempt(parse: Parse, source: string): void {
  try {
    parse(source, "bench.tnt");
  } catch {}
}

function corpus(): string[] {
  const sources: string[] = [];
  for (const folder of ["test/programs", "examples"]) {
    for (const f of new Glob("**/*.tnt").scanSync(join(HERE, folder))) sources.push(readFileSync(join(HERE, folder, f), "utf8"));
  }
  return sources;
}

/** CPU ms of a fresh process that loads the parser of `dir` and parses APP once. */
function coldRun(dir: string): number {
  const r = spawnSync(process.execPath, [import.meta.path, "--cold", dir], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bench/parse: fresh process for ${dir} failed:\n${r.stderr}`);
  return Number(r.stdout.trim());
}

const args = process.argv.slice(2);
if (args[0] === "--cold") {
  attempt(await parserOf(args[1]!), readFileSync(APP, "utf8"));
  console.log(cpuMs(process.cpuUsage()).toFixed(1));
} else {
  const baseAt = args.indexOf("--base");
  const roundsAt = args.indexOf("--rounds");
  const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 20;
  const dirs = baseAt >= 0 ? [resolve(args[baseAt + 1]!), HERE] : [HERE];
  const sources = corpus();
  const parsers = await Promise.all(dirs.map(parserOf));
  const warm = dirs.map(() => [] as number[]);
  const cold = dirs.map(() => [] as number[]);
  const round = (p: Parse): number => {
    const c0 = process.cpuUsage();
    for (const s of sources) attempt(p, s);
    return cpuMs(process.cpuUsage(c0));
  };
  for (let r = 0; r < 3; r++) for (const p of parsers) round(p);
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so neither always runs right after the other's garbage.
    const order = r % 2 === 0 ? dirs.keys() : [...dirs.keys()].reverse();
    for (const i of order) {
      warm[i]!.push(round(parsers[i]!));
      if (r % 4 === 0) cold[i]!.push(coldRun(dirs[i]!));
    }
  }
  dirs.forEach((d, i) => {
    console.log(`${d}\n  warm, the corpus (${sources.length} programs): ${summary(warm[i]!)}`);
    console.log(`  cold, a fresh process loading the parser and parsing examples/notes/app.tnt: ${summary(cold[i]!)}`);
  });
}
