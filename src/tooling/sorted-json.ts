/** JSON output of the tooling commands: keys sorted like the reference's serde_json maps (cli.md §2). */

/** Serialise with every object's keys in byte order; `pretty` indents by 2 spaces. */
export function sortedJson(value: unknown, pretty: boolean): string {
  return JSON.stringify(value, sortKeys, pretty ? 2 : undefined);
}

function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
