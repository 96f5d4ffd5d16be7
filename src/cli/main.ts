/** Command table and dispatch for `ntnt`: usage errors exit 2, command failures 1 (cli.md §1). */

import type { ArgsDef, CommandDef } from "citty";
import { commandTree, commands, groups, type Loader } from "./commands";
import { checkFlags, defineCommand, plainRunArgs, usageErrorsReported, usageFail } from "./usage";
import pkg from "../../package.json" with { type: "json" };
import { statSync } from "node:fs";
import { colourOn } from "../runtime/colour";
import { setBuildIdentity } from "../engine/build-identity";

const HEAD = `NTNT (Intent) language — ntnt ${pkg.version}

USAGE
  ntnt <command> [options]
  ntnt FILE                 same as \`ntnt run FILE\`
  ntnt                      the REPL (\`ntnt repl\`), also with piped input

COMMANDS`;

const TAIL = `Use \`ntnt <command> --help\` for a command's options.

ENVIRONMENT

  NTNT_ENV       production|prod: production mode (no hot reload, masked 500 bodies)
  NTNT_TIMEOUT   request timeout in seconds (default 30, 0 disables); --timeout overrides
  NTNT_STRICT    1|true: type errors block run and hot reloads; lint warns about untyped signatures
  NTNT_HISTORY   REPL history file (default ~/.ntnt_history)
  NTNT_COMPILE_CACHE  0: compile the program on every run (default: reuse ~/.cache/ntnt/compile)
  NO_COLOR       disable ANSI colours`;

/** `ntnt --help`: one line per command of the table (subcommands included), so it always lists them all. */
async function helpText(): Promise<string> {
  const rows: { usage: string; what: string; hidden: boolean }[] = [];
  const add = async (prefix: string, cmd: CommandDef<any>) => {
    const meta = await resolveValue(cmd.meta);
    const args = Object.entries(((await resolveValue(cmd.args)) ?? {}) as ArgsDef)
      .filter(([, def]) => def.type === "positional")
      .map(([name, def]) => (def.required === false ? `[${name.toUpperCase()}]` : name.toUpperCase()));
    rows.push({ usage: [prefix, ...args].join(" "), what: firstSentence(meta?.description ?? ""), hidden: Boolean(meta?.hidden) });
    for (const [name, sub] of Object.entries((await resolveValue(cmd.subCommands)) ?? {})) await add(`${prefix} ${name}`, await resolveValue(sub));
  };
  for (const [name, load] of Object.entries(commandTree())) await add(name, await load());
  const width = Math.max(...rows.map((r) => r.usage.length)) + 3;
  const lines = (hidden: boolean) => rows.filter((r) => r.hidden === hidden).map((r) => `  ${r.usage.padEnd(width)}${r.what}`);
  return [HEAD, ...lines(false), "", "DEBUGGING AND INTERNALS", ...lines(true), "", TAIL].join("\n");
}

async function resolveValue<T>(value: T | (() => T) | (() => Promise<T>) | Promise<T>): Promise<T> {
  return typeof value === "function" ? await (value as () => T | Promise<T>)() : await value;
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end < 0 ? text : text.slice(0, end);
}

const root = defineCommand({ meta: { name: "ntnt", version: pkg.version } });

/** Run the CLI with raw arguments; resolves to the process exit code. `build` names the running build (src/cli.ts) for the compile cache. */
export async function main(argv: string[], build: string | null = null): Promise<number> {
  setBuildIdentity(build);
  // `ntnt` alone starts the REPL (cli.md §1), as the reference does on a terminal and with piped input alike.
  if (argv.length === 0) argv = ["repl"];
  if (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h")) {
    console.log(await helpText());
    return 0;
  }
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
    console.log(`ntnt ${pkg.version}`);
    return 0;
  }
  const first = argv[0]!;
  if (first.startsWith("-")) return usageFail(`error: unexpected argument '${first}' found`, "ntnt --help");
  const group = groups[first];
  if (group) return runGroup(first, group, argv.slice(1));
  if (first in commands) return runLoaded(first, commands[first]!, argv.slice(1));
  // `ntnt FILE` is shorthand for `ntnt run FILE`; a bare word that is no file is a mistyped command.
  if (looksLikeFile(first)) return runLoaded("run", commands.run!, argv);
  return unknownCommand(first, [...Object.keys(commands), ...Object.keys(groups)], "ntnt --help");
}

/** `ntnt intent <sub> …`: dispatch to a group's subcommand; a missing or unknown one is a usage error (exit 2). */
async function runGroup(name: string, group: { commands: Record<string, Loader>; help: string }, argv: string[]): Promise<number> {
  const sub = argv[0];
  if (sub === "--help" || sub === "-h") {
    console.log(group.help);
    return 0;
  }
  if (sub === undefined || sub.startsWith("-")) {
    console.error(group.help);
    return 2;
  }
  const load = group.commands[sub];
  if (!load)
    return unknownCommand(
      `${name} ${sub}`,
      Object.keys(group.commands).map((c) => `${name} ${c}`),
      `ntnt ${name} --help`,
    );
  return runLoaded(`${name} ${sub}`, load, argv.slice(1), defineCommand({ meta: { name: `ntnt ${name}` } }));
}

/** A path-like word (`app.tnt`, `dir/app`, or an existing file, not a folder) runs as a program. */
function looksLikeFile(word: string): boolean {
  if (word.includes(".") || word.includes("/")) return true;
  try {
    return statSync(word).isFile();
  } catch {
    return false;
  }
}

function unknownCommand(name: string, known: string[], hint: string): number {
  return usageFail(`error: unknown command '${name}'\n\nCommands: ${known.join(", ")}`, hint);
}

async function runLoaded(name: string, load: Loader, rest: string[], parent: CommandDef<any> = root): Promise<number> {
  // The plain forms of `ntnt run` (nearly every start) skip citty and its parsing.
  const quick = name === "run" ? plainRunArgs(rest) : null;
  if (quick) return usageErrorsReported(name, async () => (await import("./run")).runProgram(quick));
  const cmd = await load();
  const { renderUsage, runCommand } = await import("citty");
  // `ntnt complete -- …` receives the words being typed, flags included.
  if (name !== "complete" && (rest.includes("--help") || rest.includes("-h"))) {
    console.log(plain(await renderUsage(cmd, parent)));
    return 0;
  }
  return usageErrorsReported(name, async () => {
    checkFlags(rest, cmd);
    const { result } = await runCommand(cmd, { rawArgs: rest });
    return typeof result === "number" ? result : 0;
  });
}

/** citty colours its usage text; keep colour only on a terminal without NO_COLOR (cli.md §1). */
function plain(text: string): string {
  return colourOn(process.stdout) ? text : text.replace(/\x1b\[[0-9;]*m/g, "");
}
