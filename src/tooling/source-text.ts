/**
 * Declaration details the syntax tree does not keep (attributes, `pub` fields),
 * read back from the source text around a node's position for `ntnt inspect`.
 */

import type { Loc } from "../ast/nodes";

/** Offset in `source` of a 1-based line/column position. */
function offsetOf(source: string, loc: Loc): number {
  let offset = 0;
  for (let line = 1; line < loc.line; line++) {
    const nl = source.indexOf("\n", offset);
    if (nl < 0) return source.length;
    offset = nl + 1;
  }
  return offset + loc.col - 1;
}

/** How far back attributes are looked for: they sit right before their declaration. */
const LOOKBEHIND = 4000;

/** Names of the `#[name(…)]` attributes written before the declaration at `loc` (past any `export`/`pub`). */
export function attributesBefore(source: string, loc: Loc): string[] {
  const at = offsetOf(source, loc);
  let text = source.slice(Math.max(0, at - LOOKBEHIND), at).replace(/\b(?:export|pub)\s*$/, "");
  const names: string[] = [];
  for (;;) {
    const m = /#\s*\[\s*([A-Za-z_]\w*)\s*(?:\((?:[^()"]|"(?:[^"\\]|\\.)*")*\))?\s*\]\s*$/.exec(text);
    if (!m) return names.reverse();
    names.push(m[1]!);
    text = text.slice(0, m.index);
  }
}

/** Names of the fields declared `pub` in the struct at `loc`. */
export function publicFieldsAt(source: string, loc: Loc): Set<string> {
  const start = source.indexOf("{", offsetOf(source, loc));
  const end = source.indexOf("}", start);
  const body = start < 0 ? "" : source.slice(start, end < 0 ? undefined : end);
  return new Set(Array.from(body.matchAll(/\bpub\s+([A-Za-z_]\w*)\s*:/g), (m) => m[1]!));
}
