/** Issue #14 defect 1: `--workers N` on a port already in use fails like the single-process server, and a worker that dies at start-up stops the group. */

import { afterAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { freePort, project, startApp } from "../support/ntnt-app";

const NTNT = join(import.meta.dir, "..", "..", "ntnt");
const dir = project({
  "app.tnt": `import { text } from "std/http/server"\nfn hi(req) { return text("hi") }\nget("/", hi)\nlisten(8080)\n`,
  "crash.tnt": `import { text } from "std/http/server"\nfn hi(req) { return text("hi") }\nget("/", hi)\nlet x = 1 / 0\nlisten(8080)\n`,
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runWorkers(file: string, port: number): Promise<{ code: number; err: string; ms: number }> {
  const started = Date.now();
  const p = Bun.spawn([NTNT, "run", "--workers", "2", join(dir, file)], {
    env: { ...process.env, NTNT_LISTEN_PORT: String(port), NTNT_HOST: "127.0.0.1", NTNT_HOT_RELOAD: "0", NO_COLOR: "1" },
    stdout: "pipe",
    stderr: "pipe",
    detached: true,
  });
  // A group that does not stop by itself is killed whole (supervisor and workers).
  const killer = setTimeout(() => process.kill(-p.pid, "SIGKILL"), 15_000);
  const [err, code] = await Promise.all([new Response(p.stderr).text(), p.exited]);
  clearTimeout(killer);
  return { code, err, ms: Date.now() - started };
}

describe("--workers and a port in use", () => {
  test("beside a plain listener: exit 1 with 'address in use'", async () => {
    const port = await freePort();
    const other = Bun.serve({ port, hostname: "127.0.0.1", fetch: () => new Response("other") });
    try {
      const r = await runWorkers("app.tnt", port);
      expect(r.code).toBe(1);
      expect(r.err.toLowerCase()).toContain("address in use");
      expect(r.err).not.toContain("restarting");
    } finally {
      await other.stop(true);
    }
  }, 30_000);

  test("beside another --workers program: exit 1 instead of sharing the port", async () => {
    const first = await startApp(join(dir, "app.tnt"), { args: ["--workers", "2"] });
    try {
      const r = await runWorkers("app.tnt", first.port);
      expect(r.code).toBe(1);
      expect(r.err.toLowerCase()).toContain("address in use");
      expect(await (await fetch(first.base + "/")).text()).toBe("hi");
    } finally {
      await first.stop();
    }
  }, 40_000);

  test("a worker that fails at start-up stops the whole group with its error", async () => {
    const r = await runWorkers("crash.tnt", await freePort());
    expect(r.code).toBe(1);
    expect(r.err).toContain("Division by zero");
    expect(r.err).not.toContain("restarting");
  }, 30_000);
});
