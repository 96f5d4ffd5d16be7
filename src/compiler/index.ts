/**
 * The NTNT compiler: AST → JavaScript source, instantiated with one `new Function` per
 * program or module (no tree-walking interpreter).
 *
 * Design (see also docs/engine.md):
 *  - Scopes: each NTNT scope is a JS block and each (scope, name) one JS `let` (re-`let` in
 *    the same scope reuses it, so closures capturing by reference see updates). Reads before
 *    a declaration has run see the `U` sentinel and fall back to the next outer binding, then
 *    globals, then `Undefined variable` (no hoisting, §4.10); the check is only emitted when
 *    a read is not statically after its declaration (scope.ts).
 *  - Control flow: return/break/continue are JS control flow; expressions containing
 *    statements (blocks, match, if-expressions, templates) are lifted into preceding
 *    statements with temps, keeping left-to-right order (expr.ts `seq`). The implicit
 *    return value is the value of the last executed statement (tail compilation).
 *    `defer` uses try/finally only in blocks containing a defer; defers also run while an
 *    error unwinds.
 *  - Sync unless it can suspend: analysis.ts decides, for the whole program, which functions
 *    may suspend; only those become `async function`s, and only their possibly-suspending
 *    call sites test the result (`(t = f()) instanceof Promise ? await t : t`). Everything
 *    else is plain synchronous JS, the program body included unless it may suspend itself.
 *  - Deadline (`checkDeadline` equivalent) at function entry and loop back-edges; async
 *    functions restore `state.deadline` after each await. Call depth is counted per user
 *    call (try/finally); a JS stack overflow also becomes `Maximum call depth exceeded`.
 *  - Int arithmetic and comparisons have inline number fast paths; everything else calls
 *    src/runtime/ops.ts. Containers are immutable; assignment to `a[i]`, `a.b.c` rebuilds the
 *    root variable with ops.setIndex/setField (copy-on-write).
 *  - Errors carry the position of the statement running in the innermost compiled function
 *    (`L`, a per-function local updated per statement, mapped through `LOCS` when an error
 *    passes the function's catch).
 */

import type { Loc, Program, Stmt } from "../ast/nodes";
import type { Value } from "../runtime/values";
import { analyze, type ImportedName } from "./analysis";
import { Gen, type ImportRef } from "./codegen";
import { visit } from "../ast/walk";

export interface CompileInput {
  program: Program;
  file: string;
  globals: Map<string, Value>;
  /** Compile-time facts about each import statement. */
  imports: Map<Stmt, ImportRef>;
  /** Names bound by imports, with whether calling them may suspend. */
  imported: Map<string, ImportedName>;
  importMaySuspend: boolean;
  asyncWorld: boolean;
  asyncInvariants: boolean;
  dynamic?: boolean;
  importValue?: (s: Stmt, name: string) => Value | undefined;
  /** The program's source: set, the code is written to be read (NTNT_DUMP_JS). */
  readableSource?: string;
}

export interface CompiledUnit {
  /** Body of `new Function("X", code)`, returning the async `main(ctx)`. */
  code: string;
  locs: Loc[];
  consts: unknown[];
  /** The program references something that can suspend (see analysis.ts). */
  maySuspend: boolean;
  /** Top-level function bindings → whether they are async (for importers). */
  topFns: Map<string, boolean>;
  /** Some invariant of this program may suspend. */
  asyncInvariants: boolean;
}

/** Compile a parsed program. */
export function compileProgram(inp: CompileInput): CompiledUnit {
  const analysis = analyze({
    program: inp.program,
    globals: inp.globals,
    imported: inp.imported,
    importMaySuspend: inp.importMaySuspend,
    asyncWorld: inp.asyncWorld,
    asyncInvariants: inp.asyncInvariants,
  });
  const traits = new Map<string, string[]>();
  for (const s of inp.program.body) {
    visit(s, (n) => {
      if (n.type === "TraitDecl")
        traits.set(
          n.name,
          n.methods.map((m) => m.name),
        );
    });
  }
  const gen = new Gen({
    program: inp.program,
    file: inp.file,
    globals: inp.globals,
    imports: inp.imports,
    analysis,
    traitDefaults: (t) => traits.get(t) ?? [],
    dynamic: inp.dynamic,
    importValue: inp.importValue,
    readableSource: inp.readableSource,
  });
  const code = gen.program();
  return {
    code,
    locs: gen.locs,
    consts: gen.consts,
    maySuspend: analysis.maySuspend,
    topFns: gen.topFns,
    asyncInvariants: analysis.invariantsMayAsync,
  };
}
