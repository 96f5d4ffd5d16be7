/**
 * Buffered program stdout. `print` is often called in tight loops; one write per line costs
 * ~10× more than batching. Text is encoded straight into one reusable byte buffer (no
 * string concatenation, no per-flush allocation), which is written out when it fills, on
 * the next macrotask (so servers and async programs see output promptly), at process exit,
 * and by anyone about to write to stderr or hand the terminal over (call `flushStdout()`
 * first). The server's access log writes here too: its pending lines are formatted before
 * any program output is buffered, so both keep their order.
 */

import { writeSync } from "node:fs";

const CAPACITY = 64 * 1024;
const bytes = Buffer.allocUnsafe(CAPACITY);
let used = 0;
let scheduled = false;
let prelude: (() => void) | null = null;

/** Register text that must be buffered before anything else is written (the server's pending access lines). */
export function setStdoutPrelude(fn: (() => void) | null): void {
  prelude = fn;
}

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
  prelude?.();
  bufferStdout(s);
  if (!scheduled && used > 0) {
    scheduled = true;
    setImmediate(flushStdout);
  }
}

/** Append text to stdout without scheduling a write or running the prelude (the caller flushes). */
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

/** Write out everything buffered, synchronously. */
export function flushStdout(): void {
  prelude?.();
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
