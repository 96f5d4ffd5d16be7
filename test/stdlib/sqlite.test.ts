import { describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sqlite from "../../src/stdlib/sqlite";
import { NArray, NFloat, NMap, NONE, Some, type Value } from "../../src/runtime/values";
import { call, err, ok } from "./native-call";

const q = (db: Value, sql: string, params: Value[] = []) => call(sqlite, "query", [db, sql, NArray.of(params)]);
const ex = (db: Value, sql: string, params: Value[] = []) => call(sqlite, "execute", [db, sql, NArray.of(params)]);
const rowsOf = (v: Value) => (ok(v) as NArray).elements().map((r) => Object.fromEntries((r as NMap).entries));

async function memDb(): Promise<Value> {
  const db = ok(await call(sqlite, "connect", [":memory:"]));
  ok(await ex(db, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE, score REAL, data BLOB)"));
  return db;
}

describe("std/db/sqlite", () => {
  test("connect handle shape and close", async () => {
    const db = (await memDb()) as NMap;
    expect([...db.entries.keys()]).toEqual(["_sqlite_connection_id", "connected"]);
    expect(db.get("connected")).toBe(true);
    expect(await call(sqlite, "close", [db])).toBe(true);
    await expect(q(db, "SELECT 1")).rejects.toThrow("Runtime error: Invalid or closed SQLite connection");
    expect(await call(sqlite, "close", [NMap.fromObject({})])).toBe(false);
    await expect(q(NMap.fromObject({}), "SELECT 1")).rejects.toThrow("Type error: Expected a SQLite connection handle");
    await expect(call(sqlite, "close", ["x"])).rejects.toThrow("Type error: Expected a SQLite connection handle");
  });

  test("bound parameters, value mapping and column order", async () => {
    const db = await memDb();
    expect(ok(await ex(db, "INSERT INTO users (name, email, score) VALUES (?, ?, ?)", ["Al", "al@x", new NFloat(95.5)]))).toBe(1);
    ok(await ex(db, "INSERT INTO users (name, email, score, data) VALUES (?, ?, ?, ?)", ["Bo'; DROP TABLE users;--", NONE, Some(2), true]));
    const rows = rowsOf(await q(db, "SELECT name, id, score, email, data FROM users ORDER BY id"));
    expect(rows).toEqual([
      { name: "Al", id: 1, score: new NFloat(95.5), email: "al@x", data: undefined },
      { name: "Bo'; DROP TABLE users;--", id: 2, score: new NFloat(2), email: undefined, data: 1 },
    ]);
    const first = ok(await q(db, "SELECT name, id FROM users LIMIT 1")) as NArray;
    expect([...(first.get(0) as NMap).entries.keys()]).toEqual(["name", "id"]);
    const blob = rowsOf(await q(db, "SELECT x'00ff' AS b, 2.0 AS f, 7 AS i, 'a' AS a, 'b' AS a"));
    expect(blob).toEqual([{ b: NArray.of([0, 255]), f: new NFloat(2), i: 7, a: "b" }]);
    const big = rowsOf(await q(db, "SELECT 9223372036854775807 AS m, ? AS p", [9007199254740993n]));
    expect(big).toEqual([{ m: 9223372036854775807n, p: 9007199254740993n }]);
  });

  test("booleans bind as integers: true as 1, false as 0 (not NULL)", async () => {
    const db = await memDb();
    const rows = rowsOf(await q(db, "SELECT ? AS f, typeof(?) AS ft, ? AS t, typeof(?) AS tt", [false, false, true, true]));
    expect(rows).toEqual([{ f: 0, ft: "integer", t: 1, tt: "integer" }]);
    ok(await ex(db, "CREATE TABLE flags (id INTEGER, on_ INTEGER)"));
    ok(await ex(db, "INSERT INTO flags VALUES (1, ?), (2, ?)", [false, true]));
    expect(rowsOf(await q(db, "SELECT id FROM flags WHERE on_ = ?", [false]))).toEqual([{ id: 1 }]);
    expect(rowsOf(await q(db, "SELECT id FROM flags WHERE on_ = 0"))).toEqual([{ id: 1 }]);
  });

  test("query_one: first row or ()", async () => {
    const db = await memDb();
    ok(await ex(db, "INSERT INTO users (name) VALUES (?), (?)", ["A", "B"]));
    const one = ok(await call(sqlite, "query_one", [db, "SELECT name FROM users ORDER BY id", undefined])) as NMap;
    expect(one.get("name")).toBe("A");
    expect(ok(await call(sqlite, "query_one", [db, "SELECT * FROM users WHERE id = ?", NArray.of([99])]))).toBeUndefined();
  });

  test("SQL errors and constraint violations are Err values", async () => {
    const db = await memDb();
    expect(err(await q(db, "SELEC 1"))).toBe('Query failed: near "SELEC": syntax error');
    expect(err(await q(db, "SELECT * FROM nope"))).toBe("Query failed: no such table: nope");
    expect(err(await q(db, "SELECT ?, ?", [1]))).toBe("Query failed: Wrong number of parameters passed to query. Got 1, needed 2");
    ok(await ex(db, "INSERT INTO users (name, email) VALUES (?, ?)", ["A", "a@x"]));
    expect(err(await ex(db, "INSERT INTO users (name, email) VALUES (?, ?)", ["B", "a@x"]))).toBe("Execute failed: UNIQUE constraint failed: users.email");
    expect(err(await ex(db, "INSERT INTO users (email) VALUES (?)", ["c@x"]))).toBe("Execute failed: NOT NULL constraint failed: users.name");
    expect(err(await ex(db, "SELECT * FROM users"))).toBe("Execute failed: Execute returned results - did you mean to call query?");
    expect(err(await ex(db, "CREAT TABLE x (a)"))).toBe('Execute failed: near "CREAT": syntax error');
    await expect(call(sqlite, "query", [db, "SELECT 1", "x"])).rejects.toThrow("Type error: query() requires (connection, sql_string, params_array)");
  });

  test("execute reports rows changed; 0 for DDL", async () => {
    const db = await memDb();
    ok(await ex(db, "INSERT INTO users (name) VALUES ('a'), ('b'), ('c')"));
    expect(ok(await ex(db, "UPDATE users SET score = 1 WHERE id > ?", [1]))).toBe(2);
    expect(ok(await ex(db, "CREATE TABLE other (x)"))).toBe(0);
    expect(ok(await ex(db, "DELETE FROM users"))).toBe(3);
  });

  test("transactions: begin returns the handle, commit/rollback Ok(true)", async () => {
    const db = await memDb();
    expect(ok(await call(sqlite, "begin", [db]))).toBe(db);
    expect(err(await call(sqlite, "begin", [db]))).toBe("BEGIN failed: cannot start a transaction within a transaction");
    ok(await ex(db, "INSERT INTO users (name) VALUES ('gone')"));
    expect(ok(await call(sqlite, "rollback", [db]))).toBe(true);
    expect(rowsOf(await q(db, "SELECT * FROM users"))).toEqual([]);
    ok(await call(sqlite, "begin", [db]));
    ok(await ex(db, "INSERT INTO users (name) VALUES ('kept')"));
    expect(ok(await call(sqlite, "commit", [db]))).toBe(true);
    expect(rowsOf(await q(db, "SELECT name FROM users"))).toEqual([{ name: "kept" }]);
    expect(err(await call(sqlite, "commit", [db]))).toBe("COMMIT failed: cannot commit - no transaction is active");
  });

  test("file databases persist; bad paths are Err", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ntnt-sqlite-"));
    try {
      const path = join(dir, "app.db");
      const db = ok(await call(sqlite, "connect", [path]));
      ok(await ex(db, "CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT)"));
      ok(await ex(db, "INSERT INTO kv VALUES (?, ?)", ["a", "1"]));
      await call(sqlite, "close", [db]);
      const again = ok(await call(sqlite, "connect", [path]));
      expect(rowsOf(await q(again, "SELECT v FROM kv WHERE k = ?", ["a"]))).toEqual([{ v: "1" }]);
      expect(rowsOf(await q(again, "PRAGMA foreign_keys"))).toEqual([{ foreign_keys: 1 }]);
      await call(sqlite, "close", [again]);
      expect(err(await call(sqlite, "connect", [join(dir, "no/such/dir.db")]))).toBe("Connection failed: unable to open database file");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("a write waits for another process's lock (busy timeout) instead of failing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ntnt-sqlite-"));
    try {
      const path = join(dir, "shared.db");
      const db = ok(await call(sqlite, "connect", [path]));
      expect(rowsOf(await q(db, "PRAGMA busy_timeout"))).toEqual([{ timeout: 5000 }]);
      ok(await ex(db, "CREATE TABLE t (x INTEGER)"));
      const holder = Bun.spawn(
        [
          process.execPath,
          "-e",
          `const { Database } = require("bun:sqlite");
           const db = new Database(${JSON.stringify(path)});
           db.run("BEGIN IMMEDIATE"); db.run("INSERT INTO t VALUES (1)");
           console.log("locked");
           setTimeout(() => { db.run("COMMIT"); db.close(); }, 300);`,
        ],
        { stdout: "pipe" },
      );
      const reader = holder.stdout.getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toContain("locked");
      const t0 = performance.now();
      expect(ok(await ex(db, "INSERT INTO t VALUES (2)"))).toBe(1);
      expect(performance.now() - t0).toBeGreaterThan(100);
      expect(await holder.exited).toBe(0);
      expect(rowsOf(await q(db, "SELECT x FROM t ORDER BY x"))).toEqual([{ x: 1 }, { x: 2 }]);
      await call(sqlite, "close", [db]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 15_000);
});
