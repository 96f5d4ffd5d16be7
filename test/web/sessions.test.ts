/**
 * Sessions through real servers (docs/web.md): login/logout with the memory store, SQLite
 * sessions surviving a restart and shared by `--workers 2`, and the PostgreSQL store on a
 * real PostgreSQL server.
 */

import { afterAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { findPgBin, startPostgres, type PgServer } from "../support/postgres";
import { project, startApp } from "../support/ntnt-app";

const app = (
  store: string,
) => `import { text, json, redirect, parse_form, sessions, session_get, session_set, session_regenerate, session_destroy } from "std/http/server"
import { get_env } from "std/env"
use_middleware(sessions(${store}))
fn login(req) {
    let form = parse_form(req)
    if form["password"] != "pw" {
        return text("bad password", 401)
    }
    session_regenerate(req)
    session_set(req, "user", form["user"])
    session_set(req, "visits", 0)
    return redirect("/me", 303)
}
fn me(req) {
    match session_get(req, "user") {
        Some(u) => {
            let v = unwrap(session_get(req, "visits")) + 1
            session_set(req, "visits", v)
            return json(map { "user": u, "visits": v, "worker": get_env("NTNT_WORKER") ?? "-" })
        },
        None => { return json(map { "error": "login first" }, 401) }
    }
}
fn logout(req) {
    session_destroy(req)
    return text("bye")
}
post("/login", login)
get("/me", me)
post("/logout", logout)
listen(8080)
`;

const SECRET = { NTNT_COOKIE_SECRET: "sessions-test-secret" };
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function cookieOf(r: Response, name: string): string | null {
  const line = r.headers.getSetCookie().find((l) => l.startsWith(`${name}=`));
  return line ? line.split(";")[0]! : null;
}

async function login(base: string, user = "ann"): Promise<string> {
  const r = await fetch(base + "/login", {
    method: "POST",
    redirect: "manual",
    body: `user=${user}&password=pw`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  expect(r.status).toBe(303);
  const c = cookieOf(r, "ntnt_session");
  expect(c).not.toBeNull();
  return c!;
}

describe("sessions", () => {
  test("memory store: login, the session follows the cookie, logout ends it", async () => {
    const dir = project({ "app.tnt": app("") });
    dirs.push(dir);
    const a = await startApp(join(dir, "app.tnt"), { env: SECRET });
    try {
      expect((await fetch(a.base + "/me")).status).toBe(401);
      const bad = await fetch(a.base + "/login", {
        method: "POST",
        body: "user=ann&password=no",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(bad.status).toBe(401);
      expect(cookieOf(bad, "ntnt_session")).toBeNull();
      const c = await login(a.base);
      const line = (
        await fetch(a.base + "/login", {
          method: "POST",
          redirect: "manual",
          body: "user=x&password=pw",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        })
      ).headers.getSetCookie()[0]!;
      expect(line).toMatch(/^ntnt_session=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);
      expect(await (await fetch(a.base + "/me", { headers: { cookie: c } })).json()).toMatchObject({ user: "ann", visits: 1 });
      expect(await (await fetch(a.base + "/me", { headers: { cookie: c } })).json()).toMatchObject({ user: "ann", visits: 2 });
      const tampered = c.replace(/\.[^.]+$/, ".AAAA");
      expect((await fetch(a.base + "/me", { headers: { cookie: tampered } })).status).toBe(401);
      const out = await fetch(a.base + "/logout", { method: "POST", headers: { cookie: c } });
      expect(out.headers.getSetCookie()[0]).toStartWith("ntnt_session=; Max-Age=0;");
      expect((await fetch(a.base + "/me", { headers: { cookie: c } })).status).toBe(401);
    } finally {
      await a.stop();
    }
  }, 30_000);

  test("sqlite store: sessions survive a restart and are shared by --workers 2", async () => {
    const dir = project({ "app.tnt": app(`map { "store": "sqlite", "path": "data.db" }`) });
    dirs.push(dir);
    const first = await startApp(join(dir, "app.tnt"), { env: SECRET });
    let c: string;
    try {
      c = await login(first.base);
    } finally {
      await first.stop();
    }
    const second = await startApp(join(dir, "app.tnt"), { env: SECRET, args: ["--workers", "2"] });
    try {
      const workers = new Set<string>();
      let visits = 0;
      // The second worker starts once the first listens: keep asking (bounded) until both have answered.
      const until = Date.now() + 20_000;
      for (let i = 0; (workers.size < 2 && Date.now() < until) || i < 6; i++) {
        const r = await fetch(second.base + "/me", { headers: { cookie: c, connection: "close" } });
        expect(r.status).toBe(200);
        const body = (await r.json()) as { user: string; visits: number; worker: string };
        expect(body.user).toBe("ann");
        expect(body.visits).toBe(visits + 1);
        visits = body.visits;
        workers.add(body.worker);
      }
      expect(workers.size).toBe(2);
    } finally {
      await second.stop();
    }
  }, 60_000);

  const pgBin = findPgBin();
  test.skipIf(pgBin === null)(
    "postgres store: sessions in PostgreSQL survive a restart",
    async () => {
      const pg: PgServer = await startPostgres();
      const dir = project({ "app.tnt": app(`map { "store": "postgres" }`) });
      dirs.push(dir);
      try {
        const env = { ...SECRET, DATABASE_URL: pg.url };
        const first = await startApp(join(dir, "app.tnt"), { env });
        let c: string;
        try {
          c = await login(first.base, "bob");
          expect(await (await fetch(first.base + "/me", { headers: { cookie: c } })).json()).toMatchObject({ user: "bob", visits: 1 });
        } finally {
          await first.stop();
        }
        const second = await startApp(join(dir, "app.tnt"), { env });
        try {
          expect(await (await fetch(second.base + "/me", { headers: { cookie: c } })).json()).toMatchObject({ user: "bob", visits: 2 });
          await fetch(second.base + "/logout", { method: "POST", headers: { cookie: c } });
          expect((await fetch(second.base + "/me", { headers: { cookie: c } })).status).toBe(401);
        } finally {
          await second.stop();
        }
      } finally {
        await pg.stop();
      }
    },
    90_000,
  );
});
