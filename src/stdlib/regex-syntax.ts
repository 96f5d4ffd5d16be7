/**
 * Rust `regex` crate syntax → RE2 syntax (re2js). RE2 already shares Rust's grammar for the
 * most part; this rewrites what differs: Unicode-aware `\d \w \s` (RE2's are ASCII), the
 * `x` (verbose) and `u` flags with their scoping, `\W`/`\S` inside classes, nested classes and
 * set operations (spelled out as ranges, regex-js.ts), and rejects the Rust syntax RE2 would
 * read differently (`\<`, `\b{…}`, backreferences) instead of giving a different answer.
 */

/** `\s` in Rust: the White_Space property. */
const UNICODE_SPACE = "\\t-\\r\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";
/** The complement of `\s` as ranges, for `\S` inside a class. */
const UNICODE_NON_SPACE =
  "\\x{0}-\\x{8}\\x{E}-\\x{1F}\\x{21}-\\x{84}\\x{86}-\\x{9F}\\x{A1}-\\x{167F}\\x{1681}-\\x{1FFF}\\x{200B}-\\x{2027}\\x{202A}-\\x{202E}\\x{2030}-\\x{205E}\\x{2060}-\\x{2FFF}\\x{3001}-\\x{10FFFF}";

const ASCII_WORD = "0-9A-Za-z_";
const ASCII_SPACE = "\\t\\n\\v\\f\\r ";

import { type ClassSet, type ClassUnion, classSetRanges } from "./regex-js";
import { UNICODE_WORD, unicodeClass } from "./regex-unicode-classes";

/** A translated pattern and the RE2 features it relies on. */
export interface Translated {
  source: string;
  /** The pattern uses `\b`/`\B` with Unicode semantics (RE2's are ASCII-only). */
  unicodeBoundary: boolean;
}

/** A syntax error worded like the Rust crate's, shown after `Invalid regex pattern: `. */
class RegexSyntaxError extends Error {}

interface Flags {
  verbose: boolean;
  unicode: boolean;
}

/** Translate a Rust-syntax pattern to RE2 syntax, or throw RegexSyntaxError. */
export function translateRust(pattern: string): Translated {
  const t = new Translator(pattern);
  t.run();
  return { source: t.out, unicodeBoundary: t.unicodeBoundary };
}

class Translator {
  out = "";
  unicodeBoundary = false;
  private i = 0;
  private flags: Flags = { verbose: false, unicode: true };
  private readonly stack: Flags[] = [];

  constructor(private readonly p: string) {}

  run(): void {
    const p = this.p;
    while (this.i < p.length) {
      const c = p[this.i]!;
      if (this.flags.verbose && this.skipSpaceOrComment()) continue;
      if (c === "\\") this.escape();
      else if (c === "[") this.charClass();
      else if (c === "(") this.group();
      else if (c === ")") {
        this.flags = this.stack.pop() ?? this.flags;
        this.out += c;
        this.i++;
      } else {
        this.out += c;
        this.i++;
      }
    }
  }

  /** Skips whitespace and a `#` comment in verbose mode; true if something was skipped. */
  private skipSpaceOrComment(): boolean {
    const p = this.p;
    const c = p[this.i]!;
    if (/\s/.test(c)) {
      this.i++;
      return true;
    }
    if (c === "#") {
      while (this.i < p.length && p[this.i] !== "\n") this.i++;
      return true;
    }
    return false;
  }

  private escape(): void {
    const p = this.p;
    const n = p[this.i + 1];
    if (n === undefined) throw new RegexSyntaxError("incomplete escape sequence, reached end of pattern prematurely");
    this.i += 2;
    const uni = this.flags.unicode;
    switch (n) {
      case "d":
        this.out += uni ? "\\p{Nd}" : "[0-9]";
        return;
      case "D":
        this.out += uni ? "\\P{Nd}" : "[^0-9]";
        return;
      case "w":
        this.out += `[${uni ? UNICODE_WORD : ASCII_WORD}]`;
        return;
      case "W":
        this.out += `[^${uni ? UNICODE_WORD : ASCII_WORD}]`;
        return;
      case "s":
        this.out += `[${uni ? UNICODE_SPACE : ASCII_SPACE}]`;
        return;
      case "S":
        this.out += `[^${uni ? UNICODE_SPACE : ASCII_SPACE}]`;
        return;
      case "b":
      case "B":
        if (p[this.i] === "{") throw new RegexSyntaxError("word boundary assertions like \\b{start} are not supported");
        if (uni) this.unicodeBoundary = true;
        this.out += `\\${n}`;
        return;
      case "p":
      case "P": {
        const c = this.property(n === "P");
        this.out += c.escape ?? `[${n === "P" ? "^" : ""}${c.ranges}]`;
        return;
      }
      case "<":
      case ">":
        throw new RegexSyntaxError(`word boundary assertion \\${n} is not supported`);
      case "Q":
      case "E":
      case "C":
      case "Z":
        throw new RegexSyntaxError(`unrecognized escape sequence \\${n}`);
    }
    if (n >= "1" && n <= "9") throw new RegexSyntaxError("backreferences are not supported");
    this.out += `\\${n}`;
  }

