/**
 * Which build of ntnt is running, as the CLI's entry names it: the single binary's or the CLI
 * bundle's file (path, inode, size, modification time), null when it runs from its modules.
 * The compile cache (compile-cache.ts) keeps records only for a named build. Its own tiny
 * module: every command's start sets it, and nothing else loads with it.
 */

let identity: string | null = null;

/** Name the running build (src/cli.ts → main); null leaves the compile cache off. */
export function setBuildIdentity(next: string | null): void {
  identity = next;
}

/** The running build's name, or null. */
export function buildIdentity(): string | null {
  return identity;
}
