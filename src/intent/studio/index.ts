/**
 * `ntnt intent studio` (cli.md §7.8): starts the app with this same executable, serves Studio on
 * 127.0.0.1 until Ctrl-C (SIGINT) or SIGTERM, then stops the app and prints `Intent Studio stopped`.
 */

import { resolveStudioFiles, StudioFileError } from "./files";
import { studioApp } from "./server";
import { StudioSession } from "./session";

/** Studio's command-line options. */
export interface StudioOptions {
  port: number;
  appPort: number;
  /** Open the page in the default browser. */
  open: boolean;
}

/** Run Studio for FILE; resolves to the exit code once it has stopped. */
export async function runStudio(file: string, opts: StudioOptions): Promise<number> {
  let session: StudioSession;
  try {
    session = new StudioSession(resolveStudioFiles(file), opts.appPort);
  } catch (err) {
    if (!(err instanceof StudioFileError)) throw err;
    for (const line of err.details) console.error(line);
    console.error(`Error: ${err.message}`);
    return 1;
  }
  const { intentPath, programPath } = session.files;
  const url = `http://127.0.0.1:${opts.port}`;
  const out = (line = "") => console.log(line);

  const app = studioApp(session);
  try {
    // Idle timeout above the event stream's keep-alive interval, so open pages stay connected.
    app.listen({ port: opts.port, hostname: "127.0.0.1", idleTimeout: 60, development: false });
  } catch (err) {
    console.error(`Error: Failed to bind to 127.0.0.1:${opts.port}: ${(err as Error).message}`);
    return 1;
  }

  out();
  out("  🎨 Intent Studio");
  out();
  out(`  File: ${intentPath}`);
  out(`  URL:  ${url}`);
  out(`  App:  ${session.appUrl}`);
  out();
  if (programPath !== null) out(`  🚀 Starting app from ${programPath} on port ${opts.appPort}`);
  else {
    out(`  ⚠️  No .tnt file found next to ${intentPath}`);
    out(`  💡 Start your app yourself on port ${opts.appPort}: NTNT_LISTEN_PORT=${opts.appPort} ntnt run <your-app>.tnt`);
  }
  out("  👀 Watching the intent file and the program: edits re-run the tests");
  out("  📝 Press Ctrl+C to stop");
  out();
  session.start();
  if (opts.open) openBrowser(url);

  const signal = await new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  if (signal === "SIGINT") out();
  await app.stop(true);
  if (session.app?.alive) out("  🛑 Stopping app server...");
  await session.stop();
  out("  👋 Intent Studio stopped");
  return 0;
}

/** Best effort: a missing opener only means the user opens the URL by hand. */
function openBrowser(url: string): void {
  const opener = process.platform === "darwin" ? ["open", url] : process.platform === "win32" ? ["cmd", "/c", "start", url] : ["xdg-open", url];
  try {
    Bun.spawn(opener, { stdin: "ignore", stdout: "ignore", stderr: "ignore" }).exited.catch(() => undefined);
  } catch {
    // No opener installed.
  }
}
