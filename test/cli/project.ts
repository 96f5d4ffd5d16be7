/** Fixture projects on disk and a runner for the `ntnt` binary, for the tooling command tests. */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const NTNT = join(import.meta.dir, "..", "..", "ntnt");

/** A temporary directory holding the given files (relative path → text). */
export function project(files: Record<string, string>): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "ntnt-tooling-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Run `ntnt ARGS` in `cwd` without colours or NTNT_STRICT. */
export async function ntnt(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1" };
  delete env.NTNT_STRICT;
  const proc = Bun.spawn([NTNT, ...args], { cwd, env, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

/** Read a server's stdout until its banner names the 127.0.0.1 port it listens on (undefined if it ends first). */
export async function bannerPort(stdout: ReadableStream<Uint8Array>): Promise<string | undefined> {
  let seen = "";
  const decoder = new TextDecoder();
  for await (const chunk of stdout) {
    seen += decoder.decode(chunk, { stream: true });
    const port = /http:\/\/127\.0\.0\.1:(\d+)/.exec(seen)?.[1];
    if (port) return port;
  }
  return undefined;
}
