/** A bounded HTTP load generator on 127.0.0.1: concurrent keep-alive clients over mixed requests. */

export interface LoadRequest {
  method: string;
  path: string;
  body?: string;
}

export interface LoadResult {
  requests: number;
  byStatus: Map<number, number>;
  /** Network failures (reset, refused, timeout) by message. */
  failures: Map<string, number>;
  latenciesMs: number[];
  seconds: number;
}

/** Run `clients` loops until `untilMs` (epoch ms), `maxRequests` or `stop()`, each picking the next request from `next`. */
export async function runLoad(
  base: string,
  clients: number,
  untilMs: number,
  maxRequests: number,
  next: (i: number) => LoadRequest,
  stop: () => boolean = () => false,
): Promise<LoadResult> {
  const r: LoadResult = { requests: 0, byStatus: new Map(), failures: new Map(), latenciesMs: [], seconds: 0 };
  const t0 = performance.now();
  let issued = 0;
  const client = async () => {
    while (Date.now() < untilMs && issued < maxRequests && !stop()) {
      const req = next(issued++);
      const s = performance.now();
      try {
        const res = await fetch(base + req.path, { method: req.method, body: req.body, signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        r.byStatus.set(res.status, (r.byStatus.get(res.status) ?? 0) + 1);
      } catch (e) {
        const msg = (e as Error).name === "TimeoutError" ? "timeout" : ((e as { code?: string }).code ?? (e as Error).message).slice(0, 60);
        r.failures.set(msg, (r.failures.get(msg) ?? 0) + 1);
      }
      r.latenciesMs.push(performance.now() - s);
      r.requests++;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  r.seconds = (performance.now() - t0) / 1000;
  return r;
}

/** The q-quantile (0–1) of `xs`. */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Resident set size of a process in MB (Linux /proc), or NaN. */
export async function rssMb(pid: number): Promise<number> {
  try {
    const status = await Bun.file(`/proc/${pid}/status`).text();
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/** Least-squares slope of ys over xs (MB per minute when xs are minutes). */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
