/**
 * What `parse: "none"` on the Elysia host's catch-all costs per request. With the option the
 * composed handler has a parse hook and is asynchronous (a Promise per request); without it
 * (and a bound handler, so Elysia infers no body) it is synchronous. Both hosts hand every
 * request to the same trivial fetch handler, so the difference is Elysia's alone.
 *
 *   bun bench/http/elysia-parse.ts [--rounds N] [--calls N]          in-process: app.fetch in a loop
 *   bun bench/http/elysia-parse.ts --http [--rounds N] [--seconds S]  over HTTP: a server process per
 *                                                                      variant and round, loaded by wrk
 *
 * Rounds alternate the order of the two variants; the report gives each variant's median CPU
 * µs per request and the median of the per-round paired differences (none − plain).
 */

import { Elysia } from "../../src/server/load-elysia";
import { opt } from "../args";
import { median } from "../stats";

const args = process.argv.slice(2);
const ROUNDS = Number(opt("--rounds", "8"));
const CALLS = Number(opt("--calls", "200000"));
const SECONDS = Number(opt("--seconds", "3"));
const VARIANTS = ["none", "plain"] as const;
type Variant = (typeof VARIANTS)[number];

/** The host app as src/server/server.ts builds it, with or without `parse: "none"`. */
function host(variant: Variant): { fetch: (r: Request) => Response | Promise<Response> } {
  const state = { answer: () => new Response("ok") };
  function handOver(this: typeof state, _c: { request: Request }): Response {
    return this.answer();
  }
  const app = new Elysia();
  return variant === "none" ? app.all("*", handOver.bind(state), { parse: "none" }) : app.all("*", handOver.bind(state));
}

/** CPU µs per app.fetch call over CALLS calls (after a warm-up). */
async function inProcess(fetch: (r: Request) => Response | Promise<Response>): Promise<number> {
  const req = new Request("http://127.0.0.1/");
  const run = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const r = fetch(req);
      if (r instanceof Promise) await r;
    }
  };
  await run(CALLS / 4);
  const t0 = process.cpuUsage();
  await run(CALLS);
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / CALLS;
}

/** One server process for `variant`: CPU µs per request while wrk loads it for SECONDS. */
async function overHttp(variant: Variant): Promise<number> {
  const child = Bun.spawn([process.execPath, import.meta.path, "--serve", variant], { stdin: "pipe", stdout: "pipe", stderr: "inherit" });
  const reader = child.stdout.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  const line = async (): Promise<string> => {
    while (!buffered.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) throw new Error("server process ended");
      buffered += decoder.decode(value);
    }
    const i = buffered.indexOf("\n");
    const out = buffered.slice(0, i);
    buffered = buffered.slice(i + 1);
    return out;
  };
  const port = Number(await line());
  const url = `http://127.0.0.1:${port}/`;
  const stat = async (): Promise<[number, number]> => {
    child.stdin.write("stat\n");
    child.stdin.flush();
    const [cpu, count] = (await line()).split(" ").map(Number);
    return [cpu!, count!];
  };
  await Bun.spawn(["wrk", "-t1", "-c8", "-d1s", url], { stdout: "ignore" }).exited;
  const [c0, n0] = await stat();
  await Bun.spawn(["wrk", "-t1", "-c8", `-d${SECONDS}s`, url], { stdout: "ignore" }).exited;
  const [c1, n1] = await stat();
  child.kill();
  await child.exited;
  return (c1 - c0) / (n1 - n0);
}

/** The server side of --http: serve `variant`, print the port, answer "stat" with CPU µs and requests served. */
function serve(variant: Variant): void {
  const app = host(variant);
  let served = 0;
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    development: false,
    fetch: (r) => {
      served++;
      return app.fetch(r);
    },
  });
  process.stdout.write(`${server.port}\n`);
  let pending = "";
  process.stdin.on("data", (d) => {
    pending += d.toString();
    while (pending.includes("\n")) {
      pending = pending.slice(pending.indexOf("\n") + 1);
      const t = process.cpuUsage();
      process.stdout.write(`${t.user + t.system} ${served}\n`);
    }
  });
}

async function main(): Promise<void> {
  if (args[0] === "--serve") return serve(args[1] as Variant);
  const http = args.includes("--http");
  const results: Record<Variant, number[]> = { none: [], plain: [] };
  const apps = { none: host("none"), plain: host("plain") };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? VARIANTS : ([...VARIANTS].reverse() as Variant[]);
    for (const v of order) results[v].push(http ? await overHttp(v) : await inProcess(apps[v].fetch));
  }
  const diffs = results.none.map((x, i) => x - results.plain[i]!);
  const f = (x: number) => x.toFixed(3);
  console.log(`${http ? "over HTTP" : "in-process"}, ${ROUNDS} rounds, CPU µs per request`);
  console.log(`  parse: "none"  median ${f(median(results.none))}   rounds ${results.none.map(f).join(" ")}`);
  console.log(`  no parse hook  median ${f(median(results.plain))}   rounds ${results.plain.map(f).join(" ")}`);
  console.log(`  paired none − plain: median ${f(median(diffs))}, min ${f(Math.min(...diffs))}, max ${f(Math.max(...diffs))}`);
}

await main();
