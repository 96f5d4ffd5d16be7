/** `ntnt test` output and exit codes (cli.md §4.2), against a stand-in program. */

import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { track } from "../support/children";
import { freePort } from "../support/ntnt-app";

const FIXTURE = join(import.meta.dir, "fixtures", "testmode.ts");

async function runMode(requests: Array<{ method: string; path: string }>, env: Record<string, string> = {}) {
  const port = await freePort();
  const p = track(
    Bun.spawn([process.execPath, FIXTURE], {
      env: { ...process.env, FIX_REQUESTS: JSON.stringify(requests), FIX_PORT: String(port), ...env },
      stdout: "pipe",
      stderr: "pipe",
    }),
  );
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  return { out, err, code, port };
}

describe("ntnt test", () => {
  test("prints the banner, each request and a summary; pretty JSON with sorted keys", async () => {
    const { out, code, port } = await runMode(
      [
        { method: "GET", path: "/health" },
        { method: "POST", path: "items" },
      ],
      { FIX_BODY: '{"x":1}' },
    );
    expect(code).toBe(0);
    expect(out).toContain("=== NTNT HTTP Test Mode ===");
    expect(out).toContain(`Starting test server on http://127.0.0.1:${port}`);
    expect(out).toContain("Routes registered: 3");
    expect(out).toContain('[REQUEST 1] GET /health\n[RESPONSE] 200 (OK)\n{\n  "a": 1,\n  "status": "ok"\n}\n');
    expect(out).toContain('[REQUEST 2] POST /items\n[RESPONSE] 201 (OK)\n{\n  "got": "{\\"x\\":1}"\n}');
    expect(out).toContain("=== 2 requests, 2 passed, 0 failed ===");
    expect(out).toContain("Running shutdown handlers...\nbye\n");
    expect(out.trimEnd().endsWith("Server shutdown.")).toBe(true);
  });
  test("a failing status makes the run fail; -v adds [STATUS] and the headers", async () => {
    const { out, code } = await runMode([{ method: "GET", path: "/missing" }], { FIX_VERBOSE: "1" });
    expect(code).toBe(1);
    expect(out).toMatch(/\[STATUS\] 404\n(.+: .+\n)*content-type: application\/json\n(.+: .+\n)*\[RESPONSE\] 404 \(ERROR\)/);
    expect(out).toContain("=== 1 requests, 0 passed, 1 failed ===");
  });
  test("no requests → usage error", async () => {
    const { err, code } = await runMode([]);
    expect(code).toBe(1);
    expect(err).toContain("Error: No requests specified.");
  });
  test("a program error before listen() is reported, exit 1", async () => {
    const { err, code } = await runMode([{ method: "GET", path: "/health" }], { FIX_FAIL: "1" });
    expect(code).toBe(1);
    expect(err).toContain("program failed before listen");
  });
});
