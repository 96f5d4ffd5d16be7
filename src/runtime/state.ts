/**
 * Process-wide engine state shared by compiled code, natives and the server.
 *
 * Deadlines: compiled code checks `state.watch` at loop back-edges and function entry and,
 * only when it is set, counts ticks towards a deadline check (`checkDeadline()`), so
 * programs without deadlines pay one flag test per back-edge. The server turns `watch` on
 * and sets `state.deadline` right before invoking a handler; compiled async
 * functions capture the deadline at entry and restore it after each `await`, so
 * interleaved requests each keep their own deadline.
 */

import { DeadlineExceeded } from "./errors";

export const MAX_CALL_DEPTH = 10_000;

export const state = {
  /** Epoch ms after which running NTNT code must abort; Infinity when none. */
  deadline: Number.POSITIVE_INFINITY,
  /** Deadlines or cooperative yields are in use: compiled code counts ticks only then. */
  watch: false,
  /** Counts back-edges so Date.now() is consulted only every 1024 ticks. */
  ticks: 0,
  /** Current user-function call depth. */
  depth: 0,
  /**
   * Epoch ms when the current stretch of NTNT work began: the server resets it as each
   * handler starts, and async code yields once a stretch passes ~10 ms, so short handlers
   * never yield and a long one gives other requests a turn.
   */
  sliceStart: 0,
};

/** Cheap check at back-edges and function entry; throws DeadlineExceeded past the deadline. */
export function checkDeadline(): void {
  if (state.watch && (++state.ticks & 1023) === 0 && state.deadline !== Number.POSITIVE_INFINITY && Date.now() > state.deadline) {
    throw new DeadlineExceeded();
  }
}
