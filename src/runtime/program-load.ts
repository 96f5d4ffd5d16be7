/**
 * One load of a program: the context its natives receive and the state that belongs to that
 * load rather than to the process. Two programs loaded in one process (a hot reload, the
 * `call:` terms of `ntnt intent check`, tests) each have their own, so what one registers or
 * remembers (routes, listen() state, sessions, templates, the autoescape setting) the other
 * does not see. Layers above the runtime keep their state as a part of the load (`part`),
 * created on first use, so the runtime does not depend on them.
 */

import type { CallResult, NativeContext, Value } from "./values";

/** How a layer makes its state for a load (the key of that state). */
export interface LoadPart<T> {
  create(load: ProgramLoad): T;
}

/** A load of one program (or the process's default, for code run outside any load). */
export class ProgramLoad {
  /** The context compiled code hands to natives. */
  readonly native: NativeContext;
  /** `autoescape(on)` as the program set it; undefined until it does (then the environment decides). */
  autoEscape: boolean | undefined = undefined;
  private readonly parts = new Map<LoadPart<unknown>, unknown>();

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
}
