/**
 * Shell completion from the command table (src/cli/commands.ts) through @bomb.sh/tab: the
 * script `ntnt completions SHELL` prints asks `ntnt complete -- WORDS…` for candidates at
 * each Tab, so commands, subcommands and flags always match the running binary.
 */

import { readdirSync } from "node:fs";
import tab from "@bomb.sh/tab/citty";
import type { RootCommand } from "@bomb.sh/tab";
import { defineCommand, type ArgsDef, type CommandDef } from "citty";
import { commandTree } from "./commands";
import { SHELLS } from "./completions";

type CompletionConfig = NonNullable<Parameters<typeof tab>[1]>;

// The word being completed: tab hands argument handlers only a callback, not the word.
let currentWord = "";

/** Print the completion script for `shell` on stdout. */
export async function printCompletionScript(shell: (typeof SHELLS)[number]): Promise<void> {
  if (shell === "elvish") {
    console.log((await import("./elvish-completion")).ELVISH_SCRIPT);
    return;
  }
  const completion = await completionTree();
  // tab's bash script calls bash-completion's _get_comp_words_by_ref; define a minimal one
  // when that package is not loaded, so the script works in a bare bash too.
  if (shell === "bash") console.log(BASH_WORDS_FALLBACK);
  completion.setup("ntnt", "ntnt", shell);
}

/** Print the candidates for a partial command line (`WORDS…`, the last one being completed). */
export async function printCompletions(words: string[]): Promise<void> {
  currentWord = words[words.length - 1] ?? "";
  (await completionTree()).parse(words);
}

async function completionTree(): Promise<RootCommand> {
  const visible: Record<string, CommandDef<any>> = {};
  const config: CompletionConfig = { subCommands: {} };
  for (const [name, load] of Object.entries(commandTree())) {
    // tab adds its own `complete` command (the one the scripts call).
    if (name === "complete") continue;
    const cmd = await load();
    visible[name] = cmd;
    config.subCommands![name] = await commandConfig(cmd);
  }
  const root = defineCommand({ meta: { name: "ntnt", description: "NTNT (Intent) language" }, subCommands: visible });
  const completion = await tab(root, config);
  // tab's citty adapter also offers positional arguments as `--name` flags: drop those.
  for (const [path, cmd] of await commandPaths(visible)) {
    const entry = completion.commands.get(path);
    for (const [name, def] of Object.entries(((await resolve(cmd.args)) ?? {}) as ArgsDef)) if (def.type === "positional") entry?.options.delete(name);
  }
  return completion;
}

/** Every command and subcommand by its space-separated path (`intent check`). */
async function commandPaths(table: Record<string, CommandDef<any>>, prefix = ""): Promise<[string, CommandDef<any>][]> {
  const out: [string, CommandDef<any>][] = [];
  for (const [name, cmd] of Object.entries(table)) {
    const path = prefix ? `${prefix} ${name}` : name;
    out.push([path, cmd]);
    const subs = (await resolve(cmd.subCommands)) ?? {};
    const loaded: Record<string, CommandDef<any>> = {};
    for (const [n, sub] of Object.entries(subs)) loaded[n] = await resolve(sub as CommandDef<any>);
    out.push(...(await commandPaths(loaded, path)));
  }
  return out;
}

/** Value handlers: files for positional arguments, nothing for string flags (so tab knows they take a value). */
async function commandConfig(cmd: CommandDef<any>): Promise<CompletionConfig> {
  const config: CompletionConfig = { args: {}, options: {}, subCommands: {} };
  for (const [name, def] of Object.entries(((await resolve(cmd.args)) ?? {}) as ArgsDef)) {
    if (def.type === "positional") config.args![name] = name === "shell" ? shellNames : paths;
    else if (def.type !== "boolean") config.options![name] = () => {};
  }
  for (const [name, sub] of Object.entries((await resolve(cmd.subCommands)) ?? {})) {
    config.subCommands![name] = await commandConfig(await resolve(sub as CommandDef<any>));
  }
  return config;
}

function shellNames(complete: (value: string, description: string) => void): void {
  for (const shell of SHELLS) complete(shell, `${shell} completion script`);
}

/** Files and directories (with a trailing `/`) matching the word being completed. */
function paths(complete: (value: string, description: string) => void): void {
  const slash = currentWord.lastIndexOf("/");
  const dir = currentWord.slice(0, slash + 1);
  const base = currentWord.slice(slash + 1);
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir || ".", { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!e.name.startsWith(base) || (e.name.startsWith(".") && !base.startsWith("."))) continue;
    complete(dir + e.name + (e.isDirectory() ? "/" : ""), "");
  }
}

async function resolve<T>(value: T | (() => T) | (() => Promise<T>) | Promise<T>): Promise<T> {
  return typeof value === "function" ? await (value as () => T | Promise<T>)() : await value;
}

const BASH_WORDS_FALLBACK = `# Without the bash-completion package: the one helper the function below needs.
if ! declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
    _get_comp_words_by_ref() {
        words=("\${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        cur=\${COMP_WORDS[COMP_CWORD]}
        prev=\${COMP_WORDS[COMP_CWORD-1]}
    }
fi
`;
