/** The `unused_import` check shared by `ntnt lint` and `ntnt validate` (cli.md §4.3, §7.1). */

import type { Program } from "../ast/nodes";
import { walkNodes } from "./walk";

/** Names bound by top-level `import { … }` items that no other statement mentions, in import order. */
export function unusedImports(program: Program): string[] {
  const imported: string[] = [];
  const used = new Set<string>();
  for (const stmt of program.body) {
    if (stmt.type === "Import") {
      for (const item of stmt.items ?? []) imported.push(item.alias ?? item.name);
      continue;
    }
    walkNodes(stmt, (node) => {
      for (const key of NAME_KEYS[node.type] ?? []) {
        const name = node[key];
        if (typeof name === "string") used.add(name);
      }
    });
  }
  return imported.filter((name) => !used.has(name));
}

/** Node fields that refer to a name in scope: variables, called functions, struct and enum names. */
const NAME_KEYS: Record<string, string[]> = {
  Ident: ["name"],
  Path: ["enumName"],
  StructLit: ["name"],
  StructPat: ["name"],
  VariantPat: ["enumName", "variant"],
};

/** The `Unused import: 'x'` message. */
export const unusedImportMessage = (name: string): string => `Unused import: '${name}'`;
