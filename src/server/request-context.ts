/**
 * The request a piece of NTNT code is running for, across suspensions (AsyncLocalStorage),
 * so `log_info` and friends can name its request id. Turned on only once `std/log` is
 * loaded: programs that never log pay nothing per request.
 */

import type { AsyncLocalStorage } from "node:async_hooks";

// Process-wide on purpose: std/log loads once per process, and the tracking it needs with it.
// Created (node:async_hooks loaded) only once tracking is on: a server start-up need not load it.
let storage: AsyncLocalStorage<string> = null as never;
let enabled = false;

/** Track request ids from now on (std/log calls this when it loads). */
export function trackRequestIds(): void {
  if (enabled) return;
  const { AsyncLocalStorage: Storage } = require("node:async_hooks") as typeof import("node:async_hooks");
  storage = new Storage<string>();
  enabled = true;
}

/** True once request ids are tracked (std/log loaded). */
export function tracksRequestIds(): boolean {
  return enabled;
}

/** Run `fn` as the work of request `id` (directly when tracking is off). */
export function runForRequest<T>(id: string, fn: () => T): T {
  return enabled ? storage.run(id, fn) : fn();
}

/** The id of the request the current code runs for, or null outside a request. */
export function currentRequestId(): string | null {
  return enabled ? (storage.getStore() ?? null) : null;
}
