/**
 * Public entry points of the engine: run a program file as `ntnt run` does, load programs
 * and route files for the server, call function values, render template files.
 */

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Program } from "../ast/nodes";
// Every run asks whether it is in strict mode: a static import, not a dynamic one per run (the checker itself loads only in strict mode).
import { isStrict } from "../checker/strict";
import { normalJit } from "./jit-policy";
import { installEngineHooks } from "../server/engine-hooks";
import type { EngineHooks, TestModeOptions } from "../server/index";
import * as R from "../runtime/rt";
import { coreBuiltins } from "../runtime/core-builtins";
import { DeadlineExceeded, NtntError } from "../runtime/errors";
import {
  asyncTriggers,
  instantiateDynamic,
  mode,
  parseFile,
  compileProgramGraph,
  compileAndLink,
  linkCached,
  resetModules,
  resolveModulePath,
  startRecording,
  stopRecording,
  runFileModule,
  usesUnknownNames,
  type Loaded,
  type RunCtx,
  importedModuleCount,
} from "./modules";
import { formatError, registerSource, sourceOf } from "../runtime/error-display";
import { compileCacheEnabled, lookupCompiled, storeCompiled } from "./compile-cache";
import { osErrorText } from "../runtime/os-error";
import { state } from "../runtime/state";
import { flushStdout } from "../runtime/stdout";
import { autoEscapeEnabled, withAutoEscape } from "../runtime/template-filters";
import type { LoadPart, ProgramLoad } from "../runtime/program-load";
import { type NMap, NNative, type CallResult, type NativeContext, type Value } from "../runtime/values";

/** Arity-checked call of any function value (user, native, enum constructor); may return a Promise. */
export const callValue: (fn: Value, args: Value[]) => CallResult = R.callValue;

/** The NativeContext handed to natives (its `scriptDir` is the running program's directory). */
export const nativeContext: NativeContext = R.nativeContext;

/** Let async code yield to the event loop every ~10 ms of CPU work (the server turns this on). */
export function setCooperativeYield(on: boolean): void {
  R.cooperative.enabled = on;
  if (on) state.watch = true;
}

type ServerModule = typeof import("../server/index");

let server: ServerModule | undefined;
let fullGlobals: Map<string, Value> | null = null;
const coreGlobals = new Map<string, Value>(Object.entries(coreBuiltins));
const coreNames = new Set(coreGlobals.keys());

/**
 * What the server calls back into, installed once when the engine loads: server code can be
 * reached without the server's builtins (std/template), so this does not wait for them.
 */
const serverHooks: EngineHooks = {
  call: callValue,
  call1: R.call1,
  loadProgram: (file, load) => loadProgram(file, { load }),
  importedModules: () => importedModuleCount(),
  evalFile: (file, extra) => evalFile(file, extra),
  renderTemplate: (source, data, ctx) => renderTemplate(source, data, ctx),
  formatError: (e) => (e instanceof NtntError ? formatError(e) : `Error: ${e instanceof Error ? e.message : String(e)}`),
  setCooperativeYield: (on) => setCooperativeYield(on),
};
installEngineHooks(serverHooks);

/** The server module, loaded on first use (it is slow to load). */
async function loadServer(): Promise<ServerModule> {
  server ??= await import("../server/index");
  return server;
}

/** Core builtins plus the server's builtins. */
async function globals(): Promise<Map<string, Value>> {
  if (fullGlobals) return fullGlobals;
  const server = await loadServer();
  fullGlobals = new Map(coreGlobals);
  for (const [k, v] of Object.entries(server.serverBuiltins)) {
    fullGlobals.set(k, v);
    asyncTriggers.add(k);
  }
  return fullGlobals;
}

/** Every builtin global, the server's included (the REPL offers them all). */
export function allGlobals(): Promise<Map<string, Value>> {
  return globals();
}

/** Globals for a program: the server (slow to load) only when some file uses a name beyond the core builtins. */
async function globalsFor(file: string, program: Program): Promise<Map<string, Value>> {
  if (fullGlobals) return fullGlobals;
  return (await usesUnknownNames(file, program, coreNames)) ? globals() : coreGlobals;
}

/** How a program is loaded: its source when not read from the file; the load to run it in, or whether a new one may serve. */
interface LoadOptions {
  source?: string;
  load?: ProgramLoad;
  /** False: listen() returns at once (programs loaded only to call their functions). */
  serves?: boolean;
}

