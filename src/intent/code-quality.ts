/**
 * The code-quality action (cli.md §5.1 rule 1): the same checks as `ntnt lint` / `ntnt validate`
 * on every `.tnt` file under a directory. Errors are parse failures and error-level lint issues;
 * warnings are warning-level issues (suggestions such as missing contracts are neither).
 */

export interface QualityReport {
  filesChecked: number;
  errors: number;
  warnings: number;
  /** `file: message` for each error and warning, in file order. */
  messages: string[];
}

/** Lint and validate the project at `dir`. */
export async function checkCodeQuality(dir: string): Promise<QualityReport> {
  const { loadProject } = await import("../tooling/load");
  const { lintFile } = await import("../tooling/lint-rules");
  const { checkSourceFile } = await import("../tooling/type-issues");
  const report: QualityReport = { filesChecked: 0, errors: 0, warnings: 0, messages: [] };
  for (const file of await loadProject(dir)) {
    report.filesChecked++;
    for (const issue of lintFile(file, await checkSourceFile(file, false))) {
      if (issue.severity === "suggestion") continue;
      if (issue.severity === "error") report.errors++;
      else report.warnings++;
      report.messages.push(`${file.name}${issue.line ? `:${issue.line}` : ""}: ${issue.message}`);
    }
  }
  return report;
}
