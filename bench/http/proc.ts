/**
 * Process accounting from /proc (Linux): CPU time and peak RSS of a server's session, and the
 * machine's busy CPU time — what the HTTP benchmark reads around each measured cell.
 */

import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

const TICKS_PER_S = Number(Bun.spawnSync(["getconf", "CLK_TCK"]).stdout.toString().trim()) || 100;

/** Fields of /proc/PID/stat after the command name (field 3 onwards), or null if gone. */
function statFields(pid: number): string[] | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    return s.slice(s.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** Every live process whose session id is `sid` (a server started as a session leader). */
export function sessionPids(sid: number): number[] {
  const pids: number[] = [];
  for (const d of readdirSync("/proc")) {
    const pid = Number(d);
    if (!Number.isInteger(pid)) continue;
    const f = statFields(pid);
    if (f && Number(f[3]) === sid) pids.push(pid);
  }
  return pids;
}

/** CPU seconds (user + system, all threads) used so far by the processes of session `sid`. */
export function sessionCpuSeconds(sid: number): number {
  let ticks = 0;
  for (const pid of sessionPids(sid)) {
    const f = statFields(pid);
    if (f) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / TICKS_PER_S;
}

/** Peak resident set (VmHWM) of the processes of session `sid`, summed, in MiB. */
export function sessionPeakRssMiB(sid: number): number {
  let kib = 0;
  for (const pid of sessionPids(sid)) {
    try {
      const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) kib += Number(m[1]);
    } catch {
      // exited meanwhile
    }
  }
  return kib / 1024;
}

/** CPU seconds the whole machine has spent busy (all cores, not idle or iowait) since boot. */
export function machineBusySeconds(): number {
  const v = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.split(/\s+/).slice(1, 9).map(Number);
  return (v.reduce((a, b) => a + b, 0) - v[3]! - v[4]!) / TICKS_PER_S;
}

/** The one-minute load average. */
export function loadAverage(): number {
  return Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
}

/** Wait until `url` answers (a server starting), polling every `everyMs`, at most `tries` times. */
export async function waitForAnswer(url: string, everyMs: number, tries = 300): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      return;
    await Bun.sleep(everyMs);
  }
}

/** A free TCP port on 127.0.0.1 (for a server the benchmark starts right after). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
    srv.on("error", rej);
  });
}
