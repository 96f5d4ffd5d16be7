/**
 * Test harness for Intent Studio: `./ntnt intent studio` as a real process on free ports
 * (always stopped by the caller), and headless Chromium from the system (Debian's `chromium`
 * package, or CHROMIUM_PATH) driven by playwright-core.
 */

import type { Subprocess } from "bun";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { track } from "./children";
import { freePort } from "./ntnt-app";

const LAUNCHER = join(import.meta.dir, "..", "..", "ntnt");

/** A running `ntnt intent studio`. */
export interface RunningStudio {
  url: string;
  appPort: number;
  proc: Subprocess<"ignore", "pipe", "pipe">;
  /** stdout and stderr so far. */
  output(): string;
  /** SIGINT (Ctrl-C), then SIGKILL after 10 s; resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

async function collect(stream: ReadableStream<Uint8Array>, sink: (s: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  for await (const chunk of stream) sink(decoder.decode(chunk, { stream: true }));
}

/** True when 127.0.0.1:`port` accepts a connection. */
export async function listening(port: number): Promise<boolean> {
  try {
    const socket = await Bun.connect({ hostname: "127.0.0.1", port, socket: { data() {} } });
    socket.end();
    return true;
  } catch {
    return false;
  }
}

/** Start Studio on `file` (cwd `dir`) and wait until its port answers (≤ 20 s). */
export async function startStudio(dir: string, file: string): Promise<RunningStudio> {
  const port = await freePort();
  const appPort = await freePort();
  let out = "";
  // Tracked: Studio and the app it started are killed even if the test process ends early.
  const proc = track(
    Bun.spawn([LAUNCHER, "intent", "studio", file, "--port", String(port), "--app-port", String(appPort), "--no-open"], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", NTNT_ACCESS_LOG: "0" },
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    }),
  );
  void collect(proc.stdout, (s) => (out += s));
  void collect(proc.stderr, (s) => (out += s));
  const interrupt = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
    proc.kill("SIGINT");
    const exited = await Promise.race([proc.exited.then(() => true), Bun.sleep(10_000).then(() => false)]);
    if (!exited) {
      proc.kill("SIGKILL");
      await proc.exited;
    }
    return proc.exitCode;
  };
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`studio exited with ${proc.exitCode}:\n${out}`);
    if (await listening(port)) return { url: `http://127.0.0.1:${port}`, appPort, proc, output: () => out, interrupt };
    await Bun.sleep(50);
  }
  await interrupt();
  throw new Error(`studio did not listen within 20 s:\n${out}`);
}

/** The Chromium executable: CHROMIUM_PATH, or Debian's package. */
function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error("Chromium not found: install Debian's `chromium` package (.ci/run does) or set CHROMIUM_PATH");
  return found;
}

/** Studio on `file` and a headless Chromium page showing it once the first run has rendered. */
export async function openStudioPage(
  dir: string,
  file: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ studio: RunningStudio; browser: Browser; page: Page }> {
  const studio = await startStudio(dir, file);
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  const page = await browser.newPage({ viewport });
  await page.goto(studio.url);
  // The page runs the tests by itself when nothing has run yet.
  await page.locator("[data-feature-id]").first().waitFor({ timeout: 30_000 });
  return { studio, browser, page };
}
