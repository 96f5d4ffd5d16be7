/**
 * Test harness: a throwaway PostgreSQL cluster for the std/db/postgres tests.
 *
 * Runs the real server (no mocks): `initdb` into a fresh temp folder, `pg_ctl start` on a free
 * 127.0.0.1 port with its socket in that folder, trust auth for the `postgres` superuser.
 * When the tests run as root the cluster runs as `nobody` (PostgreSQL refuses root).
 * The binaries come from NTNT_PG_BIN, /usr/lib/postgresql/<newest>/bin or PATH;
 * `.ci/postgres.sh` installs them from Debian's packages when missing.
 */

import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./ntnt-app";

export interface PgServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** Stops the server (immediate mode) and deletes its folder. */
  stop(): Promise<void>;
}

const UNPRIVILEGED = { name: "nobody", uid: 65534, gid: 65534 };

/** Where initdb/pg_ctl live, or null. */
export function findPgBin(): string | null {
  const ok = (d: string) => ["initdb", "pg_ctl", "postgres"].every((b) => existsSync(join(d, b)));
  const env = process.env.NTNT_PG_BIN;
  if (env && ok(env)) return env;
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (ok(join(root, v, "bin"))) return join(root, v, "bin");
  }
  for (const d of (process.env.PATH ?? "").split(":")) if (d && ok(d)) return d;
  return null;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<string> {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ["runuser", ["-u", UNPRIVILEGED.name, "--", cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    execFile(file, argv, { timeout: timeoutMs, cwd: "/" }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Start a fresh cluster; callers must `await stop()` (e.g. in afterAll). */
export async function startPostgres(): Promise<PgServer> {
  const bin = findPgBin();
  if (!bin) throw new Error("PostgreSQL binaries not found: run .ci/postgres.sh (or set NTNT_PG_BIN)");
  const asRoot = process.getuid?.() === 0;
  // As root the folder is handed to `nobody`, which must be able to reach it: use /tmp itself.
  const dir = await mkdtemp(join(asRoot ? "/tmp" : tmpdir(), "ntnt-pg-"));
  if (asRoot) await chown(dir, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
  const data = join(dir, "data");
  const log = join(dir, "server.log");
  const port = await freePort();
  try {
    await run(join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], 60_000);
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
    await run(join(bin, "pg_ctl"), ["-D", data, "-l", log, "-o", opts, "-w", "-t", "30", "start"], 40_000);
  } catch (e) {
    const tail = await readFile(log, "utf8").catch(() => "");
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${(e as Error).message}\n${tail}`);
  }
  const ctl = join(bin, "pg_ctl");
  const stopArgs = ["-D", data, "-m", "immediate", "-w", "-t", "20", "stop"];
  // If the test process ends without stop() (crash, abort), do not leave a server behind.
  const onExit = () => {
    try {
      const [file, argv] = asRoot ? ["runuser", ["-u", UNPRIVILEGED.name, "--", ctl, ...stopArgs]] : [ctl, stopArgs];
      execFileSync(file, argv, { timeout: 20_000, stdio: "ignore", cwd: "/" });
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", onExit);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      process.removeListener("exit", onExit);
      await run(ctl, stopArgs, 30_000).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
