/**
 * Names that always hold an Int — a JS number, or past 2^53 a bigint — wherever they are
 * bound: every `let` and assignment of the name anywhere in the program gives an Int (an Int
 * literal, `len()`, `+ - * / %` of such values), or it is the counter of a range `for`.
 * JavaScript compares a number and a bigint by value, so `<`, `==`… of two such values, and
 * an array index test, need no type tests (expr.ts, operators.ts). By name and conservative:
 * any other binding of the name (a parameter, a pattern, an import, a function, a `for` over
 * something else) excludes it everywhere, and a program with templates (which bind loop names
 * of their own) gets none.
 */

import type { Expr, Program } from "../ast/nodes";
import { coreBuiltins } from "../runtime/core-builtins";
import type { Value } from "../runtime/values";
import { importBindingName, patternNames, visit } from "../ast/walk";

/** Names contracts and invariants bind implicitly. */
const IMPLICIT = ["result", "self"];

/** What nameBindings finds: shared by integers.ts and ascii-strings.ts (one scan of the program). */
export interface NameBindings {
  values: Map<string, (Expr | null)[]>;
  excluded: Set<string>;
  templates: boolean;
}

/**
 * Every value each name of `program` is given (`let` and assignment values; null for a range
 * `for` counter), the names bound any other way (never statically known), and whether the
 * program has templates (which bind names of their own).
 */
export function nameBindings(program: Program): NameBindings {
  const values = new Map<string, (Expr | null)[]>();
  const excluded = new Set<string>(IMPLICIT);
  const given = (name: string, value: Expr | null) => {
    const list = values.get(name) ?? [];
    list.push(value);
    values.set(name, list);
  };
  let templates = false;
  for (const s of program.body) {
    visit(s, (n) => {
      switch (n.type) {
        case "Let":
          if (n.target.type === "BindPat" && n.value) given(n.target.name, n.value);
          else for (const name of patternNames(n.target)) excluded.add(name);
          break;
        case "For":
          if (n.iterable.type === "Range") given(n.variable, null);
          else excluded.add(n.variable);
          break;
        case "Assign": {
          if (n.target.type === "Ident") {
            given(n.target.name, n.value);
            break;
          }
          let root: Expr = n.target;
          while (root.type === "Field" || root.type === "Index") root = root.object;
          if (root.type === "Ident") excluded.add(root.name);
          break;
        }
        case "FnDecl":
          excluded.add(n.name);
          for (const p of n.params) excluded.add(p.name);
          break;
        case "Match":
          for (const a of n.arms) for (const name of patternNames(a.pattern)) excluded.add(name);
          break;
        case "Import":
          if (n.items) for (const it of n.items) excluded.add(it.alias ?? it.name);
          else excluded.add(importBindingName(n));
          break;
        case "ImplDecl":
          for (const m of n.methods) excluded.add(m.name);
          break;
        case "TraitDecl":
          for (const m of n.methods) excluded.add(m.name);
          break;
        case "EnumDecl":
          for (const v of n.variants) excluded.add(v.name);
          break;
        case "Template":
          templates = true;
          break;
      }
    });
  }
  return { values, excluded, templates };
}

/** The names of a program (its `nameBindings`) that always hold an Int (see the file comment). */
export function integerNames({ values, excluded, templates }: NameBindings, globals: Map<string, Value>): Set<string> {
  if (templates) return new Set();
  const lenIsBuiltin = !values.has("len") && !excluded.has("len") && globals.get("len") === coreBuiltins.len;
  const ints = new Set([...values.keys()].filter((n) => !excluded.has(n)));
  const isInt = (e: Expr): boolean => {
    switch (e.type) {
      case "Literal":
        return e.value.kind === "int";
      case "Ident":
        return ints.has(e.name);
      case "Binary":
        return (e.op === "+" || e.op === "-" || e.op === "*" || e.op === "/" || e.op === "%") && isInt(e.left) && isInt(e.right);
      case "Unary":
        return e.op === "-" && isInt(e.operand);
      case "Call":
        return lenIsBuiltin && e.callee.type === "Ident" && e.callee.name === "len" && e.args.length === 1;
      default:
        return false;
    }
  };
  // Drop a name while some value given to it is not an Int; a range `for` counter (null) is one.
  return keepWhileAll(ints, values, (v) => v === null || isInt(v));
}

/**
 * Greatest fixed point: drop a name from `names` while some value given to it fails `ok`
 * (which may itself read `names`), until every name left passes.
 */
export function keepWhileAll(names: Set<string>, values: NameBindings["values"], ok: (v: Expr | null) => boolean): Set<string> {
  let changed = true;
  while (changed) {
    changed = false;
    for (const name of names) {
      if (values.get(name)!.every(ok)) continue;
      names.delete(name);
      changed = true;
    }
  }
  return names;
}
