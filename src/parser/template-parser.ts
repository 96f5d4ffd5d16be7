/**
 * Template strings `"""…"""` (spec §1.8): split the raw body into text and `{{…}}` tags, then
 * nest `#for`/`#if` blocks. Scanning works on whole strings (indexOf/slice), so non-ASCII text
 * anywhere is safe. Expressions inside tags are sub-parsed with their own error formats.
 */

import type { Expr, Loc, TemplateFilter, TemplatePart } from "../ast/nodes";
import { Failure, run } from "./index";
import { LineIndex } from "./line-index";

type Tag =
  | { k: "text"; text: string }
  | { k: "expr"; content: string; at: number }
  | { k: "for"; variable: string; iterable: string; raw: string; at: number }
  | { k: "if"; cond: string; raw: string; at: number }
  | { k: "elif"; cond: string; raw: string; at: number }
  | { k: "else" | "empty" | "endfor" | "endif"; raw: string; at: number };

/** Parses the expression at body offsets from..to in place, or returns null (see GrammarState.template). */
export type InlineParse = (from: number, to: number) => Expr | null;

/**
 * Parse a template body whose opening `"""` is at `lit`. Throws Failure on bad expressions.
 * `inline`, when given by the grammar, parses tag expressions without a fresh parser.
 */
export function buildTemplate(body: string, lit: Loc, inline: InlineParse | null = null): TemplatePart[] {
  const tags = scan(body);
  const ctx: Ctx = { body, lit, tags, inline, blocks: new Map() };
  const { parts } = sequence(ctx, 0, []);
  return merge(parts);
}

interface Ctx {
  body: string;
  lit: Loc;
  tags: Tag[];
  inline: InlineParse | null;
  /** Block parsed at each opener index (null: no closer), so unclosed openers cost linear time. */
  blocks: Map<number, Block | null>;
  /** The body's lines, indexed on first use. */
  lines?: LineIndex;
}

/** A parsed `{{#for}}`/`{{#if}}` block, the tag index after it, and how deeply blocks nest in it. */
interface Block {
  part: TemplatePart;
  next: number;
  depth: number;
}

/** Tokenise the body into literal text and tags. */
function scan(body: string): Tag[] {
  const out: Tag[] = [];
  let text = "";
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === "\\") {
      if (body.startsWith("\\{{", i)) {
        text += "{{";
        i += 3;
        continue;
      }
      if (body.startsWith("\\}}", i)) {
        text += "}}";
        i += 3;
        continue;
      }
      if (body[i + 1] === "{" || body[i + 1] === "}") {
        text += body[i + 1];
        i += 2;
        continue;
      }
      text += c;
      i++;
      continue;
    }
    if (c === "{" && body[i + 1] === "{") {
      const end = closeOf(body, i + 2);
      if (end < 0) {
        text += body.slice(i);
        break;
      }
      if (text) out.push({ k: "text", text });
      text = "";
      const raw = body.slice(i, end + 2);
      out.push(classify(body.slice(i + 2, end).trim(), raw, i));
      i = end + 2;
      continue;
    }
    text += c;
    i++;
  }
  if (text) out.push({ k: "text", text });
  return out.filter((t) => !(t.k === "expr" && t.content.startsWith("!")));
}

/** Index of the `}}` closing a tag whose content starts at `from` (brace depth 0), or -1. */
function closeOf(body: string, from: number): number {
  let depth = 0;
  for (let i = from; i < body.length; i++) {
    const c = body[i];
    if (c === "}" && body[i + 1] === "}" && depth === 0) return i;
    if (c === "{") depth++;
    else if (c === "}" && depth > 0) depth--;
  }
  return -1;
}

