/**
 * Template evaluation support (§4.16): filters, `#for` items and the `default` rule.
 * Template parts themselves are compiled by src/compiler/template-codegen.ts (inline templates) and
 * by `compileTemplate` in src/engine/index.ts (template files rendered with a data map).
 */

import { toJsonText } from "./json-value";
import { charLength, display } from "./display";
import { NtntError, runtimeError } from "./errors";
import type { TemplatePart } from "../ast/nodes";
import { NArray, NEnum, NFloat, NMap, isInt, type NativeContext, typeName, type Value } from "./values";

/** True for an Undefined variable error (E006), which `default` turns into (). */
export function isUndefinedVariable(e: unknown): boolean {
  return e instanceof NtntError && e.kind === "undefined-variable";
}

/** Items of a `{{#for}}` loop: array elements, or `[key, value]` pairs of a map. */
export function templateItems(v: Value): readonly Value[] {
  if (v instanceof NArray) return v.elements();
  if (v instanceof NMap) return Array.from(v.entries, ([k, val]) => new NArray([k, val]));
  throw runtimeError(`Template for loop requires array or map, got ${typeName(v)}`);
}

const unsupported = (name: string, v: Value) => runtimeError(`${name} filter not supported for ${typeName(v)}`);

/** String filters work on the Display text of any value, as in the reference. */
function strOf(_name: string, v: Value): string {
  return typeof v === "string" ? v : display(v);
}

/** Unicode White_Space at either end (JS `trim` would also strip U+FEFF and keep U+0085). */
const EDGE_WHITE_SPACE = /^\p{White_Space}+|\p{White_Space}+$/gu;

/**
 * Rust's `{:.d}` of a double: its exact binary value rounded half-to-even at `d` decimals, never
 * in exponent form, `-` kept on negative zero, `inf`/`NaN` as words (JS `toFixed` rounds ties
 * up, switches to exponent form from 1e21 and spells `Infinity`).
 */
