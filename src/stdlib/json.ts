/** std/json (stdlib.md §4): parse to Result, compact and pretty serialisation with sorted keys. */

import { JsonSyntaxError, parseJsonText, toJsonText } from "../runtime/json-value";
import { typeError } from "../runtime/errors";
import { Err, Ok } from "../runtime/values";
import { defineModule, native } from "./module";

function parse(name: string) {
  return native(name, 1, ([text]) => {
    if (typeof text !== "string") throw typeError("parse_json() requires a JSON string");
    try {
      return Ok(parseJsonText(text));
    } catch (e) {
      if (e instanceof JsonSyntaxError) return Err(e.message);
      throw e;
    }
  });
}

export default defineModule("std/json", {
  parse_json: parse("parse_json"),
  parse: parse("parse"),
  stringify: native("stringify", 1, ([v]) => toJsonText(v)),
  stringify_pretty: native("stringify_pretty", 1, ([v]) => toJsonText(v, true)),
});
