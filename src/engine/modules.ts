/**
 * Module loading (language.md §9). A file is parsed and compiled once per resolved path;
 * its imports are resolved first (std modules loaded, file modules compiled) so the
 * compiler knows which imported functions may suspend. Executing an import runs the module
 * once (cached by resolved path); importing a module that is still running is a circular
 * import error.
 */

import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, isAbsolute, resolve } from "node:path";
import type { Program, Stmt, TemplatePart } from "../ast/nodes";
import { valueMayAsync, type ImportedName } from "../compiler/analysis";
import type { ImportRef } from "../compiler/codegen";
import { compileProgram, type CompiledUnit } from "../compiler/index";
import { compileUnit } from "./compile-unit";
import type { CachedImport, CachedUnit } from "./compile-cache";
import * as R from "../runtime/rt";
import { declaredNames } from "../compiler/scope";
import { LOOP_META } from "../compiler/template-codegen";
import { patternNames, visit } from "../ast/walk";
import { isStdModule, loadStdModule } from "../stdlib/index";
import type { StdModule } from "../stdlib/module";
import { engineLimitOf, importError, parseError } from "../runtime/errors";
import { osErrorText } from "../runtime/os-error";
import * as ops from "../runtime/ops";
import { registerSource, sourceOf } from "../runtime/error-display";
import { state } from "../runtime/state";
import { NModule, type Value } from "../runtime/values";
import type { ProgramLoad } from "../runtime/program-load";

/** Run-time context of one program/module execution. */
export interface RunCtx {
  exports?: () => Map<string, Value>;
  /** Dynamic units only: the current value of a top-level variable (`U` when it has none). */
  read?: (name: string) => Value | typeof R.U;
  /** Dynamic units only: assign a top-level variable; false when the unit has no such name. */
  assign?: (name: string, value: Value) => boolean;
}

/** A compiled, instantiated program: `main` runs its top level. */
export interface Loaded {
  file: string;
  unit: CompiledUnit;
  main: (ctx: RunCtx) => Promise<void>;
  globals: Map<string, Value>;
}

type StdSlot = { kind: "std"; path: string; mod: StdModule | null };

/** One file module, keyed by resolved path. */
export interface ModuleRecord {
  path: string;
  state: "compiling" | "compiled" | "running" | "done" | "failed";
  loaded: Loaded | null;
  error: unknown;
  exports: NModule | null;
  /** Run by an `import` (route, lib and middleware files are run by the server instead). */
  imported?: boolean;
}

const records = new Map<string, ModuleRecord>();
const stdNamespaces = new Map<string, NModule>();

/** Set once any async program has been compiled: later programs treat unknown callees as suspending. */
export const mode = { asyncWorld: false, asyncInvariants: false };

/** The load whose module graph `records` holds: code compiled for it hands natives its context. */
let activeLoad: ProgramLoad = R.defaultLoad;

/** Forget all module records (a fresh run, e.g. hot reload); `entry` is the running program, `load` the load it runs in. */
export function resetModules(entry?: string, load: ProgramLoad = R.defaultLoad): void {
  activeLoad = load;
  records.clear();
  parsed.clear();
  // The entry program counts as a module being executed, so importing it back is circular.
  if (entry) records.set(entry, { path: entry, state: "running", loaded: null, error: null, exports: null });
}

/** How many file modules the running program has imported and run (entry, route, lib and middleware files not counted). */
export function importedModuleCount(): number {
  let n = 0;
  for (const rec of records.values()) if (rec.imported && rec.state === "done") n++;
  return n;
}

/** Parse a source file (registering its text for error excerpts). */
export async function parseFile(file: string, source: string): Promise<Program> {
  const { parse } = await import("../parser/index");
  registerSource(file, source);
  return parse(source, file);
}

/** Global names whose use puts the process in async mode (server builtins: handlers get called back). */
export const asyncTriggers = new Set<string>();

/** Parsed file modules of the current run (shared by the may-suspend scan and compilation). */
const parsed = new Map<string, Program | { error: unknown }>();

/** Resolve imports of a program parsed with `parseFile`, compile and instantiate it, deciding first whether its import graph may suspend. */
export async function compileProgramGraph(file: string, program: Program, globals: Map<string, Value>, dynamic: boolean | DynScope = false): Promise<Loaded> {
  // Before compiling anything: if any module of the import graph can suspend (or serves
  // HTTP), calls of unknown functions must be able to suspend in every module of the graph.
  if (!mode.asyncWorld && (await graphMaySuspend(file, program, globals, new Set()))) mode.asyncWorld = true;
  return compileAndLink(file, program, globals, dynamic);
}

