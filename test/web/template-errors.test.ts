/**
 * A template that cannot be read (http-server.md §10.1): `Failed to load template '<path>':
 * <os error>` in the reference's words, without the server's own file-system paths, through
 * a real `./ntnt run` server.
 */

import { describe, expect, test } from "bun:test";
import { projectServer } from "../support/ntnt-app";

const serve = projectServer();

describe("template read failures", () => {
  test("a missing template file is a 500 naming the path as given and the OS error", async () => {
    const app = await serve({
      "app.tnt": `import { html } from "std/http/server"
fn missing(req) { return html(template("views/missing.html", map {})) }
fn folder(req) { return html(template("views", map {})) }
get("/missing", missing)
get("/folder", folder)
listen(8080)
`,
      "views/present.html": "here",
    });
    const missing = await fetch(app.base + "/missing");
    expect(missing.status).toBe(500);
    expect(await missing.text()).toBe("Runtime error: Failed to load template 'views/missing.html': No such file or directory (os error 2)");
    const folder = await fetch(app.base + "/folder");
    expect(folder.status).toBe(500);
    expect(await folder.text()).toBe("Runtime error: Failed to load template 'views': Is a directory (os error 21)");
  }, 30_000);
});
