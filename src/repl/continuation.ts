/** Does REPL input continue on the next line? (an open bracket, `"""` template or block comment) */

type Frame = { kind: "code"; depth: number } | { kind: "string"; quote: string };

/** True while `text` has an unclosed `(`, `[`, `{`, `"""…` or `/*…`; strings and comments are skipped. */
export function needsMoreInput(text: string): boolean {
  // Code frames count brackets; a string frame is entered at `"` or `'` and its `{…}` interpolations
  // push a code frame that ends at the matching `}`.
  const stack: Frame[] = [{ kind: "code", depth: 0 }];
  let i = 0;
  while (i < text.length) {
    const top = stack[stack.length - 1]!;
    const c = text[i]!;
    if (top.kind === "string") {
      if (c === "\\") i += 2;
      else if (c === top.quote) {
        stack.pop();
        i++;
      } else if (c === "{") {
        stack.push({ kind: "code", depth: 0 });
        i++;
      } else i++;
      continue;
    }
    if (text.startsWith('"""', i)) {
      const end = text.indexOf('"""', i + 3);
      if (end < 0) return true;
      i = end + 3;
    } else if (c === "r" && /^r#*"/.test(text.slice(i, i + 64)) && !/[A-Za-z0-9_]/.test(text[i - 1] ?? "")) {
      // r"…", r#"…"#: the body ends at `"` followed by as many `#` (language.md §1.7).
      const hashes = /^r(#*)"/.exec(text.slice(i))![1]!;
      const end = text.indexOf(`"${hashes}`, i + hashes.length + 2);
      i = end < 0 ? text.length : end + hashes.length + 1;
    } else if (c === '"' || c === "'") {
      stack.push({ kind: "string", quote: c });
      i++;
    } else if (text.startsWith("//", i)) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) return true;
      i = end + 2;
    } else {
      if (c === "(" || c === "[" || c === "{") top.depth++;
      else if (c === ")" || c === "]" || c === "}") {
        if (top.depth === 0 && stack.length > 1) stack.pop();
        else top.depth--;
      }
      i++;
    }
  }
  // An unterminated plain string is an error for the parser to report, not a continuation.
  const open = stack.filter((f): f is Extract<Frame, { kind: "code" }> => f.kind === "code");
  return open.some((f) => f.depth > 0);
}