async function graphMaySuspend(file: string, program: Program, globals: Map<string, Value>, seen: Set<string>): Promise<boolean> {
  seen.add(file);
  let maySuspend = false;
  const imports: Extract<Stmt, { type: "Import" }>[] = [];
  for (const s of program.body) {
    visit(s, (n) => {
      if (n.type === "Import") imports.push(n);
      else if (n.type === "Ident" && !maySuspend) {
        const g = globals.get(n.name);
        if (g !== undefined && (valueMayAsync(g) || asyncTriggers.has(n.name))) maySuspend = true;
      }
    });
  }
  if (maySuspend) return true;
  for (const s of imports) {
    if (s.source.startsWith("std/")) {
      if (!isStdModule(s.source)) continue;
      const mod = await loadStdModule(s.source);
      const names = s.items ? s.items.map((i) => i.name) : Object.keys(mod.members);
      if (names.some((n) => valueMayAsync(mod.members[n]))) return true;
      continue;
    }
    const path = resolveModulePath(s.source, file);
    if (seen.has(path)) continue;
    const p = await parseModule(path);
    if (!("error" in p) && (await graphMaySuspend(path, p, globals, seen))) return true;
  }
  return false;
}

/**
 * Does any file of the import graph use a name that it never binds and that is not in
 * `known`? (Then the server's builtins are needed; loading them is skipped otherwise.)
 */
export async function usesUnknownNames(file: string, program: Program, known: Set<string>, seen = new Set<string>()): Promise<boolean> {
  seen.add(file);
  const bound = new Set<string>();
  const used = new Set<string>();
  const files: string[] = [];
  for (const s of program.body) {
    visit(s, (n) => {
      switch (n.type) {
        case "Ident":
          used.add(n.name);
          break;
        case "FnDecl":
          bound.add(n.name);
          for (const p of n.params) bound.add(p.name);
          break;
        case "For":
          bound.add(n.variable);
          break;
        case "Match":
          for (const a of n.arms) for (const name of patternNames(a.pattern)) bound.add(name);
          break;
        case "Template":
          for (const m of LOOP_META) bound.add(m);
          for (const v of templateLoopVars(n.parts)) bound.add(v);
          break;
        case "Import":
          if (!n.source.startsWith("std/")) files.push(resolveModulePath(n.source, file));
          break;
      }
      if (n.type !== "Ident" && n.type !== "FnDecl") for (const name of declaredNames(n as Stmt, () => [])) bound.add(name);
    });
  }
  for (const name of used) if (!bound.has(name) && !known.has(name)) return true;
  for (const f of files) {
    if (seen.has(f)) continue;
    const p = await parseModule(f);
    if (!("error" in p) && (await usesUnknownNames(f, p, known, seen))) return true;
  }
  return false;
}

function templateLoopVars(parts: TemplatePart[], out: string[] = []): string[] {
  for (const p of parts) {
    if (p.type === "TFor") {
      out.push(p.variable);
      templateLoopVars(p.body, out);
      templateLoopVars(p.empty ?? [], out);
    } else if (p.type === "TIf") {
      for (const b of p.branches) templateLoopVars(b.body, out);
      templateLoopVars(p.otherwise ?? [], out);
    }
  }
  return out;
}

async function parseModule(path: string): Promise<Program | { error: unknown }> {
  let p = parsed.get(path);
  if (!p) {
    try {
      let source: string;
      try {
        source = readFileSync(path, "utf8");
      } catch (e) {
        throw importError(`Failed to read module '${path}': ${osErrorText(e)}`);
      }
      p = await parseFile(path, source);
    } catch (error) {
      p = { error };
    }
    parsed.set(path, p);
  }
  return p;
}

