/**
 * One Studio session: the files, the app, the latest check results and the open pages.
 * Runs are serialised; a request for a run while one is waiting to start joins that one.
 * Edits of the intent file or the program start a run by themselves and every page hears
 * about it (events `run-started`, `results`, `run-error`, `app-status`).
 */

import { probeApp, type AppStatus } from "./app-health";
import { AppProcess } from "./app-process";
import { checkIntent, type CheckDocument } from "./engine";
import { EventHub } from "./events";
import type { StudioFiles } from "./files";
import { FileWatcher, stamp, type Change } from "./watcher";

/** How long the app gets to start listening before a run goes ahead anyway. */
const APP_READY_MS = 10_000;

/** The outcome of one run: the §4.5 document, or why there is none. */
export type RunOutcome = { ok: true; results: CheckDocument } | { ok: false; error: string };

/** Studio's state between requests. */
export class StudioSession {
  readonly events = new EventHub();
  readonly app: AppProcess | null;
  private results: CheckDocument | null = null;
  private lastError: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private waiting: Promise<RunOutcome> | null = null;
  private running = false;
  private polledStamp: string;
  private watcher: FileWatcher;
  private lastAppStatus = "";

  constructor(
    readonly files: StudioFiles,
    readonly appPort: number,
  ) {
    this.app = files.programPath === null ? null : new AppProcess(files.programPath, appPort);
    this.polledStamp = stamp(files.intentPath);
    this.watcher = new FileWatcher(files.intentPath, files.programPath, (change) => void this.onChange(change));
  }

  /** The app's base URL. */
  get appUrl(): string {
    return `http://127.0.0.1:${this.appPort}`;
  }

  /** Start the app (if there is a program) and watch the files. */
  start(): void {
    this.app?.start();
    this.watcher.start();
  }

  /** Stop watching, close the pages' streams and stop the app. */
  async stop(): Promise<void> {
    this.watcher.stop();
    this.events.close();
    await this.app?.stop();
  }

  /** The cached document of the last successful run, if any. */
  get lastResults(): CheckDocument | null {
    return this.results;
  }

  /** Whether a run is going on, and the last run's error. */
  get state(): { running: boolean; error: string | null } {
    return { running: this.running, error: this.lastError };
  }

  /** For `GET /api/status`: has the intent file changed since the previous call? */
  intentChangedSinceLastPoll(): boolean {
    const now = stamp(this.files.intentPath);
    const changed = now !== this.polledStamp;
    this.polledStamp = now;
    return changed;
  }

  /** The app's health now; pages hear of changes. */
  async appStatus(): Promise<AppStatus> {
    const status = await probeApp(this.appPort);
    // Say why nothing answers when the app Studio started has ended (its output is in Studio's terminal).
    const ending = this.app?.ending;
    if (!status.running && ending) status.error = `The app exited (${ending}); its output is in Studio's terminal. Save the program to start it again.`;
    const key = JSON.stringify(status);
    if (key !== this.lastAppStatus) {
      this.lastAppStatus = key;
      this.events.broadcast("app-status", status);
    }
    return status;
  }

  /** Run the checks (after the current run, if any); `reason` is shown on the pages. */
  run(reason: string): Promise<RunOutcome> {
    if (this.waiting) return this.waiting;
    const next = this.queue.then(async () => {
      this.waiting = null;
      return await this.runNow(reason);
    });
    this.waiting = next;
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(reason: string): Promise<RunOutcome> {
    this.running = true;
    this.events.broadcast("run-started", { reason });
    try {
      if (this.app && !this.app.alive) this.app.start();
      if (this.app) await this.app.waitReady(APP_READY_MS);
      const results = await checkIntent(this.files, this.appPort);
      this.results = results;
      this.lastError = null;
      this.events.broadcast("results", results);
      return { ok: true, results };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      this.lastError = error;
      this.events.broadcast("run-error", { error });
      return { ok: false, error };
    } finally {
      this.running = false;
      void this.appStatus();
    }
  }

  private async onChange(change: Change): Promise<void> {
    const what = change.intent && change.program ? "intent file and program" : change.intent ? "intent file" : "program";
    this.events.broadcast("file-changed", { intent: change.intent, program: change.program });
    await this.run(`${what} changed`);
  }
}
