/** `ntnt complete -- WORDS…` (hidden): the candidates the scripts of `ntnt completions` ask for at each Tab. */

import { defineCommand } from "citty";

export default defineCommand({
  meta: { name: "complete", description: "Print completions for a partial command line (used by completion scripts)", hidden: true },
  args: {},
  async run({ rawArgs }) {
    const words = rawArgs[0] === "--" ? rawArgs.slice(1) : rawArgs;
    const { printCompletions } = await import("./shell-completion");
    await printCompletions(words);
    return 0;
  },
});
