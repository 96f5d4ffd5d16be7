/**
 * Compile cache for `ntnt run`: the JavaScript the compiler made of a program and of the file
 * modules it imports, kept between runs so that an unchanged program starts without parsing,
 * analysing or compiling (and without loading the parser). A record is used only when it was
 * written by this very build of ntnt (the CLI names it: build-identity.ts) and Bun, and every
 * file of the program's import graph still has the text it was compiled from and every import
 * still resolves to the same file; anything else is a miss and the program compiles as usual.
 * Records live in $XDG_CACHE_HOME/ntnt/compile (else ~/.cache/ntnt/compile), one per program
 * file, never in the program's own tree; NTNT_COMPILE_CACHE=0 turns the cache off. Reading or
 * writing failures (no home, a read-only disk) are silent misses.
 */

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { CompiledUnit } from "../compiler/index";
import { NEnum, NFloat } from "../runtime/values";
import { buildIdentity } from "./build-identity";

/** Bumped whenever the record's layout changes. */
const FORMAT = 1;

/** Beyond this many records the oldest are removed (programs run from temporary folders would pile up). */
const MAX_RECORDS = 256;

/** One import of a unit, in the order of its slots: a std module or a resolved file module. */
export type CachedImport = { std: string } | { file: string; source: string };

/** A compiled file of the program: its unit and how its imports resolved. */
export interface CachedUnit {
  file: string;
  unit: CompiledUnit;
  imports: CachedImport[];
}

/** What a hit hands back: the units (dependencies before importers), whether the server's builtins are needed, the engine's mode after compiling. */
export interface CachedGraph {
  units: CachedUnit[];
  needsServer: boolean;
  mode: { asyncWorld: boolean; asyncInvariants: boolean };
}

interface StoredUnit {
  file: string;
  text: string;
  code: string;
  locs: CompiledUnit["locs"];
  consts: unknown[];
  maySuspend: boolean;
  topFns: [string, boolean][];
  asyncInvariants: boolean;
  imports: CachedImport[];
}

interface StoredRecord {
  format: number;
  build: string;
  bun: string;
  entry: string;
  needsServer: boolean;
  mode: { asyncWorld: boolean; asyncInvariants: boolean };
  units: StoredUnit[];
}

function cacheDir(): string | null {
  if (buildIdentity() === null || process.env.NTNT_COMPILE_CACHE === "0" || process.env.NTNT_DUMP_JS) return null;
  // Only absolute locations (the XDG rule): a relative one would put records in the program's folder.
  const { XDG_CACHE_HOME: xdg, HOME: home } = process.env;
  const base = xdg && isAbsolute(xdg) ? xdg : home && isAbsolute(home) ? join(home, ".cache") : null;
  return base === null ? null : join(base, "ntnt", "compile");
}

function bunIdentity(): string {
  return `${Bun.version}+${Bun.revision}`;
}

function recordPath(dir: string, entry: string): string {
  return join(dir, `${Bun.hash(`${entry}\0${buildIdentity()}`).toString(36)}.json`);
}

/** Whether a lookup can hit at all (a build identity and a cache folder): callers skip recording otherwise. */
export function compileCacheEnabled(): boolean {
  return cacheDir() !== null;
}

/**
 * The cached compilation of `entry` (whose text is `text`) when it is still valid; null on a
 * miss. `resolve` resolves an import source against its importing file as the engine does now.
 */