function classify(content: string, raw: string, at: number): Tag {
  if (content.startsWith("#for ")) {
    const rest = content.slice(5);
    const k = rest.indexOf(" in ");
    if (k >= 0) return { k: "for", variable: rest.slice(0, k).trim(), iterable: rest.slice(k + 4).trim(), raw, at };
  }
  if (content.startsWith("#if ")) return { k: "if", cond: content.slice(4).trim(), raw, at };
  if (content.startsWith("#elif ")) return { k: "elif", cond: content.slice(6).trim(), raw, at };
  if (content === "#else") return { k: "else", raw, at };
  if (content === "#empty") return { k: "empty", raw, at };
  if (content === "/for") return { k: "endfor", raw, at };
  if (content === "/if") return { k: "endif", raw, at };
  return { k: "expr", content, at };
}

type Stop = "else" | "elif" | "empty" | "endfor" | "endif";

/** Deepest nesting of closed `{{#for}}`/`{{#if}}` blocks; deeper templates are a parse error. */
export const MAX_TEMPLATE_NESTING = 256;

/** Parts from tag index `i` until one of `stops` (returned as `stop`) or the end (stop = -1). */
function sequence(ctx: Ctx, i: number, stops: Stop[]): { parts: TemplatePart[]; i: number; stop: number; depth: number } {
  const parts: TemplatePart[] = [];
  let depth = 0;
  const tags = ctx.tags;
  while (i < tags.length) {
    const t = tags[i]!;
    if (t.k === "text") {
      parts.push({ type: "TText", text: t.text });
      i++;
    } else if (t.k === "expr") {
      parts.push(exprPart(ctx, t.content, t.at));
      i++;
    } else if ((stops as string[]).includes(t.k)) {
      return { parts, i, stop: i, depth };
    } else if (t.k === "for" || t.k === "if") {
      if (!ctx.blocks.has(i)) ctx.blocks.set(i, t.k === "for" ? forBlock(ctx, i, t) : ifBlock(ctx, i, t));
      const r = ctx.blocks.get(i)!;
      if (r) {
        if (r.depth > MAX_TEMPLATE_NESTING) {
          const at = locOf(ctx, t.at);
          throw new Failure("E002", `Template blocks nested too deeply (limit ${MAX_TEMPLATE_NESTING})`, at.line, at.col);
        }
        depth = Math.max(depth, r.depth);
        parts.push(r.part);
        i = r.next;
      } else {
        parts.push({ type: "TText", text: t.raw });
        i++;
      }
    } else {
      // An unmatched closer or branch marker is literal text.
      parts.push({ type: "TText", text: t.raw });
      i++;
    }
  }
  return { parts, i, stop: -1, depth };
}

function forBlock(ctx: Ctx, i: number, t: Extract<Tag, { k: "for" }>): Block | null {
  const body = sequence(ctx, i + 1, ["empty", "endfor"]);
  if (body.stop < 0) return null;
  let empty: TemplatePart[] | null = null;
  let end = body.stop;
  let depth = body.depth;
  if (ctx.tags[body.stop]!.k === "empty") {
    const alt = sequence(ctx, body.stop + 1, ["endfor"]);
    if (alt.stop < 0) return null;
    empty = merge(alt.parts);
    end = alt.stop;
    depth = Math.max(depth, alt.depth);
  }
  const iterable = sub(ctx, t.iterable, t.at, (m) => `Error in template for-loop iterable '${t.iterable}': ${m}`);
  return {
    part: { type: "TFor", loc: locOf(ctx, t.at), variable: t.variable, iterable, body: merge(body.parts), empty },
    next: end + 1,
    depth: depth + 1,
  };
}

