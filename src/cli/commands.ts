/** The command table of `ntnt`: every command and command group, loaded on demand. Help and shell completions derive from it. */

import type { CommandDef } from "citty";
import { INTENT_HELP, intentCommands } from "./intent";
import { defineCommand } from "./usage";

/** Loads one command's citty definition. */
export type Loader = () => Promise<CommandDef<any>>;

/** Commands by name, in the order `ntnt --help` lists them (core first, cli.md §2). */
export const commands: Record<string, Loader> = {
  run: () => import("./run").then((m) => m.default),
  test: () => import("./test").then((m) => m.default),
  lint: () => import("./lint").then((m) => m.default),
  check: () => import("./check").then((m) => m.default),
  validate: () => import("./validate").then((m) => m.default),
  inspect: () => import("./inspect").then((m) => m.default),
  repl: () => import("./repl").then((m) => m.default),
  docs: () => import("./docs").then((m) => m.default),
  completions: () => import("./completions").then((m) => m.default),
  parse: () => import("./parse").then((m) => m.default),
  lex: () => import("./lex").then((m) => m.default),
  complete: () => import("./complete").then((m) => m.default),
};

/** Commands with subcommands (`ntnt intent check …`): their table and help text. */
export const groups: Record<string, { commands: Record<string, Loader>; help: string }> = {
  intent: { commands: intentCommands, help: INTENT_HELP },
};

/** Every command and group as a loader of its citty definition (a group's subcommands stay lazy), in help order. */
export function commandTree(): Record<string, Loader> {
  const tree: Record<string, Loader> = { ...commands };
  for (const [name, group] of Object.entries(groups)) {
    tree[name] = async () => defineCommand({ meta: { name, description: group.help.split("\n")[0] }, subCommands: group.commands });
  }
  return tree;
}
