/**
 * One load of a program: the context its natives receive and the state that belongs to that
 * load rather than to the process. Two programs loaded in one process (a hot reload, the
 * `call:` terms of `ntnt intent check`, tests) each have their own, so what one registers or
 * remembers (declared types with their methods and invariants, routes, listen() state,
 * sessions, templates, the autoescape setting) the other does not see. Layers above the
 * runtime keep their state as a part of the load (`part`), created on first use, so the
 * runtime does not depend on them.
 *
 * The resources a load opens (database connections, channels, caches) are tracked on it: a hot
 * reload runs the program again and the new load opens its own, so the reload retires the
 * old load once its version has stopped serving, which closes what it left open.
 */

import { TypeTable } from "./type-table";
import type { CallResult, NativeContext, Value } from "./values";

/** How a layer makes its state for a load (the key of that state). */
export interface LoadPart<T> {
  create(load: ProgramLoad): T;
}

/** A load of one program (or the process's default, for code run outside any load). */
export class ProgramLoad {
  /** The context compiled code hands to natives. */
  readonly native: NativeContext;
  /** The structs, enums and traits this load's program declares, with their methods and invariants. */
  readonly types = new TypeTable();
  /** `autoescape(on)` as the program set it; undefined until it does (then the environment decides). */
  autoEscape: boolean | undefined = undefined;
  private readonly parts = new Map<LoadPart<unknown>, unknown>();
  private readonly resources = new Set<() => void>();

  constructor(
    scriptDir: string,
    call: (fn: Value, args: Value[], ctx: NativeContext) => CallResult,
    /** False for a program loaded only to call its functions: listen() returns at once. */
    readonly serves = true,
  ) {
    const native: NativeContext = { call: (fn, args) => call(fn, args, native), scriptDir, load: this };
    this.native = native;
  }

  /** This load's state of the layer `key` names, made on first use. */
  part<T>(key: LoadPart<T>): T {
    let v = this.parts.get(key) as T | undefined;
    if (v === undefined) {
      v = key.create(this);
      this.parts.set(key, v);
    }
    return v;
  }

  /** Give this load a part made elsewhere (a hot reload hands the new version its server state). */
  adopt<T>(key: LoadPart<T>, value: T): void {
    this.parts.set(key, value);
  }

  /** Track a resource this load opened; returns the function that forgets it (the program closed it itself). */
  track(close: () => void): () => void {
    this.resources.add(close);
    return () => this.resources.delete(close);
  }

  /** Close every resource this load still has open (its version no longer serves). */
  retire(): void {
    const open = [...this.resources];
    this.resources.clear();
    for (const close of open) {
      try {
        close();
      } catch {
        // already closed underneath: nothing left to free
      }
    }
  }
}
