/**
 * A hot reload that changes a type: the new version answers with its own methods and
 * invariants (none of the old version's stay behind), while a request that started on the old
 * version finishes with the old version's methods. A real server (`ntnt run`) on 127.0.0.1.
 */

import { expect, test } from "bun:test";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { project, startApp } from "../support/ntnt-app";
import { waitFor } from "./helpers";

/** A version of the app: `Counter`'s invariant bound and `label` method name the version. */
const version = (name: string, bound: number) => `import { text } from "std/http/server"
import { sleep_ms } from "std/concurrent"
import { exists, write_file } from "std/fs"

struct Counter { n: Int }
impl Counter {
    invariant self.n < ${bound}
    fn label(self) { return "${name} " + str(self.n) }
}

fn make(req) {
    let c = Counter { n: int(req.params.n) }
    return text(c.label())
}
get("/make/{n}", make)

// Made before the reload, answered after it: waits for the test's go-ahead file.
fn slow(req) {
    let c = Counter { n: 1 }
    unwrap(write_file("started", "yes"))
    while !exists("go") {
        sleep_ms(10)
    }
    return text(c.label())
}
get("/slow", slow)
listen(8080)
`;

test("after a hot reload that changes a type, each version's values keep their own methods and invariants", async () => {
  const dir = project({ "app.tnt": version("v1", 10) });
  const app = await startApp("app.tnt", { cwd: dir, hotReload: true });
  try {
    const before = await fetch(`${app.base}/make/50`);
    expect(before.status).toBe(500);
    const inFlight = fetch(`${app.base}/slow`).then((r) => r.text());
    expect(await waitFor(() => existsSync(join(dir, "started")), 20_000)).toBe(true);
    writeFileSync(join(dir, "app.tnt"), version("v2", 100));
    let body = "";
    await waitFor(async () => (body = await (await fetch(`${app.base}/make/50`)).text()).startsWith("v2"), 20_000);
    expect(body).toBe("v2 50");
    writeFileSync(join(dir, "go"), "");
    expect(await inFlight).toBe("v1 1");
  } finally {
    await app.stop();
  }
}, 60_000);
