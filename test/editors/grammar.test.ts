/** The VS Code grammars in editors/vscode, tokenised with vscode-textmate + vscode-oniguruma as the editor does. */

import { beforeAll, describe, expect, test } from "bun:test";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as oniguruma from "vscode-oniguruma";
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from "vscode-textmate";
import { GRAMMAR_FILE, ntntGrammar } from "../../scripts/editor-grammar";

const ROOT = join(import.meta.dir, "..", "..");
const EXTENSION = join(ROOT, "editors", "vscode");

type Token = { text: string; scopes: string[] };

let ntnt: IGrammar;
let intent: IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(join(ROOT, "node_modules", "vscode-oniguruma", "release", "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const manifest = JSON.parse(readFileSync(join(EXTENSION, "package.json"), "utf8"));
  const paths = new Map<string, string>(manifest.contributes.grammars.map((g: { scopeName: string; path: string }) => [g.scopeName, join(EXTENSION, g.path)]));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      const path = paths.get(scope);
      return path ? parseRawGrammar(readFileSync(path, "utf8"), path) : null;
    },
  });
  ntnt = (await registry.loadGrammar("source.ntnt"))!;
  intent = (await registry.loadGrammar("source.intent"))!;
});

function tokenize(grammar: IGrammar, source: string): Token[] {
  const out: Token[] = [];
  let state = INITIAL;
  for (const line of source.split("\n")) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  }
  return out;
}

