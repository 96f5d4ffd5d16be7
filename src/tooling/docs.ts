/** The data behind `ntnt docs` (cli.md §7.4): the declarations beside each std function and builtin. */

import { NNative, type NativeDoc, type Value } from "../runtime/values";
import { loadStdModule, stdModulePaths } from "../stdlib/index";

/** One documented function: where it lives and its declaration (null when undeclared). */
interface FunctionEntry {
  name: string;
  /** `builtin` (no import needed) or a std module path. */
  module: string;
  doc: NativeDoc | null;
}

/** A std module's documentation. */
interface ModuleEntry {
  path: string;
  description: string;
  functions: FunctionEntry[];
  constants: string[];
}

/** Everything `ntnt docs` can show. */
export interface DocIndex {
  builtins: FunctionEntry[];
  modules: ModuleEntry[];
}

/** Read the declarations of the builtins (core and server) and every std module. */
export async function loadDocIndex(): Promise<DocIndex> {
  const { coreBuiltins } = await import("../runtime/core-builtins");
  const { serverBuiltins } = await import("../server/server-builtins");
  const builtins = functionsOf({ ...coreBuiltins, ...serverBuiltins }, "builtin");
  const modules: ModuleEntry[] = [];
  for (const path of stdModulePaths()) {
    const mod = await loadStdModule(path);
    const members = Object.entries(mod.members).filter(([name]) => !name.startsWith("_"));
    modules.push({
      path,
      description: mod.description,
      functions: functionsOf(Object.fromEntries(members), path),
      constants: members.filter(([, v]) => !(v instanceof NNative)).map(([name]) => name),
    });
  }
  return { builtins, modules };
}

function functionsOf(members: Record<string, Value>, module: string): FunctionEntry[] {
  return Object.entries(members)
    .filter((e): e is [string, NNative] => e[1] instanceof NNative)
    .map(([name, fn]) => ({ name, module, doc: fn.doc }));
}

/** What a query names: nothing (overview), a module, one function, or the functions whose name or description contains it. */
export type DocAnswer =
  | { kind: "overview"; index: DocIndex }
  | { kind: "module"; module: ModuleEntry }
  | { kind: "function"; entry: FunctionEntry; alsoIn: string[] }
  | { kind: "search"; hits: FunctionEntry[] };

/** Resolve a query: `std/string` or `string` → module, `split` or `std/path.join` → function, else a case-insensitive search. */
export function answer(index: DocIndex, query: string | undefined): DocAnswer {
  if (!query) return { kind: "overview", index };
  const module = index.modules.find((m) => m.path === query || m.path === `std/${query}`);
  if (module) return { kind: "module", module };
  const all = [...index.builtins, ...index.modules.flatMap((m) => m.functions)];
  const dot = query.lastIndexOf(".");
  const qualified = dot > 0 ? all.filter((f) => f.module === query.slice(0, dot) && f.name === query.slice(dot + 1)) : [];
  const exact = qualified.length > 0 ? qualified : all.filter((f) => f.name === query);
  if (exact.length > 0) return { kind: "function", entry: exact[0]!, alsoIn: exact.slice(1).map((f) => f.module) };
  const q = query.toLowerCase();
  return { kind: "search", hits: all.filter((f) => f.name.toLowerCase().includes(q) || (f.doc?.description.toLowerCase().includes(q) ?? false)) };
}

/** The JSON document for an answer (cli.md §7.4 shapes; keys are sorted when printed). */
export function answerJson(a: DocAnswer): unknown {
  switch (a.kind) {
    case "overview":
      return {
        builtins: { count: a.index.builtins.length },
        modules: Object.fromEntries(
          a.index.modules.map((m) => [m.path, { functions: m.functions.length, constants: m.constants.length, description: m.description }]),
        ),
      };
    case "module":
      return {
        name: a.module.path,
        description: a.module.description,
        functions: a.module.functions.map((f) => f.name),
        constants: a.module.constants.length > 0 ? a.module.constants : null,
      };
    case "function":
      return {
        name: a.entry.name,
        module: a.entry.module,
        signature: a.entry.doc?.signature ?? `${a.entry.name}(…)`,
        description: a.entry.doc?.description ?? "",
        examples: a.entry.doc ? [a.entry.doc.example] : [],
        errors: [],
        notes: a.alsoIn.length > 0 ? `Also in ${a.alsoIn.join(", ")}` : null,
      };
    case "search":
      return a.hits.map((f) => ({ name: f.name, module: f.module, signature: f.doc?.signature ?? `${f.name}(…)`, description: f.doc?.description ?? "" }));
  }
}

/** The same answer as text for a terminal. */
export function answerText(a: DocAnswer): string {
  switch (a.kind) {
    case "overview": {
      const width = Math.max(...a.index.modules.map((m) => m.path.length));
      const lines = ["NTNT standard library (ntnt docs NAME for a module or function, ntnt docs WORD to search)", ""];
      lines.push(
        `${"builtins".padEnd(width)}  ${String(a.index.builtins.length).padStart(2)} functions  no import needed: print, len, str, Some, Ok, get, listen, …`,
      );
      for (const m of a.index.modules) lines.push(`${m.path.padEnd(width)}  ${String(m.functions.length).padStart(2)} functions  ${m.description}`);
      return `${lines.join("\n")}\n`;
    }
    case "module": {
      const lines = [`${a.module.path}: ${a.module.description}`, ""];
      for (const f of a.module.functions) lines.push(`  ${f.doc?.signature ?? f.name}`, `      ${f.doc?.description ?? ""}`);
      if (a.module.constants.length > 0) lines.push("", `  Constants: ${a.module.constants.join(", ")}`);
      const first = a.module.functions[0]?.name;
      if (first) lines.push("", `  import { ${first} } from "${a.module.path}"`);
      return `${lines.join("\n")}\n`;
    }
    case "function": {
      const { entry } = a;
      const lines = [entry.doc?.signature ?? `${entry.name}(…)`, `  ${entry.doc?.description ?? "(no description)"}`];
      if (entry.doc) lines.push("", `  Example:  ${entry.doc.example}`);
      lines.push(entry.module === "builtin" ? "  Builtin: no import needed" : `  Import:   import { ${entry.name} } from "${entry.module}"`);
      if (a.alsoIn.length > 0) lines.push(`  Also in:  ${a.alsoIn.join(", ")}`);
      return `${lines.join("\n")}\n`;
    }
    case "search": {
      const width = Math.max(0, ...a.hits.map((f) => (f.doc?.signature ?? f.name).length));
      return `${a.hits.map((f) => `${(f.doc?.signature ?? f.name).padEnd(width)}  ${f.module}`).join("\n")}\n`;
    }
  }
}

/** Functions without a declaration, as `module.name`. */
export function undocumented(index: DocIndex): string[] {
  return [...index.builtins, ...index.modules.flatMap((m) => m.functions)].filter((f) => !f.doc).map((f) => `${f.module}.${f.name}`);
}
