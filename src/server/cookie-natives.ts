/**
 * Cookie helpers of `std/http/server` (docs/web.md): `set_cookie`, `delete_cookie` and
 * `signed_cookie`. Responses are maps, so each helper returns a new response map with one
 * more `set-cookie` line.
 */

import { typeError } from "../runtime/errors";
import { declare } from "../runtime/declaration";
import { NMap, NONE, Some, type Value } from "../runtime/values";
import { native } from "../runtime/natives";
import { cookieOptions, cookieSecret, serializeCookie, signValue, unsignValue, withSetCookie } from "./cookies";
import { programContext } from "./context";

function responseArg(fn: string, v: Value): NMap {
  if (!(v instanceof NMap)) throw typeError(`${fn}() first argument must be a response map`);
  return v;
}

function stringArg(fn: string, what: string, v: Value): string {
  if (typeof v !== "string") throw typeError(`${fn}() ${what} must be a string`);
  return v;
}

/** The cookie natives, merged into `std/http/server`. */
export const cookieNatives: Record<string, Value> = {
  set_cookie: declare(
    "set_cookie(response: Response, name: String, value: String, options?: Map<String, Any>) -> Response",
    "The response with a Set-Cookie header (options: max_age, path, domain, secure, http_only, same_site, signed).",
    'set_cookie(text("ok"), "session", id, map { "http_only": true })',
    native("set_cookie", [3, 4], ([resp, name, value, opts], ctx) => {
      const r = responseArg("set_cookie", resp);
      const n = stringArg("set_cookie", "name", name);
      const o = cookieOptions("set_cookie", opts);
      let v = stringArg("set_cookie", "value", value);
      if (o.signed) v = signValue(v, cookieSecret(programContext(ctx.load)));
      return withSetCookie(r, serializeCookie("set_cookie", n, v, o));
    }),
  ),
  delete_cookie: declare(
    "delete_cookie(response: Response, name: String, options?: Map<String, Any>) -> Response",
    "The response with a header that expires the cookie.",
    'delete_cookie(redirect("/"), "session")',
    native("delete_cookie", [2, 3], ([resp, name, opts]) => {
      const r = responseArg("delete_cookie", resp);
      const n = stringArg("delete_cookie", "name", name);
      const o = cookieOptions("delete_cookie", opts);
      return withSetCookie(r, serializeCookie("delete_cookie", n, "", { ...o, maxAge: 0, expires: new Date(0) }));
    }),
  ),
  signed_cookie: declare(
    "signed_cookie(req: Request, name: String) -> String?",
    "A signed cookie's value when its signature is valid, else None.",
    'signed_cookie(req, "session")',
    native("signed_cookie", 2, ([req, name], ctx) => {
      if (!(req instanceof NMap)) throw typeError("signed_cookie() first argument must be the request");
      const n = stringArg("signed_cookie", "name", name);
      const jar = req.get("cookies");
      const raw = jar instanceof NMap ? jar.get(n) : undefined;
      if (typeof raw !== "string") return NONE;
      const v = unsignValue(raw, cookieSecret(programContext(ctx.load)));
      return v === null ? NONE : Some(v);
    }),
  ),
};
