/**
 * Code annotations that tie functions to the intent file (cli.md §5): `// @implements: feature.x`,
 * `// @supports: constraint.x`, `// @utility`, `// @internal`, `// @infrastructure`, each tied to
 * the next `fn` (blank and comment lines between are skipped).
 */

import { readFileSync } from "node:fs";
import type { Feature } from "./model";

export interface Annotation {
  kind: "implements" | "supports" | "utility" | "internal" | "infrastructure";
  /** The feature or constraint id (empty for the marker kinds). */
  id: string;
  file: string;
  line: number;
  /** The function the annotation is attached to, if one follows. */
  functionName: string | null;
}

/** Annotations in one source text; `file` is the name to report. */
export function parseAnnotations(source: string, file: string): Annotation[] {
  const lines = source.split(/\r?\n/);
  const out: Annotation[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line.startsWith("// @")) return;
    const text = line.slice(4);
    const m = /^(implements|supports):\s*(.*)$/.exec(text) ?? /^(utility|internal|infrastructure)(?:\s.*)?$/.exec(text);
    if (!m) return;
    out.push({ kind: m[1] as Annotation["kind"], id: m[2]?.trim() ?? "", file, line: index + 1, functionName: nextFunction(lines, index + 1) });
  });
  return out;
}

function nextFunction(lines: string[], from: number): string | null {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("//")) continue;
    const m = /^(?:pub\s+)?fn\s+([^(\s]+)\s*\(/.exec(line);
    return m ? m[1]! : null;
  }
  return null;
}

/** Annotations of several files (unreadable files are skipped). */
export function annotationsIn(files: { path: string; name: string }[]): Annotation[] {
  const out: Annotation[] = [];
  for (const { path, name } of files) {
    let source: string;
    try {
      source = readFileSync(path, "utf8");
    } catch {
      continue;
    }
    out.push(...parseAnnotations(source, name));
  }
  return out;
}

/** The id coverage uses for a feature: its `id:`, else its name lower-cased with `_` for spaces. */
export function coverageId(feature: Feature): string {
  return feature.id ?? feature.name.toLowerCase().replaceAll(" ", "_");
}

/** `@implements` annotations naming `id` (or `feature.<id>`). */
export function implementationsOf(id: string, annotations: Annotation[]): Annotation[] {
  return annotations.filter((a) => a.kind === "implements" && (a.id === id || a.id === `feature.${id}`));
}
