/**
 * Hot reload runs the program again, and the new run opens its own database connections: the
 * previous run's are closed once its requests are over (after the request timeout), so open
 * files and memory stay bounded however many reloads a development session makes.
 */

import { expect, test } from "bun:test";
import { readdirSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { project, startApp } from "../support/ntnt-app";
import { waitFor } from "./helpers";

const APP = `import { text } from "std/http/server"
import "std/db/sqlite" as db

let conn = unwrap(db.connect("reload-{VERSION}.db"))
unwrap(db.execute(conn, "CREATE TABLE IF NOT EXISTS t (v TEXT)", []))

fn count(req) {
    let rows = unwrap(db.query(conn, "SELECT COUNT(*) AS n FROM t", []))
    return text("{VERSION} {rows[0].n}")
}
get("/", count)
listen(8080)
`;

// Each version opens its own file: SQLite keeps a closed connection's descriptor while another
// connection in the process holds a lock on the same file, so one shared file would hide the closing.
const version = (n: number) => APP.replaceAll("{VERSION}", `v${n}`);

/** How many of the process's open files are the database. */
function openDatabaseFiles(pid: number): number {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (/reload-v\d+\.db$/.test(readlinkSync(`/proc/${pid}/fd/${fd}`))) n++;
    } catch {
      // closed while we looked
    }
  }
  return n;
}

test("30 hot reloads leave one database connection open, not 31", async () => {
  const dir = project({ "app.tnt": version(0) });
  const app = await startApp("app.tnt", { cwd: dir, hotReload: true, env: { NTNT_TIMEOUT: "1" } });
  try {
    expect(await (await fetch(`${app.base}/`)).text()).toBe("v0 0");
    for (let i = 1; i <= 30; i++) {
      writeFileSync(join(dir, "app.tnt"), version(i));
      let body = "";
      // Polled until the reload shows, bounded well above a loaded machine's slowest reload.
      await waitFor(async () => (body = await (await fetch(`${app.base}/`)).text()) === `v${i} 0`, 20_000);
      expect(body).toBe(`v${i} 0`);
    }
    // The replaced versions' connections close a request timeout (1 s) + 1 s after their reload;
    // polled (a loaded machine runs those timers late), and the current one stays open.
    expect(await waitFor(() => openDatabaseFiles(app.proc.pid) === 1, 20_000)).toBe(true);
    expect(await (await fetch(`${app.base}/`)).text()).toBe("v30 0");
  } finally {
    await app.stop();
  }
}, 120_000);
