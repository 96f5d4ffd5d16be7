/** REPL history kept across sessions in a file (`NTNT_HISTORY`, default `~/.ntnt_history`). */

import { appendFileSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Lines kept in memory and offered by the Up arrow. */
export const HISTORY_SIZE = 1000;

/** Where history is kept: `$NTNT_HISTORY`, else `.ntnt_history` in the home directory. */
export function historyFile(): string {
  return process.env.NTNT_HISTORY || join(homedir(), ".ntnt_history");
}

/** Earlier sessions' lines, newest first (the order readline expects); none when the file is missing. */
export function loadHistory(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(-HISTORY_SIZE)
    .reverse();
}

/** Append one entered line; a history file that cannot be written never disturbs the session. */
export function saveHistoryLine(file: string, line: string): void {
  try {
    appendFileSync(file, `${line.replace(/\n/g, " ")}\n`);
  } catch {
    // Read-only home or similar: the session goes on without saved history.
  }
}
