/** `ntnt inspect PATH [--pretty|-p]`: project structure as JSON, found statically (cli.md §7.2). */

import { defineCommand } from "citty";
import { note, paint } from "./paint";
import { reportError } from "./source-file";

export default defineCommand({
  meta: {
    name: "inspect",
    description: "Print a project's functions, routes, middleware, static directories, structs, enums and imports as JSON (nothing is run)",
  },
  args: {
    path: { type: "positional", description: "A .tnt file or a directory (searched recursively)", required: true },
    pretty: { type: "boolean", alias: "p", description: "Indent the JSON" },
  },
  async run({ args }) {
    try {
      const { loadProject } = await import("../tooling/load");
      const { scanProject } = await import("../tooling/scan");
      const { syntaxReference } = await import("../tooling/hints");
      const { sortedJson } = await import("../tooling/sorted-json");
      const project = await loadProject(args.path);
      for (const file of project) {
        if (file.failure) note(`${paint.yellow("Warning")}: Failed to parse ${file.path}: ${file.failure.message}`);
      }
      const report = { files: project.map((f) => f.name), ...scanProject(project), syntax_reference: await syntaxReference() };
      console.log(sortedJson(report, Boolean(args.pretty)));
      return 0;
    } catch (err) {
      return reportError(err, args.path);
    }
  },
});
