/**
 * std/template: the template builtins (`template`, `compile`, `render`, http-server.md §10)
 * under an importable name too (stdlib.md §16 Rec), so `import { template } from "std/template"` works.
 */

import { NNative } from "../runtime/values";
import { serverBuiltins } from "../server/server-builtins";
import { defineModule } from "./module";

/** The server's template builtin `name`, marked as possibly suspending (rendering awaits the engine). */
function suspending(name: "template" | "compile" | "render"): NNative {
  const b = serverBuiltins[name] as NNative;
  return new NNative(b.name, b.minArity, b.maxArity, b.fn, true);
}

export default defineModule("std/template", {
  _module_info: "template(path, data), compile(path) and render(compiled, data); also available as global builtins",
  template: suspending("template"),
  compile: suspending("compile"),
  render: suspending("render"),
});
