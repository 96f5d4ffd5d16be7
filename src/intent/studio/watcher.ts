/**
 * Noticing edits: the intent file and the program's `.tnt` files are compared by mtime and
 * size a few times a second. Polling survives editors that save by renaming a new file into
 * place, which file-system watches lose track of.
 */

import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

const POLL_MS = 250;
/** Folders never holding the program's own sources. */
const SKIPPED_DIRS = new Set(["node_modules", ".git", "target", "build", "dist"]);

/** What changed since the last look. */
export interface Change {
  intent: boolean;
  program: boolean;
}

/** Watches the files; calls `onChange` once per batch of edits. */
export class FileWatcher {
  private timer: ReturnType<typeof setInterval> | null = null;
  private intentStamp: string;
  private programStamp: string;

  constructor(
    private readonly intentPath: string,
    private readonly programPath: string | null,
    private readonly onChange: (change: Change) => void,
  ) {
    this.intentStamp = stamp(intentPath);
    this.programStamp = this.programSnapshot();
  }

  /** Start polling. */
  start(): void {
    this.timer ??= setInterval(() => this.poll(), POLL_MS);
  }

  /** Stop polling. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private poll(): void {
    const intent = stamp(this.intentPath);
    const program = this.programSnapshot();
    const change = { intent: intent !== this.intentStamp, program: program !== this.programStamp };
    this.intentStamp = intent;
    this.programStamp = program;
    if (change.intent || change.program) this.onChange(change);
  }

  private programSnapshot(): string {
    if (this.programPath === null) return "";
    const parts: string[] = [];
    collectTnt(dirname(this.programPath), parts);
    return parts.join("\n");
  }
}

/** The mtime and size of `path` ("" when it is missing). */
export function stamp(path: string): string {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return "";
  }
}

function collectTnt(dir: string, out: string[]): void {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name) && !e.name.startsWith(".")) collectTnt(path, out);
    } else if (e.name.endsWith(".tnt")) out.push(`${path}=${stamp(path)}`);
  }
}
