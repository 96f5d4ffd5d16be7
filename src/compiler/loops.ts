/** Code generation of `while`, `loop` and `for` (their bodies are blocks, statements.ts). */

import type { Expr, Stmt } from "../ast/nodes";
import type { Gen, Tail } from "./codegen";
import { cond, expr } from "./expr";
import { declareOne, type FnCtx, Scope } from "./scope";
import { isShortLoop } from "./short-loops";
import { block, emitReturn } from "./statements";

/**
 * Back-edge check: deadline (and cooperative yield in async code) every 1024 iterations. The
 * loop counts in its own local `c`, a register once compiled, rather than storing to the
 * shared `S.ticks` on every iteration (that store cost more than a tight loop's body).
 */
function backEdge(g: Gen, fc: FnCtx, c: string): void {
  g.emit(`if (S.watch && (++${c} & 1023) === 0) ${tickCall(fc)}`);
}

/**
 * After the loop: its count joins `S.ticks`, and crossing a multiple of 1024 there checks the
 * deadline, so nested loops too short to reach 1024 on their own are still checked about every
 * 1024 iterations in all. A `return` or error out of the loop skips this (the count only drifts).
 */
function loopExit(g: Gen, fc: FnCtx, c: string): void {
  g.emit(`if (S.watch && ((S.ticks += ${c}) & 1023) < ${c}) ${tickCall(fc)}`);
}

/** The deadline check (and, in async code, the cooperative yield) a back-edge or loop exit makes. */
function tickCall(fc: FnCtx): string {
  return fc.isAsync ? "{ const y = R.asyncTick(); if (y) { await y; S.deadline = dl; } }" : "R.tick();";
}

/** A fresh back-edge counter for the loop about to open. */
function loopCounter(g: Gen, fc: FnCtx): string {
  const c = g.tmp(fc);
  g.emit(`${c} = 0;`);
  return c;
}

/** `while c { … }` (or `loop { … }` when `c` is null). */
export function loopStmt(g: Gen, c: Expr | null, body: Stmt[], sc: Scope): void {
  const fc = sc.fn;
  const ticks = loopCounter(g, fc);
  g.open("while (true) {");
  backEdge(g, fc, ticks);
  if (c) g.emit(`if (!(${cond(g, c, sc)})) break;`);
  fc.loops++;
  block(g, sc, body, null, { loopBody: true });
  fc.loops--;
  g.close();
  loopExit(g, fc, ticks);
}

/** `for x in iterable { … }`: ranges count in a JS loop, arrays are read from a stable buffer. */
export function forStmt(g: Gen, s: Extract<Stmt, { type: "For" }>, sc: Scope, tail: Tail): void {
  const fc = sc.fn;
  const tv = tail ? g.tmp(fc) : null;
  if (tv) g.emit(`${tv} = undefined;`);
  const k = `k${g.uid()}`;
  let head: string;
  let item: string;
  let intCounter = false;
  if (s.iterable.type === "Range") {
    const [start, end] = [expr(g, s.iterable.start, sc), expr(g, s.iterable.end, sc)];
    const a = g.tmp(fc);
    const b = g.tmp(fc);
    g.emit(`${a} = ${start.js}; ${b} = ${end.js};`);
    head = `for (let ${k} = ${a}; ${k} ${s.iterable.inclusive ? "<=" : "<"} ${b}; ${k}++) {`;
    intCounter = Boolean(start.int && end.int);
    if (intCounter) item = k;
    else {
      // Bounds beyond ±2^53 are bigints: then the loop counts in bigints (Ints are 64-bit).
      g.emit(
        `if (typeof ${a} !== "number" || typeof ${b} !== "number") { L = ${g.loc(s.iterable.loc)}; R.range(${a}, ${b}, false); ${a} = BigInt(${a}); ${b} = BigInt(${b}); }`,
      );
      item = `(typeof ${k} === "number" ? ${k} : R.rangeInt(${k}))`;
    }
  } else {
    const it = g.tmp(fc);
    const items = g.tmp(fc);
    const n = g.tmp(fc);
    const st = g.tmp(fc);
    g.emit(`${it} = ${expr(g, s.iterable, sc).js};`);
    g.emit(
      `if (${it} instanceof NRange && typeof ${it}.start === "number" && typeof ${it}.end === "number") { ${items} = null; ${st} = ${it}.start; ${n} = (${it}.inclusive ? ${it}.end + 1 : ${it}.end) - ${st}; }` +
        ` else if (${it} instanceof NRange) { ({ items: ${items}, count: ${n} } = R.bigRangeItems(${it})); }` +
        ` else if (${it} instanceof NArray) { ${items} = R.iterationBuffer(${it}); ${n} = ${it}.length; } else { ${items} = R.iterItems(${it}); ${n} = ${items}.length; }`,
    );
    head = `for (let ${k} = 0; ${k} < ${n}; ${k}++) {`;
    item = `(${items} === null ? ${st} + ${k} : ${items}[${k}])`;
  }
  const ticks = isShortLoop(s) ? null : loopCounter(g, fc);
  g.open(head);
  if (ticks) backEdge(g, fc, ticks);
  if (tv) g.emit(`${tv} = undefined;`);
  fc.loops++;
  // The loop variable lives in its own scope around the body block (§4.9).
  const loopScope = new Scope(sc, fc);
  const lv = declareOne(loopScope, s.variable, g.uid, !g.an.reassigned.has(s.variable));
  lv.int = intCounter && lv.single;
  lv.integer = s.iterable.type === "Range" && (g.integers()?.has(s.variable) ?? false);
  g.emit(`let ${lv.js} = ${item};`);
  block(g, loopScope, s.body, tv, { loopBody: true });
  fc.loops--;
  g.close();
  if (ticks) loopExit(g, fc, ticks);
  if (tail === "return") emitReturn(g, tv!, fc);
  else if (tail) g.emit(`${tail} = ${tv};`);
}