  /** The name after `\\p`/`\\P` (one letter or `{…}`), translated; `this.i` is just past the `p`. */
  private property(negated: boolean): { escape: string | null; ranges: string } {
    const p = this.p;
    let name: string;
    if (p[this.i] === "{") {
      const close = p.indexOf("}", this.i);
      if (close < 0) throw new RegexSyntaxError("unclosed Unicode class name");
      name = p.slice(this.i + 1, close);
      this.i = close + 1;
    } else {
      name = p[this.i] ?? "";
      this.i++;
    }
    try {
      return unicodeClass(name, negated);
    } catch (e) {
      throw new RegexSyntaxError((e as Error).message);
    }
  }

  /** `[...]`: Unicode shorthands inlined as ranges; what RE2 cannot spell is spelled out. */
  private charClass(): void {
    const cls = this.classSet();
    const u = cls.unions[0]!;
    if (cls.unions.length === 1 && u.nested.length === 0) {
      if (u.complements.length === 0) {
        this.out += `[${cls.negated ? "^" : ""}${u.body}]`;
        return;
      }
      if (!cls.negated) {
        // `[x\W]` is "x or a non-word character": RE2 classes cannot hold a complement.
        const alts = u.complements.map((set) => `[^${set}]`);
        if (u.body !== "") alts.unshift(`[${u.body}]`);
        this.out += `(?:${alts.join("|")})`;
        return;
      }
    }
    // Nested classes, set operations (`&&`, `--`, `~~`) and `[^\W\d_]`: explicit ranges.
    this.out += `[${classSetRanges(cls)}]`;
  }

  /** Parse the class starting at `this.i` (Rust's grammar: unions joined by set operators). */
  private classSet(): ClassSet {
    const p = this.p;
    this.i++;
    let negated = false;
    if (p[this.i] === "^") {
      negated = true;
      this.i++;
    }
    let u: ClassUnion = { body: "", complements: [], nested: [] };
    const cls: ClassSet = { negated, unions: [u], ops: [] };
    if (p[this.i] === "]") {
      u.body += "\\]";
      this.i++;
    }
    const uni = this.flags.unicode;
    for (;;) {
      if (this.i >= p.length) throw new RegexSyntaxError("unclosed character class");
      const c = p[this.i]!;
      if (c === "]") {
        this.i++;
        return cls;
      }
      if (this.flags.verbose && this.skipSpaceOrComment()) continue;
      if (c === "[") {
        const posix = /^\[:\^?[a-z]+:\]/.exec(p.slice(this.i));
        if (posix) {
          u.body += posix[0];
          this.i += posix[0].length;
        } else u.nested.push(this.classSet());
        continue;
      }
      const pair = p.slice(this.i, this.i + 2);
      if (pair === "&&" || pair === "--" || pair === "~~") {
        cls.ops.push(pair);
        u = { body: "", complements: [], nested: [] };
        cls.unions.push(u);
        this.i += 2;
        continue;
      }
      if (c !== "\\") {
        u.body += c;
        this.i++;
        continue;
      }
      const n = p[this.i + 1];
      if (n === undefined) throw new RegexSyntaxError("unclosed character class");
      this.i += 2;
      if (n === "d") u.body += uni ? "\\p{Nd}" : "0-9";
      else if (n === "D") u.body += uni ? "\\P{Nd}" : "\\x{0}-/:-\\x{10FFFF}";
      else if (n === "w") u.body += uni ? UNICODE_WORD : ASCII_WORD;
      else if (n === "s") u.body += uni ? UNICODE_SPACE : ASCII_SPACE;
      else if (n === "S") u.body += uni ? UNICODE_NON_SPACE : "\\x{0}-\\x{8}\\x{E}-\\x{1F}!-\\x{10FFFF}";
      else if (n === "W") u.complements.push(uni ? UNICODE_WORD : ASCII_WORD);
      else if (n === "p" || n === "P") {
        const c = this.property(n === "P");
        if (c.escape !== null) u.body += c.escape;
        else if (n === "p") u.body += c.ranges;
        else u.complements.push(c.ranges);
      } else u.body += `\\${n}`;
    }
  }

  /** `(`, `(?flags)`, `(?flags:`, named groups; keeps the flag scope stack in step. */
  private group(): void {
    const p = this.p;
    const flagGroup = /^\(\?([a-zA-Z-]*)([:)])/.exec(p.slice(this.i));
    if (!flagGroup) {
      this.stack.push({ ...this.flags });
      this.out += "(";
      this.i++;
      return;
    }
    const [whole, spec, end] = flagGroup as unknown as [string, string, string];
    this.i += whole.length;
    const next = { ...this.flags };
    let kept = "";
    let on = true;
    for (const f of spec) {
      if (f === "-") {
        on = false;
        kept += f;
      } else if (f === "x") next.verbose = on;
      else if (f === "u") next.unicode = on;
      else if ("imsU".includes(f)) kept += f;
      else throw new RegexSyntaxError(`unrecognized flag ${f}`);
    }
    if (kept.endsWith("-")) kept = kept.slice(0, -1);
    if (end === ":") {
      this.stack.push(this.flags);
      this.flags = next;
      this.out += kept === "" ? "(?:" : `(?${kept}:`;
    } else {
      this.flags = next;
      if (kept !== "") this.out += `(?${kept})`;
    }
  }
}
