/**
 * The TextMate grammar of `.tnt` files for editors/vscode, built from the parser's keyword
 * list and the builtin tables so it cannot drift from them. Run
 * `node_modules/.bin/bun scripts/editor-grammar.ts` to rewrite
 * editors/vscode/syntaxes/ntnt.tmLanguage.json (a test checks the file is current).
 */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { KEYWORDS } from "../src/parser/tokens";
import { coreBuiltins } from "../src/runtime/core-builtins";
import { serverBuiltins } from "../src/server/server-builtins";

/** Where the generated grammar lives. */
export const GRAMMAR_FILE = join(import.meta.dir, "..", "editors", "vscode", "syntaxes", "ntnt.tmLanguage.json");

const CONTROL = ["if", "else", "while", "loop", "for", "in", "break", "continue", "return", "match", "defer"];
const MODULES = ["import", "export", "from", "as", "use", "mod", "pub"];
const DECLARATIONS = ["let", "fn", "struct", "enum", "impl", "trait", "type", "protocol"];
const CONTRACTS = ["requires", "ensures", "invariant"];
const CONSTANTS = ["true", "false"];
const MODIFIERS = ["mut"];
const MAP = ["map"];

const IDENT = "[A-Za-z_@][A-Za-z0-9_]*";
const words = (list: Iterable<string>) => `\\b(?:${[...list].sort().join("|")})\\b`;

