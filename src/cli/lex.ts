/** `ntnt lex FILE`: dump the token stream, one `Token { … }` record per line like the reference's debug print (debug aid). */

import { defineCommand } from "citty";
import { readSource, reportError } from "./source-file";

/** `Token { type: "keyword", text: "let", line: 1, col: 1 }`: each field's value as JSON. */
function tokenLine(token: Record<string, unknown>): string {
  const fields = Object.entries(token).map(([k, v]) => `${k}: ${typeof v === "bigint" ? v.toString() : JSON.stringify(v)}`);
  return `Token { ${fields.join(", ")} }`;
}

export default defineCommand({
  meta: { name: "lex", description: "Print a program's tokens", hidden: true },
  args: { file: { type: "positional", description: "Program file (.tnt)", required: true } },
  async run({ args }) {
    try {
      const source = readSource(args.file);
      const { tokenize } = await import("../parser/tokens");
      const lines = tokenize(source).map((t) => tokenLine(t as unknown as Record<string, unknown>));
      console.log(lines.join("\n"));
      return 0;
    } catch (err) {
      return reportError(err, args.file);
    }
  },
});
