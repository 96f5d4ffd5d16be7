/**
 * One declaration per std function (stdlib.md §17): its signature, a one-line description and an
 * example, written beside the function's code. The runtime takes the arity from the native itself
 * and `declare` refuses a signature that disagrees with it, so the two cannot drift; the checker,
 * `ntnt docs`, `inspect` and the lint hints all read these declarations.
 */

import type { NativeDoc, NNative } from "./values";

/** A signature split into its parts, types still as text. */
export interface SignatureText {
  name: string;
  params: { name: string; type: string; optional: boolean; rest: boolean }[];
  returns: string;
}

/**
 * Attach a declaration to a native. Throws when the signature names another function or allows
 * argument counts the native refuses (a native may accept more and check the count itself).
 */
export function declare<T extends NNative>(signature: string, description: string, example: string, native: T): T {
  const parts = splitSignature(signature);
  const min = parts.params.filter((p) => !p.optional && !p.rest).length;
  const max = parts.params.some((p) => p.rest) ? Infinity : parts.params.length;
  const nativeMax = native.maxArity === -1 ? Infinity : native.maxArity;
  if (parts.name !== native.name || min < native.minArity || max > nativeMax) {
    throw new Error(`Declaration '${signature}' disagrees with native ${native.name}/${native.minArity}..${native.maxArity}`);
  }
  const doc: NativeDoc = { signature, description, example };
  native.doc = doc;
  return native;
}

/** Split `name(a: T, b?: U, ...rest: V) -> R` into its parts; throws on malformed text (declarations are code). */
export function splitSignature(text: string): SignatureText {
  const m = /^\s*([A-Za-z_]\w*)\s*\(([\s\S]*)\)\s*->\s*([\s\S]+)$/.exec(text);
  if (!m) throw new Error(`Malformed signature: ${text}`);
  const params = topLevelSplit(m[2]!).map((p) => {
    const pm = /^\s*(\.\.\.)?([A-Za-z_]\w*)(\?)?\s*:\s*([\s\S]+?)\s*$/.exec(p);
    if (!pm) throw new Error(`Malformed parameter '${p}' in ${text}`);
    return { name: pm[2]!, type: pm[4]!, optional: pm[3] === "?", rest: pm[1] === "..." };
  });
  return { name: m[1]!, params, returns: m[3]!.trim() };
}

/** Split on commas outside brackets (`->` is not a closing bracket). */
function topLevelSplit(text: string): string[] {
  if (text.trim() === "") return [];
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "<" || c === "(" || c === "[") depth++;
    else if ((c === ">" && text[i - 1] !== "-") || c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}
