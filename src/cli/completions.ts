/** `ntnt completions bash|zsh|fish|powershell|elvish` (cli.md §7.5): a completion script on stdout. */

import { defineCommand } from "citty";
import { UsageError } from "./usage";

/** Shells there are completion scripts for. */
export const SHELLS = ["bash", "zsh", "fish", "powershell", "elvish"] as const;

export default defineCommand({
  meta: {
    name: "completions",
    description:
      "Print a shell completion script. bash: ntnt completions bash >> ~/.bashrc; zsh: ntnt completions zsh >> ~/.zshrc; " +
      "fish: ntnt completions fish > ~/.config/fish/completions/ntnt.fish; powershell: ntnt completions powershell >> $PROFILE; elvish: ntnt completions elvish >> ~/.config/elvish/rc.elv",
  },
  args: { shell: { type: "positional", description: "bash, zsh, fish, powershell or elvish", required: true } },
  async run({ args }) {
    const shell = SHELLS.find((s) => s === args.shell);
    if (!shell) throw new UsageError(`invalid value '${args.shell}' for '<SHELL>': expected one of ${SHELLS.join(", ")}`);
    const { printCompletionScript } = await import("./shell-completion");
    await printCompletionScript(shell);
    return 0;
  },
});
