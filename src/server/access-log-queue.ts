/**
 * Access-log entries the servers have recorded but not yet formatted: requests only record their
 * fields, and lines are formatted in batches (hot code, warm caches, off the request's path)
 * when the flush timer fires or before any program output.
 */

/** A finished request waiting to become an access line. */
export interface AccessEntry {
  at: number;
  id: string;
  ip: string;
  method: string;
  path: string;
  url: string;
  status: number;
  bytes: number | string;
  ms: number;
  /** Written as a JSON line (the answering server runs in production). */
  json: boolean;
}

/** The waiting entries and the timer that will flush them. */
export class AccessLogQueue {
  entries: AccessEntry[] = [];
  timer: ReturnType<typeof setTimeout> | null = null;

  /** Take every waiting entry. */
  take(): AccessEntry[] {
    const batch = this.entries;
    this.entries = [];
    return batch;
  }
}
