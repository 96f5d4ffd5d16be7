/**
 * CPU time for complexity guards: a test that bounds how long some work takes should count the
 * time this process spends on it, which other processes on a loaded machine do not stretch, not
 * the wall clock, which they do (the process may wait for a core most of the time).
 */

/** This process's CPU time so far (user + system, all its threads), in milliseconds. */
export function cpuNow(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}
