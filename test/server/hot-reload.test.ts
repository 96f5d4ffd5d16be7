/**
 * Hot reload (spec §11; T79–T82) with a stand-in program loader: a "program" is lines of
 * `GET /path body` or `STATIC /prefix dir`; a line `!` is a parse error, `?` an evaluation error.
 */

import { afterAll, afterEach, beforeEach, describe, expect, spyOn, test } from "bun:test";
import * as fs from "node:fs";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseError, runtimeError } from "../../src/runtime/errors";
import { disableHotReload, enableHotReload } from "../../src/server/hot-reload";
import { RouteRegistry } from "../../src/server/route-registry";
import { startServer, type Running } from "../../src/server/server";
import { h, helper, testConfig } from "./helpers";
import { adoptContext, programContext, ServerContext } from "../../src/server/context";
import { directHooks, installEngineHooks } from "../../src/server/engine-hooks";
import type { ProgramLoad } from "../../src/runtime/program-load";
import { newProgramLoad } from "../../src/runtime/rt";

let dir: string;
let entry: string;
let running: Running | null = null;
let loads = 0;
/** When a handler of the test program last answered (performance.now()). */
let lastServed = 0;
/** The context of the program the test boots (the server's). */
let serverContext = new ServerContext();
/** The context of each load, in load order. */
let contexts: ServerContext[] = [];

async function fakeLoad(file: string, load: ProgramLoad): Promise<void> {
  loads++;
  contexts.push(programContext(load));
  const registry = programContext(load).registry;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    if (line.trim() === "!") throw parseError(3, 1, "Unexpected token");
    if (line.trim() === "?") throw runtimeError("boom at top level");
    const [method, path, body] = line.trim().split(" ");
    if (method === "STATIC") {
      registry.statics.push({ prefix: path!, dir: join(dir, body!) });
      continue;
    }
    registry.addRoute(
      method!,
      path!,
      h(() => {
        lastServed = performance.now();
        return helper("text", body ?? "");
      }),
    );
  }
}

async function boot(src: string): Promise<string> {
  writeFileSync(entry, src);
  serverContext = new ServerContext();
  contexts = [];
  serverContext.config = testConfig({ hotReload: true });
  installEngineHooks({ ...directHooks, loadProgram: fakeLoad });
  const load = newProgramLoad(dir);
  adoptContext(load, serverContext);
  await fakeLoad(entry, load);
  const reg = serverContext.registry;
  running = startServer(serverContext, reg, { port: 0, host: "127.0.0.1" });
  enableHotReload(serverContext, entry, running);
  return `http://127.0.0.1:${running.port}`;
}

/**
 * Wait as a person's edit does after the last request: past a quiet spell (two of the server's
 * 4 ms ticks without a request), after which the next request checks even if the watcher's
 * event comes late, and past the last write's mtime. In 5 ms steps, each a timer turn in which a
 * due 4 ms tick runs first: one 15 ms sleep could end before a loaded machine ran two ticks.
 */
async function pause(): Promise<void> {
  for (let i = 0; i < 4; i++) await Bun.sleep(5);
}

/** Rewrite the entry file after a pause. */
async function edit(src: string): Promise<void> {
  await pause();
  writeFileSync(entry, src);
}

/** Keep the server busy with `lanes` back-to-back request loops for `ms`, calling `during` meanwhile. */
async function burst(base: string, ms: number, during: () => Promise<void> = async () => {}): Promise<void> {
  const until = performance.now() + ms;
  const lane = async () => {
    while (performance.now() < until) await (await fetch(base + "/")).text();
  };
  await Promise.all([lane(), lane(), lane(), lane(), during()]);
}

/** Keep the server busy with back-to-back request loops until `done()`, calling `during` meanwhile. */
async function busyUntil(base: string, done: () => boolean, during: () => Promise<void>): Promise<void> {
  const lane = async () => {
    while (!done()) await (await fetch(base + "/")).text();
  };
  await Promise.all([lane(), lane(), lane(), lane(), during()]);
}

let stderr = "";
const origWrite = process.stderr.write.bind(process.stderr);
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ntnt-hot-"));
  entry = join(dir, "app.tnt");
  loads = 0;
  stderr = "";
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  }) as typeof process.stderr.write;
});
afterEach(async () => {
  process.stderr.write = origWrite;
  disableHotReload(serverContext);
  installEngineHooks(directHooks);
  await running?.shutdown();
  running = null;
  rmSync(dir, { recursive: true, force: true });
});
afterAll(() => {
  process.stderr.write = origWrite;
});

