/**
 * Pieces shared by std/db/sqlite and std/db/postgres: connection handles (Maps holding an id
 * into a process-wide registry), statement argument checks, parameter unwrapping and
 * row → Map conversion.
 */

import { runtimeError, typeError } from "../../runtime/errors";
import { NArray, NEnum, NMap, type Value } from "../../runtime/values";
import type { ProgramLoad } from "../../runtime/program-load";

/**
 * Connection registry for one driver; handles are `{<idKey>: Int, connected: true}` Maps.
 * Each connection is tracked as a resource of the program load that opened it, so a hot
 * reload can close the previous version's connections.
 */
export class ConnectionRegistry<T> {
  private readonly conns = new Map<number, { conn: T; untrack: () => void }>();
  private next = 1;

  constructor(
    private readonly idKey: string,
    /** `Expected a … handle` (TE for non-handles). */
    private readonly expected: string,
    /** `Invalid or closed … connection` (RE for unknown ids). */
    private readonly invalid: string,
    /** Close a connection the program left open when its load is retired. */
    private readonly closeConn: (conn: T) => void,
  ) {}

  /** Register a connection opened by program load `load` and make its handle. */
  add(conn: T, load: ProgramLoad): NMap {
    const id = this.next++;
    const untrack = load.track(() => {
      this.conns.delete(id);
      this.closeConn(conn);
    });
    this.conns.set(id, { conn, untrack });
    return NMap.fromObject({ [this.idKey]: id, connected: true });
  }

  /** The id in a handle, or null when the Map has no Int id; TE for non-Maps. */
  idOf(handle: Value): number | null {
    if (!(handle instanceof NMap)) throw typeError(this.expected);
    const id = handle.get(this.idKey);
    return typeof id === "number" ? id : null;
  }

  /** The live connection behind a handle. */
  get(handle: Value): T {
    const id = this.idOf(handle);
    if (id === null) throw typeError(this.expected);
    const entry = this.conns.get(id);
    if (entry === undefined) throw runtimeError(this.invalid);
    return entry.conn;
  }

  /** Remove a handle's connection; returns it (or undefined when it was not open). */
  remove(handle: Value): { found: boolean; conn: T | undefined } {
    const id = this.idOf(handle);
    if (id === null) return { found: false, conn: undefined };
    const entry = this.conns.get(id);
    this.conns.delete(id);
    entry?.untrack();
    return { found: true, conn: entry?.conn };
  }
}

/** `(connection, sql, params)` arguments: params may be an Array or `()`. */
export function statementArgs(name: string, args: Value[]): { sql: string; params: readonly Value[] } {
  const [, sql, params] = args;
  if (typeof sql !== "string" || !(params instanceof NArray || params === undefined)) {
    throw typeError(`${name}() requires (connection, sql_string, params_array)`);
  }
  return { sql, params: params instanceof NArray ? params.elements() : [] };
}

/** Option parameters bind as their content: `None` → `()`, `Some(x)` → x (§14.3 Rec). */
export function unwrapOption(v: Value): Value {
  while (v instanceof NEnum && v.enumName === "Option") v = v.variant === "Some" ? v.values[0] : undefined;
  return v;
}

/** A row Map from column names and values; a repeated name keeps the last column's value. */
export function rowMap(names: readonly string[], values: readonly Value[]): NMap {
  const m = new Map<string, Value>();
  for (let i = 0; i < names.length; i++) m.set(names[i]!, values[i]);
  return new NMap(m);
}

/** Message text of a driver error. */
export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));
