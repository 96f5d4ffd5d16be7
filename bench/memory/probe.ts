/**
 * Preloaded into a server by bench/memory.ts (`bun --preload`): on SIGUSR2 it writes the
 * JavaScriptCore heap's figures, before and after a full GC, to the file named by
 * NTNT_MEMORY_PROBE_OUT. It adds a few kB of its own and nothing runs until the signal.
 */

import { fullGC, heapStats, memoryUsage } from "bun:jsc";
import { writeFileSync } from "node:fs";

const out = process.env.NTNT_MEMORY_PROBE_OUT;

/** The heap's figures at one moment, before and after a full GC: what the probe writes. */
export type ProbeResult = { before: HeapFigures; after: HeapFigures };
type HeapFigures = ReturnType<typeof snapshot>;

/** The heap's totals and its most numerous object types. */
function snapshot() {
  const h = heapStats();
  const m = memoryUsage();
  const top = Object.entries(h.objectTypeCounts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25) as [string, number][];
  const nm = process.memoryUsage();
  return {
    heap_size: h.heapSize,
    heap_capacity: h.heapCapacity,
    extra_memory: h.extraMemorySize,
    object_count: h.objectCount,
    rss: nm.rss,
    external: nm.external,
    array_buffers: nm.arrayBuffers,
    commit: m.currentCommit,
    peak_commit: m.peakCommit,
    top_types: top,
  };
}

if (out) {
  process.on("SIGUSR2", () => {
    const before = snapshot();
    fullGC();
    const after = snapshot();
    writeFileSync(out, JSON.stringify({ before, after }));
  });
}
