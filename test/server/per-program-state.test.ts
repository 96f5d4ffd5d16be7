/**
 * Program-level server state belongs to the program load: two programs loaded in one process
 * (or one program loaded twice) each keep their own routes, configuration, middleware,
 * sessions, cookie secret and warn-once state. Real programs through the engine, answered
 * over real HTTP on 127.0.0.1.
 */

import { afterAll, beforeEach, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { loadProgram } from "../../src/engine/index";
import { mode } from "../../src/engine/modules";
import type { ProgramLoad } from "../../src/runtime/program-load";
import { newProgramLoad } from "../../src/runtime/rt";
import { setStdoutCapture } from "../../src/runtime/stdout";
import { programContext } from "../../src/server/context";
import type { Running } from "../../src/server/server";
import { tempFiles } from "../engine/helpers";
import { testConfig } from "./helpers";

/**
 * A program answering `/` with its name, through a middleware that names it in a header,
 * behind sessions; its signed-cookie natives are reached through a module and a variable.
 */
function program(name: string): string {
  return `import { text, sessions, session_get, session_set } from "std/http/server"
import "std/http/server" as web

fn tag(req, next) {
    let resp = next(req)
    resp["headers"]["x-program"] = "${name}"
    return resp
}
use_middleware(tag)
use_middleware(sessions())

fn home(req) {
    let before = session_get(req, "visits") ?? 0
    session_set(req, "visits", before + 1)
    return text("${name} " + str(before))
}
get("/", home)

fn upload(req) {
    return text("${name} took " + str(len(req.body)))
}
post("/upload", upload)

fn give(req) {
    return web.set_cookie(text("${name}"), "who", "${name}", map { "signed": true })
}
get("/give", give)

fn check(req) {
    let read = web.signed_cookie
    return text(read(req, "who") ?? "nobody")
}
get("/check", check)

fn missing(req) {
    return text("${name} has no " + req.path)
}
on_not_found(missing)

listen(1)
`;
}

const dirs: string[] = [];
let stderr = "";
const origWrite = process.stderr.write.bind(process.stderr);
const savedSecret = process.env.NTNT_COOKIE_SECRET;
// Compiling a program that may suspend switches the engine to treating unknown callees as suspending for the rest of the process; later test files expect it as they found it.
const savedMode = { ...mode };

beforeEach(() => {
  delete process.env.NTNT_COOKIE_SECRET;
  stderr = "";
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  }) as typeof process.stderr.write;
  setStdoutCapture(() => {});
});

afterAll(() => {
  Object.assign(mode, savedMode);
  process.stderr.write = origWrite;
  setStdoutCapture(null);
  if (savedSecret !== undefined) process.env.NTNT_COOKIE_SECRET = savedSecret;
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Write `source` as a program's main.tnt in a fresh directory. */
function programFile(source: string): string {
  const dir = tempFiles({ "main.tnt": source });
  dirs.push(dir);
  return join(dir, "main.tnt");
}

/**
 * Load `file` in a fresh load whose listen() binds 127.0.0.1 on an ephemeral port and runs
 * `serving` with the server's base URL; resolves once the server has stopped again.
 */
async function serve(file: string, maxBody: number | null, serving: (base: string) => Promise<void>): Promise<ProgramLoad> {
  const load = newProgramLoad(join(file, ".."));
  const sc = programContext(load);
  sc.config = testConfig({ hotReload: false, ...(maxBody === null ? {} : { maxBody }) });
  sc.listenDriver = { port: 0, run: (running: Running) => serving(`http://127.0.0.1:${running.port}`) };
  await loadProgram(file, { load });
  return load;
}

test("two programs loaded at once each answer with their own routes, configuration, middleware, sessions and cookie secret", async () => {
  const a = programFile(program("A"));
  const b = programFile(program("B"));
  const seen: Record<string, string> = {};
  await serve(a, 10, async (baseA) => {
    await serve(b, null, async (baseB) => {
      for (const [name, base] of [
        ["A", baseA],
        ["B", baseB],
      ] as const) {
        const first = await fetch(`${base}/`);
        seen[`${name} home`] = `${await first.text()} ${first.headers.get("x-program")}`;
        const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
        seen[`${name} again`] = await (await fetch(`${base}/`, { headers: { cookie } })).text();
        seen[`${name} missing`] = await (await fetch(`${base}/nowhere`)).text();
        seen[`${name} upload`] = String((await fetch(`${base}/upload`, { method: "POST", body: "twenty bytes of body" })).status);
      }
      // A's session cookie means nothing to B's sessions.
      const fromA = (await fetch(`${baseA}/`)).headers.get("set-cookie")!.split(";")[0]!;
      seen["B with A's session"] = await (await fetch(`${baseB}/`, { headers: { cookie: fromA } })).text();
      // Each program signs with its own development secret.
      const signedByA = (await fetch(`${baseA}/give`)).headers.get("set-cookie")!.split(";")[0]!;
      seen["A reads A's signed cookie"] = await (await fetch(`${baseA}/check`, { headers: { cookie: signedByA } })).text();
      seen["B reads A's signed cookie"] = await (await fetch(`${baseB}/check`, { headers: { cookie: signedByA } })).text();
    });
  });
  expect(seen).toEqual({
    "A home": "A 0 A",
    "A again": "A 1",
    "A missing": "A has no /nowhere",
    "A upload": "413",
    "B home": "B 0 B",
    "B again": "B 1",
    "B missing": "B has no /nowhere",
    "B upload": "200",
    "B with A's session": "B 0",
    "A reads A's signed cookie": "A",
    "B reads A's signed cookie": "nobody",
  });
});

test("a program loaded twice starts from nothing: no routes or warnings left from the first load", async () => {
  const file = programFile(program("first"));
  let first = "";
  await serve(file, null, async (base) => {
    first = await (await fetch(`${base}/`)).text();
  });
  const warnings = stderr.match(/NTNT_COOKIE_SECRET is not set/g)?.length;
  await Bun.write(file, program("second").replace('get("/", home)', 'get("/two", home)'));
  let root = "";
  let two = "";
  await serve(file, null, async (base) => {
    root = await (await fetch(`${base}/`)).text();
    two = await (await fetch(`${base}/two`)).text();
  });
  expect([first, root, two]).toEqual(["first 0", "second has no /", "second 0"]);
  expect(warnings).toBe(1);
  expect(stderr.match(/NTNT_COOKIE_SECRET is not set/g)?.length).toBe(2);
});
