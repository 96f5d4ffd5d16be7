/** The one typed traversal of the syntax tree, shared by the compiler, the checker and the tooling scans. */

import type { Expr, FnDecl, Pattern, Stmt, TemplatePart } from "./nodes";

export type Node = Expr | Stmt;

/** Direct child expressions and statements of a node (function bodies included). */
export function children(n: Node): Node[] {
  switch (n.type) {
    case "Interp":
      return n.parts.filter((p): p is Expr => typeof p !== "string");
    case "Template":
      return templateExprs(n.parts);
    case "ArrayLit":
      return n.items;
    case "MapLit":
      return n.entries.flatMap((e) => [e.key, e.value]);
    case "StructLit":
      return n.fields.map((f) => f.value);
    case "Block":
      return n.body;
    case "Binary":
    case "Logical":
      return [n.left, n.right];
    case "Unary":
      return [n.operand];
    case "Range":
      return [n.start, n.end];
    case "Call":
      return [n.callee, ...n.args];
    case "MethodCall":
      return [n.object, ...n.args];
    case "Field":
      return [n.object];
    case "Index":
      return [n.object, n.index];
    case "Path":
      return n.args ?? [];
    case "Match":
      return [n.subject, ...n.arms.flatMap((a) => (a.guard ? [a.guard, a.body] : [a.body]))];
    case "IfExpr":
    case "If":
      return [n.cond, ...n.then, ...(n.otherwise ?? [])];
    case "Assign":
      return [n.target, n.value];
    case "ExprStmt":
      return [n.expr];
    case "Let":
      return n.value ? [n.value] : [];
    case "FnDecl":
      return fnChildren(n);
    case "ImplDecl":
      return [...n.methods, ...n.invariants];
    case "TraitDecl":
      return n.methods;
    case "While":
      return [n.cond, ...n.body];
    case "Loop":
      return n.body;
    case "For":
      return [n.iterable, ...n.body];
    case "Return":
      return n.value ? [n.value] : [];
    case "Defer":
      return [n.expr];
    case "Mod":
      return n.body;
    default:
      return [];
  }
}

/** Parts of a function that run in its own frame (defaults, contracts, body). */
export function fnChildren(f: FnDecl): Node[] {
  const out: Node[] = [];
  for (const p of f.params) if (p.defaultValue) out.push(p.defaultValue);
  return [...out, ...f.requires, ...f.ensures, ...f.body];
}

/** Expressions inside template parts. */
function templateExprs(parts: TemplatePart[]): Expr[] {
  const out: Expr[] = [];
  for (const p of parts) {
    if (p.type === "TExpr") {
      if (p.expr) out.push(p.expr);
      for (const f of p.filters) out.push(...f.args);
    } else if (p.type === "TFor") {
      out.push(p.iterable, ...templateExprs(p.body), ...templateExprs(p.empty ?? []));
    } else if (p.type === "TIf") {
      for (const b of p.branches) out.push(b.cond, ...templateExprs(b.body));
      out.push(...templateExprs(p.otherwise ?? []));
    }
  }
  return out;
}

/** Visit every node below `n` (pre-order); `enter` returning false skips a subtree. */
export function visit(n: Node, enter: (n: Node) => boolean | void): void {
  if (enter(n) === false) return;
  for (const c of children(n)) visit(c, enter);
}

/** Names bound by a pattern. */
export function patternNames(p: Pattern, out: string[] = []): string[] {
  switch (p.type) {
    case "BindPat":
      out.push(p.name);
      break;
    case "ArrayPat":
      for (const q of p.items) patternNames(q, out);
      break;
    case "VariantPat":
      for (const q of p.args ?? []) patternNames(q, out);
      break;
    case "StructPat":
      for (const f of p.fields) patternNames(f.pattern, out);
      break;
  }
  return out;
}

/** Patterns written directly in a node: a `let` target, the arms of a `match`. */
export function patternsOf(n: Node): Pattern[] {
  if (n.type === "Let") return [n.target];
  if (n.type === "Match") return n.arms.map((a) => a.pattern);
  return [];
}

/** Every sub-pattern of `p` (itself included), parents first. */
export function subPatterns(p: Pattern, out: Pattern[] = []): Pattern[] {
  out.push(p);
  if (p.type === "ArrayPat") for (const q of p.items) subPatterns(q, out);
  else if (p.type === "VariantPat") for (const q of p.args ?? []) subPatterns(q, out);
  else if (p.type === "StructPat") for (const f of p.fields) subPatterns(f.pattern, out);
  return out;
}

/** Statement list with `mod` bodies inlined (they execute in the current scope, §9). */
export function flatten(stmts: Stmt[]): Stmt[] {
  if (!stmts.some((s) => s.type === "Mod")) return stmts;
  const out: Stmt[] = [];
  for (const s of stmts) {
    if (s.type === "Mod") out.push(...flatten(s.body));
    else out.push(s);
  }
  return out;
}

/** The binding name of an import statement without item list (`import "std/math" as m` → m). */
export function importBindingName(s: Extract<Stmt, { type: "Import" }>): string {
  if (s.alias) return s.alias;
  const segs = s.source.split("/");
  return segs[segs.length - 1]!.replace(/\.tnt$/, "");
}
