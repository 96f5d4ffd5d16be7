/**
 * Buffered program stdout. `print` is often called in tight loops; one write per line costs
 * ~10× more than batching. The buffer is flushed when it grows large, on the next
 * macrotask (so servers and async programs see output promptly), at process exit, and by
 * anyone about to write to stderr or hand the terminal over (call `flushStdout()` first).
 */

import { writeSync } from "node:fs";

const LIMIT = 16 * 1024;
let buf = "";
let scheduled = false;

/** Append text to stdout (buffered). */
export function writeStdout(s: string): void {
  buf += s;
  if (buf.length >= LIMIT) flushStdout();
  else if (!scheduled) {
    scheduled = true;
    setImmediate(flushStdout);
  }
}

/** Write out everything buffered, synchronously. */
export function flushStdout(): void {
  scheduled = false;
  if (buf === "") return;
  const data = Buffer.from(buf, "utf8");
  buf = "";
  let off = 0;
  while (off < data.length) {
    try {
      off += writeSync(1, data, off, data.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EPIPE") return; // reader went away (e.g. `| head`): drop the output
      // A non-blocking pipe may be full: retry until the reader catches up.
      if (code !== "EAGAIN") throw e;
    }
  }
}

process.on("exit", flushStdout);
