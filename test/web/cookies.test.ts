/** Cookies through a real `./ntnt run` server (docs/web.md): attributes, deletion, signed cookies and tampering. */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { project, startApp, type RunningApp } from "../support/ntnt-app";

const dir = project({
  "app.tnt": `import { text, set_cookie, delete_cookie, signed_cookie } from "std/http/server"
fn setc(req) {
    let r = set_cookie(text("set"), "theme", "dark", map { "max_age": 3600, "secure": true, "same_site": "Strict", "domain": "example.test", "path": "/app", "http_only": false })
    return set_cookie(r, "user", "ann", map { "signed": true, "expires": 4102444800 })
}
fn who(req) {
    match signed_cookie(req, "user") {
        Some(u) => { return text("user {u}") },
        None => { return text("anonymous", 401) }
    }
}
fn bye(req) {
    return delete_cookie(text("bye"), "user")
}
fn bad(req) {
    return set_cookie(text("x"), "v", "has space")
}
get("/set", setc)
get("/who", who)
get("/bye", bye)
get("/bad", bad)
listen(8080)
`,
});
let app: RunningApp;
beforeAll(async () => {
  app = await startApp(join(dir, "app.tnt"), { env: { NTNT_COOKIE_SECRET: "test-secret-1" } });
});
afterAll(async () => {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("cookies", () => {
  test("set_cookie writes one Set-Cookie line per cookie with its attributes", async () => {
    const r = await fetch(app.base + "/set");
    const lines = r.headers.getSetCookie();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("theme=dark; Max-Age=3600; Domain=example.test; Path=/app; Secure; SameSite=Strict");
    expect(lines[1]).toMatch(/^user=ann\.[A-Za-z0-9_-]{43}; Expires=Fri, 01 Jan 2100 00:00:00 GMT; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  test("a signed cookie reads back; a tampered or unsigned one is None", async () => {
    const signed = (await fetch(app.base + "/set")).headers.getSetCookie()[1]!.split(";")[0]!;
    const ok = await fetch(app.base + "/who", { headers: { cookie: signed } });
    expect(await ok.text()).toBe("user ann");
    const tampered = signed.replace("user=ann.", "user=bob.");
    expect((await fetch(app.base + "/who", { headers: { cookie: tampered } })).status).toBe(401);
    expect((await fetch(app.base + "/who", { headers: { cookie: "user=ann" } })).status).toBe(401);
  });

  test("another secret does not accept the cookie", async () => {
    const signed = (await fetch(app.base + "/set")).headers.getSetCookie()[1]!.split(";")[0]!;
    const other = await startApp(join(dir, "app.tnt"), { env: { NTNT_COOKIE_SECRET: "another-secret" } });
    try {
      expect((await fetch(other.base + "/who", { headers: { cookie: signed } })).status).toBe(401);
    } finally {
      await other.stop();
    }
  }, 30_000);

  test("delete_cookie expires it", async () => {
    const line = (await fetch(app.base + "/bye")).headers.getSetCookie()[0];
    expect(line).toBe("user=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; SameSite=Lax");
  });

  test("a value a cookie cannot hold is an error, not a broken header", async () => {
    const r = await fetch(app.base + "/bad");
    expect(r.status).toBe(500);
    expect(await r.text()).toContain("cookie value has characters a cookie cannot hold");
  });
});
