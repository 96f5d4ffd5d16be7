/** The `ntnt intent <subcommand>` group (cli.md §4.5, §7.6–7.8): its subcommands, each loaded on demand. */

import type { CommandDef } from "citty";

/** Subcommands of `ntnt intent`, in help order. */
export const intentCommands: Record<string, () => Promise<CommandDef<any>>> = {
  check: () => import("./intent-check").then((m) => m.default),
  coverage: () => import("./intent-coverage").then((m) => m.default),
  init: () => import("./intent-init").then((m) => m.default),
  studio: () => import("./intent-studio").then((m) => m.default),
};

export const INTENT_HELP = `Intent-driven development: check a program against its .intent file

USAGE
  ntnt intent <command> [options]

COMMANDS
  check FILE [--intent PATH] [--port N] [-v|-vv] [--json]   start the app and run the intent file's scenarios against it
  coverage FILE [--intent PATH]                              which features have @implements annotations
  init FILE [-o OUT]                                         generate a program skeleton from an intent file
  studio FILE [--port N] [--app-port N] [--no-open]         Intent Studio: live results in the browser (ports 3001, 8081)

Use \`ntnt intent <command> --help\` for a command's options.`;
