/**
 * What answering a request leaves for the garbage collector (issue #17, peak RSS: under load
 * the heap grows by the garbage made between collections). A request without a body,
 * answered synchronously, must not allocate closures or closure scopes in NTNT's router and
 * dispatch: a function whose variables some inner closure captures gets a fresh scope object
 * on every call, used or not, so the body-reading, suspended, middleware and event-stream
 * paths live in functions of their own.
 */

import { fullGC, heapStats } from "bun:jsc";
import { expect, test } from "bun:test";
import { NNative } from "../../src/runtime/values";
import { ServerContext } from "../../src/server/context";
import { RouteRegistry } from "../../src/server/route-registry";
import { buildApp } from "../../src/server/router";
import { helper, testConfig } from "./helpers";

const serverContext = new ServerContext();

const CALLS = 200;

/** Objects of each type left alive (not yet collected) per call of `fn`. */
function perCall(fn: () => unknown): Record<string, number> {
  fullGC();
  const before = heapStats().objectTypeCounts;
  for (let i = 0; i < CALLS; i++) fn();
  const after = heapStats().objectTypeCounts;
  return Object.fromEntries(Object.entries(after).map(([t, n]) => [t, (n - (before[t] ?? 0)) / CALLS]));
}

test.each(["/", "/echo/42"])("a synchronous GET %s allocates no closure or closure scope", (path) => {
  serverContext.config = testConfig();
  serverContext.live.draining = false;
  serverContext.live.beforeRequest = null;
  const reg = new RouteRegistry();
  const answer = helper("text", "hello");
  reg.addRoute("GET", "/", new NNative("home", 1, 1, () => answer));
  reg.addRoute("GET", "/echo/{id}", new NNative("echo", 1, 1, () => answer));
  const fetch = buildApp(serverContext, reg).fetch;
  const request = new Request(`http://127.0.0.1${path}`);
  expect(fetch(request)).toBeInstanceOf(Response);
  for (let i = 0; i < 1000; i++) fetch(request);
  const counts = perCall(() => fetch(request));
  expect(counts.Response).toBe(1); // the count works: one Response per call
  expect(counts.JSLexicalEnvironment ?? 0).toBe(0);
  expect(counts.Function ?? 0).toBe(0);
});
