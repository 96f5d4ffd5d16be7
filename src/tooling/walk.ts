/** Generic depth-first traversal of the syntax tree, for scans that only care about a few node kinds. */

/** Any AST node: an object with a string `type`. */
export type AnyNode = { type: string } & Record<string, unknown>;

/** Call `visit` on every node under `root`, parents before children, in source order; `false` skips a node's children. */
export function walkNodes(root: unknown, visit: (node: AnyNode) => boolean | void): void {
  if (root === null || typeof root !== "object") return;
  if (Array.isArray(root)) {
    for (const item of root) walkNodes(item, visit);
    return;
  }
  const node = root as Record<string, unknown>;
  if (typeof node.type === "string" && visit(node as AnyNode) === false) return;
  for (const key in node) {
    if (key !== "loc") walkNodes(node[key], visit);
  }
}
