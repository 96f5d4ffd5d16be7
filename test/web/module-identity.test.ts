/** Issue #14 defect 2 through a real `./ntnt run` server: one instance of a file module for routes, middleware and imports. */

import { describe, expect, test } from "bun:test";
import { projectServer } from "../support/ntnt-app";

const serve = projectServer();

describe("defect 2: a file module runs once per resolved path", () => {
  test("lib/ used by route files and imported by middleware shares one instance", async () => {
    const app = await serve({
      "app.tnt": `routes("routes")\nlisten(8080)\n`,
      "lib/counter.tnt": `print("counter module ran")\nlet hits = 0\nfn bump() {\n    hits = hits + 1\n    return hits\n}\n`,
      "middleware/01_count.tnt": `import { bump } from "../lib/counter"\nfn middleware(req) {\n    bump()\n    return ()\n}\n`,
      "routes/index.tnt": `import { text } from "std/http/server"\nfn get(req) {\n    return text("hits {counter.bump()}")\n}\n`,
    });
    expect(await (await fetch(app.base + "/")).text()).toBe("hits 2");
    expect(await (await fetch(app.base + "/")).text()).toBe("hits 4");
    expect(app.stdout().split("counter module ran").length - 1).toBe(1);
  }, 30_000);
});
