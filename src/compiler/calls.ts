/** Calls: direct calls of known functions and natives, inline builtin fast paths, generic calls through the runtime. */

import type { Expr } from "../ast/nodes";
import { coreBuiltins } from "../runtime/core-builtins";
import { isRouteBuiltin } from "../runtime/route-methods";
import { NNative } from "../runtime/values";
import type { Gen } from "./codegen";
import { expr, once, seq } from "./expr";
import { complex, type Frag, globalVar, infallible, isInteger, isLiteral, isSimple, name as nameFrag, stringValued, wrapPre } from "./fragment";
import { lookup } from "./names";
import type { Scope } from "./scope";

/** Wrap a call's result: awaited in async code, checked for stray Promises in sync code. */
export function callResult(g: Gen, js: string, sc: Scope, generic: boolean): Frag {
  if (sc.fn.isAsync) return complex(g.awaitWrap(js, sc.fn));
  return complex(generic ? `R.syncResult(${js})` : js);
}

/** `f(args)`: a direct call when `f` is statically known, else through `R.call*`. */
export function call(g: Gen, e: Extract<Expr, { type: "Call" }>, sc: Scope): Frag {
  if (e.callee.type === "Ident") {
    const name = e.callee.name;
    const hit = lookup(name, sc);
    if (name === "old" && !hit && e.args.length === 1) {
      const captured = sc.fn.olds?.get(e);
      return captured ? nameFrag(captured) : expr(g, e.args[0]!, sc);
    }
    const n = e.args.length;
    if (hit && hit.definite && hit.v.direct && !sc.fn.selfVar) {
      const f = hit.v.fn!;
      const required = f.params.filter((p) => p.defaultValue === null).length;
      if (n >= required && n <= f.params.length) {
        const args = seq(g, e.args, sc).map((a) => a.js);
        while (args.length < f.params.length) args.push("M");
        const js = `${hit.v.direct}(${args.join(", ")})`;
        return complex(g.an.asyncFns.has(f) ? g.awaitWrap(js, sc.fn) : js);
      }
    }
    const nat = hit && hit.definite && !sc.fn.selfVar ? hit.v.native : null;
    if (nat && n >= nat.minArity && (nat.maxArity < 0 || n <= nat.maxArity)) {
      const args = positionedAfter(g, e, seq(g, e.args, sc), sc);
      return callResult(g, nativeCall(hit!.v.js, nat, args), sc, false);
    }
    if (!hit && isRouteBuiltin(name) && n === 2 && e.args[0]!.type === "Interp" && g.inp.globals.has(name)) {
      // Route registration keeps `{name}` placeholders literal (reference eval_route_pattern).
      e = { ...e, args: [routePattern(e.args[0]!), e.args[1]!] };
    }
    if (!hit && !sc.fn.selfVar) {
      const gv = g.inp.globals.get(name);
      if (gv instanceof NNative && n >= gv.minArity && (gv.maxArity < 0 || n <= gv.maxArity)) {
        const args = seq(g, e.args, sc);
        g.usedGlobals.add(name);
        const inline = inlineBuiltin(g, gv, args, sc);
        if (inline) return inline;
        return callResult(g, nativeCall(globalVar(name), gv, positionedAfter(g, e, args, sc)), sc, false);
      }
    }
  }
  // Generic call: callee first, then arguments (§4.10).
  let callee = expr(g, e.callee, sc);
  if (!isSimple(callee)) {
    const t = g.tmp(sc.fn);
    g.emit(`${t} = ${callee.js};`);
    callee = nameFrag(t);
  }
  const args = positionedAfter(g, e, seq(g, e.args, sc), sc).map((a) => a.js);
  // NC: a native reached through a value (an imported std function, a variable) gets this load's context too.
  const js = args.length <= 3 ? `R.call${args.length}(${[callee.js, ...args, "NC"].join(", ")})` : `R.callValue(${callee.js}, [${args.join(", ")}], NC)`;
  return callResult(g, js, sc, true);
}

/**
 * Arguments whose own operations may record a position (`L`) are followed by the call's
 * position again, so an error of the call itself (arity, a native's argument check) names the
 * call, not its last failing-capable argument.
 */
function positionedAfter(g: Gen, e: Expr, args: Frag[], sc: Scope): Frag[] {
  const last = args.length - 1;
  if (last < 0 || !args.some((a) => a.kind === "complex" && !a.cannotFail)) return args;
  const t = g.tmp(sc.fn);
  return [...args.slice(0, last), complex(`(${t} = ${args[last]!.js}, L = ${g.loc(e.loc)}, ${t})`, args[last]!.int)];
}

/** Call of a known native: without an argument array when it has a fixed-arity entry. */
function nativeCall(js: string, fn: NNative, args: Frag[]): string {
  const list = args.map((a) => a.js).join(", ");
  if (fn.fixed && args.length === fn.minArity) return `${js}.fixed(${list}, NC)`;
  return `${js}.fn([${list}], NC)`;
}

/** Inline fast paths of the hottest core builtins (their common case only; else the native). */
function inlineBuiltin(g: Gen, fn: NNative, args: Frag[], sc: Scope): Frag | null {
  if (args[0] && isLiteral(args[0])) return null;
  const pre: string[] = [];
  const call = (a: Frag[]) => nativeCall(globalVar(fn.name), fn, a);
  if (fn === coreBuiltins.push && args.length === 2) {
    const a = once(g, args[0]!, sc, pre);
    const v = once(g, args[1]!, sc, pre);
    return complex(wrapPre(pre, `${a.js} instanceof NArray ? ${a.js}.push(${v.js}) : ${call([a, v])}`));
  }
  if (fn === coreBuiltins.len && args.length === 1) {
    // An ASCII String's UTF-8 length is its JS length.
    if (args[0]!.ascii) return infallible(`${args[0]!.js}.length`, true);
    const a = once(g, args[0]!, sc, pre);
    // Every length is an Int (a JS number); anything without one is an error.
    return complex(wrapPre(pre, `${a.js} instanceof NArray ? ${a.js}.length : typeof ${a.js} === "string" ? R.utf8Length(${a.js}) : ${call([a])}`), true);
  }
  if (fn === coreBuiltins.str && args.length === 1) return stringValued(`str(${args[0]!.js})`, isInteger(args[0]!) || args[0]!.ascii === true);
  return null;
}

/** `"/users/{id}"`: identifier parts stay literal placeholders, other parts are interpolated. */
function routePattern(arg: Extract<Expr, { type: "Interp" }>): Expr {
  const parts = arg.parts.map((p) => (typeof p !== "string" && p.type === "Ident" ? `{${p.name}}` : p));
  return { ...arg, parts };
}
