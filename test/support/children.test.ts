/** Servers started by tests die with the test process, descendants (workers) included. */

import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "../server/helpers";

const CHILDREN = join(import.meta.dir, "children.ts");

/**
 * A stand-in test process: it tracks a "server" that starts a "worker" of its own, prints
 * both pids, then ends the way `ending` says without stopping them.
 */
function standIn(ending: string): string {
  return `
import { track } from ${JSON.stringify(CHILDREN)};
const server = track(Bun.spawn([process.execPath, "-e", "Bun.spawn([process.execPath, '-e', 'setInterval(() => {}, 1000)'], { stdio: ['ignore', 'ignore', 'ignore'] }); setInterval(() => {}, 1000)"], { stdio: ["ignore", "ignore", "ignore"] }));
await Bun.sleep(300);
console.log(JSON.stringify({ server: server.pid }));
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

/** Pids of `pid`'s children, from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function endsWithoutOrphans(ending: string, signal?: NodeJS.Signals): Promise<void> {
  const proc = Bun.spawn([process.execPath, "-e", standIn(ending)], { stdout: "pipe", stderr: "ignore" });
  const reader = proc.stdout.getReader();
  const first = new TextDecoder().decode((await reader.read()).value);
  const server = (JSON.parse(first) as { server: number }).server;
  const workers = childrenOf(server);
  expect(workers.length).toBe(1);
  if (signal) proc.kill(signal);
  await proc.exited;
  const gone = await waitFor(() => !alive(server) && workers.every((w) => !alive(w)), 3000);
  for (const pid of [server, ...workers]) if (alive(pid)) process.kill(pid, "SIGKILL");
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