function fixedDecimals(x: number, d: number): string {
  if (Number.isNaN(x)) return "NaN";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  if (!Number.isFinite(x)) return `${sign}inf`;
  const [num, den] = exactRatio(Math.abs(x));
  const places = Math.max(0, d);
  const scaled = num * 10n ** BigInt(places);
  let q = scaled / den;
  const twiceRest = (scaled % den) * 2n;
  if (twiceRest > den || (twiceRest === den && q % 2n === 1n)) q++;
  const digits = q.toString().padStart(places + 1, "0");
  return sign + (places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`);
}

/** A finite non-negative double as an exact fraction `num / den`, `den` a power of two. */
function exactRatio(x: number): [bigint, bigint] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp = (biased === 0 ? 1 : biased) - 1075;
  return exp >= 0 ? [mantissa << BigInt(exp), 1n] : [mantissa, 1n << BigInt(-exp)];
}

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

/** Apply one template filter (`escape` follows the autoescape setting of the program `ctx` belongs to). */
export function applyFilter(name: string, v: Value, args: Value[], ctx: NativeContext): Value {
  switch (name) {
    case "uppercase":
      return strOf(name, v).toUpperCase();
    case "lowercase":
      return strOf(name, v).toLowerCase();
    case "capitalize": {
      const s = strOf(name, v);
      const first = String.fromCodePoint(s.codePointAt(0) ?? 0);
      return s ? first.toUpperCase() + s.slice(first.length) : s;
    }
    case "trim":
      return strOf(name, v).replace(EDGE_WHITE_SPACE, "");
    case "truncate": {
      // Counts characters, not bytes (the reference slices bytes and can panic mid-character).
      const n = args[0];
      if (typeof n !== "number") throw runtimeError("truncate filter requires an integer argument");
      const chars = Array.from(strOf(name, v));
      // A negative limit is a huge one in the reference (cast to usize): the text stays whole.
      return n < 0 || chars.length <= n ? chars.join("") : chars.slice(0, n).join("") + "...";
    }
    case "replace": {
      const [from, to] = args;
      if (typeof from !== "string" || typeof to !== "string") throw runtimeError("replace filter requires two string arguments");
      return strOf(name, v).split(from).join(to);
    }
    case "escape":
      return escapeHtml(display(v), autoEscapeEnabled(ctx));
    case "raw":
      return v;
    case "default": {
      const empty = v === undefined || v === "" || (v instanceof NEnum && v.enumName === "Option" && v.variant === "None");
      return empty ? (args.length ? args[0] : "") : v;
    }
    case "length":
      if (typeof v === "string") return charLength(v);
      if (v instanceof NArray) return v.length;
      if (v instanceof NMap) return v.size;
      throw unsupported(name, v);
    case "first":
    case "last": {
      if (v instanceof NArray) return v.length ? v.items[name === "first" ? 0 : v.length - 1] : undefined;
      if (typeof v === "string") {
        const chars = Array.from(v);
        return chars.length ? chars[name === "first" ? 0 : chars.length - 1] : undefined;
      }
      throw unsupported(name, v);
    }
    case "reverse":
      if (v instanceof NArray) return new NArray(v.toArray().reverse());
      if (typeof v === "string") return Array.from(v).reverse().join("");
      throw unsupported(name, v);
    case "join": {
      if (!(v instanceof NArray)) throw unsupported(name, v);
      const sep = typeof args[0] === "string" ? args[0] : ", ";
      return v.elements().map(display).join(sep);
    }
    case "slice": {
      const len = v instanceof NArray ? v.length : typeof v === "string" ? charLength(v) : -1;
      if (len < 0) throw unsupported(name, v);
      // A negative bound is a huge one in the reference (cast to usize): clamped to the length.
      const clamp = (x: Value, d: number) => {
        const n = typeof x === "number" ? x : d;
        return n < 0 ? len : Math.min(len, n);
      };
      const a = clamp(args[0], 0);
      const b = Math.max(a, clamp(args[1], len));
      return v instanceof NArray
        ? new NArray(v.elements().slice(a, b))
        : Array.from(v as string)
            .slice(a, b)
            .join("");
    }
    case "json":
      return toJsonText(v);
    case "number": {
      const d = typeof args[0] === "number" ? args[0] : 2;
      if (isInt(v)) return fixedDecimals(Number(v), d);
      if (v instanceof NFloat) return fixedDecimals(v.v, d);
      return display(v);
    }
    case "url_encode":
      return encodeURIComponent(display(v)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  throw runtimeError(`Unknown template filter: ${name}`);
}

/** An `&` that does not already start a character reference (`&amp;`, `&#39;`, `&#x27;`, …). */
const BARE_AMP = /&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#[xX][0-9A-Fa-f]+;)|[<>"']/g;

/**
 * HTML-escape `s`. With `once`, existing character references are kept, so escaping twice
 * gives the same text as escaping once (text escaped in code and again by autoescaping).
 */
export function escapeHtml(s: string, once: boolean): string {
  return s.replace(once ? BARE_AMP : /[&<>"']/g, (c) => ESC[c]!);
}

/** True when template files escape `{{x}}` output by default: `autoescape(true)` in the calling program's code, else `NTNT_TEMPLATE_AUTOESCAPE=1`. */
export function autoEscapeEnabled(ctx: NativeContext): boolean {
  const inCode = ctx.load.autoEscape;
  if (inCode !== undefined) return inCode;
  const v = (process.env.NTNT_TEMPLATE_AUTOESCAPE ?? "").toLowerCase();
  return v === "1" || v === "true" || v === "yes" || v === "on";
}

/** Append `| escape` to every `{{expr}}` whose filters do not already say `raw` or `escape` (http-server §10.3). */
export function withAutoEscape(parts: TemplatePart[]): TemplatePart[] {
  return parts.map((p): TemplatePart => {
    switch (p.type) {
      case "TExpr":
        return p.filters.some((f) => f.name === "raw" || f.name === "escape") ? p : { ...p, filters: [...p.filters, { name: "escape", args: [] }] };
      case "TFor":
        return { ...p, body: withAutoEscape(p.body), empty: p.empty && withAutoEscape(p.empty) };
      case "TIf":
        return {
          ...p,
          branches: p.branches.map((b) => ({ cond: b.cond, body: withAutoEscape(b.body) })),
          otherwise: p.otherwise && withAutoEscape(p.otherwise),
        };
      default:
        return p;
    }
  });
}
