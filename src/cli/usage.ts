/** Strict flag checking on top of citty (which accepts unknown flags silently), and the plain forms of `ntnt run` parsed without it. */

import type { ArgsDef, CommandDef } from "citty";

/** citty's `defineCommand` (it returns its argument) without loading citty, which loads node:util: a few ms of every start. */
export function defineCommand<const T extends ArgsDef = ArgsDef>(def: CommandDef<T>): CommandDef<T> {
  return def;
}

/** `ntnt run`'s arguments: the program file and the raw values of its flags. */
export interface RunArgs {
  file: string;
  timeout?: string;
  workers?: string;
}

/**
 * `FILE [--timeout S] [--workers N]` (each flag at most once, as `--flag value` or
 * `--flag=value`, a value not starting with `-`): the arguments citty would give `run`.
 * Anything else (help, other flags, a second file, `--`) is null and goes through citty.
 */
export function plainRunArgs(rawArgs: string[]): RunArgs | null {
  let file: string | undefined;
  const flags: { timeout?: string; workers?: string } = {};
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i]!;
    if (!arg.startsWith("-")) {
      if (file !== undefined) return null;
      file = arg;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = (eq < 0 ? arg : arg.slice(0, eq)).slice(2);
    if (!arg.startsWith("--") || (name !== "timeout" && name !== "workers") || flags[name] !== undefined) return null;
    const value = eq < 0 ? rawArgs[++i] : arg.slice(eq + 1);
    if (value === undefined || value === "" || value.startsWith("-")) return null;
    flags[name] = value;
  }
  return file === undefined ? null : { file, ...flags };
}

/** A command-line usage mistake: reported with exit code 2. */
export class UsageError extends Error {}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Throw UsageError for flags the command does not declare, or string flags without a value. */
export function checkFlags(rawArgs: string[], cmd: CommandDef<any>): void {
  const defs = (cmd.args ?? {}) as ArgsDef;
  const known = new Map<string, string>();
  for (const [name, def] of Object.entries(defs)) {
    if (def.type === "positional") continue;
    const type = def.type ?? "string";
    known.set(name, type);
    known.set(kebab(name), type);
    const aliases = "alias" in def && def.alias ? (Array.isArray(def.alias) ? def.alias : [def.alias]) : [];
    for (const a of aliases) known.set(a, type);
  }
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i]!;
    if (arg === "--") break;
    if (!arg.startsWith("-") || arg === "-") continue;
    const body = arg.replace(/^--?/, "");
    const eq = body.indexOf("=");
    const flag = eq >= 0 ? body.slice(0, eq) : body;
    // citty negates a boolean flag as `--no-<flag>`.
    const type = known.get(flag) ?? (flag.startsWith("no-") && known.get(flag.slice(3)) === "boolean" ? "boolean" : undefined);
    if (!type) throw new UsageError(`unexpected argument '${arg}' found`);
    if (type !== "boolean" && eq < 0) {
      if (i + 1 >= rawArgs.length) throw new UsageError(`a value is required for '${arg}' but none was supplied`);
      i++;
    }
  }
}

/** Parse a non-negative number flag (e.g. `--timeout 5`); throws UsageError on a bad value. */
export function numberFlag(value: unknown, flag: string, opts: { integer?: boolean } = {}): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  const n = Number(text);
  const ok = text.trim() !== "" && Number.isFinite(n) && n >= 0 && (!opts.integer || Number.isInteger(n));
  if (!ok) throw new UsageError(`invalid value '${text}' for '--${flag}': expected a non-negative ${opts.integer ? "whole " : ""}number`);
  return n;
}

/** Collect every value of a repeatable string flag (citty keeps only the last one). */
export function repeatedFlag(rawArgs: string[], names: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i]!;
    if (arg === "--") break;
    for (const name of names) {
      if (arg === name && i + 1 < rawArgs.length) out.push(rawArgs[++i]!);
      else if (arg.startsWith(`${name}=`)) out.push(arg.slice(name.length + 1));
    }
  }
  return out;
}

/** Print a usage mistake with its hint; the exit code 2 (cli.md §1). */
export function usageFail(message: string, hint: string): number {
  console.error(`${message}\n\nFor more information, try '${hint}'.`);
  return 2;
}

/** Runs a command; a usage mistake it throws is reported with exit code 2. */
export async function usageErrorsReported(name: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UsageError || (err instanceof Error && err.name === "CLIError")) {
      return usageFail(`error: ${err.message.replace(/\x1b\[[0-9;]*m/g, "")}`, `ntnt ${name} --help`);
    }
    throw err;
  }
}