/** Start running `file` in `load`: a fresh module graph whose code hands natives the load's context. */
function beginLoad(file: string, load: ProgramLoad): void {
  resetModules(file, load);
  // Natives reached without a load (called through a variable) resolve paths against the last program started.
  R.nativeContext.scriptDir = dirname(file);
}

/** Parse, compile and run the top level of a program in its own load (or `opts.load`); throws NtntError on failure, TypeErrorsBlocked in strict mode. */
export async function loadProgram(file: string, opts: LoadOptions = {}): Promise<Map<string, Value>> {
  const abs = resolve(file);
  const source = opts.source ?? readSource(abs);
  const load = opts.load ?? R.newProgramLoad(dirname(abs), opts.serves ?? true);
  beginLoad(abs, load);
  const program = await parseFile(abs, source);
  if (await strictGate(abs, program)) {
    const { blockingTypeErrors, TypeErrorsBlocked } = await import("../checker/strict-gate");
    throw new TypeErrorsBlocked(await blockingTypeErrors(abs, program));
  }
  const loaded = await compileProgramGraph(abs, program, await globalsFor(abs, program));
  return execute(loaded, load);
}

/** Run a route/lib/middleware file as a file module (once per resolved path, shared with imports; builtins + `extra` globals) and return its top-level bindings. */
export async function evalFile(file: string, extra: Map<string, Value> = new Map()): Promise<Map<string, Value>> {
  const g = new Map(await globals());
  for (const [k, v] of extra) g.set(k, v);
  return runFileModule(resolve(file), g);
}

/** Top-level scope of a load's entry program: template files see it behind their data (caller scope). */
const entryScope: LoadPart<RunCtx> = { create: () => ({}) };

async function execute(loaded: Loaded, load: ProgramLoad): Promise<Map<string, Value>> {
  const ctx: RunCtx = {};
  load.adopt(entryScope, ctx);
  const depth = state.depth;
  normalJit();
  try {
    await loaded.main(ctx);
  } finally {
    state.depth = depth;
  }
  return ctx.exports ? ctx.exports() : new Map();
}

function readSource(file: string): string {
  try {
    const text = readFileSync(file, "utf8");
    registerSource(file, text);
    return text;
  } catch (e) {
    throw new Error(osErrorText(e));
  }
}

