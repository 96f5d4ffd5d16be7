/**
 * Process-wide engine state shared by compiled code, natives and the server.
 *
 * Deadlines: compiled code calls `checkDeadline()` at loop back-edges and function entry.
 * The server sets `state.deadline` right before invoking a handler; compiled async
 * functions capture the deadline at entry and restore it after each `await`, so
 * interleaved requests each keep their own deadline.
 */

import { DeadlineExceeded } from "./errors";

export const MAX_CALL_DEPTH = 10_000;

export const state = {
  /** Epoch ms after which running NTNT code must abort; Infinity when none. */
  deadline: Number.POSITIVE_INFINITY,
  /** Counts back-edges so Date.now() is consulted only every 1024 ticks. */
  ticks: 0,
  /** Current user-function call depth. */
  depth: 0,
};

/** Cheap check at back-edges and function entry; throws DeadlineExceeded past the deadline. */
export function checkDeadline(): void {
  if ((++state.ticks & 1023) === 0 && state.deadline !== Number.POSITIVE_INFINITY && Date.now() > state.deadline) {
    throw new DeadlineExceeded();
  }
}

/** Run `fn` with a deadline `ms` from now (the server's request timeout). */
export function withDeadline<T>(ms: number, fn: () => T): T {
  const saved = state.deadline;
  state.deadline = Date.now() + ms;
  try {
    return fn();
  } finally {
    state.deadline = saved;
  }
}
