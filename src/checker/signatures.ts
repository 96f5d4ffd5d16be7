/** Function signatures: user functions' annotations, and std declarations such as `split(s: String, sep: String) -> [String]`. */

import type { FnDecl } from "../ast/nodes";
import { splitSignature } from "../runtime/declaration";
import { readType, type TypeNames } from "./annotations";
import { ANY, joinTypes, type Type } from "./types";

/** What a call site is checked against. */
export interface FunctionSig {
  params: { name: string; type: Type }[];
  /** Arguments that must be given (the rest are optional or have defaults). */
  required: number;
  /** Takes any number of arguments after the listed ones. */
  variadic: boolean;
  returns: Type;
}

/** A user function's signature: unannotated parameters and results are `Any`. */
export function userSignature(fn: FnDecl, names: TypeNames): FunctionSig {
  const scoped: TypeNames = { ...names, params: new Set([...(names.params ?? []), ...fn.typeParams]) };
  return {
    params: fn.params.map((p) => ({ name: p.name, type: p.typeAnn === null ? ANY : readType(p.typeAnn, scoped) })),
    required: fn.params.filter((p) => p.defaultValue === null).length,
    variadic: false,
    returns: fn.returnType === null ? ANY : readType(fn.returnType, scoped),
  };
}

/** Single capital letters in std declarations are type variables. */
const TYPE_VARS = new Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ".split(""));

/** A std declaration's signature, with `Request`/`Response` and type variables understood. */
export function declaredSignature(text: string): FunctionSig {
  const parts = splitSignature(text);
  const names: TypeNames = { named: new Set(["Request", "Response"]), aliases: new Map(), vars: TYPE_VARS };
  return {
    params: parts.params.map((p) => ({ name: p.name, type: readType(p.type, names) })),
    required: parts.params.filter((p) => !p.optional && !p.rest).length,
    variadic: parts.params.some((p) => p.rest),
    returns: readType(parts.returns, names),
  };
}

/** The call's result type: the declared one with type variables bound from the argument types. */
export function callResult(sig: FunctionSig, args: Type[]): Type {
  const bound = new Map<string, Type>();
  sig.params.forEach((p, i) => {
    const arg = args[i];
    if (arg) bind(p.type, arg, bound);
  });
  return substitute(sig.returns, bound);
}

function bind(param: Type, arg: Type, bound: Map<string, Type>): void {
  if (arg.kind === "Any") return;
  switch (param.kind) {
    case "Var": {
      const prev = bound.get(param.name);
      bound.set(param.name, prev ? joinTypes(prev, arg) : arg);
      return;
    }
    case "Array":
      if (arg.kind === "Array") bind(param.element, arg.element, bound);
      return;
    case "Map":
      if (arg.kind === "Map") {
        bind(param.key, arg.key, bound);
        bind(param.value, arg.value, bound);
      }
      return;
    case "Optional":
      if (arg.kind === "Optional") bind(param.inner, arg.inner, bound);
      return;
    case "Result":
      if (arg.kind === "Result") {
        bind(param.ok, arg.ok, bound);
        bind(param.err, arg.err, bound);
      }
      return;
    case "Function":
      if (arg.kind === "Function") bind(param.returns, arg.returns, bound);
      return;
    case "Union":
      for (const m of param.members) if (m.kind === arg.kind) bind(m, arg, bound);
      return;
  }
}

function substitute(t: Type, bound: Map<string, Type>): Type {
  switch (t.kind) {
    case "Var":
      return bound.get(t.name) ?? ANY;
    case "Array":
      return { kind: "Array", element: substitute(t.element, bound) };
    case "Map":
      return { kind: "Map", key: substitute(t.key, bound), value: substitute(t.value, bound) };
    case "Optional":
      return { kind: "Optional", inner: substitute(t.inner, bound) };
    case "Result":
      return { kind: "Result", ok: substitute(t.ok, bound), err: substitute(t.err, bound) };
    case "Union":
      return { kind: "Union", members: t.members.map((m) => substitute(m, bound)) };
    case "Function":
      return { kind: "Function", params: t.params.map((p) => substitute(p, bound)), returns: substitute(t.returns, bound) };
    default:
      return t;
  }
}
