/**
 * Whole-program static analysis before code generation:
 *
 *  - which functions may suspend ("sync unless it can suspend", see index.ts), and
 *  - which names are ever reassigned (a function binding never reassigned can be called
 *    directly, without going through its function value).
 *
 * The analysis is by name and conservative: a function is async when its own frame
 * contains a call that may suspend — a call to an async function or to a `mayAsync`
 * native/import by name, a call passing such a function as an argument (natives like
 * `filter` then return a Promise), a file `import` (module execution), or, when the
 * program "may suspend", any call whose callee is not statically known (a variable,
 * a method call, `Type::f()`), or a loop (so it can yield, see `hasOwnLoop`). A program
 * may suspend when it references any async global/import at all, imports a module that may suspend,
 * or the process is in async mode.
 */

import type { Expr, FnDecl, Program } from "../ast/nodes";
import { NFunction, NModule, NNative, type Value } from "../runtime/values";
import { fnChildren, patternNames, visit, type Node } from "../ast/walk";
import { asciiStringNames } from "./ascii-strings";
import { integerNames, nameBindings } from "./integers";
import { isShortLoop } from "./short-loops";

/** What the compiler knows about a name bound by an import statement. */
export type ImportedName = { async: boolean };

export interface AnalysisInput {
  program: Program;
  globals: Map<string, Value>;
  /** Names bound by imports anywhere in the program (std members, file-module exports, namespaces). */
  imported: Map<string, ImportedName>;
  /** Some import is a file module that may suspend or a namespace with async members. */
  importMaySuspend: boolean;
  asyncWorld: boolean;
  /** An already compiled module has an invariant that may suspend. */
  asyncInvariants: boolean;
}

export interface Analysis {
  asyncFns: Set<FnDecl>;
  /** The program references something that can suspend (so unknown callees may suspend). */
  maySuspend: boolean;
  /** Names that are targets of `=` (or compound assignment) somewhere. */
  reassigned: Set<string>;
  /**
   * Names written by `v[i] = x` or `v = push(v, x)` whose value is never shared: every read
   * is `v[i]`, `len(v)` (or another non-retaining builtin), `for x in v`, `return v` (which
   * clears the value's mark, copy-on-write.ts `release`), the root of an assignment target, or
   * `v = push(v, x)`. Arrays and maps in such variables can be updated
   * in place once copied (see copy-on-write.ts `setIndexExclusive`, `pushExclusive`) — by writes in
   * the function that declares the variable; the value of an assignment used as an
   * expression escapes (expr.ts `assign`).
   */
  exclusive: Set<string>;
  /** Names that always hold an Int (integers.ts). */
  integers: Set<string>;
  /** Names that always hold a String of ASCII characters only (ascii-strings.ts). */
  asciiStrings: Set<string>;
  /** Does this call/method call/path expression possibly return a Promise? */
  suspends(e: Expr): boolean;
  /** Some struct invariant (here or in an imported module) may suspend. */
  invariantsMayAsync: boolean;
  /** Does evaluating this expression possibly suspend (nested functions excluded)? */
  exprSuspends(e: Expr): boolean;
  /** Does running these statements possibly suspend (nested functions excluded)? */
  bodySuspends(nodes: Node[]): boolean;
}

/** True when a value may suspend when called. */
export function valueMayAsync(v: Value): boolean {
  if (v instanceof NNative || v instanceof NFunction) return v.mayAsync;
  if (v instanceof NModule) for (const m of v.members.values()) if (valueMayAsync(m)) return true;
  return false;
}

export function analyze(input: AnalysisInput): Analysis {
  const { program, globals, imported } = input;
  const fns: FnDecl[] = [];
  const fnNames = new Map<string, FnDecl[]>();
  const otherBound = new Set<string>();
  const reassigned = new Set<string>();
  const fileImported = new Set<string>();
  let maySuspend = input.asyncWorld || input.importMaySuspend;

  const externalAsync = (name: string): boolean => {
    const imp = imported.get(name);
    if (imp) return imp.async;
    const g = globals.get(name);
    return g !== undefined && valueMayAsync(g);
  };

  for (const s of program.body) {
    visit(s, (n) => {
      switch (n.type) {
        case "FnDecl":
          fns.push(n);
          addTo(fnNames, n.name, n);
          for (const p of n.params) otherBound.add(p.name);
          break;
        case "Let":
          for (const name of patternNames(n.target)) otherBound.add(name);
          break;
        case "For":
          otherBound.add(n.variable);
          break;
        case "Match":
          for (const a of n.arms) for (const name of patternNames(a.pattern)) otherBound.add(name);
          break;
        case "Assign": {
          const root = rootName(n.target);
          if (root) reassigned.add(root);
          break;
        }
        case "Ident":
          if (!maySuspend && externalAsync(n.name)) maySuspend = true;
          break;
        case "Import":
          if (!isStdPath(n.source)) for (const it of n.items ?? []) fileImported.add(it.alias ?? it.name);
          break;
      }
    });
  }

  const asyncNames = new Set<string>();
  const asyncFns = new Set<FnDecl>();
  const nameAsync = (n: string) => asyncNames.has(n) || externalAsync(n);

  const suspends = (e: Expr): boolean => {
    switch (e.type) {
      case "Call": {
        if (e.callee.type !== "Ident") return maySuspend;
        const n = e.callee.name;
        if (n === "old" && !fnNames.has(n) && !otherBound.has(n)) return false;
        if (nameAsync(n)) return true;
        if (maySuspend && (otherBound.has(n) || reassigned.has(n))) return true;
        return e.args.some((a) => a.type === "Ident" && nameAsync(a.name));
      }
      case "MethodCall":
        return maySuspend || nameAsync(e.method) || e.args.some((a) => a.type === "Ident" && nameAsync(a.name));
      case "Path":
        return e.args !== null && (maySuspend || asyncNames.has(e.variant));
      default:
        return false;
    }
  };

  // Invariants run inside struct construction and assignment: when one may suspend, so may
  // every struct literal and assignment (#41-style checks must be awaited).
  const invariantExprs: Expr[] = [];
  for (const s of program.body) visit(s, (n) => void (n.type === "ImplDecl" && invariantExprs.push(...n.invariants)));
  let invAsync = input.asyncInvariants;

  const nodeSuspends = (n: Node): boolean => {
    switch (n.type) {
      case "Import":
        return !isStdPath(n.source);
      case "Call":
      case "MethodCall":
      case "Path":
        return suspends(n);
      case "StructLit":
      case "Assign":
        return invAsync;
      default:
        return false;
    }
  };
  const anySuspends = (nodes: Node[]): boolean => ownFrameHas(nodes, nodeSuspends);

  let changed = true;
  while (changed) {
    changed = false;
    if (!invAsync && anySuspends(invariantExprs)) {
      invAsync = true;
      changed = true;
    }
    for (const f of fns) {
      if (asyncFns.has(f) || !(anySuspends(fnChildren(f)) || (maySuspend && hasOwnLoop(f)))) continue;
      asyncFns.add(f);
      asyncNames.add(f.name);
      changed = true;
    }
  }
  const bindings = nameBindings(program);
  const integers = integerNames(bindings, globals);
  return {
    asyncFns,
    maySuspend,
    reassigned,
    exclusive: exclusiveNames(program, fnNames, otherBound, fileImported),
    integers,
    asciiStrings: asciiStringNames(bindings, globals, integers),
    suspends,
    invariantsMayAsync: invAsync,
    exprSuspends: (e) => anySuspends([e]),
    bodySuspends: anySuspends,
  };
}

