/** `match` expressions and their pattern tests (§4.14 step 3): a JS boolean expression that also assigns the bindings. */

import type { Expr, Pattern } from "../ast/nodes";
import type { Gen } from "./codegen";
import { cond, expr } from "./expr";
import { type Frag, name as nameFrag } from "./fragment";
import { declareOne, Scope } from "./scope";
import { patternNames } from "../ast/walk";

/** `subj` must be a side-effect-free JS expression; `bind(name)` gives the binding's JS variable. */
export function patternTest(g: Gen, p: Pattern, subj: string, bind: (name: string) => string): string {
  switch (p.type) {
    case "WildcardPat":
      return "true";
    case "BindPat":
      return `(${bind(p.name)} = ${subj}, true)`;
    case "LiteralPat": {
      const v = p.value;
      if (v.kind === "int") return `${subj} === ${typeof v.value === "bigint" ? `${v.value}n` : v.value}`;
      if (v.kind === "float") return `(${subj} instanceof NFloat && Math.abs(${subj}.v - ${v.value}) < Number.EPSILON)`;
      if (v.kind === "string") return `${subj} === ${JSON.stringify(v.value)}`;
      return `${subj} === ${v.value}`;
    }
    case "ArrayPat": {
      const parts = [`${subj} instanceof NArray`, `${subj}.length === ${p.items.length}`];
      p.items.forEach((q, i) => parts.push(patternTest(g, q, `${subj}.items[${i}]`, bind)));
      return `(${parts.join(" && ")})`;
    }
    case "VariantPat": {
      const parts = [`${subj} instanceof NEnum`, `${subj}.variant === ${JSON.stringify(p.variant)}`];
      if (p.enumName) parts.push(`${subj}.enumName === ${JSON.stringify(p.enumName)}`);
      const args = p.args ?? [];
      parts.push(`${subj}.values.length === ${args.length}`);
      args.forEach((q, i) => parts.push(patternTest(g, q, `${subj}.values[${i}]`, bind)));
      return `(${parts.join(" && ")})`;
    }
    case "StructPat": {
      const parts = [`${subj} instanceof NStruct`, `${subj}.name === ${JSON.stringify(p.name)}`];
      for (const f of p.fields) {
        const k = JSON.stringify(f.name);
        parts.push(`${subj}.fields.has(${k})`, patternTest(g, f.pattern, `${subj}.fields.get(${k})`, bind));
      }
      return `(${parts.join(" && ")})`;
    }
  }
}

/** `match subject { arms }` as a labelled block setting a result temp; non-exhaustive enum matches are checked first. */
export function match(g: Gen, e: Extract<Expr, { type: "Match" }>, sc: Scope): Frag {
  const fc = sc.fn;
  const s = g.tmp(fc);
  const r = g.tmp(fc);
  g.emit(`${s} = ${expr(g, e.subject, sc).js};`);
  const catchAll = e.arms.some((a) => a.pattern.type === "WildcardPat" || a.pattern.type === "BindPat");
  if (!catchAll) {
    const covered = new Set<string>();
    for (const a of e.arms) if (a.pattern.type === "VariantPat") covered.add(a.pattern.variant);
    g.emit(`R.exhaust(${s}, ${g.konst(covered)}, TT);`);
  }
  const label = `M${g.uid()}`;
  g.open(`${label}: {`);
  for (const arm of e.arms) {
    const armScope = new Scope(sc, fc);
    const vars = patternNames(arm.pattern).map((n) => declareOne(armScope, n, g.uid));
    g.open("{");
    if (vars.length) g.emit(`let ${vars.map((v) => v.js).join(", ")};`);
    g.open(`if (${patternTest(g, arm.pattern, s, (n) => armScope.vars.get(n)!.js)}) {`);
    if (arm.guard) g.open(`if (${cond(g, arm.guard, armScope)}) {`);
    g.emit(`${r} = ${expr(g, arm.body, armScope).js};`);
    g.emit(`break ${label};`);
    if (arm.guard) g.close();
    g.close();
    g.close();
  }
  g.emit("R.noMatch();");
  g.close();
  return nameFrag(r);
}
