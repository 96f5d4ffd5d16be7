/**
 * The compiler decides from AST nodes and typed fragments (src/compiler/fragment.ts), never by
 * re-reading JavaScript it generated: no regular expression and no prefix/suffix test of a
 * string anywhere in src/compiler, except on the few inputs listed below that are not code.
 */

import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";

const COMPILER = resolve(import.meta.dir, "../../src/compiler");

/** String methods that read text back; on generated JS they mean a decision made from text. */
const TEXT_READERS = new Set(["test", "exec", "match", "matchAll", "replace", "replaceAll", "search", "startsWith", "endsWith"]);

/** `file:enclosing declaration` → why that text read is not of generated code. */
const ALLOWED = new Map([["analysis.ts:isStdPath", "an import statement's path"]]);

/** Every regular expression and text-reading call in a file, as `file:declaration: code`. */
function textReads(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const enclosing = (n: ts.Node): string => {
    for (let p: ts.Node | undefined = n; p; p = p.parent) {
      if ((ts.isFunctionDeclaration(p) || ts.isVariableDeclaration(p) || ts.isMethodDeclaration(p)) && p.name) return p.name.getText(sf);
    }
    return "<top>";
  };
  const visit = (n: ts.Node) => {
    const isRegex = n.kind === ts.SyntaxKind.RegularExpressionLiteral || (ts.isIdentifier(n) && n.text === "RegExp");
    const isReader = ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && TEXT_READERS.has(n.expression.name.text);
    if (isRegex || isReader) {
      const key = `${file}:${enclosing(n)}`;
      if (!ALLOWED.has(key)) found.push(`${key}: ${n.getText(sf)}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

test("no compiler file applies a regular expression or a prefix test to text (generated code is typed fragments)", () => {
  const files = readdirSync(COMPILER).filter((f) => f.endsWith(".ts"));
  expect(files.length).toBeGreaterThan(5);
  const reads = files.flatMap((f) => textReads(f, readFileSync(join(COMPILER, f), "utf8")));
  expect(reads).toEqual([]);
});

test("the scan finds a regex over generated code and a prefix test", () => {
  const sample = "const isSimple = (js: string) => /^\\d+$/.test(js);\nfunction f(a: string) { return a.startsWith('\"'); }";
  expect(textReads("expr.ts", sample)).toEqual(["expr.ts:isSimple: /^\\d+$/.test(js)", "expr.ts:isSimple: /^\\d+$/", "expr.ts:f: a.startsWith('\"')"]);
});
