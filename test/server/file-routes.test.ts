/**
 * File-based routing (spec §9; T62–T68) with a stand-in file evaluator: each line of a
 * `.tnt` file is `name: reply` and defines a function `name` answering `reply` (`$id` is
 * replaced by the route parameter).
 */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type NMap, NModule, NNative, type Value } from "../../src/runtime/values";
import { defineRoutes, fileToPattern } from "../../src/server/file-routes";
import { RouteRegistry } from "../../src/server/route-registry";
import { startServer, type Running } from "../../src/server/server";
import { helper, testConfig } from "./helpers";
import { ServerContext } from "../../src/server/context";
import { directHooks, installEngineHooks } from "../../src/server/engine-hooks";

let dir: string;
let running: Running;
let base: string;
const calls: string[] = [];
const globalsSeen = new Map<string, string[]>();

function write(rel: string, text: string) {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
}

async function fakeEval(file: string, globals: Map<string, Value>): Promise<Map<string, Value>> {
  globalsSeen.set(file, [...globals.keys()]);
  const scope = new Map<string, Value>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^(\w+): (.*)$/.exec(line.trim());
    if (!m) continue;
    const [, name, reply] = m;
    scope.set(
      name!,
      new NNative(name!, 1, 1, ([req]) => {
        if (name === "middleware") {
          calls.push(reply!);
          return undefined;
        }
        const id = ((req as NMap).get("params") as NMap).get("id");
        return helper("text", reply!.replace("$id", String(id)));
      }),
    );
  }
  return scope;
}

const serverContext = new ServerContext();
let count = 0;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ntnt-routes-"));
  write("routes/index.tnt", "get: Home");
  write("routes/about.tnt", "get: About");
  write("routes/api/status.tnt", "get: ok");
  write("routes/api/users/index.tnt", "get: list\npost: created");
  write("routes/api/users/[id].tnt", "get: id $id\nput: updated $id\ndelete: deleted $id");
  write("routes/users/[id].tnt", "get: user $id");
  write("routes/users/me.tnt", "get: me");
  write("routes/shop/[cat]/[item].tnt", "get: item");
  write("middleware/01_a.tnt", "middleware: a");
  write("middleware/02_b.tnt", "middleware: b");
  write("lib/blog.tnt", "title: T");
  serverContext.config = testConfig();
  installEngineHooks({ ...directHooks, evalFile: fakeEval });
  const reg = new RouteRegistry();
  serverContext.registry = reg;
  count = await defineRoutes(serverContext, join(dir, "routes"));
  running = startServer(serverContext, reg, { port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${running.port}`;
});
afterAll(async () => {
  installEngineHooks(directHooks);
  await running.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

describe("routes(dir)", () => {
  test("path → pattern rule", () => {
    expect(fileToPattern("index.tnt")).toBe("/");
    expect(fileToPattern("about.tnt")).toBe("/about");
    expect(fileToPattern("api/users/index.tnt")).toBe("/api/users");
    expect(fileToPattern("api/users/[id].tnt")).toBe("/api/users/{id}");
    expect(fileToPattern("shop/[cat]/[item].tnt")).toBe("/shop/{cat}/{item}");
  });
  test("returns the number of routes registered", () => {
    expect(count).toBe(11);
    expect(serverContext.registry.routes.map((r) => `${r.method} ${r.pattern}`)).toContain("GET /api/users/{id}");
  });
  test("index", async () => {
    expect(await (await fetch(base + "/")).text()).toBe("Home");
  });
  test("GET/PUT/DELETE on [id]", async () => {
    expect(await (await fetch(base + "/api/users/7")).text()).toBe("id 7");
    expect(await (await fetch(base + "/api/users/7", { method: "PUT" })).text()).toBe("updated 7");
    expect(await (await fetch(base + "/api/users/7", { method: "DELETE" })).text()).toBe("deleted 7");
  });
  test("POST on a directory index", async () => {
    expect(await (await fetch(base + "/api/users", { method: "POST" })).text()).toBe("created");
  });
  test("wrong method → 405 with the file's methods", async () => {
    const r = await fetch(base + "/api/users/7", { method: "PATCH" });
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("DELETE, GET, HEAD, OPTIONS, PUT");
  });
  test("me.tnt beats [id].tnt although [ sorts first", async () => {
    expect(await (await fetch(base + "/users/me")).text()).toBe("me");
    expect(await (await fetch(base + "/users/9")).text()).toBe("user 9");
  });
  test("middleware run in file-name order", async () => {
    calls.length = 0;
    await fetch(base + "/about");
    expect(calls).toEqual(["a", "b"]);
  });
  test("lib namespaces are injected into route files only", () => {
    expect(globalsSeen.get(join(dir, "routes/about.tnt"))).toEqual(["blog"]);
    expect(globalsSeen.get(join(dir, "middleware/01_a.tnt"))).toEqual([]);
  });
  test("a missing directory is an error", async () => {
    serverContext.registry = new RouteRegistry();
    await expect(defineRoutes(serverContext, join(dir, "nope"))).rejects.toThrow("Routes directory does not exist");
  });
});

test("lib modules become NModule values", async () => {
  const seen: Value[] = [];
  installEngineHooks({
    ...directHooks,
    evalFile: async (file, globals) => {
      if (file.endsWith("about.tnt")) seen.push(globals.get("blog"));
      return fakeEval(file, globals);
    },
  });
  serverContext.registry = new RouteRegistry();
  await defineRoutes(serverContext, join(dir, "routes"));
  expect(seen[0]).toBeInstanceOf(NModule);
  installEngineHooks({ ...directHooks, evalFile: fakeEval });
});
