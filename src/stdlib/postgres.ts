/**
 * std/db/postgres (stdlib §15) on Bun.sql: a connection pool per handle, `$n` parameters
 * bound by the driver (so Ints fit int2/int4/int8/numeric placeholders, §18 item 8), rows as
 * Maps in column order. Every call suspends; none blocks the event loop.
 *
 * A transaction pins one pooled connection from `begin` until `commit`/`rollback`; calls on the
 * handle in between run on it (the reference's one-connection-per-handle semantics).
 */

import { SQL } from "bun";
import { declare } from "../runtime/declaration";
import { fromJs } from "../runtime/json-value";
import { display } from "../runtime/display";
import { typeError } from "../runtime/errors";
import { osError, osErrorText } from "../runtime/os-error";
import { Err, NArray, NFloat, type NMap, Ok, isInt, type Value } from "../runtime/values";
import { bytesToArray, intValue } from "./shared/int-bytes";
import { errorMessage, ConnectionRegistry, rowMap, statementArgs, unwrapOption } from "./shared/db-connections";
import { defineModule, native } from "./module";

type Runner = Pick<SQL, "unsafe">;
interface Conn {
  pool: SQL;
  /** The pinned connection of an open transaction. */
  tx: Promise<SQL & { release(): void }> | null;
}

const registry = new ConnectionRegistry<Conn>("_pg_connection_id", "Expected a database connection handle", "Invalid or closed database connection", (c) => {
  void c.pool.close({ timeout: 5 }).catch(() => {});
});

const POOL = { max: 10, idleTimeout: 30, connectionTimeout: 10, bigint: true } as const;

/** Bun.SQL options from a URL or a libpq key/value string (`host=… dbname=…`). */
function poolOptions(conninfo: string): ConstructorParameters<typeof SQL>[0] {
  if (/^postgres(ql)?:\/\//.test(conninfo)) return { url: conninfo, ...POOL };
  const kv: Record<string, string> = {};
  for (const m of conninfo.matchAll(/(\w+)\s*=\s*(?:'((?:\\.|[^'])*)'|(\S*))/g)) {
    kv[m[1]!] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3]!;
  }
  return {
    hostname: kv.host ?? kv.hostaddr ?? "localhost",
    port: kv.port ? Number(kv.port) : 5432,
    username: kv.user,
    password: kv.password,
    database: kv.dbname ?? kv.user,
    ...POOL,
  };
}

/** Error text in the Rust postgres crate's style (`db error: ERROR: … \nDETAIL: …`). */
function pgError(e: unknown): string {
  const err = e as { severity?: string; detail?: string; hint?: string; code?: string };
  if (err?.severity) {
    let s = `db error: ${err.severity}: ${errorMessage(e)}`;
    if (err.detail) s += `\nDETAIL: ${err.detail}`;
    if (err.hint) s += `\nHINT: ${err.hint}`;
    return s;
  }
  if (err?.code === "ERR_POSTGRES_CONNECTION_REFUSED") return `error connecting to server: ${osErrorText(osError("ECONNREFUSED"))}`;
  return errorMessage(e);
}

