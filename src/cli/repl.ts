/** `ntnt repl` (cli.md §7.3): the interactive shell; also what `ntnt` alone starts on a terminal. */

import { defineCommand } from "citty";

export default defineCommand({
  meta: { name: "repl", description: "Start the interactive REPL (history in NTNT_HISTORY or ~/.ntnt_history)" },
  args: {},
  async run() {
    const { runRepl } = await import("../repl/index");
    return await runRepl();
  },
});