function ifBlock(ctx: Ctx, i: number, t: Extract<Tag, { k: "if" }>): Block | null {
  const branches: { cond: Expr; body: TemplatePart[] }[] = [];
  let otherwise: TemplatePart[] | null = null;
  let cond = sub(ctx, t.cond, t.at, (m) => `Error in template if-block condition '${t.cond}': ${m}`);
  let j = i + 1;
  let depth = 0;
  for (;;) {
    const seq = sequence(ctx, j, ["elif", "else", "endif"]);
    if (seq.stop < 0) return null;
    branches.push({ cond, body: merge(seq.parts) });
    depth = Math.max(depth, seq.depth);
    const stop = ctx.tags[seq.stop]!;
    if (stop.k === "endif") return { part: { type: "TIf", loc: locOf(ctx, t.at), branches, otherwise }, next: seq.stop + 1, depth: depth + 1 };
    if (stop.k === "else") {
      const rest = sequence(ctx, seq.stop + 1, ["endif"]);
      if (rest.stop < 0) return null;
      otherwise = merge(rest.parts);
      return { part: { type: "TIf", loc: locOf(ctx, t.at), branches, otherwise }, next: rest.stop + 1, depth: Math.max(depth, rest.depth) + 1 };
    }
    const e = stop as Extract<Tag, { k: "elif" }>;
    cond = sub(ctx, e.cond, e.at, (m) => `Error in template elif condition '${e.cond}': ${m}`);
    j = seq.stop + 1;
  }
}

function exprPart(ctx: Ctx, content: string, at: number): TemplatePart {
  const segments = splitTop(content, "|");
  const loc = locOf(ctx, at);
  if (segments.length === 1) {
    const expr = sub(
      ctx,
      content,
      at,
      (m) => `Error in template interpolation '{{${content}}}': ${m}. (Hint: if you meant literal braces, escape them with \\{{ and \\}})`,
    );
    return { type: "TExpr", loc, expr, filters: [], source: content };
  }
  const exprText = segments[0]!.trim();
  const expr = sub(ctx, exprText, at, (m) => `Error in template filtered expression '${exprText}': ${m}`);
  const filters: TemplateFilter[] = segments.slice(1).map((seg) => filter(ctx, seg.trim(), at));
  return { type: "TExpr", loc, expr, filters, source: content };
}

function filter(ctx: Ctx, text: string, at: number): TemplateFilter {
  const open = text.indexOf("(");
  if (open < 0 || !text.endsWith(")")) return { name: text, args: [] };
  const name = text.slice(0, open).trim();
  const inner = text.slice(open + 1, -1);
  const args = inner.trim() === "" ? [] : splitTop(inner, ",").map((a) => a.trim());
  return {
    name,
    args: args.map((a) => sub(ctx, a, at, (m) => `Error in filter '${name}' argument '${a}': ${m}`)),
  };
}

/** Split on `sep` outside quotes and brackets; a `|` next to another `|` is not a split point. */
function splitTop(s: string, sep: "|" | ","): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth = Math.max(0, depth - 1);
    else if (c === sep && depth === 0) {
      if (sep === "|" && (s[i + 1] === "|" || s[i - 1] === "|" || s[i + 1] === ">")) continue;
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

function sub(ctx: Ctx, text: string, at: number, wrap: (msg: string) => string): Expr {
  const from = ctx.body.indexOf(text, at);
  const quick = ctx.inline && from >= 0 && text !== "" ? ctx.inline(from, from + text.length) : null;
  if (quick) return quick;
  const loc = locOf(ctx, at);
  try {
    return run(text, "ExprRoot", { line: loc.line, col: loc.col + 2 });
  } catch (e) {
    if (e instanceof Failure) throw new Failure("E002", wrap(e.msg), ctx.lit.line, 0);
    throw e;
  }
}

/** Source position of body offset `at` (the body starts 3 characters after the literal). */
function locOf(ctx: Ctx, at: number): Loc {
  ctx.lines ??= new LineIndex(ctx.body);
  const line = ctx.lines.lineOf(at);
  if (line === 0) return { line: ctx.lit.line, col: ctx.lit.col + 3 + at };
  return { line: ctx.lit.line + line, col: at - ctx.lines.startOf(line) + 1 };
}

/** Join adjacent text parts. */
function merge(parts: TemplatePart[]): TemplatePart[] {
  const out: TemplatePart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.type === "TText" && last && last.type === "TText") out[out.length - 1] = { type: "TText", text: last.text + p.text };
    else out.push(p);
  }
  return out;
}
