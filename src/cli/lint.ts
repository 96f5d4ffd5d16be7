/** `ntnt lint PATH [--quiet|-q] [--fix] [--strict]`: JSON lint report on stdout, progress on stderr (cli.md §4.3). */

import { defineCommand } from "citty";
import { note, paint } from "./paint";
import { reportError } from "./source-file";

export default defineCommand({
  meta: {
    name: "lint",
    description:
      "Lint a .tnt file or directory and print a JSON report. Rules: function_no_contract, unused_import, " +
      "javascript_template_string, python_style_range, python_import_syntax, rust_import_syntax, parse_error, " +
      "type_check (the gradual type checker), undefined_name, unknown_import, unused_variable, assignment_condition.",
  },
  args: {
    path: { type: "positional", description: "A .tnt file or a directory (searched recursively)", required: true },
    quiet: {
      type: "boolean",
      alias: "q",
      description: "Hide per-file warning lines and the warning/suggestion totals on stderr (the JSON report is not filtered)",
    },
    fix: { type: "boolean", description: "Add syntax_hints to the report when there are errors or warnings (files are never edited)" },
    strict: {
      type: "boolean",
      description: "Also warn about unannotated parameters and missing return types (also NTNT_STRICT=1 or ntnt.toml [lint] strict = true)",
    },
  },
  async run({ args }) {
    try {
      const { loadProject } = await import("../tooling/load");
      const { lintFile } = await import("../tooling/lint-rules");
      const { sortedJson } = await import("../tooling/sorted-json");
      const { checkSourceFile } = await import("../tooling/type-issues");
      const { isStrict } = await import("../checker/strict");
      const strict = Boolean(args.strict) || isStrict(args.path);
      const project = await loadProject(args.path);
      const files = [];
      const total = { errors: 0, warnings: 0, suggestions: 0 };
      for (const file of project) {
        const issues = lintFile(file, await checkSourceFile(file, strict));
        const n = { errors: 0, warnings: 0, suggestions: 0 };
        for (const issue of issues) n[`${issue.severity}s`]++;
        total.errors += n.errors;
        total.warnings += n.warnings;
        total.suggestions += n.suggestions;
        if (issues.length > 0) files.push({ file: file.name, issues });
        if (!file.program) note(`${paint.red("✗")} ${file.name}`);
        else if (issues.length === 0) note(`${paint.green("✓")} ${file.name}`);
        else if (!args.quiet) note(`${paint.yellow("⚠")} ${file.name} (${countsText(n)})`);
      }
      note();
      if (total.errors + total.warnings + total.suggestions === 0) note(paint.boldGreen("No issues found!"));
      if (total.errors > 0) note(`${paint.boldRed("Errors")}: ${total.errors}`);
      if (total.warnings > 0 && !args.quiet) note(`${paint.boldYellow("Warnings")}: ${total.warnings}`);
      if (total.suggestions > 0 && !args.quiet) note(`${paint.boldCyan("Suggestions")}: ${total.suggestions}`);
      const report: Record<string, unknown> = { files, summary: { total_files: project.length, ...total } };
      if (args.fix && total.errors + total.warnings > 0) report.syntax_hints = (await import("../tooling/hints")).SYNTAX_HINTS;
      console.log(sortedJson(report, true));
      return total.errors > 0 ? 1 : 0;
    } catch (err) {
      return reportError(err, args.path);
    }
  },
});

/** `2 warnings, 1 suggestions` for one file [REC per-file counts]; a file with only errors shows `N errors`. */
function countsText(n: { errors: number; warnings: number; suggestions: number }): string {
  const parts = [];
  if (n.warnings > 0) parts.push(`${n.warnings} warnings`);
  if (n.suggestions > 0) parts.push(`${n.suggestions} suggestions`);
  return parts.length > 0 ? parts.join(", ") : `${n.errors} errors`;
}
