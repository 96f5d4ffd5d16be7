/** Template strings (`"""…"""`, §4.16) compiled inline: expressions see the lexical scope. */

import type { TemplatePart } from "../ast/nodes";
import type { Gen } from "./codegen";
import { cond, expr, seq } from "./expr";
import { declareOne, Scope } from "./scope";

/** Metadata names bound inside every `{{#for}}` loop (§4.16). */
export const LOOP_META = ["@index", "@index1", "@first", "@last", "@length", "@even", "@odd"];

/** Emit the rendering of `parts` into a fresh string temp and return it. */
export function templateExpr(g: Gen, parts: TemplatePart[], sc: Scope): string {
  const acc = g.tmp(sc.fn);
  g.emit(`${acc} = "";`);
  // One value temp for the whole template (each tag's value is appended at once), so a
  // template with many tags does not give the function as many locals.
  emitParts(g, parts, sc, acc, g.tmp(sc.fn));
  return acc;
}

function emitParts(g: Gen, parts: TemplatePart[], sc: Scope, acc: string, v: string): void {
  const fc = sc.fn;
  for (const p of parts) {
    switch (p.type) {
      case "TText":
        if (p.text) g.emit(`${acc} += ${JSON.stringify(p.text)};`);
        break;
      case "TExpr": {
        if (!p.expr) break;
        if (p.filters.some((f) => f.name === "default")) {
          // `default` turns an undefined variable into () (§4.16).
          g.open("try {");
          g.emit(`${v} = ${expr(g, p.expr, sc).js};`);
          g.close(`} catch (e) { if (!R.isUndefinedVariable(e)) throw e; ${v} = undefined; }`);
        } else g.emit(`${v} = ${expr(g, p.expr, sc).js};`);
        for (const f of p.filters) {
          const args = seq(g, f.args, sc);
          // A filter's own error (unknown name, bad argument) is located at its tag.
          g.emit(`L = ${g.loc(p.loc)}; ${v} = R.applyFilter(${JSON.stringify(f.name)}, ${v}, [${args.map((a) => a.js).join(", ")}], NC);`);
        }
        g.emit(`${acc} += str(${v});`);
        break;
      }
      case "TFor": {
        const items = g.tmp(fc);
        g.emit(`${items} = ${expr(g, p.iterable, sc).js};`);
        g.emit(`L = ${g.loc(p.loc)}; ${items} = R.templateItems(${items});`);
        g.open(`if (${items}.length === 0) {`);
        if (p.empty) emitParts(g, p.empty, new Scope(sc, fc), acc, v);
        g.reopen("} else {");
        const k = `k${g.uid()}`;
        g.open(`for (let ${k} = 0; ${k} < ${items}.length; ${k}++) {`);
        const ls = new Scope(sc, fc);
        const item = declareOne(ls, p.variable, g.uid);
        const meta = LOOP_META.map((m) => declareOne(ls, m, g.uid).js);
        const n = `${items}.length`;
        const vals = [`${k}`, `${k} + 1`, `${k} === 0`, `${k} === ${n} - 1`, n, `${k} % 2 === 0`, `${k} % 2 === 1`];
        g.emit(`let ${item.js} = ${items}[${k}], ${meta.map((m, i) => `${m} = ${vals[i]}`).join(", ")};`);
        emitParts(g, p.body, ls, acc, v);
        g.close();
        g.close();
        break;
      }
      case "TIf": {
        let closers = 0;
        p.branches.forEach((b, i) => {
          if (i > 0) {
            g.open("else {");
            closers++;
          }
          g.open(`if (${cond(g, b.cond, sc)}) {`);
          emitParts(g, b.body, new Scope(sc, fc), acc, v);
          g.close();
        });
        if (p.otherwise) {
          g.open("else {");
          emitParts(g, p.otherwise, new Scope(sc, fc), acc, v);
          g.close();
        }
        for (let i = 0; i < closers; i++) g.close();
        break;
      }
    }
  }
}
