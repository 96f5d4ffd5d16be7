/** `ntnt docs [QUERY] [--json] [--validate]`: the std library's declarations, in a terminal or as JSON (cli.md §7.4). */

import { defineCommand } from "citty";

export default defineCommand({
  meta: {
    name: "docs",
    description: "Show the standard library: an overview, a module (string, std/fs), a function (split, std/path.join), or a search",
  },
  args: {
    query: { type: "positional", description: "Module, function or search word", required: false },
    json: { type: "boolean", description: "Print JSON instead of text" },
    validate: { type: "boolean", description: "Count the documented functions; exit 1 if any lacks a declaration" },
  },
  async run({ args }) {
    const { answer, answerJson, answerText, loadDocIndex, undocumented } = await import("../tooling/docs");
    const index = await loadDocIndex();
    if (args.validate) {
      const missing = undocumented(index);
      const total = index.builtins.length + index.modules.reduce((n, m) => n + m.functions.length, 0);
      console.log(`Documented: ${total - missing.length} of ${total} functions`);
      for (const name of missing) console.log(`  missing: ${name}`);
      return missing.length > 0 ? 1 : 0;
    }
    const found = answer(index, args.query);
    if (found.kind === "search" && found.hits.length === 0) {
      console.log(`Not found: No documentation found for '${args.query}'`);
      return 0;
    }
    if (args.json) {
      const { sortedJson } = await import("../tooling/sorted-json");
      console.log(sortedJson(answerJson(found), true));
    } else process.stdout.write(answerText(found));
    return 0;
  },
});