/** Resolve imports of an already parsed program, compile and instantiate it. */
export async function compileAndLink(file: string, program: Program, globals: Map<string, Value>, dynamic: boolean | DynScope = false): Promise<Loaded> {
  const imports = new Map<Stmt, ImportRef>();
  const imported = new Map<string, ImportedName>();
  const slots: unknown[] = [];
  const cached: CachedImport[] = [];
  let importMaySuspend = false;
  const stmts: Extract<Stmt, { type: "Import" }>[] = [];
  for (const s of program.body) visit(s, (n) => void (n.type === "Import" && stmts.push(n)));
  for (const s of stmts) {
    if (s.source.startsWith("std/")) {
      const mod = isStdModule(s.source) ? await loadStdModule(s.source) : null;
      slots.push({ kind: "std", path: s.source, mod } satisfies StdSlot);
      cached.push({ std: s.source });
      imports.set(s, { slot: slots.length - 1, kind: "std" });
      const members = mod ? new Map(Object.entries(mod.members)) : new Map<string, Value>();
      if (s.items) {
        for (const it of s.items) imported.set(it.alias ?? it.name, { async: valueMayAsync(members.get(it.name)) });
      } else {
        const anyAsync = [...members.values()].some(valueMayAsync);
        if (anyAsync) importMaySuspend = true;
        imported.set(bindingName(s), { async: anyAsync });
      }
    } else {
      const path = resolveModulePath(s.source, file);
      const rec = await compileModule(path, globals);
      slots.push(rec);
      cached.push({ file: path, source: s.source });
      imports.set(s, { slot: slots.length - 1, kind: "file" });
      const info = rec.loaded?.unit;
      const maySuspend = info ? info.maySuspend : true;
      if (maySuspend) importMaySuspend = true;
      if (s.items) {
        for (const it of s.items) imported.set(it.alias ?? it.name, { async: info?.topFns.get(it.name) ?? maySuspend });
      } else imported.set(bindingName(s), { async: maySuspend });
    }
  }
  const importValue = (s: Stmt, name: string): Value | undefined => {
    const ref = imports.get(s);
    const slot = ref ? (slots[ref.slot] as StdSlot) : undefined;
    return slot?.kind === "std" && slot.mod ? slot.mod.members[name] : undefined;
  };
  const unit = compileProgram({
    program,
    file,
    globals,
    imports,
    imported,
    importMaySuspend,
    asyncWorld: mode.asyncWorld,
    asyncInvariants: mode.asyncInvariants,
    dynamic: Boolean(dynamic),
    importValue,
    // Dumped code is the code that runs: indented, each statement under its source line.
    readableSource: process.env.NTNT_DUMP_JS ? (sourceOf(file) ?? "") : undefined,
  });
  if (unit.maySuspend) mode.asyncWorld = true;
  if (unit.asyncInvariants) mode.asyncInvariants = true;
  if (process.env.NTNT_DUMP_JS) process.stderr.write(`// ---- ${file}\n${unit.code}\n`);
  recorded?.push({ file, unit, imports: cached });
  const dyn = typeof dynamic === "object" ? dynamic : undefined;
  return { file, unit, main: instantiate(file, unit, globals, slots, dyn), globals };
}

/** Units compiled while recording (the compile cache stores them), in the order compiled. */
let recorded: CachedUnit[] | null = null;

/** Record every unit compiled from now until `stopRecording`. */
export function startRecording(): void {
  recorded = [];
}

/** The units compiled since `startRecording`; recording stops. */
export function stopRecording(): CachedUnit[] {
  const units = recorded ?? [];
  recorded = null;
  return units;
}

/**
 * Instantiate a program from its cached units (the compile cache's hit) as compileAndLink
 * would have: a record per file module, each unit's imports bound to the same slots. The
 * entry's record is the one resetModules made.
 */
export async function linkCached(entry: string, units: CachedUnit[], globals: Map<string, Value>): Promise<Loaded> {
  for (const u of units) {
    if (u.file !== entry) records.set(u.file, { path: u.file, state: "compiled", loaded: null, error: null, exports: null });
  }
  let main: Loaded | null = null;
  for (const u of units) {
    const slots: unknown[] = [];
    for (const i of u.imports) {
      if ("std" in i) slots.push({ kind: "std", path: i.std, mod: isStdModule(i.std) ? await loadStdModule(i.std) : null } satisfies StdSlot);
      else slots.push(records.get(i.file));
    }
    const loaded: Loaded = { file: u.file, unit: u.unit, main: instantiate(u.file, u.unit, globals, slots), globals };
    if (u.file === entry) main = loaded;
    else records.get(u.file)!.loaded = loaded;
  }
  return main!;
}

function bindingName(s: Extract<Stmt, { type: "Import" }>): string {
  if (s.alias) return s.alias;
  const segs = s.source.split("/");
  return segs[segs.length - 1]!.replace(/\.tnt$/, "");
}

/** Dynamic name lookup for template files rendered with a data map. */
export type DynLookup = (name: string) => Value | typeof R.U;

/** Dynamic name resolution: reads, and optionally assignments (REPL entries). */
export interface DynScope {
  lookup: DynLookup;
  /** Assign a name no scope of the unit declares; false when it is unknown. */
  assign?: (name: string, value: Value) => boolean;
  /** "Did you mean" candidate for a name that resolves nowhere. */
  suggest?: (name: string) => string | null;
}

