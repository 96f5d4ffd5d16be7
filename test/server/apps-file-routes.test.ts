/** End to end: file-based routing, templates, static files and `ntnt test` with real NTNT programs. */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { track } from "../support/children";
import { freePort, project, startApp, type RunningApp } from "../support/ntnt-app";
import { waitFor } from "./helpers";

const F5: Record<string, string> = {
  "server.tnt": `routes("routes")\nlisten(8080)\n`,
  "routes/index.tnt": `import { html } from "std/http/server"\nfn get(req) { return html("<h1>Home</h1>") }\n`,
  "routes/about.tnt": `import { text } from "std/http/server"\nfn get(req) { return text(blog.title()) }\n`,
  "routes/api/status.tnt": `import { json } from "std/http/server"\nfn get(req) { return json(map { "status": "ok" }) }\n`,
  "routes/api/users/index.tnt": `import { json } from "std/http/server"\nfn get(req) { return json(map { "users": [] }) }\nfn post(req) { return json(map { "created": true }) }\n`,
  "routes/api/users/[id].tnt": `import { json } from "std/http/server"
fn get(req) { return json(map { "id": req.params["id"] }) }
fn put(req) { return json(map { "updated": req.params["id"] }) }
fn delete(req) { return json(map { "deleted": req.params["id"] }) }
`,
  "routes/users/[id].tnt": `import { text } from "std/http/server"\nfn get(req) { return text("user " + req.params["id"]) }\n`,
  "routes/users/me.tnt": `import { text } from "std/http/server"\nfn get(req) { return text("me") }\n`,
  "middleware/01_a.tnt": `fn middleware(req) {\n    print("a")\n    return ()\n}\n`,
  "middleware/02_b.tnt": `fn middleware(req) {\n    print("b")\n    return ()\n}\n`,
  "lib/blog.tnt": `fn title() { return "T" }\n`,
};

