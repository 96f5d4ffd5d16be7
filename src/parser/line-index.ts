import type { Loc } from "../ast/nodes";

/** Lines of a text by offset: a binary search over where each line starts. */
export class LineIndex {
  private readonly starts = [0];

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  /** The 0-based line that offset `at` is on. */
  lineOf(at: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The offset where 0-based line `line` starts. */
  startOf(line: number): number {
    return this.starts[line]!;
  }

  /** 1-based line and column of offset `at`. */
  loc(at: number): Loc {
    const line = this.lineOf(at);
    return { line: line + 1, col: at - this.starts[line]! + 1 };
  }
}
