/** Top-level declarations as `ntnt inspect` lists them: functions, structs, enums, imports (cli.md §7.2). */

import type { FnDecl, Stmt } from "../ast/nodes";
import { exprText, typeText } from "./expr-text";
import type { SourceFile } from "./load";
import { attributesBefore, publicFieldsAt } from "./source-text";

type Decl<K extends Stmt["type"]> = Extract<Stmt, { type: K }>;

/** A function's signature, contracts (null when it has none) and attributes. */
export function functionInfo(fn: FnDecl, file: SourceFile) {
  const hasContract = fn.requires.length > 0 || fn.ensures.length > 0;
  return {
    name: fn.name,
    file: file.name,
    line: fn.loc.line,
    params: fn.params.map((p) => ({ name: p.name, type: p.typeAnn === null ? null : typeText(p.typeAnn), has_default: p.defaultValue !== null })),
    return_type: fn.returnType === null ? null : typeText(fn.returnType),
    contracts: hasContract ? { requires: fn.requires.map(exprText), ensures: fn.ensures.map(exprText) } : null,
    attributes: attributesBefore(file.source, fn.loc),
  };
}

/** A struct's fields (type text, `pub` or not) and type parameters. */
export function structInfo(decl: Decl<"StructDecl">, file: SourceFile) {
  const pub = publicFieldsAt(file.source, decl.loc);
  return {
    name: decl.name,
    file: file.name,
    line: decl.loc.line,
    fields: decl.fields.map((f) => ({ name: f.name, type: typeText(f.typeAnn), public: pub.has(f.name) })),
    type_params: decl.typeParams,
  };
}

/** An enum's variant names and type parameters. */
export function enumInfo(decl: Decl<"EnumDecl">, file: SourceFile) {
  return {
    name: decl.name,
    file: file.name,
    line: decl.loc.line,
    variants: decl.variants.map((v) => v.name),
    type_params: decl.typeParams,
  };
}

/** An import: module path, imported item names (not their aliases) and the module alias. */
export function importInfo(decl: Decl<"Import">, file: SourceFile) {
  return { source: decl.source, items: (decl.items ?? []).map((i) => i.name), alias: decl.alias, file: file.name };
}
