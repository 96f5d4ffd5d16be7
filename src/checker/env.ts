/** What the checker knows about the world outside the file: builtins, std modules, imported files. */

import type { FunctionSig } from "./signatures";

/** A std module's exports as the checker sees them. */
export interface ModuleView {
  /** Every exported name (functions and constants). */
  names: ReadonlySet<string>;
  /** The declared signature of an exported function, when it has one. */
  signature(name: string): FunctionSig | null;
}

/** A file module's top-level names and the signatures of its functions. */
export interface FileView {
  names: ReadonlySet<string>;
  signatures: ReadonlyMap<string, FunctionSig>;
}

/** The checker's read-only view of everything a program can import or call without defining it. */
export interface CheckEnv {
  /** Global names (core and server builtins) and their declared signatures (null when undeclared). */
  globals: ReadonlyMap<string, FunctionSig | null>;
  /** A std module by path, or null when there is no such module. */
  stdModule(path: string): ModuleView | null;
  /** The std modules exporting `name` (for the "add an import" hint); empty when unknown. */
  modulesExporting(name: string): string[];
  /** A relative file import (`./lib/util`), resolved against the checked file; null when unreadable. */
  fileModule(source: string): FileView | null;
  /** Extra names in scope (route files see their `lib/` modules by stem). */
  extraGlobals: ReadonlySet<string>;
}
