/**
 * std/db/sqlite (stdlib §14) on bun:sqlite. Local-file database calls are synchronous by
 * design (no network wait); every failure except a bad handle is an `Err` (§18 item 7).
 */

import { Database, type Statement } from "bun:sqlite";
import { declare } from "../runtime/declaration";
import { display } from "../runtime/display";
import { typeError } from "../runtime/errors";
import { Err, NArray, NFloat, type NMap, Ok, isInt, type NativeContext, type Value } from "../runtime/values";
import { bytesToArray, intValue } from "./shared/int-bytes";
import { errorMessage, ConnectionRegistry, rowMap, statementArgs, unwrapOption } from "./shared/db-connections";
import { scriptPath } from "../runtime/program-paths";
import { defineModule, native } from "./module";

type SqlParam = string | number | bigint | boolean | null | Uint8Array;

const registry = new ConnectionRegistry<Database>("_sqlite_connection_id", "Expected a SQLite connection handle", "Invalid or closed SQLite connection", (db) =>
  db.close(false),
);

/** NTNT value → SQLite binding (§14.2 table; Options unwrapped). */
function toSql(v: Value): SqlParam {
  v = unwrapOption(v);
  if (v === undefined) return null;
  if (isInt(v) || typeof v === "string") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof NFloat) return v.v;
  return display(v);
}

/** SQLite value (storage class kept by safeIntegers) → NTNT value. */
function fromSql(v: unknown): Value {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "bigint") return intValue(v);
  if (typeof v === "number") return new NFloat(v);
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return bytesToArray(v);
  return String(v);
}

/** Prepare and check the parameter count with rusqlite's wording. */
function prepare(db: Database, sql: string, params: readonly Value[]): { stmt: Statement; args: SqlParam[] } {
  const stmt = db.prepare(sql);
  const needed = stmt.paramsCount;
  if (needed !== params.length) {
    stmt.finalize();
    throw new Error(`Wrong number of parameters passed to query. Got ${params.length}, needed ${needed}`);
  }
  return { stmt, args: params.map(toSql) };
}

/** Run a row-returning statement; rows as Maps in column order. */
function rows(db: Database, sql: string, params: readonly Value[]): NMap[] {
  const { stmt, args } = prepare(db, sql, params);
  try {
    const names = stmt.columnNames;
    return (stmt.values(...args) as unknown[][]).map((r) => rowMap(names, r.map(fromSql)));
  } finally {
    stmt.finalize();
  }
}

/** Run one statement and finalize it at once: a statement left to the GC keeps a closed connection's file open. */
function once<T>(db: Database, sql: string, use: (stmt: Statement) => T): T {
  const stmt = db.prepare(sql);
  try {
    return use(stmt);
  } finally {
    stmt.finalize();
  }
}

const totalChanges = (db: Database) => once(db, "SELECT total_changes()", (s) => s.values()[0]![0]);

/**
 * Like rusqlite, wait up to 5 s for a lock held by another connection (e.g. another worker
 * process writing the same file) instead of failing at once with "database is locked".
 */
const PRAGMAS = ["PRAGMA busy_timeout=5000", "PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON"];

/** A file path relative to the program's folder, like std/fs; `:memory:`, "" and `file:` URIs as given. */
function databasePath(path: string, ctx: NativeContext): string {
  if (path === "" || path === ":memory:" || path.startsWith("file:")) return path;
  return scriptPath(path, ctx);
}

function open(path: string): Database {
  const db = new Database(path, { create: true, readwrite: true, safeIntegers: true });
  for (const pragma of PRAGMAS) {
    try {
      once(db, pragma, (s) => s.values());
    } catch {
      // The reference ignores pragma failures (e.g. WAL on a read-only medium).
    }
  }
  return db;
}

/** A statement native: `(conn, sql, params)`. */
function statement(name: string, run: (db: Database, sql: string, params: readonly Value[]) => Value) {
  return native(name, 3, (args) => {
    const db = registry.get(args[0]);
    const { sql, params } = statementArgs(name, args);
    return run(db, sql, params);
  });
}

