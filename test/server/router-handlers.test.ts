/**
 * How the app's fetch handler (src/server/router.ts) calls route handlers: a handler that
 * answers synchronously is answered without a Promise, and the request body is left for the
 * handler to read.
 */

import { expect, test } from "bun:test";
import type { NMap } from "../../src/runtime/values";
import { RouteRegistry } from "../../src/server/route-registry";
import { buildApp } from "../../src/server/router";
import { ServerContext } from "../../src/server/context";
import { h, helper, testConfig } from "./helpers";

const serverContext = new ServerContext();

/** An app built as startServer builds it (no server bound: the fetch handler is called directly). */
function app() {
  serverContext.config = testConfig();
  serverContext.live.draining = false;
  serverContext.live.beforeRequest = null;
  const reg = new RouteRegistry();
  reg.addRoute(
    "GET",
    "/users/{id}",
    h((req) => helper("text", (req.get("params") as NMap).get("id"))),
  );
  reg.addRoute(
    "POST",
    "/echo",
    h((req) => helper("text", req.get("body"))),
  );
  return buildApp(serverContext, reg);
}

test("a synchronous handler is answered without a Promise", async () => {
  const r = app().fetch(new Request("http://127.0.0.1/users/42"));
  expect(r).toBeInstanceOf(Response);
  expect(await (r as Response).text()).toBe("42");
});

test("the body reaches the handler unread, whatever its content type", async () => {
  const r = await app().fetch(new Request("http://127.0.0.1/echo", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } }));
  expect(r.status).toBe(200);
  expect(await r.text()).toBe("{not json");
});
