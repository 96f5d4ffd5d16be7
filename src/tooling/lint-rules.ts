/** The `ntnt lint` rules (cli.md §4.3); `type_check` and the name rules come from the checker (src/checker). */

import type { Program } from "../ast/nodes";
import type { Diagnostic } from "../checker/index";
import { visit } from "../ast/walk";
import type { SourceFile } from "./load";
import { unusedImportMessage, unusedImports } from "./unused-imports";

/** One finding, with the reference's rule names and messages. */
export interface LintIssue {
  severity: "error" | "warning" | "suggestion";
  rule: string;
  message: string;
  line: number | null;
  column?: number | null;
  hint?: string | null;
  fix?: { description: string };
}

/**
 * A file's issues: contract suggestions and unused imports from the syntax tree (or the parse error),
 * the checker's diagnostics, then the line-based heuristics. Unlike the reference, the heuristics also
 * run on a file that does not parse, where they usually explain why (`from x import y`). An undefined
 * name on a line a heuristic flags (`range(` in a `for`) is left to the heuristic, which says it better.
 */
export function lintFile(file: SourceFile, diagnostics: Diagnostic[]): LintIssue[] {
  const issues: LintIssue[] = file.program
    ? [...contractSuggestions(file.program), ...importWarnings(file.program)]
    : [{ severity: "error", rule: "parse_error", message: file.failure!.message, line: file.failure!.line }];
  const heuristics = lineHeuristics(file.source);
  const flagged = new Set(heuristics.map((h) => h.line));
  const checked = diagnostics.filter((d) => !(d.rule === "undefined_name" && flagged.has(d.line)));
  return [...issues, ...checked.map(checkerIssue), ...heuristics];
}

/** A checker diagnostic as a lint issue (`hint` is always present, null when there is none). */
function checkerIssue(d: Diagnostic): LintIssue {
  return { severity: d.severity, rule: d.rule, message: d.message, line: d.line, column: d.column, hint: d.hint };
}

/** `function_no_contract` for every function and method without requires/ensures (trait defaults excepted). */
function contractSuggestions(program: Program): LintIssue[] {
  const issues: LintIssue[] = [];
  for (const stmt of program.body)
    visit(stmt, (fn) => {
      if (fn.type === "TraitDecl") return false;
      if (fn.type !== "FnDecl") return;
      if (fn.requires.length > 0 || fn.ensures.length > 0) return;
      issues.push({
        severity: "suggestion",
        rule: "function_no_contract",
        message: `Function '${fn.name}' has no contracts. Consider adding requires/ensures for better documentation and safety.`,
        line: fn.loc.line,
      });
    });
  return issues;
}

function importWarnings(program: Program): LintIssue[] {
  return unusedImports(program).map((name) => ({ severity: "warning", rule: "unused_import", message: unusedImportMessage(name), line: null }));
}

const IMPORT_FIX = { description: 'Rewrite as: import { x } from "std/module"' };

/** Source-line patterns typical of code written for another language. */
function lineHeuristics(source: string): LintIssue[] {
  const issues: LintIssue[] = [];
  source.split("\n").forEach((raw, i) => {
    const text = raw.replace(/\r$/, "");
    const line = i + 1;
    const trimmed = text.trim();
    if (text.includes("${") && text.includes("`")) {
      issues.push({
        severity: "warning",
        rule: "javascript_template_string",
        message: 'Possible JavaScript-style template string detected. NTNT uses "{variable}" for interpolation, not `${variable}`.',
        line,
        fix: { description: 'Replace `${var}` with "{var}" and remove backticks' },
      });
    }
    if (text.includes("range(") && (text.includes("for ") || text.includes("for\t"))) {
      issues.push({
        severity: "warning",
        rule: "python_style_range",
        message: "Possible Python-style range() detected. NTNT uses `0..10` for exclusive ranges or `0..=10` for inclusive.",
        line,
        fix: { description: "Replace range(n) with 0..n or range(a, b) with a..b" },
      });
    }
    if (trimmed.startsWith("from ") && trimmed.includes(" import ")) {
      issues.push({
        severity: "error",
        rule: "python_import_syntax",
        message: 'Python-style import detected. NTNT uses `import { x } from "module"`.',
        line,
        fix: IMPORT_FIX,
      });
    }
    if (trimmed.startsWith("use ") && trimmed.includes("::")) {
      issues.push({
        severity: "error",
        rule: "rust_import_syntax",
        message: 'Rust-style import detected. NTNT uses `import { x } from "module"`.',
        line,
        fix: IMPORT_FIX,
      });
    }
  });
  return issues;
}