/** A transaction-control native: runs `sql`, Err prefixed with `label`. */
function control(name: string, sql: string, label: string, ok: (handle: Value) => Value) {
  return native(name, 1, ([handle]) => {
    const db = registry.get(handle);
    try {
      once(db, sql, (s) => s.run());
      return Ok(ok(handle));
    } catch (e) {
      return Err(`${label} failed: ${errorMessage(e)}`);
    }
  });
}

export default defineModule(
  "std/db/sqlite",
  {
    connect: declare(
      "connect(path: String) -> Result<Any, String>",
      'Open (or create) a SQLite database file (":memory:" for a private one).',
      'let db = unwrap(connect("notes.db"))',
      native("connect", 1, ([path], ctx) => {
        if (typeof path !== "string") throw typeError("connect() requires a database path string");
        try {
          return Ok(registry.add(open(databasePath(path, ctx)), ctx.load));
        } catch (e) {
          return Err(`Connection failed: ${errorMessage(e)}`);
        }
      }),
    ),
    query: declare(
      "query(conn: Any, sql: String, params: [Any]) -> Result<[Map<String, Any>], String>",
      "Run a query with bound parameters; the rows as maps.",
      'query(db, "SELECT * FROM notes WHERE id = ?", [id])',
      statement("query", (db, sql, params) => {
        try {
          return Ok(NArray.of(rows(db, sql, params)));
        } catch (e) {
          return Err(`Query failed: ${errorMessage(e)}`);
        }
      }),
    ),
    query_one: declare(
      "query_one(conn: Any, sql: String, params: [Any]) -> Result<Any, String>",
      "The first row of a query as Some(map), or None.",
      'query_one(db, "SELECT * FROM notes WHERE id = ?", [id])',
      statement("query_one", (db, sql, params) => {
        try {
          return Ok(rows(db, sql, params)[0]);
        } catch (e) {
          return Err(`Query failed: ${errorMessage(e)}`);
        }
      }),
    ),
    execute: declare(
      "execute(conn: Any, sql: String, params: [Any]) -> Result<Any, String>",
      "Run a statement with bound parameters.",
      'execute(db, "DELETE FROM notes WHERE id = ?", [id])',
      statement("execute", (db, sql, params) => {
        try {
          const { stmt, args } = prepare(db, sql, params);
          try {
            if (stmt.columnNames.length > 0) throw new Error("Execute returned results - did you mean to call query?");
            // sqlite3_changes() keeps the last DML count across DDL; report 0 when nothing moved.
            const before = totalChanges(db);
            const { changes } = stmt.run(...args);
            return Ok(totalChanges(db) === before ? 0 : intValue(changes));
          } finally {
            stmt.finalize();
          }
        } catch (e) {
          return Err(`Execute failed: ${errorMessage(e)}`);
        }
      }),
    ),
    begin: declare(
      "begin(conn: Any) -> Result<Any, String>",
      "Start a transaction.",
      "begin(db)",
      control("begin", "BEGIN", "BEGIN", (h) => h),
    ),
    commit: declare(
      "commit(conn: Any) -> Result<Any, String>",
      "Commit the transaction.",
      "commit(db)",
      control("commit", "COMMIT", "COMMIT", () => true),
    ),
    rollback: declare(
      "rollback(conn: Any) -> Result<Any, String>",
      "Roll the transaction back.",
      "rollback(db)",
      control("rollback", "ROLLBACK", "ROLLBACK", () => true),
    ),
    close: declare(
      "close(conn: Any) -> Any",
      "Close the connection.",
      "close(db)",
      native("close", 1, ([handle]) => {
        const { found, conn } = registry.remove(handle);
        conn?.close(false);
        return found;
      }),
    ),
  },
  "SQLite: connections, queries with ? parameters, transactions",
);
