/**
 * The static checker (language.md §3): gradual types plus the name checks, for `lint`, `validate`,
 * strict `run`, hot reload and the REPL's `:type`.
 *
 *   const env = await loadCheckEnv(file);               // builtins, std modules, files it may import
 *   const diagnostics = checkProgram(program, env);     // Diagnostic[] in source order
 *   typeOfLast(program, env)                            // "[Int]": type of the last expression statement
 */

import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Program } from "../ast/nodes";
import { flatten } from "../ast/walk";
import { declaredNames } from "../compiler/scope";
import { parse } from "../parser/index";
import { isStdModule, loadStdModule, stdModulePaths } from "../stdlib/index";
import { Checker } from "./check";
import type { Diagnostic } from "./diagnostics";
import type { CheckEnv, FileView, ModuleView } from "./env";
import { Scope } from "./scope";
import { declaredSignature, userSignature, type FunctionSig } from "./signatures";
import { typeName } from "./types";

export type { Diagnostic } from "./diagnostics";
export type { CheckEnv } from "./env";

/** Check a parsed program. `strict` adds the warnings about unannotated signatures (`lint --strict`). */
export function checkProgram(program: Program, env: CheckEnv, options: { strict?: boolean } = {}): Diagnostic[] {
  const checker = new Checker(env, { strict: options.strict ?? false });
  checker.checkProgram(program, new Scope(null, true));
  return checker.diagnostics.list;
}

/** The type of the program's last statement when it is an expression (`[Int]`, `Map<String, Any>`), else null. */
export function typeOfLast(program: Program, env: CheckEnv): string | null {
  const last = program.body[program.body.length - 1];
  if (last?.type !== "ExprStmt") return null;
  const checker = new Checker(env, { strict: false });
  const scope = new Scope(null, true);
  checker.checkProgram({ type: "Program", body: program.body.slice(0, -1) }, scope);
  return typeName(checker.infer(last.expr, scope));
}

/** Only the errors: what blocks a strict `run` or a hot reload. */
export const typeErrors = (diagnostics: Diagnostic[]): Diagnostic[] => diagnostics.filter((d) => d.severity === "error");

/** Everything the checker needs to know about `file`'s surroundings: builtins, the std modules, files it imports. */
export async function loadCheckEnv(file: string): Promise<CheckEnv> {
  const globals = await globalSignatures();
  const modules = new Map<string, ModuleView>();
  for (const path of stdModulePaths()) modules.set(path, moduleView((await loadStdModule(path)).members));
  const exporting = new Map<string, string[]>();
  for (const [path, m] of modules) for (const name of m.names) exporting.set(name, [...(exporting.get(name) ?? []), path]);
  const files = new Map<string, FileView | null>();
  return {
    globals,
    stdModule: (path) => (isStdModule(path) ? (modules.get(path) ?? null) : null),
    modulesExporting: (name) => exporting.get(name) ?? [],
    fileModule: (source) => {
      const path = resolveImport(file, source);
      if (!files.has(path)) files.set(path, readFileModule(path));
      return files.get(path)!;
    },
    extraGlobals: routeLibraries(file),
  };
}

type Documented = { doc?: { signature: string } };

/** Declared signature of a std member (a native carrying its declaration), else null. */
function signatureOf(value: unknown): FunctionSig | null {
  const doc = (value as Documented | null)?.doc;
  return doc ? declaredSignature(doc.signature) : null;
}

function moduleView(members: Record<string, unknown>): ModuleView {
  const sigs = new Map<string, FunctionSig | null>();
  return {
    names: new Set(Object.keys(members)),
    signature: (name) => {
      if (!sigs.has(name)) sigs.set(name, signatureOf(members[name]));
      return sigs.get(name)!;
    },
  };
}

let cachedGlobals: Map<string, FunctionSig | null> | null = null;

/** Core builtins and the server's builtins, with their declared signatures. */
async function globalSignatures(): Promise<Map<string, FunctionSig | null>> {
  if (cachedGlobals) return cachedGlobals;
  const { coreBuiltins } = await import("../runtime/core-builtins");
  const all: Record<string, unknown> = { ...coreBuiltins };
  try {
    const { serverBuiltins } = await import("../server/server-builtins");
    Object.assign(all, serverBuiltins);
  } catch {
    // A build without the server: its names are simply unknown.
  }
  cachedGlobals = new Map(Object.entries(all).map(([name, v]) => [name, signatureOf(v)]));
  return cachedGlobals;
}

/** Where `import … from "./x"` points: relative to the importing file, `.tnt` added when missing (§9). */
function resolveImport(file: string, source: string): string {
  const base = source.startsWith("./") || source.startsWith("../") ? dirname(resolve(file)) : process.cwd();
  const path = resolve(base, source);
  return /\.[^/]+$/.test(basename(path)) ? path : `${path}.tnt`;
}

/** A file module's top-level names and function signatures, or null when it cannot be read or parsed. */
function readFileModule(path: string): FileView | null {
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  let program: Program;
  try {
    program = parse(source, path);
  } catch {
    return null;
  }
  const checker = new Checker(emptyEnv, { strict: false });
  checker.declareTypes(program);
  const top = flatten(program.body);
  const signatures = new Map<string, FunctionSig>();
  for (const s of top) if (s.type === "FnDecl") signatures.set(s.name, userSignature(s, checker.typeNames()));
  const names = new Set([...top.flatMap((s) => declaredNames(s, () => [])), ...(cachedGlobals?.keys() ?? [])]);
  return { names, signatures };
}

/** Route files see each `lib/NAME.tnt` next to their `routes/` folder as a module named NAME (http-server.md §9). */
function routeLibraries(file: string): Set<string> {
  const parts = resolve(file).split("/");
  const at = parts.lastIndexOf("routes");
  if (at < 0) return new Set();
  const lib = join(parts.slice(0, at).join("/") || "/", "lib");
  try {
    return new Set(
      readdirSync(lib)
        .filter((n) => n.endsWith(".tnt"))
        .map((n) => n.slice(0, -4)),
    );
  } catch {
    return new Set();
  }
}

const emptyEnv: CheckEnv = {
  globals: new Map(),
  stdModule: () => null,
  modulesExporting: () => [],
  fileModule: () => null,
  extraGlobals: new Set(),
};