/** Scopes of the `nth` token whose (trimmed) text is exactly `text`. */
function scopesOf(tokens: Token[], text: string, nth = 0): string[] {
  const hits = tokens.filter((t) => t.text.trim() === text);
  if (!hits[nth]) throw new Error(`no token ${JSON.stringify(text)} (#${nth}) in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return hits[nth]!.scopes;
}

const has = (scopes: string[], prefix: string) => scopes.some((s) => s.startsWith(prefix));

function tntFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".tnt"))
    .map((e) => join(e.parentPath, e.name));
}

describe("editors/vscode", () => {
  test("the .tnt grammar file is the one scripts/editor-grammar.ts builds from the keyword and builtin tables", () => {
    // A new builtin or keyword changes the grammar: the message says how to rebuild it.
    const current = JSON.parse(readFileSync(GRAMMAR_FILE, "utf8"));
    if (!Bun.deepEquals(current, ntntGrammar()))
      throw new Error("editors/vscode/syntaxes/ntnt.tmLanguage.json is out of date: run node_modules/.bin/bun scripts/editor-grammar.ts");
  });

  test("the extension declares both languages with their grammars and configurations", () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION, "package.json"), "utf8"));
    expect(manifest.contributes.languages.map((l: { extensions: string[] }) => l.extensions[0])).toEqual([".tnt", ".intent"]);
    for (const l of manifest.contributes.languages) expect(() => JSON.parse(readFileSync(join(EXTENSION, l.configuration), "utf8"))).not.toThrow();
  });

  test("every example program tokenises without reserved-word errors; comments, imports and strings get their scopes", () => {
    const files = tntFiles(join(ROOT, "examples"));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const tokens = tokenize(ntnt, readFileSync(file, "utf8"));
      const illegal = tokens.filter((t) => has(t.scopes, "invalid."));
      expect({ file, illegal }).toEqual({ file, illegal: [] });
    }
    const app = tokenize(ntnt, readFileSync(join(ROOT, "examples", "website", "app.tnt"), "utf8"));
    expect(has(scopesOf(app, "A small website: pages rendered from templates in views/, assets served from public/."), "comment.line.double-slash")).toBe(true);
    expect(scopesOf(app, "import")).toContain("keyword.control.import.ntnt");
    expect(scopesOf(app, "from")).toContain("keyword.control.import.ntnt");
    expect(scopesOf(app, "std/http/server")).toContain("string.quoted.double.ntnt");
    expect(scopesOf(app, "fn")).toContain("storage.type.function.ntnt");
    expect(scopesOf(app, "page")).toContain("entity.name.function.ntnt");
    expect(scopesOf(app, "return")).toContain("keyword.control.ntnt");
    expect(scopesOf(app, "map")).toContain("keyword.other.map.ntnt");
    expect(scopesOf(app, "template")).toContain("support.function.builtin.ntnt");
    expect(scopesOf(app, "/hello/{name}")).toContain("string.quoted.raw.ntnt");
    expect(scopesOf(app, "8080")).toContain("constant.numeric.integer.ntnt");
  });

  test("strings with interpolation: the embedded expression is code, nested strings and braces do not end it", () => {
    const tokens = tokenize(ntnt, 'let s = "total: {sum(m["k"]) + 1} {{x}} \\{literal\\}"');
    expect(scopesOf(tokens, "total:")).toContain("string.quoted.double.ntnt");
    expect(scopesOf(tokens, "{")).toContain("punctuation.section.interpolation.begin.ntnt");
    const sum = scopesOf(tokens, "sum");
    expect(sum).toContain("meta.interpolation.ntnt");
    expect(sum).toContain("entity.name.function.call.ntnt");
    expect(scopesOf(tokens, "k")).toContain("string.quoted.double.ntnt");
    expect(scopesOf(tokens, "1")).toContain("constant.numeric.integer.ntnt");
    expect(scopesOf(tokens, "x")).toContain("meta.interpolation.ntnt");
    expect(scopesOf(tokens, "\\{")).toContain("constant.character.escape.ntnt");
    expect(scopesOf(tokens, "literal")).not.toContain("meta.interpolation.ntnt");
  });

  test("templates: tags, blocks, filters and comments; plain braces stay text", () => {
    const source = [
      'let page = """',
      "<style>p { color: red }</style>",
      "{{! a note }}",
      "{{#for item in items}}<li>{{ item.name | upper | truncate(10) }}</li>{{#empty}}none{{/for}}",
      "{{#if n > 1}}many{{#else}}one{{/if}}",
      '"""',
      "print(page)",
    ].join("\n");
    const tokens = tokenize(ntnt, source);
    expect(scopesOf(tokens, "<style>p { color: red }</style>")).toContain("string.quoted.triple.template.ntnt");
    expect(has(scopesOf(tokens, "a note"), "comment.block.template")).toBe(true);
    expect(scopesOf(tokens, "#for")).toContain("keyword.control.template.ntnt");
    expect(scopesOf(tokens, "in")).toContain("keyword.control.ntnt");
    expect(scopesOf(tokens, "items")).toContain("meta.tag.template.block.ntnt");
    expect(scopesOf(tokens, "upper")).toContain("support.function.filter.ntnt");
    expect(scopesOf(tokens, "truncate")).toContain("support.function.filter.ntnt");
    expect(scopesOf(tokens, "#empty")).toContain("keyword.control.template.ntnt");
    expect(scopesOf(tokens, "/for")).toContain("keyword.control.template.ntnt");
    expect(scopesOf(tokens, "#if")).toContain("keyword.control.template.ntnt");
    expect(scopesOf(tokens, ">")).toContain("keyword.operator.comparison.ntnt");
    expect(scopesOf(tokens, "many")).toContain("string.quoted.triple.template.ntnt");
    const after = scopesOf(tokens, "print");
    expect(after).toContain("support.function.builtin.ntnt");
    expect(after).not.toContain("string.quoted.triple.template.ntnt");
  });

  test("contracts, declarations, block comments, reserved words, intent annotations", () => {
    const source = [
      "/* block ( comment */",
      "// @implements: feature.withdraw",
      "struct Account { balance: Int }",
      "impl Account { invariant self.balance >= 0 }",
      "fn withdraw(acc, n) requires n > 0 ensures result.balance == old(acc.balance) - n {",
      "  let mut x = 0x1F + 1.5e3",
      "  match x { Some(v) => v, _ => None }",
      "  xs |> sort() ?? 1..=3",
      "}",
      "let async = 1",
    ].join("\n");
    const tokens = tokenize(ntnt, source);
    expect(scopesOf(tokens, "block ( comment")).toContain("comment.block.ntnt");
    expect(scopesOf(tokens, "@implements")).toContain("storage.type.annotation.ntnt");
    expect(scopesOf(tokens, "feature.withdraw")).toContain("entity.name.tag.ntnt");
    expect(scopesOf(tokens, "struct")).toContain("storage.type.ntnt");
    expect(scopesOf(tokens, "Account")).toContain("entity.name.type.ntnt");
    expect(scopesOf(tokens, "invariant")).toContain("keyword.other.contract.ntnt");
    expect(scopesOf(tokens, "self")).toContain("variable.language.ntnt");
    expect(scopesOf(tokens, "requires")).toContain("keyword.other.contract.ntnt");
    expect(scopesOf(tokens, "ensures")).toContain("keyword.other.contract.ntnt");
    expect(scopesOf(tokens, "result")).toContain("variable.language.ntnt");
    expect(scopesOf(tokens, "old")).toContain("support.function.contract.ntnt");
    expect(scopesOf(tokens, "mut")).toContain("storage.modifier.ntnt");
    expect(scopesOf(tokens, "0x1F")).toContain("constant.numeric.hex.ntnt");
    expect(scopesOf(tokens, "1.5e3")).toContain("constant.numeric.float.ntnt");
    expect(scopesOf(tokens, "Some")).toContain("support.constant.variant.ntnt");
    expect(scopesOf(tokens, "=>")).toContain("keyword.operator.arrow.ntnt");
    expect(scopesOf(tokens, "|>")).toContain("keyword.operator.pipe.ntnt");
    expect(scopesOf(tokens, "??")).toContain("keyword.operator.coalesce.ntnt");
    expect(scopesOf(tokens, "..=")).toContain("keyword.operator.range.ntnt");
    expect(scopesOf(tokens, "async")).toContain("invalid.illegal.reserved.ntnt");
  });

  test(".intent files: comments, headings, glossary tables, blocks, steps, outcomes, parameters", () => {
    const source = [
      "# Run: ntnt intent check server.tnt",
      "## Glossary",
      "| Term | Means |",
      "|------|-------|",
      "| a user visits {path} | GET {path} |",
      "---",
      "Feature: Home Page",
      "  id: feature.home_page",
      '  description: "Welcome message"',
      "  Scenario: Visitor sees welcome",
      "    When a user visits /",
      '    → body contains "Welcome"',
      "    -> status 200",
    ].join("\n");
    const tokens = tokenize(intent, source);
    expect(has(scopesOf(tokens, "Run: ntnt intent check server.tnt"), "comment.line.number-sign")).toBe(true);
    expect(scopesOf(tokens, "Glossary")).toContain("markup.heading.intent");
    expect(scopesOf(tokens, "|")).toContain("punctuation.separator.table.intent");
    expect(scopesOf(tokens, "{path}")).toContain("variable.parameter.intent");
    expect(scopesOf(tokens, "GET")).toContain("keyword.other.http-method.intent");
    expect(scopesOf(tokens, "Feature")).toContain("keyword.control.block.intent");
    expect(scopesOf(tokens, "Home Page")).toContain("entity.name.type.intent");
    expect(scopesOf(tokens, "feature.home_page")).toContain("entity.name.tag.intent");
    expect(scopesOf(tokens, "Scenario")).toContain("keyword.control.scenario.intent");
    expect(scopesOf(tokens, "When")).toContain("keyword.control.step.intent");
    expect(scopesOf(tokens, "/")).toContain("string.unquoted.path.intent");
    expect(scopesOf(tokens, "→")).toContain("keyword.operator.outcome.intent");
    expect(scopesOf(tokens, "body contains")).toContain("support.function.assertion.intent");
    expect(scopesOf(tokens, "->")).toContain("keyword.operator.outcome.intent");
    expect(scopesOf(tokens, "200")).toContain("constant.numeric.intent");
  });
});