describe("hot reload", () => {
  test("an edit takes effect on the next request", async () => {
    const base = await boot("GET / v1\n");
    expect(await (await fetch(base + "/")).text()).toBe("v1");
    await edit("GET / v2\n");
    expect(await (await fetch(base + "/")).text()).toBe("v2");
  });

  test("a broken edit keeps the last good version serving and is reported once", async () => {
    const base = await boot("GET / v1\n");
    await edit("GET / v2\n!\n");
    for (let i = 0; i < 3; i++) expect(await (await fetch(base + "/")).text()).toBe("v1");
    expect(stderr.match(/\[hot-reload\] Parse error:/g)?.length).toBe(1);
    expect(stderr).toContain("Unexpected token");
    await edit("GET / v3\n");
    expect(await (await fetch(base + "/")).text()).toBe("v3");
  });

  test("an evaluation error also keeps the old version (no half-built route table)", async () => {
    const base = await boot("GET / v1\nGET /other o\n");
    await edit("GET / v2\n?\n");
    expect(await (await fetch(base + "/")).text()).toBe("v1");
    expect(await (await fetch(base + "/other")).text()).toBe("o");
    expect(stderr).toContain("[hot-reload] Evaluation error:");
  });

  test("an edit that leaves no routes is not swapped in: the old app keeps serving", async () => {
    const base = await boot("GET / v1\n");
    await edit("\n");
    expect(await (await fetch(base + "/")).text()).toBe("v1");
    expect(stderr).toContain("[hot-reload] Evaluation error: No routes or static directories registered");
    expect(serverContext.registry.routes.length).toBe(1);
    await edit("GET / v2\n");
    expect(await (await fetch(base + "/")).text()).toBe("v2");
  });

  test("each version loads into a context of its own, off to the side; the development cookie secret carries over", async () => {
    const base = await boot("GET / v1\n");
    serverContext.devCookieSecret = "kept";
    await edit("GET / v2\n");
    expect(await (await fetch(base + "/")).text()).toBe("v2");
    const [first, second] = contexts;
    expect(first).toBe(serverContext);
    expect(second).not.toBe(serverContext);
    expect(first!.registry.routes.map((r) => r.pattern)).toEqual(["/"]);
    expect(second!.devCookieSecret).toBe("kept");
    expect(second!.reloading).toBe(false);
  });

  test("a route added by the edit answers on the first request", async () => {
    const base = await boot("GET / v1\n");
    expect((await fetch(base + "/new")).status).toBe(404);
    await edit("GET / v1\nGET /new fresh\n");
    expect(await (await fetch(base + "/new")).text()).toBe("fresh");
  });

  test("the reloaded program resolves its static directories afresh", async () => {
    for (const [name, text] of [
      ["a", "from a"],
      ["b", "from b"],
    ]) {
      mkdirSync(join(dir, name!));
      writeFileSync(join(dir, name!, "x.txt"), text!);
    }
    symlinkSync(join(dir, "a"), join(dir, "public"));
    const base = await boot("GET / v1\nSTATIC /assets public\n");
    expect(await (await fetch(base + "/assets/x.txt")).text()).toBe("from a");
    unlinkSync(join(dir, "public"));
    symlinkSync(join(dir, "b"), join(dir, "public"));
    await edit("GET / v2\nSTATIC /assets public\n");
    expect(await (await fetch(base + "/")).text()).toBe("v2");
    expect(await (await fetch(base + "/assets/x.txt")).text()).toBe("from b");
  });

  test("a stopped server's hot reload stops with it: the next server of the process does not reload its program", async () => {
    await boot("GET / v1\n");
    await running!.shutdown();
    running = null;
    await edit("GET / v2\n");
    const reg = new RouteRegistry();
    reg.addRoute(
      "GET",
      "/",
      h(() => helper("text", "other")),
    );
    running = startServer(serverContext, reg, { port: 0, host: "127.0.0.1" });
    expect(await (await fetch(`http://127.0.0.1:${running.port}/`)).text()).toBe("other");
    expect(loads).toBe(1);
    expect(serverContext.reloadWatch).toBeNull();
  });

  test("a new file in routes/ is picked up", async () => {
    const base = await boot("GET / v1\n");
    serverContext.registry.routeDirs.push(join(dir, "routes"));
    mkdirSync(join(dir, "routes"));
    disableHotReload(serverContext);
    enableHotReload(serverContext, entry, running!);
    await pause();
    writeFileSync(join(dir, "routes", "x.tnt"), "anything");
    await fetch(base + "/");
    expect(loads).toBeGreaterThanOrEqual(2);
  });

  test("between checks nothing is stat'ed per request: a request right after another looks at no file", async () => {
    const base = await boot("GET / v1\n");
    await (await fetch(base + "/")).text();
    const readdir = fs.readdirSync;
    let looks = 0;
    const listed = spyOn(fs, "readdirSync").mockImplementation(((...args: Parameters<typeof readdir>) => {
      looks++;
      return readdir(...args);
    }) as typeof readdir);
    try {
      // Called directly in one turn: well within the quiet spell after which a request checks.
      const answered = [serverContext.live.fetch!(new Request(base + "/")), serverContext.live.fetch!(new Request(base + "/"))];
      expect(looks).toBeLessThanOrEqual(1);
      for (const a of answered) expect(await (await a).text()).toBe("v1");
    } finally {
      listed.mockRestore();
    }
    await edit("GET / v2\n");
    expect(await (await fetch(base + "/")).text()).toBe("v2");
  });

  test("the watchers start after the first request, not before the server's first answer; an edit is seen either way", async () => {
    const base = await boot("GET / v1\n");
    expect(serverContext.reloadWatch!.watchers).toHaveLength(0);
    expect(await (await fetch(base + "/")).text()).toBe("v1");
    await Bun.sleep(5);
    expect(serverContext.reloadWatch!.watchers).toHaveLength(1);
    await edit("GET / v2\n");
    expect(await (await fetch(base + "/")).text()).toBe("v2");
  });

  test("a busy server looks at no file without a watcher event: not on a timer, not for other files' writes", async () => {
    const base = await boot("GET / v1\n");
    await fetch(base + "/");
    await Bun.sleep(20);
    // How long the server had answered nothing when each look at the files began. A loaded
    // machine may stall the process long enough to pass for a quiet spell (two 4 ms ticks
    // without a request), and then a look is right; a look while requests keep coming is not.
    const silences: number[] = [];
    const readdir = fs.readdirSync;
    const listed = spyOn(fs, "readdirSync").mockImplementation(((...args: Parameters<typeof readdir>) => {
      silences.push(performance.now() - lastServed);
      return readdir(...args);
    }) as typeof readdir);
    try {
      await burst(base, 300, async () => {
        for (let i = 0; i < 10; i++) {
          await Bun.sleep(20);
          writeFileSync(join(dir, "data.db"), String(i));
        }
      });
    } finally {
      listed.mockRestore();
    }
    // A 10 ms re-check timer, or a check armed by data.db's writes, looks mid-burst (< 1 ms after an answer).
    expect(silences.filter((ms) => ms < 2)).toEqual([]);
    expect(loads).toBe(1);
  });

  test("a request after a quiet spell checks even when the edit's watcher event has not come (it can come late)", async () => {
    const base = await boot("GET / v1\n");
    expect(await (await fetch(base + "/")).text()).toBe("v1");
    await Bun.sleep(5);
    // No watchers: as if the event were still on its way.
    for (const w of serverContext.reloadWatch!.watchers) w.close();
    await edit("GET / v2\n");
    expect(await (await fetch(base + "/")).text()).toBe("v2");
  });

  test("a lib/ created while the server is busy is watched: a file added to it later reloads", async () => {
    const base = await boot("GET / v1\n");
    serverContext.registry.routeDirs.push(join(dir, "routes"));
    mkdirSync(join(dir, "routes"));
    disableHotReload(serverContext);
    enableHotReload(serverContext, entry, running!);
    await fetch(base + "/");
    await Bun.sleep(20);
    let written = 0;
    // Busy until the reload or 2 s after the write, however long a loaded machine takes to get there.
    await busyUntil(
      base,
      () => loads === 2 || (written > 0 && performance.now() - written > 2000),
      async () => {
        mkdirSync(join(dir, "lib"));
        await Bun.sleep(60);
        writeFileSync(join(dir, "lib", "x.tnt"), "anything");
        written = performance.now();
      },
    );
    expect(loads).toBe(2);
  });

  test("no change → no reload", async () => {
    const base = await boot("GET / v1\n");
    for (let i = 0; i < 5; i++) await fetch(base + "/");
    await Bun.sleep(120);
    await fetch(base + "/");
    expect(loads).toBe(1);
  });
});
