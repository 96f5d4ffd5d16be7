/**
 * Memory across hot reloads, in process: runs the soak's mixed app (SQLite connection at the
 * top level) with `runFile`, edits its route file N times, and after each quarter forces a
 * full GC and prints RSS, heap size, live objects and the object types that grew. A leak shows
 * as a type growing by one per reload (it was `SQLDatabase`, one connection per reload).
 *
 *   bun scripts/soak/reload-memory.ts [--reloads 200] [--no-db]
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { heapStats } from "bun:jsc";
import { MIXED_APP, versionRoute } from "./apps";

const { values } = parseArgs({ options: { reloads: { type: "string", default: "200" }, "no-db": { type: "boolean", default: false } } });
const N = Math.max(4, Number(values.reloads));
const dir = mkdtempSync(join(tmpdir(), "ntnt-reload-memory-"));
mkdirSync(join(dir, "routes"));
const app = values["no-db"] ? MIXED_APP.replace(/let conn = [^\n]*\nunwrap[^\n]*\n/, "").replace(/unwrap\(db\.execute\(conn[^\n]*\n/, "") : MIXED_APP;
writeFileSync(join(dir, "app.tnt"), app);
writeFileSync(join(dir, "routes", "version.tnt"), versionRoute(0));
process.chdir(dir);
const port = 20000 + Math.floor(Math.random() * 20000);
process.env.NTNT_LISTEN_PORT = String(port);
process.env.NTNT_HOST = "127.0.0.1";
// Replaced versions' connections close a request timeout + 1 s after their reload.
process.env.NTNT_TIMEOUT ??= "1";
const base = `http://127.0.0.1:${port}`;

const { runFile } = await import("../../src/engine/index");
void runFile(join(dir, "app.tnt"));
for (let i = 0; i < 200; i++) {
  try {
    await fetch(`${base}/version`);
    break;
  } catch {
    await Bun.sleep(50);
  }
}

interface Sample {
  rss: number;
  heap: number;
  objects: number;
  types: Record<string, number>;
}
function sample(): Sample {
  Bun.gc(true);
  const h = heapStats();
  return { rss: process.memoryUsage().rss / 1048576, heap: h.heapSize / 1048576, objects: h.objectCount, types: h.objectTypeCounts };
}

let prev = sample();
console.log(`start: RSS ${prev.rss.toFixed(1)} MB, heap ${prev.heap.toFixed(1)} MB, ${prev.objects} objects`);
for (let i = 1; i <= N; i++) {
  writeFileSync(join(dir, "routes", "version.tnt"), versionRoute(i));
  for (let tries = 0; tries < 100 && (await (await fetch(`${base}/version`)).text()) !== `v${i}`; tries++) await Bun.sleep(10);
  if (i % Math.floor(N / 4) !== 0) continue;
  await Bun.sleep(2200);
  const s = sample();
  const grew = Object.entries(s.types)
    .map(([k, v]) => [k, v - (prev.types[k] ?? 0)] as const)
    .filter(([, d]) => d >= N / 8)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8);
  console.log(
    `after ${i} reloads: RSS ${s.rss.toFixed(1)} MB, heap ${s.heap.toFixed(1)} MB, ${s.objects} objects (${s.objects - prev.objects >= 0 ? "+" : ""}${s.objects - prev.objects}); grew: ${grew.map(([k, d]) => `${k} +${d}`).join(", ") || "nothing"}`,
  );
  prev = s;
}
rmSync(dir, { recursive: true, force: true });
process.exit(0);
