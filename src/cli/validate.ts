/** `ntnt validate PATH`: parse and type check every .tnt file, JSON report on stdout, progress on stderr (cli.md §7.1). */

import { defineCommand } from "citty";
import { note, paint } from "./paint";
import { reportError } from "./source-file";

export default defineCommand({
  meta: {
    name: "validate",
    description:
      "Parse and type check every .tnt file at PATH and print a JSON report (parse errors, type errors; " + "unused imports, type and name warnings).",
  },
  args: { path: { type: "positional", description: "A .tnt file or a directory (searched recursively)", required: true } },
  async run({ args }) {
    try {
      const { loadProject } = await import("../tooling/load");
      const { unusedImportMessage, unusedImports } = await import("../tooling/unused-imports");
      const { sortedJson } = await import("../tooling/sorted-json");
      const { checkSourceFile } = await import("../tooling/type-issues");
      const project = await loadProject(args.path);
      const files = [];
      let errors = 0;
      let warnings = 0;
      let valid = 0;
      for (const file of project) {
        if (!file.program) {
          errors++;
          files.push({ file: file.name, valid: false, errors: [file.failure], warnings: [] });
          note(`${paint.red("✗")} ${file.name}`);
          continue;
        }
        const diagnostics = await checkSourceFile(file, false);
        const entry = (d: (typeof diagnostics)[number]) => ({ rule: d.rule, message: d.message, line: d.line, column: d.column, hint: d.hint });
        const typeErrors = diagnostics.filter((d) => d.severity === "error").map(entry);
        const found: object[] = unusedImports(file.program).map((name) => ({ type: "unused_import", message: unusedImportMessage(name) }));
        found.push(...diagnostics.filter((d) => d.severity === "warning").map(entry));
        warnings += found.length;
        errors += typeErrors.length;
        if (typeErrors.length === 0) valid++;
        files.push({ file: file.name, valid: typeErrors.length === 0, errors: typeErrors, warnings: found });
        if (typeErrors.length > 0) note(`${paint.red("✗")} ${file.name} (${typeErrors.length} type errors)`);
        else note(found.length === 0 ? `${paint.green("✓")} ${file.name}` : `${paint.yellow("⚠")} ${file.name} (${found.length} warnings)`);
      }
      note();
      note(errors === 0 ? paint.boldGreen("All files valid!") : `${paint.boldRed("Errors")}: ${errors}`);
      if (warnings > 0) note(`${paint.boldYellow("Warnings")}: ${warnings}`);
      // summary.valid counts valid files [REC]; the reference subtracts the error count.
      console.log(sortedJson({ files, summary: { total: project.length, valid, errors, warnings } }, true));
      return errors > 0 ? 1 : 0;
    } catch (err) {
      return reportError(err, args.path);
    }
  },
});