/** The grammar as a JSON-ready object. */
export function ntntGrammar(): Record<string, unknown> {
  const roles = new Set([...CONTROL, ...MODULES, ...DECLARATIONS, ...CONTRACTS, ...CONSTANTS, ...MODIFIERS, ...MAP]);
  // Reserved words without a grammar role are parse errors wherever they appear (language.md §1.4).
  const reserved = [...KEYWORDS].filter((k) => !roles.has(k));
  const builtins = [...new Set([...Object.keys(coreBuiltins), ...Object.keys(serverBuiltins)])].filter((n) => /^[A-Za-z_]\w*$/.test(n));
  return {
    $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
    name: "NTNT",
    scopeName: "source.ntnt",
    fileTypes: ["tnt"],
    patterns: [{ include: "#statements" }],
    repository: {
      statements: {
        patterns: [{ include: "#comments" }, { include: "#declarations" }, { include: "#expressions" }],
      },
      comments: {
        patterns: [
          {
            name: "comment.line.double-slash.ntnt",
            begin: "//",
            beginCaptures: { 0: { name: "punctuation.definition.comment.ntnt" } },
            end: "$",
            patterns: [
              {
                // Intent annotations tie the next function to a feature (cli.md §5).
                match: "(@(?:implements|supports|utility|internal|infrastructure))\\b(?::\\s*([\\w.]+))?",
                captures: { 1: { name: "storage.type.annotation.ntnt" }, 2: { name: "entity.name.tag.ntnt" } },
              },
            ],
          },
          {
            // Block comments do not nest: the first `*/` closes (language.md §1.2).
            name: "comment.block.ntnt",
            begin: "/\\*",
            end: "\\*/",
            captures: { 0: { name: "punctuation.definition.comment.ntnt" } },
          },
        ],
      },
      declarations: {
        patterns: [
          {
            match: `\\b(fn)\\s+(${IDENT})`,
            captures: { 1: { name: "storage.type.function.ntnt" }, 2: { name: "entity.name.function.ntnt" } },
          },
          {
            match: `\\b(struct|enum|trait|type|protocol)\\s+(${IDENT})`,
            captures: { 1: { name: "storage.type.ntnt" }, 2: { name: "entity.name.type.ntnt" } },
          },
          {
            match: `\\b(impl)\\s+(${IDENT})(?:\\s+(for)\\s+(${IDENT}))?`,
            captures: {
              1: { name: "storage.type.impl.ntnt" },
              2: { name: "entity.name.type.ntnt" },
              3: { name: "keyword.control.ntnt" },
              4: { name: "entity.name.type.ntnt" },
            },
          },
        ],
      },
      expressions: {
        patterns: [
          { include: "#comments" },
          { include: "#template" },
          { include: "#raw-string" },
          { include: "#string-double" },
          { include: "#string-single" },
          { include: "#numbers" },
          { include: "#keywords" },
          { include: "#types" },
          { include: "#calls" },
          { include: "#variables" },
          { include: "#operators" },
          { include: "#braces" },
        ],
      },
      keywords: {
        patterns: [
          { name: "keyword.control.ntnt", match: words(CONTROL) },
          { name: "keyword.control.import.ntnt", match: words(MODULES) },
          { name: "storage.type.ntnt", match: words(DECLARATIONS) },
          { name: "storage.modifier.ntnt", match: words(MODIFIERS) },
          { name: "keyword.other.contract.ntnt", match: words(CONTRACTS) },
          { name: "keyword.other.map.ntnt", match: words(MAP) },
          { name: "constant.language.boolean.ntnt", match: words(CONSTANTS) },
          { name: "invalid.illegal.reserved.ntnt", match: words(reserved) },
        ],
      },
      calls: {
        patterns: [
          { name: "support.function.builtin.ntnt", match: `${words(builtins)}(?=\\s*\\()` },
          { name: "support.function.contract.ntnt", match: "\\bold(?=\\s*\\()" },
          { name: "entity.name.function.call.ntnt", match: `\\b${IDENT}(?=\\s*\\()` },
        ],
      },
      types: {
        patterns: [
          { name: "support.constant.variant.ntnt", match: "\\b(?:Some|None|Ok|Err)\\b" },
          { name: "entity.name.type.ntnt", match: "\\b[A-Z][A-Za-z0-9_]*\\b" },
        ],
      },
      variables: {
        patterns: [
          { name: "variable.language.ntnt", match: "\\b(?:self|result)\\b" },
          { name: "variable.other.ntnt", match: `\\b${IDENT}` },
        ],
      },
      numbers: {
        patterns: [
          { name: "constant.numeric.hex.ntnt", match: "\\b0[xX][0-9a-fA-F_]*\\b" },
          { name: "constant.numeric.binary.ntnt", match: "\\b0[bB][01_]*\\b" },
          { name: "constant.numeric.float.ntnt", match: "\\b[0-9][0-9_]*(?:\\.[0-9][0-9_]*(?:[eE][+-]?[0-9]*)?|[eE][+-]?[0-9]*)" },
          { name: "constant.numeric.integer.ntnt", match: "\\b[0-9][0-9_]*\\b" },
        ],
      },
      operators: {
        patterns: [
          { name: "keyword.operator.pipe.ntnt", match: "\\|>" },
          { name: "keyword.operator.range.ntnt", match: "\\.\\.=?" },
          { name: "keyword.operator.arrow.ntnt", match: "=>|->" },
          { name: "keyword.operator.coalesce.ntnt", match: "\\?\\?" },
          { name: "keyword.operator.comparison.ntnt", match: "==|!=|<=|>=|<|>" },
          { name: "keyword.operator.logical.ntnt", match: "&&|\\|\\||!" },
          { name: "keyword.operator.assignment.ntnt", match: "[-+*/]?=" },
          { name: "keyword.operator.arithmetic.ntnt", match: "[-+*/%]" },
          { name: "punctuation.separator.path.ntnt", match: "::" },
          { name: "punctuation.accessor.ntnt", match: "\\." },
          { name: "punctuation.separator.ntnt", match: "[,:;]" },
        ],
      },
      braces: {
        // Nested blocks and map literals inside an interpolation must not end it early.
        begin: "\\{",
        end: "\\}",
        beginCaptures: { 0: { name: "punctuation.section.block.begin.ntnt" } },
        endCaptures: { 0: { name: "punctuation.section.block.end.ntnt" } },
        patterns: [{ include: "#statements" }],
      },
      escapes: {
        name: "constant.character.escape.ntnt",
        match: "\\\\.",
      },
      interpolation: {
        name: "meta.interpolation.ntnt",
        begin: "\\{",
        end: "\\}",
        beginCaptures: { 0: { name: "punctuation.section.interpolation.begin.ntnt" } },
        endCaptures: { 0: { name: "punctuation.section.interpolation.end.ntnt" } },
        contentName: "source.ntnt.embedded",
        patterns: [{ include: "#expressions" }],
      },
      "string-double": {
        name: "string.quoted.double.ntnt",
        begin: '"',
        end: '"',
        beginCaptures: { 0: { name: "punctuation.definition.string.begin.ntnt" } },
        endCaptures: { 0: { name: "punctuation.definition.string.end.ntnt" } },
        patterns: [{ include: "#escapes" }, { include: "#interpolation" }],
      },
      "string-single": {
        name: "string.quoted.single.ntnt",
        begin: "'",
        end: "'",
        beginCaptures: { 0: { name: "punctuation.definition.string.begin.ntnt" } },
        endCaptures: { 0: { name: "punctuation.definition.string.end.ntnt" } },
        patterns: [{ include: "#escapes" }, { include: "#interpolation" }],
      },
      "raw-string": {
        // r"…", r#"…"#: no escapes, no interpolation (language.md §1.7).
        name: "string.quoted.raw.ntnt",
        begin: '\\b(r)(#*)(")',
        end: '(")(\\2)',
        beginCaptures: { 1: { name: "storage.type.string.ntnt" }, 3: { name: "punctuation.definition.string.begin.ntnt" } },
        endCaptures: { 1: { name: "punctuation.definition.string.end.ntnt" } },
      },
      template: {
        // """…""" with {{expr | filter}}, {{#for}}, {{#if}}, {{! comments }} (language.md §1.8).
        name: "string.quoted.triple.template.ntnt",
        begin: '"""',
        end: '"""',
        beginCaptures: { 0: { name: "punctuation.definition.string.begin.ntnt" } },
        endCaptures: { 0: { name: "punctuation.definition.string.end.ntnt" } },
        patterns: [
          { name: "constant.character.escape.ntnt", match: "\\\\(?:\\{\\{|\\}\\}|\\{|\\})" },
          { name: "comment.block.template.ntnt", begin: "\\{\\{!", end: "\\}\\}" },
          {
            name: "meta.tag.template.block.ntnt",
            begin: "(\\{\\{)(#(?:for|if|elif|else|empty)|/(?:for|if))\\b",
            end: "\\}\\}",
            beginCaptures: { 1: { name: "punctuation.section.template.begin.ntnt" }, 2: { name: "keyword.control.template.ntnt" } },
            endCaptures: { 0: { name: "punctuation.section.template.end.ntnt" } },
            patterns: [{ name: "keyword.control.ntnt", match: "\\bin\\b" }, { include: "#expressions" }],
          },
          {
            name: "meta.tag.template.expression.ntnt",
            begin: "\\{\\{",
            end: "\\}\\}",
            beginCaptures: { 0: { name: "punctuation.section.template.begin.ntnt" } },
            endCaptures: { 0: { name: "punctuation.section.template.end.ntnt" } },
            patterns: [
              {
                match: `(?<!\\|)(\\|)(?!\\|)\\s*(${IDENT})`,
                captures: { 1: { name: "keyword.operator.filter.ntnt" }, 2: { name: "support.function.filter.ntnt" } },
              },
              { include: "#expressions" },
            ],
          },
        ],
      },
    },
  };
}

if (import.meta.main) {
  writeFileSync(GRAMMAR_FILE, `${JSON.stringify(ntntGrammar(), null, 2)}\n`);
  console.log(`wrote ${GRAMMAR_FILE}`);
}
