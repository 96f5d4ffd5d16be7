/**
 * std/log (docs/web.md): `log_info`, `log_warn`, `log_error`, `log_debug` write one line per
 * call with the current request's id — JSON lines on stdout beside the access log in
 * production, plain text on stderr in development.
 */

import { declare } from "../runtime/declaration";
import { display } from "../runtime/display";
import { typeError } from "../runtime/errors";
import { NMap, type Value } from "../runtime/values";
import { programContext } from "../server/context";
import { appLog, type LogLevel } from "../server/log";
import { currentRequestId, trackRequestIds } from "../server/request-context";
import { defineModule, native } from "./module";

trackRequestIds();

const WHAT: Record<LogLevel, string> = { debug: "a debug", info: "an info", warn: "a warning", error: "an error" };

function logger(level: LogLevel) {
  const name = `log_${level}`;
  const sig = `${name}(message: Any, fields?: Map<String, Any>) -> ()`;
  return declare(
    sig,
    `Write ${WHAT[level]} log line with the request id (JSON on stdout in production).`,
    `${name}("user logged in", map { "user": name })`,
    logNative(level, name),
  );
}

function logNative(level: LogLevel, name: string) {
  return native(name, [1, 2], ([msg, fields], ctx) => {
    const text = typeof msg === "string" ? msg : display(msg);
    if (fields !== undefined && !(fields instanceof NMap)) throw typeError(`${name}() fields must be a map`);
    const extra: Array<[string, Value]> = fields instanceof NMap ? [...fields.entries] : [];
    appLog(programContext(ctx.load), level, text, extra, currentRequestId());
    return undefined;
  });
}

export default defineModule("std/log", {
  log_debug: logger("debug"),
  log_info: logger("info"),
  log_warn: logger("warn"),
  log_error: logger("error"),
});