/** NTNT value → driver parameter (§15; Options unwrapped, unknown values as Display text). */
function toPg(v: Value): unknown {
  v = unwrapOption(v);
  if (v === undefined) return null;
  if (isInt(v) || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof NFloat) return v.v;
  if (v instanceof NArray) {
    const items = v.elements().map(unwrapOption);
    const ints = typeof items[0] === "number" || typeof items[0] === "bigint";
    return ints ? items.filter(isInt) : items.map(toPg);
  }
  return display(v);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const isDate = (x: unknown): x is Date => x instanceof Date && !Number.isNaN(x.getTime());
const ymd = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const hms = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

/** Element/scalar decoding by PostgreSQL type OID (§15 table). */
function decode(oid: number, x: unknown): Value {
  if (x === null || x === undefined) return undefined;
  switch (oid) {
    case 1700: {
      const f = Number(x);
      return Number.isNaN(f) && x !== "NaN" ? String(x) : new NFloat(f);
    }
    case 700:
    case 701:
      return typeof x === "number" ? new NFloat(x) : decode(1700, x);
    case 114:
    case 3802:
      return fromJs(x);
    case 1082:
      return isDate(x) ? ymd(x) : undefined;
    case 1083:
      return String(x).replace(/\.\d+$/, "");
    case 1114:
      return isDate(x) ? `${ymd(x)}T${hms(x)}` : undefined;
    case 1184: {
      if (!isDate(x)) return undefined;
      const ms = x.getUTCMilliseconds();
      return `${ymd(x)}T${hms(x)}${ms ? "." + pad(ms, 3) : ""}+00:00`;
    }
  }
  if (typeof x === "bigint") return intValue(x);
  if (typeof x === "number") return Number.isInteger(x) ? x : new NFloat(x);
  if (typeof x === "string" || typeof x === "boolean") return x;
  if (x instanceof Uint8Array) return bytesToArray(x);
  if (Array.isArray(x)) return NArray.of(x.map((e) => decode(ELEMENT[oid] ?? 0, e)));
  if (isDate(x)) return x.toISOString();
  return undefined;
}

/** Array type OID → element type OID, for the arrays whose elements need type-aware decoding. */
const ELEMENT: Record<number, number> = { 1021: 700, 1022: 701, 1231: 1700, 1182: 1082, 1115: 1114, 1185: 1184, 199: 114, 3807: 3802 };

interface Result {
  rows: NMap[];
  count: number;
}

async function run(conn: Conn, sql: string, params: readonly Value[]): Promise<Result> {
  const runner: Runner = conn.tx ? await conn.tx : conn.pool;
  const res = (await runner.unsafe(sql, params.map(toPg) as unknown[]).values()) as unknown[][] & {
    columns?: { name: string; type: number }[];
    count?: number | null;
  };
  const cols = res.columns ?? [];
  const names = cols.map((c) => c.name);
  const rows = res.map((r) =>
    rowMap(
      names,
      r.map((x, i) => decode(cols[i]?.type ?? 0, x)),
    ),
  );
  return { rows, count: res.count ?? rows.length };
}

function statement(name: string, label: string, shape: (r: Result) => Value) {
  return native(
    name,
    3,
    async (args) => {
      const conn = registry.get(args[0]);
      const { sql, params } = statementArgs(name, args);
      try {
        return Ok(shape(await run(conn, sql, params)));
      } catch (e) {
        return Err(`${label} failed: ${pgError(e)}`);
      }
    },
    { mayAsync: true },
  );
}

/** Ends the open transaction with `sql` (or runs it on the pool when none is open). */
function finish(name: string, sql: "COMMIT" | "ROLLBACK") {
  return native(
    name,
    1,
    async ([handle]) => {
      const conn = registry.get(handle);
      const tx = conn.tx;
      conn.tx = null;
      try {
        const runner: Runner = tx ? await tx : conn.pool;
        await runner.unsafe(sql);
        return Ok(true);
      } catch (e) {
        return Err(`${sql} failed: ${pgError(e)}`);
      } finally {
        if (tx) (await tx.catch(() => null))?.release();
      }
    },
    { mayAsync: true },
  );
}

export default defineModule(
  "std/db/postgres",
  {
    connect: declare(
      "connect(url?: String) -> Result<Any, String>",
      "Connect to PostgreSQL (DATABASE_URL when no URL is given); queries use $1 placeholders.",
      'let db = unwrap(connect("postgres://localhost/app"))',
      native(
        "connect",
        [0, 1],
        async ([url], ctx) => {
          const conninfo = url === undefined || url === "" ? process.env.DATABASE_URL : url;
          if (typeof conninfo !== "string" || conninfo === "") throw typeError("connect() requires a connection string");
          let pool: SQL | null = null;
          try {
            pool = new SQL(poolOptions(conninfo));
            await pool.unsafe("SELECT 1");
            return Ok(registry.add({ pool, tx: null }, ctx.load));
          } catch (e) {
            await pool?.close({ timeout: 1 }).catch(() => {});
            return Err(`Connection failed: ${pgError(e)}`);
          }
        },
        { mayAsync: true },
      ),
    ),
    query: declare(
      "query(conn: Any, sql: String, params: [Any]) -> Result<[Map<String, Any>], String>",
      "Run a query with bound parameters; the rows as maps.",
      'query(db, "SELECT * FROM notes WHERE id = ?", [id])',
      statement("query", "Query", (r) => NArray.of(r.rows)),
    ),
    query_one: declare(
      "query_one(conn: Any, sql: String, params: [Any]) -> Result<Any, String>",
      "The first row of a query as Some(map), or None.",
      'query_one(db, "SELECT * FROM notes WHERE id = ?", [id])',
      statement("query_one", "Query", (r) => r.rows[0]),
    ),
    execute: declare(
      "execute(conn: Any, sql: String, params: [Any]) -> Result<Any, String>",
      "Run a statement with bound parameters.",
      'execute(db, "DELETE FROM notes WHERE id = ?", [id])',
      statement("execute", "Execute", (r) => r.count),
    ),
    begin: declare(
      "begin(conn: Any) -> Result<Any, String>",
      "Start a transaction.",
      "begin(db)",
      native(
        "begin",
        1,
        async ([handle]) => {
          const conn = registry.get(handle);
          try {
            if (!conn.tx) {
              const pinned = conn.pool.reserve();
              conn.tx = pinned;
              pinned.catch(() => {});
            }
            await (await conn.tx).unsafe("BEGIN");
            return Ok(handle);
          } catch (e) {
            const tx = conn.tx;
            conn.tx = null;
            (await tx?.catch(() => null))?.release();
            return Err(`BEGIN failed: ${pgError(e)}`);
          }
        },
        { mayAsync: true },
      ),
    ),
    commit: declare("commit(conn: Any) -> Result<Any, String>", "Commit the transaction.", "commit(db)", finish("commit", "COMMIT")),
    rollback: declare("rollback(conn: Any) -> Result<Any, String>", "Roll the transaction back.", "rollback(db)", finish("rollback", "ROLLBACK")),
    close: declare(
      "close(conn: Any) -> Any",
      "Close the connection.",
      "close(db)",
      native(
        "close",
        1,
        async ([handle]) => {
          const { found, conn } = registry.remove(handle);
          if (conn) {
            (await conn.tx?.catch(() => null))?.release();
            await conn.pool.close({ timeout: 5 }).catch(() => {});
          }
          return found;
        },
        { mayAsync: true },
      ),
    ),
  },
  "PostgreSQL: connections, queries with $1 parameters, transactions",
);
