/** The active server configuration: set by `ntnt run` flags, else read from the environment on first use. */

import { serveOptions, type RunFlags, type ServerConfig } from "./serve-options";

let active: ServerConfig | null = null;

/** Current configuration (environment defaults unless `configureServer` ran). */
export function config(): ServerConfig {
  return (active ??= serveOptions());
}

/** Apply `ntnt run` flags (--timeout, --workers) on top of the environment. */
export function configureServer(flags: RunFlags = {}, env: Record<string, string | undefined> = process.env): ServerConfig {
  active = serveOptions(flags, env);
  return active;
}

/** Replace the whole configuration (tests, `ntnt test`). */
export function setConfig(c: ServerConfig): void {
  active = c;
}
