/**
 * `template(path, data)`, `compile(path)`, `render(compiled, data)` (spec §10). File lookup
 * and caching live here; the `{{ … }}` syntax is rendered by the engine's template
 * evaluator (the same one that renders triple-quoted strings).
 */

import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { runtimeError } from "../runtime/errors";
import { osErrorText } from "../runtime/os-error";
import { NMap, type NativeContext, type Value } from "../runtime/values";
import { programContext } from "./context";
import { engineHooks } from "./engine-hooks";

async function render(source: string, data: NMap, ctx: NativeContext): Promise<Value> {
  return engineHooks().renderTemplate(source, data, ctx);
}

/** Entry directory first, then the calling module's directory (spec §10.3). */
function locate(path: string, ctx: NativeContext): string {
  if (isAbsolute(path)) return path;
  const entry = programContext(ctx.load).entryDir;
  if (entry) {
    const p = join(entry, path);
    if (existsSync(p)) return p;
  }
  return join(ctx.scriptDir, path);
}

function read(path: string, ctx: NativeContext): string {
  const file = locate(path, ctx);
  const sc = programContext(ctx.load);
  const production = sc.config.production;
  if (production) {
    const hit = sc.templates.cachedFile(file);
    if (hit !== undefined) return hit;
  }
  try {
    const text = readFileSync(file, "utf8");
    if (production) sc.templates.cacheFile(file, text);
    return text;
  } catch (e) {
    throw runtimeError(`Failed to load template '${path}': ${osErrorText(e)}`);
  }
}

/** template(path, data): read (every call in development) and render. */
export function renderTemplate(path: string, data: NMap, ctx: NativeContext): Promise<Value> {
  return render(read(path, ctx), data, ctx);
}

/** compile(path): read once, kept for the program's lifetime. */
export function compileTemplate(path: string, ctx: NativeContext): NMap {
  const id = programContext(ctx.load).templates.addCompiled(read(path, ctx));
  return NMap.fromObject({ _template_id: id, path });
}

/** render(compiled, data). */
export function renderCompiled(t: NMap, data: NMap, ctx: NativeContext): Promise<Value> {
  const id = t.get("_template_id");
  const src = typeof id === "number" ? programContext(ctx.load).templates.compiledSource(id) : undefined;
  if (src === undefined) throw runtimeError("render() first argument must be a compiled template");
  return render(src, data, ctx);
}
