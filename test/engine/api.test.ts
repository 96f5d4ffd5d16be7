import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { callValue, evalFile, nativeContext, renderTemplate } from "../../src/engine/index";
import type { NtntError } from "../../src/runtime/errors";
import { NMap, NModule, NNative, type Value } from "../../src/runtime/values";
import { tempFiles } from "./helpers";

describe("engine API", () => {
  test("evalFile: extra globals are visible, top-level bindings are returned", async () => {
    const dir = tempFiles({ "route.tnt": `fn get(req) { return blog.title() + " " + req }\nlet x = 1` });
    const blog = new NModule("blog", new Map<string, Value>([["title", new NNative("title", 0, 0, () => "T")]]));
    const env = await evalFile(join(dir, "route.tnt"), new Map([["blog", blog]]));
    expect(env.get("x")).toBe(1);
    expect(callValue(env.get("get")!, ["r"])).toBe("T r");
    expect(() => callValue(env.get("get")!, [])).toThrow("Arity mismatch: function 'get' expected 1 arguments, got 0");
  });

  test("renderTemplate: data keys are variables, filters and loops work", async () => {
    const data = NMap.fromObject({ name: "ann", items: NMap.fromObject({}) });
    const out = await renderTemplate("Hi {{name | capitalize}}{{#for x in [1, 2]}} {{x}}{{/for}}", data, nativeContext);
    expect(out).toBe("Hi Ann 1 2");
  });

  test("renderTemplate: the same source rendered from two directories names each directory in its errors", async () => {
    const named: string[] = [];
    for (const scriptDir of [join("/srv", "a"), join("/srv", "b")]) {
      try {
        await renderTemplate("{{ 1 / zero }}", NMap.fromObject({ zero: 0 }), { ...nativeContext, scriptDir });
      } catch (e) {
        named.push((e as NtntError).file ?? "");
      }
    }
    expect(named).toEqual([join("/srv", "a", "<template>"), join("/srv", "b", "<template>")]);
  });
});
