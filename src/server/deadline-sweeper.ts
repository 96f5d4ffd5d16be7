/**
 * One coarse timer for all suspended requests of a server instead of a timer per request:
 * every SWEEP_MS it expires the waiters whose deadline has passed, and it stops while none
 * are waiting.
 */

const SWEEP_MS = 20;

/** A request waiting for its handler, to be expired at `deadline` (epoch ms). */
export interface Waiter {
  deadline: number;
  expire(): void;
}

/** The waiters of one server and the timer that sweeps them. */
export class DeadlineSweeper {
  private readonly waiting = new Set<Waiter>();
  private timer: ReturnType<typeof setInterval> | null = null;

  /** Expire `w` at its deadline unless it is removed first. */
  add(w: Waiter): void {
    this.waiting.add(w);
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), SWEEP_MS);
      this.timer.unref?.();
    }
  }

  /** Stop watching `w`; false when it had already expired (or was never added). */
  remove(w: Waiter): boolean {
    return this.waiting.delete(w);
  }

  private sweep(): void {
    const now = Date.now();
    for (const w of this.waiting) {
      if (now < w.deadline) continue;
      this.waiting.delete(w);
      w.expire();
    }
    if (this.waiting.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
