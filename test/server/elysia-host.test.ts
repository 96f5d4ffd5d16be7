/**
 * The Elysia app that hosts the server (src/server/server.ts): one catch-all route hands every
 * request to the current fetch handler unchanged, never parses the body, and turns a throwing
 * handler into a plain 500.
 */

import { expect, test } from "bun:test";
import { ServerContext } from "../../src/server/context";
import { hostApp } from "../../src/server/server";

function host(fetch: (request: Request) => Response | Promise<Response>) {
  const sc = new ServerContext();
  sc.live.fetch = fetch;
  return hostApp(sc).fetch;
}

test("every method and path reaches the fetch handler with the request itself, its body unread", async () => {
  const seen: string[] = [];
  const fetch = host(async (req) => {
    seen.push(`${req.method} ${new URL(req.url).pathname}`);
    return new Response(await req.text());
  });
  for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"]) {
    const body = method === "GET" || method === "OPTIONS" ? undefined : "{not json";
    const r = await fetch(new Request(`http://127.0.0.1/a/${method}`, { method, body, headers: { "content-type": "application/json" } }));
    expect(await r.text()).toBe(body ?? "");
  }
  expect(seen).toEqual(["GET /a/GET", "POST /a/POST", "PUT /a/PUT", "PATCH /a/PATCH", "DELETE /a/DELETE", "OPTIONS /a/OPTIONS", "PROPFIND /a/PROPFIND"]);
});

test("a fetch handler that throws is answered 500 without its message", async () => {
  const r = await host(() => {
    throw new Error("secret internals");
  })(new Request("http://127.0.0.1/"));
  expect(r.status).toBe(500);
  expect(await r.text()).toBe("Internal Server Error");
});
