/**
 * The app under test: `ntnt run PROGRAM` started with this same executable (from source or
 * from `dist/ntnt`) and NTNT_LISTEN_PORT set, its output shown in Studio's terminal. Program
 * edits reach it through its own hot reload; an app that has exited is started again.
 */

import type { Subprocess } from "bun";
import { portOpen, selfCommand, terminate } from "../app-process";

/** The app process Studio owns. */
export class AppProcess {
  private proc: Subprocess | null = null;

  constructor(
    readonly programPath: string,
    readonly port: number,
  ) {}

  /** True while the process is alive. */
  get alive(): boolean {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** How the app ended (`exit code 1`, `signal SIGKILL`), or null while it runs or before it started. */
  get ending(): string | null {
    if (this.proc === null || this.alive) return null;
    return this.proc.signalCode !== null ? `signal ${this.proc.signalCode}` : `exit code ${this.proc.exitCode}`;
  }

  /** Start the app unless it is already running. */
  start(): void {
    if (this.alive) return;
    this.proc = Bun.spawn([...selfCommand(), "run", this.programPath], {
      env: { ...process.env, NTNT_LISTEN_PORT: String(this.port) },
      stdin: "ignore",
      stdout: "inherit",
      stderr: "inherit",
    });
  }

  /** Resolve true once the app accepts connections, false if it exits or `timeoutMs` passes first. */
  async waitReady(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive) return false;
      if (await portOpen(this.port)) return true;
      await Bun.sleep(50);
    }
    return false;
  }

  /** SIGTERM, then SIGKILL if the app has not exited within the grace period. */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.alive) return;
    await terminate(proc);
  }
}
