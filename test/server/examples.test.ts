/** The shipped examples answer as documented (benchmark server, REST API, website). */

import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { startApp } from "../support/ntnt-app";

const EX = join(import.meta.dir, "..", "..", "examples");

describe("examples", () => {
  test("benchmark_server.tnt: / /json /compute /echo/{id}", async () => {
    const app = await startApp(join(EX, "benchmark_server.tnt"), { hotReload: true });
    try {
      expect(await (await fetch(app.base + "/")).text()).toBe("Hello, World!");
      expect(await (await fetch(app.base + "/json")).text()).toBe('{"message":"Hello, World!","status":"ok"}');
      expect(await (await fetch(app.base + "/compute")).text()).toBe('{"result":499500}');
      expect(await (await fetch(app.base + "/echo/42")).text()).toBe('{"id":"42"}');
    } finally {
      expect(await app.stop()).toBe(0);
    }
  }, 15_000);

  test("rest_api: CRUD, contracts → 400, middleware auth", async () => {
    const app = await startApp(join(EX, "rest_api", "server.tnt"), { env: { API_KEY: "k" }, hotReload: true });
    const B = app.base;
    const auth = { "x-api-key": "k" };
    try {
      expect((await fetch(`${B}/api/todos`, { method: "POST", body: '{"title":"x"}' })).status).toBe(401);
      const created = await fetch(`${B}/api/todos`, { method: "POST", headers: auth, body: '{"title":"write docs"}' });
      expect(created.status).toBe(201);
      expect(await created.json()).toEqual({ done: false, id: 1, title: "write docs" });
      const empty = await fetch(`${B}/api/todos`, { method: "POST", headers: auth });
      expect(empty.status).toBe(400);
      expect(await empty.text()).toContain("Precondition failed in 'post'");
      const blank = await fetch(`${B}/api/todos`, { method: "POST", headers: auth, body: '{"title":""}' });
      expect(blank.status).toBe(400);
      expect(await blank.text()).toBe("title is required");
      const bad = await fetch(`${B}/api/todos`, { method: "POST", headers: auth, body: "{bad" });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain("malformed JSON");
      const put = await fetch(`${B}/api/todos/1`, { method: "PUT", headers: auth, body: '{"done":true}' });
      expect(((await put.json()) as { done: boolean }).done).toBe(true);
      expect(await (await fetch(`${B}/api/todos?done=true`)).json()).toHaveLength(1);
      expect((await fetch(`${B}/api/todos/abc`)).status).toBe(400);
      expect((await fetch(`${B}/api/todos/1`, { method: "DELETE", headers: auth })).status).toBe(204);
      expect((await fetch(`${B}/api/todos/1`)).status).toBe(404);
      expect((await fetch(`${B}/api/todos/1`, { method: "PATCH" })).status).toBe(405);
    } finally {
      await app.stop();
    }
  }, 15_000);

  test("website: layout template, escaped URL input, static assets", async () => {
    const app = await startApp(join(EX, "website", "app.tnt"), { hotReload: true });
    try {
      const home = await (await fetch(app.base + "/")).text();
      expect(home).toContain("<title>Home · NTNT website example</title>");
      expect(home).toContain('<li class="even"><strong>Hello, NTNT</strong>');
      expect(await (await fetch(app.base + "/hello/%3Cb%3E")).text()).toContain("<h1>Hello, &lt;b&gt;!</h1>");
      const css = await fetch(app.base + "/static/css/site.css");
      expect(css.headers.get("content-type")).toContain("text/css");
      expect((await fetch(app.base + "/static/css/site.css", { headers: { "if-none-match": css.headers.get("etag")! } })).status).toBe(304);
    } finally {
      await app.stop();
    }
  }, 15_000);
});
