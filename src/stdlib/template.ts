/**
 * std/template: the template builtins (`template`, `compile`, `render`, http-server.md §10)
 * under an importable name too (stdlib.md §16 Rec), so `import { template } from "std/template"` works,
 * and `autoescape(true)`, which turns HTML autoescaping of template files on in code.
 */

import { typeError } from "../runtime/errors";
import { declare } from "../runtime/declaration";
import { NNative } from "../runtime/values";
import { serverBuiltins } from "../server/server-builtins";
import { defineModule, native } from "./module";

/** The server's template builtin `name`, marked as possibly suspending (rendering awaits the engine). */
function suspending(name: "template" | "compile" | "render"): NNative {
  const b = serverBuiltins[name] as NNative;
  return new NNative(b.name, b.minArity, b.maxArity, b.fn, true);
}

export default defineModule(
  "std/template",
  {
    _module_info: "template(path, data), compile(path) and render(compiled, data); also available as global builtins",
    template: declare(
      "template(path: String, data: Map<String, Any>) -> String",
      "Render a template file with the map's keys as variables.",
      'html(template("views/home.html", map { "name": "Ann" }))',
      suspending("template"),
    ),
    compile: declare(
      "compile(path: String) -> Map<String, Any>",
      "Compile a template file once for repeated render calls.",
      'let page = compile("views/page.html")',
      suspending("compile"),
    ),
    render: declare(
      "render(template: Map<String, Any>, data: Map<String, Any>) -> String",
      "Render a compiled template.",
      'render(page, map { "title": "Hi" })',
      suspending("render"),
    ),
    autoescape: declare(
      "autoescape(on: Bool) -> ()",
      "Turn HTML escaping of {{…}} output on or off for templates.",
      "autoescape(true)",
      native("autoescape", 1, ([on], ctx) => {
        if (typeof on !== "boolean") throw typeError("autoescape() requires a Bool");
        // A setting of this load of the program: the version a hot reload loads starts without it.
        ctx.load.autoEscape = on;
        return undefined;
      }),
    ),
  },
  "Template files: template, compile, render and HTML autoescaping",
);