/** Run a program as `ntnt run` does: report errors on stderr, return the exit code. */
export async function runFile(file: string, opts: { timeout?: number; workers?: number } = {}): Promise<number> {
  const abs = resolve(file);
  let source: string;
  try {
    source = readSource(abs);
  } catch (e) {
    process.stderr.write(`Error: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    const load = R.newProgramLoad(dirname(abs));
    beginLoad(abs, load);
    const loaded = await compileEntry(abs, load, source, opts);
    if (typeof loaded === "number") return loaded;
    await execute(loaded, load);
    flushStdout();
    return 0;
  } catch (e) {
    flushStdout();
    await addImportHint(e);
    process.stderr.write(describe(e, abs));
    return 1;
  }
}

/**
 * The entry program of `ntnt run`, compiled with its import graph (from the compile cache when
 * the program is unchanged since a run of this build, else parsed and compiled and then kept
 * there), with the server configured when it uses the server's builtins; or an exit code: the
 * strict-mode report was printed, or worker processes served the program.
 */
async function compileEntry(abs: string, load: ProgramLoad, source: string, opts: { timeout?: number; workers?: number }): Promise<Loaded | number> {
  // Strict mode checks the program's syntax tree, so it always parses; so does a run after another compilation in this process.
  const cacheable = compileCacheEnabled() && !mode.asyncWorld && !mode.asyncInvariants && !isStrict(abs);
  const hit = cacheable ? lookupCompiled(abs, source, resolveModulePath) : null;
  if (hit) {
    const g = hit.needsServer ? await globals() : coreGlobals;
    if (hit.needsServer) {
      const code = await (await loadServer()).configureServerRun(load, abs, opts);
      if (code !== null) return code;
    }
    const loaded = await linkCached(abs, hit.units, g);
    mode.asyncWorld = hit.mode.asyncWorld;
    mode.asyncInvariants = hit.mode.asyncInvariants;
    return loaded;
  }
  const program = await parseFile(abs, source);
  const blocked = await strictGate(abs, program);
  if (blocked) {
    process.stderr.write(blocked);
    return 1;
  }
  const g = await globalsFor(abs, program);
  if (g !== coreGlobals) {
    const code = await (await loadServer()).configureServerRun(load, abs, opts);
    if (code !== null) return code;
  }
  if (cacheable) startRecording();
  try {
    const loaded = await compileProgramGraph(abs, program, g);
    if (cacheable) storeCompiled(abs, { units: stopRecording(), needsServer: g !== coreGlobals, mode: { ...mode } }, sourceOf);
    return loaded;
  } finally {
    stopRecording();
  }
}

/** An undefined name without a close match that a std module exports gets a hint naming the import. */
export async function addImportHint(e: unknown): Promise<void> {
  if (!(e instanceof NtntError) || e.undefinedName === null || e.suggestion || e.hint) return;
  const name = e.undefinedName;
  const { importHint } = await import("../stdlib/index");
  e.hint = await importHint(name);
}

/** In strict mode (NTNT_STRICT, ntnt.toml), the report of the type errors that block running `file`; else null. */
async function strictGate(file: string, program: Program): Promise<string | null> {
  if (!isStrict(file)) return null;
  const { blockingTypeErrors, blockedReport } = await import("../checker/strict-gate");
  const errors = await blockingTypeErrors(file, program);
  return errors.length > 0 ? blockedReport(errors) : null;
}

/** `ntnt test`: run the program under the server's test mode; resolves to the exit code. */
export async function testProgram(file: string, opts: TestModeOptions): Promise<number> {
  return (await loadServer()).runTestMode(file, opts, (f, load) => loadProgram(f, { load }));
}

/** Error text for any failure escaping a program. */
export function describe(e: unknown, file: string): string {
  if (e instanceof NtntError) {
    if (!e.file) e.file = file;
    return formatError(e);
  }
  if (e instanceof DeadlineExceeded) return "Error: Request timed out\n";
  if (process.env.NTNT_DEBUG && e instanceof Error) return `Error: ${e.stack}\n`;
  return `Error: ${e instanceof Error ? e.message : String(e)}\n`;
}

// ---------------------------------------------------------------- template files

/**
 * Compiled templates by escaping mode, directory and source. Module level (the runtime's
 * lifetime) on purpose: a compiled template depends on nothing else (it reads the program's
 * globals and the data when it renders), so it stays valid across hot reloads and servers.
 */
const templateCache = new Map<string, Promise<Loaded>>();

/** Render template source with `data`'s keys as variables (then globals), §10 of http-server.md. */
export function renderTemplate(source: string, data: NMap, ctx: NativeContext): CallResult {
  return renderTemplateAsync(source, data, ctx);
}

async function renderTemplateAsync(source: string, data: NMap, ctx: NativeContext): Promise<Value> {
  const autoEscape = autoEscapeEnabled(ctx);
  const key = `${autoEscape ? "E" : "R"}${ctx.scriptDir}\0${source}`;
  let p = templateCache.get(key);
  if (!p) {
    p = compileTemplateSource(source, ctx.scriptDir, autoEscape);
    templateCache.set(key, p);
  }
  const loaded = await p;
  let out: Value = "";
  const sink = new NNative("__emit", 1, 1, ([v]) => {
    out = v;
    return undefined;
  });
  let top: Map<string, Value> | undefined;
  const lookup = (name: string): Value | typeof R.U => {
    if (name === "__emit") return sink;
    if (data.entries.has(name)) return data.entries.get(name);
    top ??= ctx.load.part(entryScope).exports?.() ?? new Map();
    if (top.has(name)) return top.get(name);
    return loaded.globals.has(name) ? loaded.globals.get(name) : R.U;
  };
  await instantiateDynamic(loaded, lookup, ctx.load)({});
  return out;
}

async function compileTemplateSource(source: string, dir: string, autoEscape: boolean): Promise<Loaded> {
  const { parseTemplate } = await import("../parser/index");
  const file = resolve(dir, "<template>");
  const parsed = parseTemplate(source, file);
  const parts = autoEscape ? withAutoEscape(parsed) : parsed;
  const loc = { line: 1, col: 1 };
  const program: Program = {
    type: "Program",
    body: [
      {
        type: "ExprStmt",
        loc,
        expr: { type: "Call", loc, callee: { type: "Ident", loc, name: "__emit" }, args: [{ type: "Template", loc, parts }] },
      },
    ],
  };
  const saved = mode.asyncWorld;
  const loaded = await compileAndLink(file, program, await globals(), true);
  mode.asyncWorld = saved;
  return loaded;
}
