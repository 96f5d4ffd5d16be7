/** Servers started by tests die with the test process, descendants (workers) included. */

import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "../server/helpers";

const CHILDREN = join(import.meta.dir, "children.ts");

/**
 * A stand-in test process: it tracks a "server" that starts a "worker" of its own, prints
 * both pids once the worker runs, waits for a line on stdin (so the test sees both alive
 * before the ending races it), then ends the way `ending` says without stopping them.
 */
function standIn(ending: string): string {
  const server =
    "const w = Bun.spawn([process.execPath, '-e', 'setInterval(() => {}, 1000)'], { stdio: ['ignore', 'ignore', 'ignore'] }); console.log(w.pid); setInterval(() => {}, 1000)";
  return `
import { track } from ${JSON.stringify(CHILDREN)};
const server = track(Bun.spawn([process.execPath, "-e", ${JSON.stringify(server)}], { stdio: ["ignore", "pipe", "ignore"] }));
const worker = Number(new TextDecoder().decode((await server.stdout.getReader().read()).value));
console.log(JSON.stringify({ server: server.pid, worker }));
await Bun.stdin.stream().getReader().read();
${ending}
`;
}

/** Whether `pid` still runs (a zombie waiting for its new parent to reap it does not). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

async function endsWithoutOrphans(ending: string, signal?: NodeJS.Signals): Promise<void> {
  const proc = Bun.spawn([process.execPath, "-e", standIn(ending)], { stdin: "pipe", stdout: "pipe", stderr: "ignore" });
  const first = new TextDecoder().decode((await proc.stdout.getReader().read()).value);
  const { server, worker } = JSON.parse(first) as { server: number; worker: number };
  expect(alive(server) && alive(worker)).toBe(true);
  proc.stdin.write("go\n");
  await proc.stdin.flush();
  if (signal) proc.kill(signal);
  await proc.exited;
  const gone = await waitFor(() => !alive(server) && !alive(worker), 3000);
  for (const pid of [server, worker]) if (alive(pid)) process.kill(pid, "SIGKILL");
  expect(gone).toBe(true);
}

describe.skipIf(process.platform !== "linux")("tracked test servers", () => {
  test("are killed, workers too, when the test process exits early", () => endsWithoutOrphans("process.exit(1);"));
  test("are killed when the test process dies of an uncaught error", () => endsWithoutOrphans("throw new Error('test aborted');"));
  test("are killed when the test process gets SIGTERM or SIGINT", async () => {
    await endsWithoutOrphans("setInterval(() => {}, 1000);", "SIGTERM");
    await endsWithoutOrphans("setInterval(() => {}, 1000);", "SIGINT");
  });
});
