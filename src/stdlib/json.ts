/** std/json (stdlib.md §4): parse to Result, compact and pretty serialisation with sorted keys. */

import { JsonSyntaxError, parseJsonText, toJsonText } from "../runtime/json-value";
import { declare } from "../runtime/declaration";
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

export default defineModule(
  "std/json",
  {
    parse_json: declare("parse_json(text: String) -> Result<Any, String>", "Parse JSON text.", 'parse_json("[1, 2]")  // Ok([1, 2])', parse("parse_json")),
    parse: declare(
      "parse(text: String) -> Result<Any, String>",
      "Parse JSON text (same as parse_json).",
      'parse("{\\"a\\": 1}")  // Ok(map { "a": 1 })',
      parse("parse"),
    ),
    stringify: declare(
      "stringify(value: Any) -> String",
      "Compact JSON text.",
      'stringify(map { "a": [1] })  // "{\\"a\\":[1]}"',
      native("stringify", 1, ([v]) => toJsonText(v)),
    ),
    stringify_pretty: declare(
      "stringify_pretty(value: Any) -> String",
      "JSON text indented by 2 spaces, keys sorted.",
      "stringify_pretty([1])",
      native("stringify_pretty", 1, ([v]) => toJsonText(v, true)),
    ),
  },
  "JSON parsing and serialisation",
);
