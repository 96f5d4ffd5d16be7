/**
 * Where sessions live (docs/web.md): in this process's memory, or in a SQLite or PostgreSQL
 * table (`ntnt_sessions`) so they survive restarts and are shared by `--workers`. Data is
 * stored as JSON text with an expiry time in epoch milliseconds.
 */

import type { Database } from "bun:sqlite";
import type { SQL } from "bun";
import { bunSqlite } from "./lazy-node";

/** A session store; calls may return a Promise (PostgreSQL). */
export interface SessionStore {
  /** The session's JSON data, or null when unknown or expired. */
  load(id: string): string | null | Promise<string | null>;
  save(id: string, data: string, expiresAt: number): void | Promise<void>;
  destroy(id: string): void | Promise<void>;
}

/** One process's sessions in a Map; expired ones are dropped when read and swept every minute. */
export class MemoryStore implements SessionStore {
  private readonly sessions = new Map<string, { data: string; expiresAt: number }>();
  private lastSweep = Date.now();

  load(id: string): string | null {
    this.sweep();
    const s = this.sessions.get(id);
    if (!s) return null;
    if (s.expiresAt <= Date.now()) {
      this.sessions.delete(id);
      return null;
    }
    return s.data;
  }

  save(id: string, data: string, expiresAt: number): void {
    this.sessions.set(id, { data, expiresAt });
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }
}

const TABLE = "CREATE TABLE IF NOT EXISTS ntnt_sessions (id TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at BIGINT NOT NULL)";

/** Sessions in a SQLite file (WAL, waits for other workers' locks). */
export class SqliteStore implements SessionStore {
  private readonly db: Database;

  constructor(path: string) {
    this.db = new (bunSqlite().Database)(path, { create: true, readwrite: true });
    this.db.run("PRAGMA journal_mode=WAL");
    this.db.run("PRAGMA busy_timeout=5000");
    this.db.run(TABLE);
    this.db.run("DELETE FROM ntnt_sessions WHERE expires_at <= ?", [Date.now()]);
  }

  load(id: string): string | null {
    const row = this.db.query("SELECT data FROM ntnt_sessions WHERE id = ? AND expires_at > ?").get(id, Date.now()) as { data: string } | null;
    return row ? row.data : null;
  }

  save(id: string, data: string, expiresAt: number): void {
    this.db.run(
      "INSERT INTO ntnt_sessions (id, data, expires_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
      [id, data, expiresAt],
    );
  }

  destroy(id: string): void {
    this.db.run("DELETE FROM ntnt_sessions WHERE id = ?", [id]);
  }
}

/** Sessions in PostgreSQL (a small pool of its own); the table is created on first use. */
export class PostgresStore implements SessionStore {
  private readonly sql: SQL;
  private ready: Promise<void> | null = null;

  constructor(url: string) {
    // Bun.SQL is loaded on first access; an eager import costs every server start-up.
    this.sql = new Bun.SQL({ url, max: 4 });
  }

  private table(): Promise<void> {
    return (this.ready ??= this.sql.unsafe(TABLE).then(
      () => this.sql.unsafe("DELETE FROM ntnt_sessions WHERE expires_at <= $1", [Date.now()]).then(() => {}),
      (e) => {
        this.ready = null;
        throw e;
      },
    ));
  }

  async load(id: string): Promise<string | null> {
    await this.table();
    const rows = (await this.sql.unsafe("SELECT data FROM ntnt_sessions WHERE id = $1 AND expires_at > $2", [id, Date.now()])) as Array<{ data: string }>;
    return rows.length > 0 ? rows[0]!.data : null;
  }

  async save(id: string, data: string, expiresAt: number): Promise<void> {
    await this.table();
    await this.sql.unsafe(
      "INSERT INTO ntnt_sessions (id, data, expires_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at",
      [id, data, expiresAt],
    );
  }

  async destroy(id: string): Promise<void> {
    await this.table();
    await this.sql.unsafe("DELETE FROM ntnt_sessions WHERE id = $1", [id]);
  }
}
