/**
 * std/db/postgres against a real server: test/support/postgres.ts starts a throwaway cluster
 * (binaries installed by .ci/postgres.sh when missing) and stops it afterwards.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import pg from "../../src/stdlib/postgres";
import { NArray, NFloat, NMap, NONE, Some, type Value } from "../../src/runtime/values";
import { startPostgres, type PgServer } from "../support/postgres";
import { call, err, ok } from "./native-call";

let server: PgServer;
let db: Value;

const q = (sql: string, params: Value[] = [], h = db) => call(pg, "query", [h, sql, NArray.of(params)]);
const ex = (sql: string, params: Value[] = [], h = db) => call(pg, "execute", [h, sql, NArray.of(params)]);
const rowsOf = (v: Value) => (ok(v) as NArray).elements().map((r) => Object.fromEntries((r as NMap).entries));

beforeAll(async () => {
  server = await startPostgres();
  db = ok(await call(pg, "connect", [server.url]));
}, 90_000);

afterAll(async () => {
  if (db) await call(pg, "close", [db]);
  await server?.stop();
}, 30_000);

describe("std/db/postgres", () => {
  test("handle shape; key/value conninfo and DATABASE_URL", async () => {
    expect([...(db as NMap).entries.keys()]).toEqual(["_pg_connection_id", "connected"]);
    const kv = ok(await call(pg, "connect", [`host=127.0.0.1 port=${server.port} user=postgres dbname=postgres`]));
    expect(rowsOf(await q("SELECT current_user AS u", [], kv))).toEqual([{ u: "postgres" }]);
    expect(await call(pg, "close", [kv])).toBe(true);
    await expect(q("SELECT 1", [], kv)).rejects.toThrow("Runtime error: Invalid or closed database connection");
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = server.url.replace("postgres://", "postgresql://");
    try {
      const env = ok(await call(pg, "connect", []));
      expect(await call(pg, "close", [env])).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    await expect(q("SELECT 1", [], NMap.fromObject({}))).rejects.toThrow("Type error: Expected a database connection handle");
  });

  test("connection failures are Err", async () => {
    const closed = `postgres://postgres@127.0.0.1:1/postgres`;
    expect(err(await call(pg, "connect", [closed]))).toBe("Connection failed: error connecting to server: Connection refused (os error 111)");
    const badUser = `postgres://nobody_here@127.0.0.1:${server.port}/postgres`;
    expect(err(await call(pg, "connect", [badUser]))).toBe('Connection failed: db error: FATAL: role "nobody_here" does not exist');
  }, 20_000);

  test("parameters bind with the server's types; rows keep column order", async () => {
    ok(await ex("CREATE TABLE users (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE, score NUMERIC(6,2), active BOOL)"));
    expect(ok(await ex("INSERT INTO users (name, email, score, active) VALUES ($1, $2, $3, $4)", ["Al", "al@x", new NFloat(95.5), true]))).toBe(1);
    ok(await ex("INSERT INTO users (name, email, score, active) VALUES ($1, $2, $3, $4)", ["Bo", NONE, Some(7), undefined]));
    const rows = rowsOf(await q("SELECT name, id, score, email, active FROM users WHERE id >= $1 ORDER BY id", [1]));
    expect(rows).toEqual([
      { name: "Al", id: 1, score: new NFloat(95.5), email: "al@x", active: true },
      { name: "Bo", id: 2, score: new NFloat(7), email: undefined, active: undefined },
    ]);
    const first = ok(await q("SELECT email, name FROM users ORDER BY id")) as NArray;
    expect([...(first.get(0) as NMap).entries.keys()]).toEqual(["email", "name"]);
    expect(ok(await ex("UPDATE users SET active = $1", [false]))).toBe(2);
    expect(ok(await ex("CREATE INDEX users_name ON users (name)"))).toBe(0);
  });

  test("type decoding", async () => {
    const [r] = rowsOf(
      await q(
        `SELECT 1::int2 AS a, 2::int4 AS b, 9007199254740993::int8 AS c, 2.0::float8 AS d, 1.25::float4 AS e,
                'x'::varchar AS f, 'y'::char(2) AS g, '{"k": [1, 2.5, null]}'::jsonb AS h, '2024-01-15'::date AS i,
                '10:30:00.5'::time AS j, '2024-01-15 10:30:00.9'::timestamp AS k,
                '2024-01-15 12:30:00+02'::timestamptz AS l, '2024-01-15 10:30:00.123+00'::timestamptz AS m,
                'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid AS n, ARRAY[1, 2]::int4[] AS o, ARRAY['p', 'q'] AS p,
                ARRAY[1.5, 2]::float8[] AS q, ARRAY[true, false] AS r, NULL::text AS s`,
      ),
    );
    expect(r).toEqual({
      a: 1,
      b: 2,
      c: 9007199254740993n,
      d: new NFloat(2),
      e: new NFloat(1.25),
      f: "x",
      g: "y ",
      h: NMap.fromObject({ k: NArray.of([1, new NFloat(2.5), undefined]) }),
      i: "2024-01-15",
      j: "10:30:00",
      k: "2024-01-15T10:30:00",
      l: "2024-01-15T10:30:00+00:00",
      m: "2024-01-15T10:30:00.123+00:00",
      n: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
      o: NArray.of([1, 2]),
      p: NArray.of(["p", "q"]),
      q: NArray.of([new NFloat(1.5), new NFloat(2)]),
      r: NArray.of([true, false]),
      s: undefined,
    });
    expect(rowsOf(await q("SELECT x FROM unnest($1::int8[]) AS x WHERE x = ANY($1)", [NArray.of([3, 4])]))).toEqual([{ x: 3 }, { x: 4 }]);
  });

  test("query_one: first row or ()", async () => {
    const one = ok(await call(pg, "query_one", [db, "SELECT n FROM generate_series(1, 3) n ORDER BY n", undefined])) as NMap;
    expect(one.get("n")).toBe(1);
    expect(ok(await call(pg, "query_one", [db, "SELECT 1 WHERE false", NArray.of([])]))).toBeUndefined();
  });

  test("SQL errors and constraint violations are Err", async () => {
    expect(err(await q("SELEC 1"))).toBe('Query failed: db error: ERROR: syntax error at or near "SELEC"');
    expect(err(await q("SELECT * FROM nope"))).toBe('Query failed: db error: ERROR: relation "nope" does not exist');
    expect(err(await q("SELECT $1::int", ["abc"]))).toBe('Query failed: db error: ERROR: invalid input syntax for type integer: "abc"');
    ok(await ex("CREATE TABLE uniq (k TEXT PRIMARY KEY)"));
    ok(await ex("INSERT INTO uniq VALUES ($1)", ["a"]));
    expect(err(await ex("INSERT INTO uniq VALUES ($1)", ["a"]))).toBe(
      'Execute failed: db error: ERROR: duplicate key value violates unique constraint "uniq_pkey"\nDETAIL: Key (k)=(a) already exists.',
    );
    await expect(call(pg, "execute", [db, 1, NArray.of([])])).rejects.toThrow("Type error: execute() requires (connection, sql_string, params_array)");
  });

  test("transactions pin one pooled connection", async () => {
    ok(await ex("CREATE TABLE tx (v INT)"));
    expect(ok(await call(pg, "begin", [db]))).toBe(db);
    ok(await ex("INSERT INTO tx VALUES (1)"));
    const other = ok(await call(pg, "connect", [server.url]));
    expect(rowsOf(await q("SELECT count(*)::int AS n FROM tx", [], other))).toEqual([{ n: 0 }]);
    expect(ok(await call(pg, "rollback", [db]))).toBe(true);
    expect(rowsOf(await q("SELECT count(*)::int AS n FROM tx"))).toEqual([{ n: 0 }]);
    ok(await call(pg, "begin", [db]));
    ok(await ex("INSERT INTO tx VALUES (2)"));
    expect(err(await ex("INSERT INTO tx VALUES ('x')"))).toContain("invalid input syntax");
    expect(ok(await call(pg, "commit", [db]))).toBe(true); // the server turns COMMIT of a failed transaction into ROLLBACK
    ok(await call(pg, "begin", [db]));
    ok(await ex("INSERT INTO tx VALUES (3)"));
    expect(ok(await call(pg, "commit", [db]))).toBe(true);
    expect(rowsOf(await q("SELECT v FROM tx", [], other))).toEqual([{ v: 3 }]);
    await call(pg, "close", [other]);
  });

  test("queries suspend: concurrent calls overlap on the pool", async () => {
    const start = Date.now();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const results = await Promise.all([1, 2, 3].map((i) => q("SELECT pg_sleep(0.3), $1::int AS i", [i])));
    clearInterval(timer);
    expect(results.map((r) => rowsOf(r)[0]!.i)).toEqual([1, 2, 3]);
    // Each query sleeps 300 ms; together they take about that, not 900 ms one after another.
    const ms = Date.now() - start;
    expect(ms).toBeGreaterThanOrEqual(295);
    expect(ms).toBeLessThan(850);
    expect(ticks).toBeGreaterThan(10);
  });
});