describe("file-based routing", () => {
  let dir: string;
  let app: RunningApp;
  beforeAll(async () => {
    dir = project(F5);
    app = await startApp(join(dir, "server.tnt"), { hotReload: true });
  });
  afterAll(async () => {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  test("index, methods of [id].tnt, POST on a directory index, 405 with the file's methods", async () => {
    expect(await (await fetch(app.base + "/")).text()).toBe("<h1>Home</h1>");
    expect(await (await fetch(app.base + "/api/users/7")).text()).toBe('{"id":"7"}');
    expect(await (await fetch(app.base + "/api/users/7", { method: "PUT" })).text()).toBe('{"updated":"7"}');
    expect(await (await fetch(app.base + "/api/users/7", { method: "DELETE" })).text()).toBe('{"deleted":"7"}');
    expect(await (await fetch(app.base + "/api/users", { method: "POST" })).text()).toBe('{"created":true}');
    const patch = await fetch(app.base + "/api/users/7", { method: "PATCH" });
    expect(patch.status).toBe(405);
    expect(patch.headers.get("allow")).toBe("DELETE, GET, HEAD, OPTIONS, PUT");
  });
  test("me.tnt beats [id].tnt", async () => {
    expect(await (await fetch(app.base + "/users/me")).text()).toBe("me");
    expect(await (await fetch(app.base + "/users/5")).text()).toBe("user 5");
  });
  test("startup lines and middleware order", async () => {
    expect(app.stdout()).toContain("  GET / -> ");
    expect(app.stdout()).toContain("  GET /api/users/{id} -> ");
    expect(app.stdout()).toContain("  Loaded middleware: 01_a");
    const before = app.stdout().length;
    await fetch(app.base + "/api/status");
    await waitFor(() => app.stdout().length > before + 3, 2000);
    expect(app.stdout().slice(before)).toContain("a\nb\n");
  });
  test("lib namespaces in route files", async () => {
    expect(await (await fetch(app.base + "/about")).text()).toBe("T");
  });
  test("editing a route file reloads it", async () => {
    await Bun.sleep(20);
    writeFileSync(join(dir, "routes/users/me.tnt"), `import { text } from "std/http/server"\nfn get(req) { return text("me v2") }\n`);
    // The edit is noticed through a file watcher, whose event may arrive after the next request
    // on a busy machine: poll, bounded, until the new version answers (and only the old before).
    const answers = new Set<string>();
    const reloaded = await waitFor(async () => {
      const t = await (await fetch(app.base + "/users/me")).text();
      answers.add(t);
      return t === "me v2";
    }, 5000);
    expect(reloaded).toBe(true);
    expect([...answers].filter((t) => t !== "me" && t !== "me v2")).toEqual([]);
  });
});

describe("templates and static files", () => {
  let dir: string;
  let app: RunningApp;
  beforeAll(async () => {
    dir = project({
      "app.tnt": `import { html } from "std/http/server"
fn page(req) { return html(template("views/t.html", map { "name": "<b>A</b>", "items": ["a", "b"] })) }
fn esc(req) { return html(template("views/e.html", map { "name": "<b>A</b>", "items": [] })) }
let hello = compile("views/hello.html")
fn hi(req) { return html(render(hello, map { "who": "you" })) }
get("/t", page)
get("/e", esc)
get("/hi", hi)
serve_static("/assets", "public")
listen(8080)
`,
      "views/t.html": "<p>Hi {{name}}</p>{{#for x in items}}<i>{{x | uppercase}}</i>{{#empty}}none{{/for}}",
      "views/e.html": "<p>Hi {{name | escape}}</p>{{#for x in items}}<i>{{x}}</i>{{#empty}}none{{/for}}",
      "views/hello.html": "Hello {{who}}",
      "public/app.css": "body{}",
      "public/index.html": "<h1>idx</h1>",
      "secret.txt": "TOP SECRET",
    });
    app = await startApp(join(dir, "app.tnt"), { hotReload: true });
  });
  afterAll(async () => {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  test("template without auto-escape", async () => {
    expect(await (await fetch(app.base + "/t")).text()).toBe("<p>Hi <b>A</b></p><i>A</i><i>B</i>");
  });
  test("escape filter and #empty", async () => {
    expect(await (await fetch(app.base + "/e")).text()).toBe("<p>Hi &lt;b&gt;A&lt;/b&gt;</p>none");
  });
  test("template edits show on the next request; compile/render", async () => {
    writeFileSync(join(dir, "views/t.html"), "changed {{name}}");
    expect(await (await fetch(app.base + "/t")).text()).toBe("changed <b>A</b>");
    expect(await (await fetch(app.base + "/hi")).text()).toBe("Hello you");
  });
  test("static files relative to the program, traversal refused", async () => {
    const css = await fetch(app.base + "/assets/app.css");
    expect(css.headers.get("content-type")).toContain("text/css");
    expect(await (await fetch(app.base + "/assets/")).text()).toBe("<h1>idx</h1>");
    const { raw, rawStatus } = await import("./helpers");
    expect(rawStatus(await raw(app.port, "GET /assets/%2e%2e/secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))).toBe(404);
  });
});

describe("ntnt test (real CLI)", () => {
  test("requests against the app on 127.0.0.1, summary, exit code", async () => {
    const dir = project({
      "app.tnt": `import { json } from "std/http/server"\nfn health(req) { return json(map { "status": "ok" }) }\nfn echo(req) { return json(map { "got": req.body }) }\nget("/health", health)\npost("/echo", echo)\nlisten(8080)\n`,
    });
    try {
      const port = await freePort();
      const p = track(
        Bun.spawn(
          [
            join(import.meta.dir, "..", "..", "ntnt"),
            "test",
            join(dir, "app.tnt"),
            "--get",
            "/health",
            "--post",
            "/echo",
            "--body",
            '{"a":1}',
            "--port",
            String(port),
          ],
          { stdout: "pipe", stderr: "pipe" },
        ),
      );
      const [out, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
      expect(code).toBe(0);
      expect(out).toContain(`Starting test server on http://127.0.0.1:${port}`);
      expect(out).toContain('[REQUEST 1] GET /health\n[RESPONSE] 200 (OK)\n{\n  "status": "ok"\n}');
      expect(out).toContain("[REQUEST 2] POST /echo");
      expect(out).toContain("=== 2 requests, 2 passed, 0 failed ===");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 15_000);
});