function instantiate(file: string, unit: CompiledUnit, globals: Map<string, Value>, slots: unknown[], dyn?: DynScope, load: ProgramLoad = activeLoad) {
  const MOD = {
    imports: slots,
    std: (slot: StdSlot) => stdNamespace(slot),
    file: (rec: ModuleRecord) => {
      rec.imported = true;
      return runModule(rec);
    },
    member: (m: NModule, name: string) => moduleMember(m, name, globals),
    dyn: (name: string, orU: boolean, local: string | null) => {
      const v = dyn ? dyn.lookup(name) : R.U;
      if (v !== R.U) return v;
      return orU ? R.U : R.undef(name, local ?? dyn?.suggest?.(name) ?? null);
    },
    dynSet: (name: string, v: Value, local: string | null) => {
      if (dyn?.assign?.(name, v)) return v;
      return R.undef(name, local ?? dyn?.suggest?.(name) ?? null);
    },
    dynState: dyn,
  };
  const X = {
    R,
    ops,
    S: state,
    U: R.U,
    MISSING: R.MISSING,
    K: unit.consts,
    LOCS: unit.locs,
    FILE: file,
    MOD,
    G: globals,
    NC: load.native,
  };
  let factory: (x: typeof X) => (ctx: RunCtx) => Promise<void>;
  try {
    factory = compileUnit(unit.code, file) as typeof factory;
  } catch (e) {
    // Nesting that passed the parser's limits can still exceed the JS engine's parser stack.
    if (engineLimitOf(e) !== "stack-overflow") throw e;
    const err = parseError(1, 1, "Program too deeply nested to compile");
    err.file = file;
    throw err;
  }
  return factory(X);
}

function stdNamespace(slot: StdSlot): NModule {
  if (!slot.mod) throw importError(`Unknown standard library module: ${slot.path}`);
  let ns = stdNamespaces.get(slot.path);
  if (!ns) stdNamespaces.set(slot.path, (ns = new NModule(slot.path, new Map(Object.entries(slot.mod.members)))));
  return ns;
}

const fileModules = new WeakSet<NModule>();

function moduleMember(m: NModule, name: string, globals: Map<string, Value>): Value {
  if (m.members.has(name)) return m.members.get(name);
  // File modules re-export the builtins of their global scope (§9).
  if (fileModules.has(m) && globals.has(name)) return globals.get(name);
  throw importError(`'${name}' is not exported from '${m.path}'`);
}

/** Resolve an import source against the importing file (the importing file's directory first, then the working directory). */
export function resolveModulePath(source: string, importer: string): string {
  const withExt = extname(source) ? source : `${source}.tnt`;
  if (isAbsolute(withExt)) return withExt;
  const local = resolve(dirname(importer), withExt);
  if (source.startsWith("./") || source.startsWith("../")) return local;
  if (existsSync(local)) return local;
  const fromCwd = resolve(process.cwd(), withExt);
  return existsSync(fromCwd) ? fromCwd : local;
}

async function compileModule(path: string, globals: Map<string, Value>): Promise<ModuleRecord> {
  const existing = records.get(path);
  if (existing) return existing;
  const rec: ModuleRecord = { path, state: "compiling", loaded: null, error: null, exports: null };
  records.set(path, rec);
  try {
    const p = await parseModule(path);
    if ("error" in p) throw p.error;
    rec.loaded = await compileAndLink(path, p, globals);
    rec.state = "compiled";
  } catch (e) {
    rec.error = e;
    rec.state = "failed";
  }
  return rec;
}

/**
 * Run `path` as a file module and return its top-level bindings: once per resolved path in
 * this run, through the same record `import` uses, so route files, lib/ and middleware/
 * files and imports all share one instance. `globals` apply when this call compiles it first.
 */
export async function runFileModule(path: string, globals: Map<string, Value>): Promise<Map<string, Value>> {
  if (!records.has(path)) {
    const p = await parseModule(path);
    if (!("error" in p) && !mode.asyncWorld && (await graphMaySuspend(path, p, globals, new Set()))) mode.asyncWorld = true;
  }
  const rec = await compileModule(path, globals);
  const saved = state.depth;
  try {
    return (await runModule(rec)).members;
  } finally {
    state.depth = saved;
  }
}

/** Execute a file module once and return its namespace. */
async function runModule(rec: ModuleRecord): Promise<NModule> {
  if (rec.state === "done") return rec.exports!;
  if (rec.state === "failed") throw rec.error;
  if (rec.state === "running" || rec.state === "compiling") throw importError(`Circular import: ${rec.path}`);
  rec.state = "running";
  const ctx: RunCtx = {};
  const saved = state.depth;
  try {
    await rec.loaded!.main(ctx);
  } catch (e) {
    state.depth = saved;
    rec.state = "failed";
    rec.error = e;
    throw e;
  }
  rec.exports = new NModule(rec.path, ctx.exports ? ctx.exports() : new Map());
  fileModules.add(rec.exports);
  rec.state = "done";
  return rec.exports;
}

/** Instantiate a compiled unit for `load` whose unknown names resolve through `lookup` (template files). */
export function instantiateDynamic(loaded: Omit<Loaded, "main">, lookup: DynLookup, load: ProgramLoad) {
  return instantiate(loaded.file, loaded.unit, loaded.globals, [], { lookup }, load);
}
