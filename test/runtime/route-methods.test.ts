/** One list of route-registering names (src/runtime/route-methods.ts) for the server, the compiler and the checker. */

import { expect, test } from "bun:test";
import { join } from "node:path";
import { checkProgram, loadCheckEnv } from "../../src/checker/index";
import { parse } from "../../src/parser/index";
import { ROUTE_BUILTINS } from "../../src/runtime/route-methods";
import { type NativeContext, NNative } from "../../src/runtime/values";
import { programContext } from "../../src/server/context";
import { newProgramLoad } from "../../src/runtime/rt";
import { serverBuiltins } from "../../src/server/server-builtins";

const FILE = join(import.meta.dir, "route-methods.tnt");

async function diagnostics(source: string): Promise<string[]> {
  return checkProgram(parse(source, FILE), await loadCheckEnv(FILE)).map((d) => `${d.line} ${d.rule}`);
}

test("each route builtin registers its method", () => {
  const ctx: NativeContext = newProgramLoad(import.meta.dir).native;
  for (const name of ROUTE_BUILTINS) (serverBuiltins[name] as NNative).fn(["/users/{id}", new NNative("h", 1, 1, () => "")], ctx);
  expect(programContext(ctx.load).registry.routes.map((r) => r.method)).toEqual(ROUTE_BUILTINS.map((n) => n.toUpperCase()));
});

test("the checker reads {name} in a route builtin's pattern as a parameter", async () => {
  for (const name of ROUTE_BUILTINS) expect(await diagnostics(`fn show(req) {\n  return req\n}\n${name}("/users/{id}", show)\n`)).toEqual([]);
});

test("a call of a function named head is no route registration for the checker, as for the compiler", async () => {
  const found = await diagnostics(`fn head(pattern, handler) {\n  return pattern\n}\nfn show(req) {\n  return req\n}\nhead("/users/{id}", show)\n`);
  expect(found.some((d) => d.startsWith("7 "))).toBe(true);
});
