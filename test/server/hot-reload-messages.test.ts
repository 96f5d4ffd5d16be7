/**
 * Hot reload's messages under `./ntnt run` keep the reference's texts (http-server.md §11):
 * `Reload complete. <n> routes, <m> imports tracked.` and, in strict mode, the `Blocked:` report.
 */

import { describe, expect, test } from "bun:test";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { project, startApp } from "../support/ntnt-app";
import { waitFor } from "./helpers";

const app = (body: string, extra = "") =>
  `import { text } from "std/http/server"\nimport { greet } from "./greet"\n${extra}fn home(req) { return text(greet("${body}")) }\nget("/", home)\nlisten(8080)\n`;
const greet = `export fn greet(who) { return "hi " + who }\n`;
const about = `import { text } from "std/http/server"\nfn get(req) { return text("about") }\n`;

describe("hot reload messages", () => {
  test("a reload reports its routes and the local modules the program imported (route files are no imports)", async () => {
    const dir = project({ "app.tnt": app("v1", 'routes("routes")\n'), "greet.tnt": greet, "routes/about.tnt": about });
    const running = await startApp(join(dir, "app.tnt"), { hotReload: true });
    try {
      expect(await (await fetch(running.base + "/")).text()).toBe("hi v1");
      await Bun.sleep(20);
      writeFileSync(join(dir, "app.tnt"), app("v2", 'routes("routes")\n'));
      expect(await waitFor(async () => (await (await fetch(running.base + "/")).text()) === "hi v2", 20_000)).toBe(true);
      expect(running.stdout()).toContain("[hot-reload] Reload complete. 2 routes, 1 imports tracked.\n");
    } finally {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test("strict mode: an edit with type errors is blocked with the reference's report, the previous version keeps serving", async () => {
    const dir = project({ "app.tnt": app("v1"), "greet.tnt": greet });
    const running = await startApp(join(dir, "app.tnt"), { hotReload: true, env: { NTNT_STRICT: "1" } });
    try {
      expect(await (await fetch(running.base + "/")).text()).toBe("hi v1");
      await Bun.sleep(20);
      writeFileSync(join(dir, "app.tnt"), app("v2", 'fn twice(n: Int) -> Int { return n * 2 }\nlet bad = twice("x")\n'));
      expect(
        await waitFor(async () => {
          await fetch(running.base + "/");
          return running.stderr().includes("Keeping previous version.");
        }, 20_000),
      ).toBe(true);
      expect(running.stderr()).toContain(
        "[hot-reload] Blocked: 1 type error(s) found:\n  type error: Argument 1 ('n') of 'twice': expected Int but got String (line 4)\n[hot-reload] Fix type errors to reload. Keeping previous version.\n",
      );
      expect(await (await fetch(running.base + "/")).text()).toBe("hi v1");
    } finally {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
