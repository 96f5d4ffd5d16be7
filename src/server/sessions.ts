/**
 * Sessions (docs/web.md): `sessions(options)` builds a middleware that finds the request's
 * session from a signed cookie, shows its data as `req.session`, runs the rest of the chain
 * and sets or deletes the cookie afterwards. Handlers change the session with
 * `session_set`, `session_remove`, `session_regenerate` and `session_destroy`, which write
 * through to the store at once.
 */

import { declare } from "../runtime/declaration";
import { parseJsonText, toJsonText } from "../runtime/json-value";
import { runtimeError, typeError } from "../runtime/errors";
import { NFloat, NMap, NNative, NONE, Some, type CallResult, type NativeContext, type Value } from "../runtime/values";
import { scriptPath } from "../runtime/program-paths";
import { native } from "../runtime/natives";
import { programContext, type ServerContext } from "./context";
import { cookieSecret, serializeCookie, signValue, unsignValue, withSetCookie, type CookieOptions } from "./cookies";
import { MemoryStore, PostgresStore, SqliteStore, type SessionStore } from "./session-stores";
import { nodeCrypto } from "./lazy-node";

/** How one `sessions()` middleware is set up. */
interface SessionConfig {
  /** The program that set up the middleware: its sessions in flight and cookie secret. */
  sc: ServerContext;
  store: SessionStore;
  cookie: string;
  maxAgeS: number;
  cookieOptions: CookieOptions;
}

/** One request's view of its session while the handler runs. */
export interface SessionState {
  cfg: SessionConfig;
  id: string | null;
  data: Map<string, Value>;
  /** The cookie must be (re)sent: a new or regenerated id. */
  sendCookie: boolean;
  destroyed: boolean;
}

const wait = <T>(v: T | Promise<T>, then: (x: T) => CallResult): CallResult => (v instanceof Promise ? v.then(then) : then(v));

const newId = () => nodeCrypto().randomBytes(32).toString("base64url");

function storeFrom(opts: NMap, ctx: NativeContext): SessionStore {
  const kind = opts.get("store") ?? "memory";
  switch (kind) {
    case "memory":
      return new MemoryStore();
    case "sqlite": {
      const path = opts.get("path") ?? "sessions.db";
      if (typeof path !== "string") throw typeError("sessions() path must be a string");
      return new SqliteStore(scriptPath(path, ctx));
    }
    case "postgres": {
      const url = opts.get("url") ?? process.env.DATABASE_URL;
      if (typeof url !== "string" || url === "") throw runtimeError('sessions() with store "postgres" needs a url option or DATABASE_URL');
      return new PostgresStore(url);
    }
  }
  throw typeError('sessions() store must be "memory", "sqlite" or "postgres"');
}

function configFrom(opts: Value, ctx: NativeContext): SessionConfig {
  const m = opts === undefined ? new NMap() : opts;
  if (!(m instanceof NMap)) throw typeError("sessions() options must be a map");
  for (const k of m.entries.keys())
    if (!["store", "path", "url", "cookie", "max_age", "secure", "same_site"].includes(k)) throw typeError(`sessions() unknown option '${k}'`);
  const cookie = m.get("cookie") ?? "ntnt_session";
  if (typeof cookie !== "string") throw typeError("sessions() cookie must be a string");
  const age = m.get("max_age") ?? 7 * 86400;
  const maxAgeS = typeof age === "number" ? age : typeof age === "bigint" ? Number(age) : age instanceof NFloat ? Math.floor(age.v) : Number.NaN;
  if (!(maxAgeS > 0)) throw typeError("sessions() max_age must be a positive number of seconds");
  const sc = programContext(ctx.load);
  const secure = m.get("secure") ?? sc.config.production;
  if (typeof secure !== "boolean") throw typeError("sessions() secure must be a Bool");
  const sameSite = m.get("same_site") ?? "Lax";
  if (sameSite !== "Lax" && sameSite !== "Strict" && sameSite !== "None") throw typeError('sessions() same_site must be "Strict", "Lax" or "None"');
  cookieSecret(sc);
  return { sc, store: storeFrom(m, ctx), cookie, maxAgeS, cookieOptions: { maxAge: maxAgeS, secure, sameSite, httpOnly: true } };
}

function decode(json: string | null): Map<string, Value> {
  if (json === null) return new Map();
  try {
    const v = parseJsonText(json);
    return v instanceof NMap ? new Map(v.entries) : new Map();
  } catch {
    return new Map();
  }
}