export function lookupCompiled(entry: string, text: string, resolve: (source: string, importer: string) => string): CachedGraph | null {
  const dir = cacheDir();
  if (dir === null) return null;
  let rec: StoredRecord;
  try {
    rec = JSON.parse(readFileSync(recordPath(dir, entry), "utf8"));
  } catch {
    return null;
  }
  if (rec.format !== FORMAT || rec.build !== buildIdentity() || rec.bun !== bunIdentity() || rec.entry !== entry) return null;
  const units: CachedUnit[] = [];
  try {
    for (const u of rec.units) {
      const now = u.file === entry ? text : readFileSync(u.file, "utf8");
      if (now !== u.text) return null;
      for (const i of u.imports) if ("file" in i && resolve(i.source, u.file) !== i.file) return null;
      const unit: CompiledUnit = {
        code: u.code,
        locs: u.locs,
        consts: u.consts.map(decodeConst),
        maySuspend: u.maySuspend,
        topFns: new Map(u.topFns),
        asyncInvariants: u.asyncInvariants,
      };
      units.push({ file: u.file, unit, imports: u.imports });
    }
  } catch {
    return null;
  }
  return { units, needsServer: rec.needsServer, mode: rec.mode };
}

/**
 * Keep the compilation of `entry` for the next run: `units` as compiled this run (the entry's
 * among them), `sources` their texts. Not kept when a file module failed to compile (an import
 * names a file without a unit) or a constant has no stored form.
 */
export function storeCompiled(entry: string, graph: CachedGraph, sourceOf: (file: string) => string | null): void {
  const dir = cacheDir();
  if (dir === null) return;
  const files = new Set(graph.units.map((u) => u.file));
  if (!files.has(entry)) return;
  const units: StoredUnit[] = [];
  for (const { file, unit, imports } of graph.units) {
    const text = sourceOf(file);
    if (text === null) return;
    if (imports.some((i) => "file" in i && !files.has(i.file))) return;
    const consts = unit.consts.map(encodeConst);
    if (consts.includes(UNSTORABLE)) return;
    units.push({
      file,
      text,
      code: unit.code,
      locs: unit.locs,
      consts,
      maySuspend: unit.maySuspend,
      topFns: [...unit.topFns],
      asyncInvariants: unit.asyncInvariants,
      imports,
    });
  }
  const rec: StoredRecord = {
    format: FORMAT,
    build: buildIdentity()!,
    bun: bunIdentity(),
    entry,
    needsServer: graph.needsServer,
    mode: graph.mode,
    units,
  };
  try {
    // The records hold the programs' text: readable by their owner only.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const path = recordPath(dir, entry);
    // Written whole and renamed: a run starting meanwhile reads the old record or the new one.
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(rec), { mode: 0o600 });
    renameSync(tmp, path);
    prune(dir);
  } catch {
    // not writable: the next run compiles again
  }
}

/** Remove the oldest records beyond MAX_RECORDS. */
function prune(dir: string): void {
  const names = readdirSync(dir);
  if (names.length <= MAX_RECORDS) return;
  const aged = names.map((n) => ({ path: join(dir, n), t: statSync(join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 }));
  aged.sort((a, b) => a.t - b.t);
  for (const { path } of aged.slice(0, names.length - MAX_RECORDS / 2)) rmSync(path, { force: true });
}

const UNSTORABLE = Symbol("unstorable");

/** The constants the code generator makes (compiler/codegen.ts `konst`) in JSON form. */
function encodeConst(v: unknown): unknown {
  if (v instanceof NFloat) return Number.isFinite(v.v) && !Object.is(v.v, -0) ? { float: v.v } : UNSTORABLE;
  if (v instanceof NEnum) return v.values.length === 0 ? { enumName: v.enumName, variant: v.variant } : UNSTORABLE;
  if (v instanceof Set) return [...v].every((x) => typeof x === "string") ? { set: [...v] } : UNSTORABLE;
  if (Array.isArray(v)) return v.every((x) => typeof x === "string") ? { strings: v } : UNSTORABLE;
  return UNSTORABLE;
}

function decodeConst(v: unknown): unknown {
  const o = v as { float?: number; enumName?: string; variant?: string; set?: string[]; strings?: string[] };
  if (o.float !== undefined) return new NFloat(o.float);
  if (o.enumName !== undefined) return new NEnum(o.enumName, o.variant!, []);
  if (o.set !== undefined) return new Set(o.set);
  if (o.strings !== undefined) return o.strings;
  throw new Error("compile cache: unknown constant");
}
