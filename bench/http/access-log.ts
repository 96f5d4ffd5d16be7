/**
 * The access log's own work per request, in-process: `accessLog` (production JSON lines into
 * the stdout buffer, written out to stdout every few ms) called in a loop on a fresh
 * RequestSource per call, CPU ns per call. `--pair DIR` loads this tree and DIR in one process
 * (each its own module graph) and alternates blocks, paired by block. Run with stdout to
 * /dev/null; the figures go to stderr.
 *
 *   bun bench/http/access-log.ts --pair DIR [--blocks N] [--block CALLS] [--url /path?query] [--bind 0.0.0.0] > /dev/null
 */

import { join, resolve } from "node:path";
import { opt } from "../args";
import { median } from "../stats";

type Logger = () => void;

/** A loop body for the tree at `root`: one request's access-log line, as dispatch records it. */
async function loggerOf(root: string, url: string): Promise<Logger> {
  const { accessLog } = await import(join(root, "src/server/log.ts"));
  const { RequestSource } = await import(join(root, "src/server/request.ts"));
  const { ServerContext } = await import(join(root, "src/server/context.ts"));
  const { serveOptions } = await import(join(root, "src/server/serve-options.ts"));
  const { requestId } = await import(join(root, "src/server/request-identity.ts"));
  const sc = new ServerContext();
  sc.config = serveOptions({}, { NTNT_ENV: "production", NTNT_ACCESS_LOG: "1", NTNT_HOST: opt("--bind", "127.0.0.1") });
  const request = new Request(`http://127.0.0.1:8080${url}`);
  return () => {
    // An id made as the server makes one for a request without its own.
    const rc = { id: requestId(null), request, server: sc, sent: 27 };
    accessLog(new RequestSource(request, sc), "GET", 200, rc, performance.now() - 0.01);
  };
}

/** CPU ns per call over `n` calls; timers (the log's write-out) run between blocks. */
async function timeCalls(log: Logger, n: number): Promise<number> {
  const t0 = process.cpuUsage();
  for (let i = 0; i < n; i++) log();
  const t = process.cpuUsage(t0);
  await Bun.sleep(0);
  return ((t.user + t.system) * 1000) / n;
}

const other = opt("--pair", "");
if (!other) throw new Error("usage: bun bench/http/access-log.ts --pair DIR > /dev/null");
const blocks = Number(opt("--blocks", "30"));
const size = Number(opt("--block", "20000"));
const url = opt("--url", "/json");
const mine = await loggerOf(resolve(import.meta.dir, "../.."), url);
const theirs = await loggerOf(resolve(other), url);
for (const f of [mine, theirs]) await timeCalls(f, size * 5); // warm-up: JIT tiers
const own: number[] = [];
const diffs: number[] = [];
for (let b = 0; b < blocks; b++) {
  // The order alternates from block to block.
  const first = b % 2 === 0 ? await timeCalls(mine, size) : Number.NaN;
  const t = await timeCalls(theirs, size);
  const x = b % 2 === 0 ? first : await timeCalls(mine, size);
  own.push(x);
  diffs.push(x - t);
}
const q = (f: number) => [...diffs].sort((a, b) => a - b)[Math.floor(f * (diffs.length - 1))]!.toFixed(0);
process.stderr.write(
  `access log ${url}: ${blocks} blocks of ${size}; this ${median(own).toFixed(0)} ns/call, this − ${resolve(other)} ${median(diffs).toFixed(0)} (${q(0.25)} to ${q(0.75)}) ns\n`,
);
process.exit(0);
