/** Pattern tests (§4.14 step 3): a JS boolean expression that also assigns the bindings. */

import type { Pattern } from "../ast/nodes";
import type { Gen } from "./codegen";

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
