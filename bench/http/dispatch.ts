/**
 * NTNT's own work per request without the network: the server's fetch handler (Elysia's
 * router, dispatch, the NTNT handler, the Response) called in a loop in-process with one
 * reused Request per path, CPU time per call. Far steadier than HTTP cells on a busy machine,
 * so it decides small before/after questions; `--root DIR` measures another checkout,
 * `--ab DIR` alternates this tree and DIR in fresh processes, `--pair DIR` runs both in one
 * process, alternating blocks of calls. `--transport` measures what NTNT's own transport adds
 * in JavaScript too: each call parses a request head, makes the tree's TransportRequest, calls
 * the Elysia host and writes the response to a sink that keeps nothing (implies `--host`).
 *
 *   bun bench/http/dispatch.ts [--calls N] [--paths "/ /json"] [--dev] [--access-log] [--host] [--transport] [--root DIR]
 *   bun bench/http/dispatch.ts --ab DIR [--rounds N] [other options]
 *   bun bench/http/dispatch.ts --pair DIR [--blocks N] [--block CALLS] [other options]
 */

import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { alternateTrees } from "../alternate";
import { median } from "../stats";
import { opt } from "../args";

const args = process.argv.slice(2);
const HERE = resolve(import.meta.dir, "../..");
const CALLS = Number(opt("--calls", "200000"));
const PATHS = opt("--paths", "/ /json /echo/42 /compute").split(/\s+/).filter(Boolean);
const APP = opt("--app", "examples/benchmark_server.tnt");

type Fetch = (r: Request) => Response | Promise<Response>;
type Live = { fetch: Fetch | null };

/**
 * Start the app in-process and return the live state whose `fetch` answers its requests.
 * Trees with per-program state keep it in the program load's context; older trees (one
 * module-level `serverContext`, or before fff7fb6 src/server/live.ts with the engine in
 * src/runtime) are read where they kept it.
 */
async function startApp(root: string, app: string): Promise<Live> {
  const engine = await import(join(root, existsSync(join(root, "src/engine/index.ts")) ? "src/engine/index.ts" : "src/runtime/engine.ts"));
  if (existsSync(join(root, "src/runtime/program-load.ts"))) {
    const { newProgramLoad } = await import(join(root, "src/runtime/rt.ts"));
    const { programContext } = await import(join(root, "src/server/context.ts"));
    const load = newProgramLoad(dirname(app));
    void engine.loadProgram(app, { load });
    return hosted(root, programContext(load));
  }
  if (existsSync(join(root, "src/server/context.ts"))) {
    const { serverContext } = await import(join(root, "src/server/context.ts"));
    void engine.runFile(app);
    return hosted(root, serverContext);
  }
  const { live } = await import(join(root, "src/server/live.ts"));
  void engine.runFile(app);
  return live;
}

/**
 * With `--host`, the server context's requests go through the Elysia app that hosts NTNT's
 * fetch handler on both transports (its catch-all route), as over HTTP; trees before
 * fff7fb6's successor served Elysia's own app.fetch anyway.
 */
async function hosted(root: string, sc: { live: Live }): Promise<Live> {
  if (!args.includes("--host") && !args.includes("--transport")) return sc.live;
  const { hostApp } = await import(join(root, "src/server/server.ts"));
  const host = hostApp(sc).fetch as Fetch;
  return {
    get fetch() {
      return sc.live.fetch ? host : null;
    },
  };
}

/** A sink for written responses that keeps nothing but reads each string through (as a socket copies it). */
const SINK = {
  send: (d: string | Uint8Array) => (typeof d === "string" ? d.charCodeAt(d.length - 1) : d.byteLength) >= 0,
  drained: () => Promise.resolve(),
  gone: false,
  abort: null,
};

/**
 * `fetch` (the host's) behind the tree's own transport code: a call takes the request's URL,
 * parses the head a client would send for it, and writes the answer to SINK.
 */
