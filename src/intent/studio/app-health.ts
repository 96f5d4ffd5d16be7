/** The app's health as `GET /api/app-status` reports it (cli.md §7.8): a `GET /` probe with a 2 s limit. */

/** The §7.8 app-status document. */
export interface AppStatus {
  running: boolean;
  healthy: boolean;
  status?: number;
  error?: string;
}

const PROBE_TIMEOUT_MS = 2000;

/** Probe `http://127.0.0.1:<port>/` and classify the answer. */
export async function probeApp(port: number): Promise<AppStatus> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { redirect: "manual", signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.body?.cancel();
    if (res.status === 404) return { running: true, healthy: false, status: 404, error: "No routes registered (404)" };
    if (res.status >= 500) return { running: true, healthy: false, status: res.status, error: "Server error" };
    return { running: true, healthy: true, status: res.status };
  } catch (err) {
    return { running: false, healthy: false, error: probeError(err) };
  }
}

function probeError(err: unknown): string {
  if (err instanceof Error && err.name === "TimeoutError") return `No answer within ${PROBE_TIMEOUT_MS / 1000} s`;
  const code = (err as { code?: string }).code;
  if (code === "ConnectionRefused") return "Connection refused: the app is not listening";
  return err instanceof Error ? err.message : String(err);
}
