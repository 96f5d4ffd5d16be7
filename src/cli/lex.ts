/** `ntnt lex FILE`: dump the token stream, one JSON object per line (debug aid). */

import { defineCommand } from "citty";
import { readSource, reportError } from "./source-file";

const bigints = (_key: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);

export default defineCommand({
  meta: { name: "lex", description: "Print a program's tokens", hidden: true },
  args: { file: { type: "positional", description: "Program file (.tnt)", required: true } },
  async run({ args }) {
    try {
      const source = readSource(args.file);
      const { tokenize } = await import("../parser/tokens");
      const lines = tokenize(source).map((t: unknown) => JSON.stringify(t, bigints));
      console.log(lines.join("\n"));
      return 0;
    } catch (err) {
      return reportError(err, args.file);
    }
  },
});