/** Run the rest of the chain with the session attached, then send or delete the cookie. */
function around(cfg: SessionConfig, req: NMap, next: Value, ctx: NativeContext): CallResult {
  const jar = req.get("cookies");
  const raw = jar instanceof NMap ? jar.get(cfg.cookie) : undefined;
  const id = typeof raw === "string" ? unsignValue(raw, cookieSecret(cfg.sc)) : null;
  return wait(id === null ? null : cfg.store.load(id), (json) => {
    const st: SessionState = { cfg, id: json === null ? null : id, data: decode(json), sendCookie: false, destroyed: false };
    const token = newId();
    const active = cfg.sc.sessions;
    active.set(token, st);
    const withSession = req.with("session", new NMap(new Map(st.data))).with("_session", token);
    const finish = (resp: Value): Value => {
      active.delete(token);
      if (!(resp instanceof NMap)) return resp;
      if (st.destroyed) return withSetCookie(resp, serializeCookie("sessions", cfg.cookie, "", { ...cfg.cookieOptions, maxAge: 0, expires: new Date(0) }));
      if (st.sendCookie && st.id !== null)
        return withSetCookie(resp, serializeCookie("sessions", cfg.cookie, signValue(st.id, cookieSecret(cfg.sc)), cfg.cookieOptions));
      return resp;
    };
    let out: CallResult;
    try {
      out = ctx.call(next, [withSession]);
    } catch (e) {
      active.delete(token);
      throw e;
    }
    if (out instanceof Promise)
      return out.then(finish, (e) => {
        active.delete(token);
        throw e;
      });
    return finish(out);
  });
}

function stateOf(fn: string, req: Value, ctx: NativeContext): SessionState {
  const token = req instanceof NMap ? req.get("_session") : undefined;
  const st = typeof token === "string" ? programContext(ctx.load).sessions.get(token) : undefined;
  if (!st) throw runtimeError(`${fn}() needs the request of a handler behind the sessions() middleware`);
  return st;
}

function keyArg(fn: string, k: Value): string {
  if (typeof k !== "string") throw typeError(`${fn}() key must be a string`);
  return k;
}

/** Write the session's data through to the store, creating its id on first write. */
function persist(st: SessionState): CallResult {
  if (st.id === null) {
    st.id = newId();
    st.sendCookie = true;
  }
  st.destroyed = false;
  const data = toJsonText(new NMap(new Map(st.data)));
  return wait(st.cfg.store.save(st.id, data, Date.now() + st.cfg.maxAgeS * 1000), () => undefined);
}

/** The session natives, merged into `std/http/server`. */
export const sessionNatives: Record<string, Value> = {
  sessions: declare(
    "sessions(options?: Map<String, Any>) -> Any",
    "A middleware keeping a session per client in a signed cookie (options: store memory/sqlite/postgres, path, url, cookie, max_age, secure, same_site).",
    'use_middleware(sessions(map { "store": "sqlite" }))',
    native("sessions", [0, 1], ([opts], ctx) => {
      const cfg = configFrom(opts, ctx);
      return new NNative(
        "sessions",
        2,
        2,
        ([req, next], c) => {
          if (!(req instanceof NMap)) throw typeError("sessions middleware needs the request map");
          return around(cfg, req, next, c);
        },
        true,
      );
    }),
  ),
  session_get: declare(
    "session_get(req: Request, key: String) -> Option<Any>",
    "A value of the request's session.",
    'session_get(req, "user")',
    native("session_get", 2, ([req, key], ctx) => {
      const st = stateOf("session_get", req, ctx);
      const k = keyArg("session_get", key);
      return st.data.has(k) ? Some(st.data.get(k)) : NONE;
    }),
  ),
  session_set: declare(
    "session_set(req: Request, key: String, value: Any) -> ()",
    "Store a value in the session (creates it and its cookie on first write).",
    'session_set(req, "user", name)',
    native(
      "session_set",
      3,
      ([req, key, value], ctx) => {
        const st = stateOf("session_set", req, ctx);
        st.data.set(keyArg("session_set", key), value);
        return persist(st);
      },
      { mayAsync: true },
    ),
  ),
  session_remove: declare(
    "session_remove(req: Request, key: String) -> ()",
    "Remove a value from the session.",
    'session_remove(req, "cart")',
    native(
      "session_remove",
      2,
      ([req, key], ctx) => {
        const st = stateOf("session_remove", req, ctx);
        if (!st.data.delete(keyArg("session_remove", key)) || st.id === null) return undefined;
        return persist(st);
      },
      { mayAsync: true },
    ),
  ),
  session_regenerate: declare(
    "session_regenerate(req: Request) -> ()",
    "Keep the session's data under a new id (call at login).",
    "session_regenerate(req)",
    native(
      "session_regenerate",
      1,
      ([req], ctx) => {
        const st = stateOf("session_regenerate", req, ctx);
        const old = st.id;
        st.id = null;
        return wait(old === null ? undefined : st.cfg.store.destroy(old), () => persist(st));
      },
      { mayAsync: true },
    ),
  ),
  session_destroy: declare(
    "session_destroy(req: Request) -> ()",
    "Delete the session and its cookie (logout).",
    "session_destroy(req)",
    native(
      "session_destroy",
      1,
      ([req], ctx) => {
        const st = stateOf("session_destroy", req, ctx);
        const old = st.id;
        st.id = null;
        st.data.clear();
        st.destroyed = true;
        st.sendCookie = false;
        return wait(old === null ? undefined : st.cfg.store.destroy(old), () => undefined);
      },
      { mayAsync: true },
    ),
  ),
};
