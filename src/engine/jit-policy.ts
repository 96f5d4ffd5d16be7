/**
 * JavaScriptCore's JIT thresholds around a program's start (Bun.unsafe.setJITPolicy). `ntnt run`
 * loads the engine and the server, parses and compiles with reluctant thresholds: that code
 * runs once, and compiling its hotter parts to machine code cost about 3 ms CPU of a server's
 * start-up. The program's own code (its top level, its handlers) runs with the normal ones.
 */

/** How much more reluctant than normal the JIT is during start-up. */
const STARTUP_SCALE = 20;

let scale = 1;

function setScale(next: number): void {
  if (scale === next) return;
  scale = next;
  Bun.unsafe.setJITPolicy(next);
}

/** Reluctant JIT thresholds for the run-once work before a program runs. */
export function startupJit(): void {
  setScale(STARTUP_SCALE);
}

/** JavaScriptCore's normal JIT thresholds, for the program's own code. */
export function normalJit(): void {
  setScale(1);
}

/** The scale of the thresholds in effect (1 = normal). */
export function jitScale(): number {
  return scale;
}