async function transported(root: string, fetch: Fetch): Promise<(r: Request) => unknown> {
  const { HeadScanner, parseHead, requestUrl } = await import(join(root, "src/server/front/request-head.ts"));
  const { TransportRequest } = await import(join(root, "src/server/front/transport-request.ts"));
  const { writeResponse } = await import(join(root, "src/server/front/response-writer.ts"));
  const scanner = new HeadScanner();
  const heads = new Map<string, Buffer>();
  return (req: Request) => {
    let bytes = heads.get(req.url);
    if (bytes === undefined) heads.set(req.url, (bytes = Buffer.from(`GET ${new URL(req.url).pathname} HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n`)));
    const end = scanner.scan(bytes) as number;
    const head = parseHead(bytes.toString("latin1", 0, end - 4), end, scanner.rawBytes);
    scanner.reset();
    const out = fetch(new TransportRequest(requestUrl(head), undefined, head.fields, "127.0.0.1"));
    const f = { head: false, close: head.close, http10: !head.http11 };
    return out instanceof Promise ? out.then((res) => writeResponse(SINK, res, f)) : writeResponse(SINK, out, f);
  };
}

/** The tree at `root` serving APP in this process (on a port of its own); its fetch handler once it listens. */
async function serveHere(root: string): Promise<Fetch> {
  process.env.NTNT_HOST = "127.0.0.1";
  process.env.NTNT_LISTEN_PORT = String(20000 + Math.floor(Math.random() * 20000));
  process.env.NTNT_ACCESS_LOG = args.includes("--access-log") ? "1" : "0";
  if (!args.includes("--dev")) process.env.NTNT_ENV = "production";
  const live = await startApp(root, resolve(root, APP));
  for (let i = 0; i < 300 && !live.fetch; i++) await Bun.sleep(10);
  return args.includes("--transport") ? ((await transported(root, live.fetch!)) as Fetch) : live.fetch!;
}

/** CPU ns per call over `n` calls of `fetch` on `req`. */
async function timeCalls(fetch: Fetch, req: Request, n: number): Promise<number> {
  const t0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const r = fetch(req);
    if (r instanceof Promise) await r;
  }
  const t = process.cpuUsage(t0);
  return ((t.user + t.system) * 1000) / n;
}

/** One process: start the app in-process, time CALLS calls per path; prints one JSON line. */
async function measureHere(root: string): Promise<void> {
  const fetch = await serveHere(root);
  const out: Record<string, number> = {};
  for (const path of PATHS) {
    const req = new Request(`http://127.0.0.1${path}`);
    await timeCalls(fetch, req, CALLS / 4); // warm-up: JIT tiers
    out[path] = await timeCalls(fetch, req, CALLS);
  }
  // The access log's lines go to stdout: the result goes to stderr, the one stream kept clean.
  process.stderr.write(`RESULT ${JSON.stringify(out)}\n`);
  process.exit(0);
}

/**
 * Both trees in this one process (each its own module graph and server), alternating blocks
 * of calls, paired by block: steadier than fresh processes, whose JIT outcomes differ.
 */
async function pairHere(other: string): Promise<void> {
  const blocks = Number(opt("--blocks", "20"));
  const size = Number(opt("--block", "20000"));
  const fetches = { this: await serveHere(HERE), other: await serveHere(resolve(other)) };
  console.log(
    `ns of CPU per call in one process, ${blocks} blocks of ${size} calls each; this − other paired by block: median (quartiles); other = ${resolve(other)}`,
  );
  const quantile = (xs: number[], f: number) => [...xs].sort((a, b) => a - b)[Math.floor(f * (xs.length - 1))]!;
  for (const path of PATHS) {
    const req = new Request(`http://127.0.0.1${path}`);
    for (const f of Object.values(fetches)) await timeCalls(f, req, size); // warm-up: JIT tiers
    const mine: number[] = [];
    const diffs: number[] = [];
    for (let b = 0; b < blocks; b++) {
      // The order alternates from block to block.
      const before = b % 2 === 0 ? await timeCalls(fetches.this, req, size) : Number.NaN;
      const theirs = await timeCalls(fetches.other, req, size);
      const x = b % 2 === 0 ? before : await timeCalls(fetches.this, req, size);
      mine.push(x);
      diffs.push(x - theirs);
    }
    const spread = `${quantile(diffs, 0.25).toFixed(0)} to ${quantile(diffs, 0.75).toFixed(0)}`;
    console.log(`${path.padEnd(10)} this ${median(mine).toFixed(0)}  this − other ${median(diffs).toFixed(0)} (${spread}) ns`);
  }
  process.exit(0);
}

const other = opt("--ab", "");
const pair = opt("--pair", "");
if (other) alternateTrees(import.meta.path, args, HERE, other, Number(opt("--rounds", "5")), PATHS);
else if (pair) await pairHere(pair);
else await measureHere(resolve(opt("--root", HERE)));
