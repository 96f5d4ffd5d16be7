/** The `unused_import` check shared by `ntnt lint` and `ntnt validate` (cli.md §4.3, §7.1). */

import type { Pattern, Program } from "../ast/nodes";
import { patternsOf, subPatterns, visit, type Node } from "../ast/walk";

/** Names bound by top-level `import { … }` items that no other statement mentions, in import order. */
export function unusedImports(program: Program): string[] {
  const imported: string[] = [];
  const used = new Set<string>();
  for (const stmt of program.body) {
    if (stmt.type === "Import") {
      for (const item of stmt.items ?? []) imported.push(item.alias ?? item.name);
      continue;
    }
    visit(stmt, (node) => {
      for (const name of namesIn(node)) used.add(name);
      for (const p of patternsOf(node)) for (const q of subPatterns(p)) for (const name of patternNames(q)) used.add(name);
    });
  }
  return imported.filter((name) => !used.has(name));
}

/** Names a node refers to: variables, called functions, struct and enum names. */
function namesIn(node: Node): string[] {
  switch (node.type) {
    case "Ident":
      return [node.name];
    case "Path":
      return [node.enumName];
    case "StructLit":
      return [node.name];
    default:
      return [];
  }
}

/** Names a pattern refers to (not the ones it binds): struct names, enum and variant names. */
function patternNames(p: Pattern): string[] {
  if (p.type === "StructPat") return [p.name];
  if (p.type === "VariantPat") return p.enumName === null ? [p.variant] : [p.enumName, p.variant];
  return [];
}

/** The `Unused import: 'x'` message. */
export const unusedImportMessage = (name: string): string => `Unused import: '${name}'`;
