/** `ntnt check FILE`: lex + parse only (cli.md §4.4). */

import { defineCommand } from "citty";
import { readSource, reportError } from "./source-file";

export default defineCommand({
  meta: { name: "check", description: "Check a program for syntax errors without running it" },
  args: { file: { type: "positional", description: "Program file (.tnt)", required: true } },
  async run({ args }) {
    try {
      const source = readSource(args.file);
      const { parse } = await import("../parser/index");
      parse(source, args.file);
      console.log(`✓ No errors found in ${args.file}`);
      return 0;
    } catch (err) {
      return reportError(err, args.file);
    }
  },
});
