/**
 * Server processes started by tests, killed with everything they started when the test
 * process exits however it ends (a failed assertion before `stop()`, an uncaught error,
 * SIGINT or SIGTERM), so no orphaned server keeps a port or a CPU busy after the run.
 */

import { readdirSync, readFileSync } from "node:fs";

interface Killable {
  readonly pid: number;
  readonly exited: Promise<number>;
}

const running = new Set<Killable>();
let hooked = false;

/** Parent pid of `pid` from /proc (Linux), or null. */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name in parentheses may hold spaces: fields after the last ")" are fixed.
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/** `pid` and all its descendants (only `pid` where /proc is missing). */
export function processTree(pid: number): number[] {
  let all: number[];
  try {
    all = readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return [pid];
  }
  const children = new Map<number, number[]>();
  for (const p of all) {
    const parent = parentOf(p);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), p]);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** SIGKILL every tracked process and its descendants (collected first: killed parents orphan them). */
export function killTracked(): void {
  const pids = [...running].flatMap((p) => processTree(p.pid));
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  running.clear();
}

/** Remember `proc` until it exits; it is killed if the test process ends first. */
export function track<T extends Killable>(proc: T): T {
  running.add(proc);
  void proc.exited.then(() => running.delete(proc));
  if (!hooked) {
    hooked = true;
    process.once("exit", killTracked);
    for (const [signal, code] of [
      ["SIGINT", 130],
      ["SIGTERM", 143],
      ["SIGHUP", 129],
    ] as const)
      process.once(signal, () => {
        killTracked();
        process.exit(code);
      });
  }
  return proc;
}