export const isStdPath = (p: string): boolean => p.startsWith("std/");

/**
 * A loop in the function's own frame. In a program that may suspend (server or I/O) such functions are
 * compiled async so their back-edges can yield to the event loop: a CPU-bound handler then
 * cannot starve other requests (http-server.md §13.1). Short loops (short-loops.ts) never reach a
 * back-edge check, so they do not count.
 */
function hasOwnLoop(f: FnDecl): boolean {
  return ownFrameHas(fnChildren(f), (n) => n.type === "While" || n.type === "Loop" || (n.type === "For" && !isShortLoop(n)));
}

/** Does some node of these statements/expressions satisfy `pred`, nested functions excluded? */
function ownFrameHas(nodes: Node[], pred: (n: Node) => boolean): boolean {
  let found = false;
  const scan = (n: Node): boolean => {
    if (found || n.type === "FnDecl" || n.type === "ImplDecl" || n.type === "TraitDecl") return false;
    if (pred(n)) found = true;
    return !found;
  };
  for (const n of nodes) visit(n, scan);
  return found;
}

/** `v = push(v, x)` with the builtin push: the array in `v` is replaced, never shared. */
export function isSelfPush(n: Expr, builtinPush: boolean): boolean {
  return (
    builtinPush &&
    n.type === "Assign" &&
    n.op === "=" &&
    n.target.type === "Ident" &&
    n.value.type === "Call" &&
    n.value.callee.type === "Ident" &&
    n.value.callee.name === "push" &&
    n.value.args.length === 2 &&
    n.value.args[0]!.type === "Ident" &&
    n.value.args[0]!.name === n.target.name
  );
}

/** Builtins and std functions that read a container without keeping a reference to it. */
const NON_RETAINING = new Set(["len", "print", "str", "has_key", "keys", "values", "entries", "contains", "join", "is_empty"]);

function exclusiveNames(program: Program, fnNames: Map<string, FnDecl[]>, otherBound: Set<string>, fileImported: Set<string>): Set<string> {
  const builtin = (name: string) => !fnNames.has(name) && !otherBound.has(name) && !fileImported.has(name);
  const allowed = new Set<Node>();
  const written = new Set<string>();
  const escaping = new Set<string>();
  for (const s of program.body) {
    visit(s, (n) => {
      switch (n.type) {
        case "Index":
          if (n.object.type === "Ident") allowed.add(n.object);
          break;
        case "For":
          if (n.iterable.type === "Ident") allowed.add(n.iterable);
          break;
        case "Return":
          // The function is done with the variable; the value loses its in-place mark (codegen).
          if (n.value?.type === "Ident") allowed.add(n.value);
          break;
        case "Call":
          if (n.callee.type === "Ident" && NON_RETAINING.has(n.callee.name) && builtin(n.callee.name)) {
            for (const a of n.args) if (a.type === "Ident") allowed.add(a);
          }
          break;
        case "Assign": {
          let t: Expr = n.target;
          if (t.type === "Index" && t.object.type === "Ident") written.add(t.object.name);
          while (t.type === "Field" || t.type === "Index") t = t.object;
          allowed.add(t);
          if (isSelfPush(n, builtin("push"))) {
            allowed.add((n.value as Extract<Expr, { type: "Call" }>).args[0]!);
            written.add((n.target as Extract<Expr, { type: "Ident" }>).name);
          }
          break;
        }
        case "Ident":
          if (!allowed.has(n)) escaping.add(n.name);
          break;
      }
    });
  }
  // An imported name holds the exporting module's value, which that module still reads.
  return new Set([...written].filter((n) => !escaping.has(n) && !fileImported.has(n)));
}

/** Root variable of an assignment target (`a.b[c]` → a). */
export function rootName(t: Expr): string | null {
  while (t.type === "Field" || t.type === "Index") t = t.object;
  return t.type === "Ident" ? t.name : null;
}

function addTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
