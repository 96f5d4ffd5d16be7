// Bundles the CLI (src/cli/main.ts and everything it imports, its own code and its packages,
// Elysia and the parser included) into one CommonJS module with its JavaScriptCore bytecode,
// src/cli.bundle.js + .jsc, for runs from source: src/cli.ts loads it instead of ~100 modules
// that Bun would transpile and JavaScriptCore compile on every start (a server program starts
// about 25 ms sooner). The plain forms of `ntnt run` get a bundle of their own without the other
// commands, src/cli-run.bundle.js + .jsc (src/cli/run-only.ts: ~3 ms less to load). src/cli.bundle.json lists the inputs with their size and modification
// time and the Bun it was built by; src/cli.ts ignores a bundle any of them has changed since,
// so an edit in src/ takes effect at once and the next `npm run prepare` (or `npm test`)
// rebuilds it. Modules a command imports on first use stay lazy inside the bundle (their code
// runs when imported). Run by Bun, on npm install and before tests; not committed. The single
// binary is built separately (`npm run build`).
import { renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { bundleIsFresh, type BundleStamp } from "../src/cli/bundle-stamp";

const root = join(import.meta.dir, "..");
const out = join(root, "src", "cli.bundle.js");
const runOut = join(root, "src", "cli-run.bundle.js");
const stampFile = join(root, "src", "cli.bundle.json");

/** One bundle of `entry` and everything it imports, written to `out` (+ `.jsc`); its inputs, relative to the repository. */
async function bundle(entry: string, out: string): Promise<string[]> {
  const result = await Bun.build({
    entrypoints: [join(root, entry)],
    target: "bun",
    format: "cjs",
    bytecode: true,
    // Names kept: stack traces of an internal error stay readable, and no code sees a renamed class.
    minify: { whitespace: true, syntax: true, identifiers: false },
    metafile: true,
    throw: false,
    plugins: [
      {
        // Their source forms look for the separate bytecode builds beside them (runs from source
        // without this bundle); inside the bundle Elysia and the parser are bundled.
        name: "bundled-loaders",
        setup(build) {
          build.onLoad({ filter: /[\\/]src[\\/]server[\\/]load-elysia\.ts$/ }, () => ({ contents: 'export { Elysia } from "elysia";', loader: "ts" }));
          build.onLoad({ filter: /[\\/]src[\\/]parser[\\/]load-generated\.ts$/ }, () => ({
            contents: 'import * as parser from "./generated.js";\nexport const generated = parser;',
            loader: "ts",
          }));
        },
      },
    ],
  });
  if (!result.success) throw new AggregateError(result.logs, "build-cli-bundle: bun build failed");
  const js = result.outputs.find((o) => o.kind === "entry-point");
  const jsc = result.outputs.find((o) => o.kind === "bytecode");
  if (!js || !jsc) throw new Error("build-cli-bundle: bun build wrote no bytecode");
  // Each file replaced whole (a CLI starting meanwhile loads the old one or the new one).
  for (const [file, output] of [
    [out, js],
    [`${out}.jsc`, jsc],
  ] as const) {
    await Bun.write(`${file}.tmp`, output);
    renameSync(`${file}.tmp`, file);
  }
  return Object.keys(result.metafile?.inputs ?? {}).map((input) => relative(root, resolve(input)));
}

if (!bundleIsFresh(root)) {
  rmSync(stampFile, { force: true });
  // The whole CLI, and the plain forms of `ntnt run` alone (src/cli/run-only.ts); one stamp for both.
  const built = await Promise.all([bundle("src/cli/main.ts", out), bundle("src/cli/run-only.ts", runOut)]);
  const inputs = [...new Set(built.flat())];
  // The packages stand for themselves by npm's record of the installed tree, which every
  // install rewrites: one file to check on each run instead of about 300.
  const files: BundleStamp["files"] = {};
  for (const path of [...inputs.filter((p) => !p.startsWith("node_modules/")), "node_modules/.package-lock.json"]) {
    const s = statSync(join(root, path));
    files[path] = [s.mtimeMs, s.size];
  }
  // Written last: a bundle without its stamp is never loaded.
  writeFileSync(stampFile, JSON.stringify({ bun: Bun.version, files } satisfies BundleStamp));
}
