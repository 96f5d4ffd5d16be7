/** Helper for tests that run real NTNT programs with `./ntnt run` (compiler + server end to end). */

import type { Subprocess } from "bun";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { waitFor } from "./helpers";

const LAUNCHER = join(import.meta.dir, "..", "..", "ntnt");

export interface App {
  base: string;
  port: number;
  proc: Subprocess<"ignore", "pipe", "pipe">;
  out(): string;
  err(): string;
  stop(): Promise<number>;
}

function collect(stream: ReadableStream<Uint8Array>): () => string {
  let text = "";
  const dec = new TextDecoder();
  (async () => {
    for await (const chunk of stream) text += dec.decode(chunk, { stream: true });
  })();
  return () => text;
}

/** A fresh temp directory holding `files` (relative path → content). */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ntnt-app-"));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const s = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("") });
  const port = s.port!;
  s.stop(true);
  return port;
}

/** `./ntnt <args>` with the port override; waits (bounded) for the banner unless `waitBanner` is false. */
export async function run(args: string[], env: Record<string, string> = {}, waitBanner = true): Promise<App> {
  const port = await freePort();
  const proc = Bun.spawn([LAUNCHER, ...args], {
    env: { ...process.env, NTNT_LISTEN_PORT: String(port), NTNT_HOST: "127.0.0.1", NTNT_ACCESS_LOG: "0", ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const out = collect(proc.stdout);
  const err = collect(proc.stderr);
  const app: App = {
    base: `http://127.0.0.1:${port}`,
    port,
    proc,
    out,
    err,
    async stop() {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      const t = setTimeout(() => proc.kill("SIGKILL"), 5000);
      const code = await proc.exited;
      clearTimeout(t);
      return code;
    },
  };
  if (waitBanner && !(await waitFor(() => out().includes("Server running") || proc.exitCode !== null, 20_000)))
    throw new Error(`server did not start:\n${out()}\n${err()}`);
  if (waitBanner && proc.exitCode !== null) throw new Error(`server exited ${proc.exitCode}:\n${out()}\n${err()}`);
  return app;
}
