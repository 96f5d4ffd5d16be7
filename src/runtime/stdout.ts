/**
 * Buffered program stdout. `print` is often called in tight loops; one write per line costs
 * ~10× more than batching. Text is encoded straight into one reusable byte buffer (no
 * string concatenation, no per-flush allocation), which is written out when it fills, on
 * the next macrotask (so servers and async programs see output promptly), at process exit,
 * and by anyone about to write to stderr or hand the terminal over (call `flushStdout()`
 * first). The server's access log writes here too, each line as its request finishes, so
 * lines and program output keep their order.
 */

import { writeSync } from "node:fs";

const CAPACITY = 64 * 1024;
const bytes = Buffer.allocUnsafe(CAPACITY);
let used = 0;
let scheduled = false;

let capture: ((s: string) => void) | null = null;

/** Send program output to `sink` instead of stdout (null restores stdout); in-process calls of `ntnt intent check`. */
export function setStdoutCapture(sink: ((s: string) => void) | null): void {
  capture = sink;
}

/** Append text to stdout (buffered) and make sure it is written out on the next macrotask. */
export function writeStdout(s: string): void {
  if (capture) {
    capture(s);
    return;
  }
  bufferStdout(s);
  if (!scheduled && used > 0) {
    scheduled = true;
    setImmediate(flushStdout);
  }
}

/** Append text to stdout without scheduling a write (the caller flushes). */
export function bufferStdout(s: string): void {
  if (capture) {
    capture(s);
    return;
  }
  // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
  if (s.length * 3 > CAPACITY - used) {
    flushStdout();
    if (s.length * 3 > CAPACITY) {
      writeFully(1, Buffer.from(s, "utf8"));
      return;
    }
  }
  used += bytes.write(s, used);
}

/**
 * Room for `n` bytes at the end of the stdout buffer, for a writer that encodes straight into
 * `stdoutBytes` (the access log), then `commitStdout(end)`. Flushes first when they do not
 * fit; -1 while output is captured or `n` exceeds the buffer.
 */
export function reserveStdout(n: number): number {
  if (capture || n > CAPACITY) return -1;
  if (n > CAPACITY - used) flushStdout();
  return used;
}

/** Record that the reserved room was written up to `end`. */
export function commitStdout(end: number): void {
  used = end;
}

/** The stdout buffer `reserveStdout` hands out room in. */
export const stdoutBytes: Uint8Array = bytes;

/** Write out everything buffered, synchronously. */
export function flushStdout(): void {
  scheduled = false;
  if (used === 0) return;
  const n = used;
  used = 0;
  writeFully(1, bytes.subarray(0, n));
}

/** Write all of `data` to `fd` synchronously; a reader that went away drops it, other errors throw. */
export function writeFully(fd: number, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) {
    try {
      off += writeSync(fd, data, off, data.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EPIPE") return; // reader went away (e.g. `| head`): drop the output
      // A non-blocking pipe may be full: retry until the reader catches up.
      if (code !== "EAGAIN") throw e;
    }
  }
}

process.on("exit", flushStdout);
