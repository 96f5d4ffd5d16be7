/** Run `ntnt` in a real pseudo-terminal (python3's pty module, see pty-drive.py) and collect the transcript. */

import { join } from "node:path";

const DRIVER = join(import.meta.dir, "pty-drive.py");
const NTNT = join(import.meta.dir, "..", "..", "ntnt");

/** One step: wait for text to appear, or type text ("\r" Enter, "\t" Tab, "\x03" Ctrl-C, "\x04" Ctrl-D). */
export type PtyStep = { expect: string; timeout?: number } | { send: string };

/** Type `steps` into `ntnt ARGS` on a terminal; resolves to the exit code and the transcript (escapes removed). */
export async function inPty(args: string[], steps: PtyStep[], opts: { cwd: string; env?: Record<string, string> }): Promise<{ code: number; output: string }> {
  const env: Record<string, string | undefined> = { ...process.env, TERM: "xterm", ...opts.env };
  delete env.NO_COLOR;
  delete env.NTNT_STRICT;
  const proc = Bun.spawn(["python3", DRIVER, JSON.stringify(steps), "--", NTNT, ...args], {
    cwd: opts.cwd,
    env,
    stdout: "pipe",
    stderr: "pipe",
    stdin: "ignore",
  });
  const [output, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
  return { code, output };
}

/** Steps that type one line and wait for `reply`. */
export function line(text: string, reply: string): PtyStep[] {
  return [{ send: `${text}\r` }, { expect: reply }];
}
