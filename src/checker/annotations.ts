/** Type annotations (kept as source text in the AST, language.md §2.6) read into checker types. */

import type { TypeAnn } from "../ast/nodes";
import { ANY, arrayOf, BOOL, FLOAT, INT, mapOf, optionalOf, resultOf, STRING, UNIT, type Type } from "./types";

/** What names mean while reading an annotation: declared structs/enums, aliases, and type parameters in scope. */
export interface TypeNames {
  /** Struct and enum names (plus the server's `Request`/`Response`). */
  named: ReadonlySet<string>;
  /** `type Name = …` aliases, already resolved. */
  aliases: ReadonlyMap<string, Type>;
  /** Type parameters of the enclosing declaration: always `Any`. */
  params?: ReadonlySet<string>;
  /** Type variables of a std declaration (`T`, `K`, …), bound at each call. */
  vars?: ReadonlySet<string>;
}

/** The checker type an annotation denotes; anything it does not model (tuples, functions, unknown names) is `Any`. */
export function readType(text: TypeAnn, names: TypeNames): Type {
  const reader = new Reader(text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, " "), names);
  try {
    const t = reader.union();
    return reader.atEnd() ? t : ANY;
  } catch {
    return ANY;
  }
}

const BASIC: Record<string, Type> = { Int: INT, Float: FLOAT, String: STRING, Bool: BOOL, Unit: UNIT, Any: ANY, Never: ANY };

class Reader {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly names: TypeNames,
  ) {}

  atEnd(): boolean {
    this.skip();
    return this.pos >= this.text.length;
  }

  union(): Type {
    const members = [this.single()];
    while (this.eat("|")) members.push(this.single());
    if (members.some((m) => m.kind === "Any")) return ANY;
    return members.length === 1 ? members[0]! : { kind: "Union", members };
  }

  private single(): Type {
    let t: Type;
    if (this.eat("[")) {
      t = arrayOf(this.union());
      this.expect("]");
    } else if (this.eat("(")) {
      const items = this.peek(")") ? [] : this.list(")");
      this.expect(")");
      if (this.eat("->")) t = { kind: "Function", params: items, returns: this.union() };
      else t = items.length === 0 ? UNIT : ANY;
    } else if (this.word("fn")) {
      this.expect("(");
      const params = this.peek(")") ? [] : this.list(")");
      this.expect(")");
      t = { kind: "Function", params, returns: this.eat("->") ? this.union() : UNIT };
    } else {
      let name = this.ident();
      while (this.eat("::")) name = this.ident();
      const args = this.eat("<") ? this.list(">") : null;
      if (args) this.expect(">");
      t = this.named(name, args);
      // `Int[]`: the reference reads it as `Int`; what the writer meant is an array.
      if (this.eat("[")) {
        this.expect("]");
        t = arrayOf(t);
      }
    }
    return this.eat("?") ? optionalOf(t) : t;
  }

  private named(name: string, args: Type[] | null): Type {
    if (this.names.params?.has(name)) return ANY;
    if (this.names.vars?.has(name)) return { kind: "Var", name };
    const basic = BASIC[name];
    if (basic) return basic;
    const a = (i: number): Type => args?.[i] ?? ANY;
    if (name === "Array") return arrayOf(a(0));
    if (name === "Map") return mapOf(a(0), a(1));
    if (name === "Option") return optionalOf(a(0));
    if (name === "Result") return resultOf(a(0), a(1));
    const alias = this.names.aliases.get(name);
    if (alias) return alias;
    if (this.names.named.has(name)) return { kind: "Named", name };
    return ANY;
  }

  private list(close: string): Type[] {
    const out = [this.union()];
    while (this.eat(",")) {
      if (this.peek(close)) break;
      out.push(this.union());
    }
    return out;
  }

  private skip(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  private peek(s: string): boolean {
    this.skip();
    return this.text.startsWith(s, this.pos);
  }

  private eat(s: string): boolean {
    if (!this.peek(s)) return false;
    this.pos += s.length;
    return true;
  }

  private expect(s: string): void {
    if (!this.eat(s)) throw new Error(`expected ${s}`);
  }

  private word(w: string): boolean {
    this.skip();
    const m = /^[A-Za-z_]\w*/.exec(this.text.slice(this.pos));
    if (m?.[0] !== w) return false;
    this.pos += w.length;
    return true;
  }

  private ident(): string {
    this.skip();
    const m = /^[A-Za-z_]\w*/.exec(this.text.slice(this.pos));
    if (!m) throw new Error("expected a type name");
    this.pos += m[0].length;
    return m[0];
  }
}
