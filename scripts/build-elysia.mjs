// Bundles Elysia (with TypeBox and its other dependencies: about 280 modules) into one
// CommonJS module with its JavaScriptCore bytecode, src/server/elysia.bytecode.js + .jsc, for
// runs from source (src/server/load-elysia.ts): loading it costs a server start-up about
// 8 ms CPU instead of 60. Bun takes bytecode without --compile only for CommonJS; a .jsc that
// does not fit the running Bun is ignored (the module compiles from its text). The single
// binary bundles Elysia itself. Run on npm install and before tests; not committed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const version = JSON.parse(readFileSync(join(root, "node_modules/elysia/package.json"), "utf8")).version;
const out = join(root, "src/server/elysia.bytecode.js");
const stamp = `${out}.version`;
let built = "";
try {
  built = readFileSync(stamp, "utf8");
} catch {}
const wanted = `elysia ${version}, bun ${readFileSync(join(root, "node_modules/bun/package.json"), "utf8").match(/"version":\s*"([^"]+)"/)[1]}`;
if (built !== wanted) {
  const dir = mkdtempSync(join(tmpdir(), "ntnt-elysia-"));
  try {
    const entry = join(dir, "elysia-entry.mjs");
    writeFileSync(entry, `export { Elysia } from ${JSON.stringify(fileURLToPath(import.meta.resolve("elysia")))};\n`);
    const bun = join(root, "node_modules", ".bin", "bun");
    const r = spawnSync(bun, ["build", "--minify", "--format=cjs", "--target=bun", "--bytecode", entry, "--outdir", join(dir, "out")], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`build-elysia: bun build failed:\n${r.stderr || r.error}`);
    writeFileSync(out, readFileSync(join(dir, "out", "elysia-entry.js")));
    writeFileSync(`${out}.jsc`, readFileSync(join(dir, "out", "elysia-entry.js.jsc")));
    writeFileSync(stamp, wanted);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
