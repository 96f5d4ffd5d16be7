/** The benchmarks' command-line options: `--name value` pairs, nothing to validate beyond that. */

const args = process.argv.slice(2);

/** The value after `name` on the command line, or `fallback` when it is absent. */
export function opt(name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}
