/**
 * Resources a program opens (database connections), tagged with the program load that was
 * current when they opened. A hot reload runs the program again, and the new run opens its
 * own; the old run's would stay open for the life of the process (one SQLite connection and
 * its page cache per reload), so the reload closes them once the old version has stopped
 * serving.
 */

let current = 0;
const open = new Map<number, Set<() => void>>();

/** Track a resource of the current load; returns the function that forgets it (closed by the program). */
export function trackResource(close: () => void): () => void {
  const load = current;
  let set = open.get(load);
  if (set === undefined) open.set(load, (set = new Set()));
  set.add(close);
  return () => {
    set.delete(close);
    if (set.size === 0 && open.get(load) === set) open.delete(load);
  };
}

/** Start a new program load (a hot reload); returns the load it replaces. */
export function beginProgramLoad(): number {
  return current++;
}

/** Make `load` current again (a reload that failed). */
export function restoreProgramLoad(load: number): void {
  current = load;
}

/** Close every resource still open from `load`. */
export function closeProgramLoad(load: number): void {
  const set = open.get(load);
  if (set === undefined) return;
  open.delete(load);
  for (const close of set) {
    try {
      close();
    } catch {
      // already closed underneath: nothing left to free
    }
  }
}
