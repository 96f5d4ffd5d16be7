/** Buffered stdout (src/runtime/stdout.ts) in a child process: exact bytes, order, text larger than the buffer. */

import { expect, test } from "bun:test";
import { join } from "node:path";

const STDOUT = join(import.meta.dir, "..", "..", "src", "runtime", "stdout.ts");

async function childOutput(body: string): Promise<string> {
  const script = `import { writeStdout, bufferStdout, flushStdout } from ${JSON.stringify(STDOUT)};\n${body}`;
  const proc = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "inherit" });
  const out = await new Response(proc.stdout).text();
  expect(await proc.exited).toBe(0);
  return out;
}

test("many small writes, multibyte text and one write larger than the buffer arrive intact and in order", async () => {
  const out = await childOutput(`
    for (let i = 0; i < 5000; i++) writeStdout("line " + i + " é€😀\\n");
    writeStdout("x".repeat(30000) + "é".repeat(30000) + "\\n");
    bufferStdout("buffered\\n");
    flushStdout();
    writeStdout("end\\n");
  `);
  const expected = Array.from({ length: 5000 }, (_, i) => `line ${i} é€😀\n`).join("") + "x".repeat(30000) + "é".repeat(30000) + "\nbuffered\nend\n";
  expect(out).toBe(expected);
});

test("output written just before exit is not lost", async () => {
  expect(await childOutput(`writeStdout("last words\\n"); process.exit(0);`)).toBe("last words\n");
});
