/** `ntnt parse FILE [--json]`: dump the AST as JSON (debug aid). */

import { defineCommand } from "citty";
import { readSource, reportError } from "./source-file";

/** JSON.stringify replacer: Int literals beyond 2^53 are bigints. */
const bigints = (_key: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);

export default defineCommand({
  meta: { name: "parse", description: "Print a program's syntax tree as JSON", hidden: true },
  args: {
    file: { type: "positional", description: "Program file (.tnt)", required: true },
    json: { type: "boolean", description: "JSON output (the only format; accepted for compatibility)" },
  },
  async run({ args }) {
    try {
      const source = readSource(args.file);
      const { parse } = await import("../parser/index");
      console.log(JSON.stringify(parse(source, args.file), bigints, 2));
      return 0;
    } catch (err) {
      return reportError(err, args.file);
    }
  },
});
