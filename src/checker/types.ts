/** The checker's view of types (language.md §3): gradual, with `Any` compatible with everything. */

/** A static type. `Named` is a struct or enum declared in the program (or `Request`/`Response`). */
export type Type =
  | { kind: "Any" }
  | { kind: "Unit" }
  | { kind: "Int" }
  | { kind: "Float" }
  | { kind: "Bool" }
  | { kind: "String" }
  | { kind: "Array"; element: Type }
  | { kind: "Map"; key: Type; value: Type }
  | { kind: "Optional"; inner: Type }
  | { kind: "Result"; ok: Type; err: Type }
  | { kind: "Union"; members: Type[] }
  | { kind: "Named"; name: string }
  | { kind: "Function"; params: Type[]; returns: Type }
  /** A type variable of a std declaration (`sort(items: [T]) -> [T]`), bound per call. */
  | { kind: "Var"; name: string };

export const ANY: Type = { kind: "Any" };
export const UNIT: Type = { kind: "Unit" };
export const INT: Type = { kind: "Int" };
export const FLOAT: Type = { kind: "Float" };
export const BOOL: Type = { kind: "Bool" };
export const STRING: Type = { kind: "String" };

/** `[T]`. */
export const arrayOf = (element: Type): Type => ({ kind: "Array", element });
/** `T?`. */
export const optionalOf = (inner: Type): Type => ({ kind: "Optional", inner });
/** `Result<T, E>`. */
export const resultOf = (ok: Type, err: Type): Type => ({ kind: "Result", ok, err });
/** `Map<K, V>`. */
export const mapOf = (key: Type, value: Type): Type => ({ kind: "Map", key, value });

/** Struct-like values the server hands out; at run time they are maps, so maps stand in for them. */
const MAP_LIKE = new Set(["Request", "Response"]);

/**
 * Whether a value of type `actual` may be used where `expected` is declared: `Any` on either side,
 * Int/Float either way, a union when any member fits, `T` where `T?` is expected [REC], and
 * containers, Results and Options member by member [REC for Result].
 */
export function compatible(actual: Type, expected: Type): boolean {
  if (actual.kind === "Any" || expected.kind === "Any" || actual.kind === "Var" || expected.kind === "Var") return true;
  if (actual.kind === "Union") return actual.members.some((m) => compatible(m, expected));
  if (expected.kind === "Union") return expected.members.some((m) => compatible(actual, m));
  if (isNumber(actual) && isNumber(expected)) return true;
  switch (expected.kind) {
    case "Unit":
    case "Bool":
    case "String":
      return actual.kind === expected.kind;
    case "Array":
      return actual.kind === "Array" && compatible(actual.element, expected.element);
    case "Map":
      if (actual.kind === "Named") return MAP_LIKE.has(actual.name);
      return actual.kind === "Map" && compatible(actual.key, expected.key) && compatible(actual.value, expected.value);
    case "Optional":
      return actual.kind === "Optional" ? compatible(actual.inner, expected.inner) : compatible(actual, expected.inner);
    case "Result":
      return actual.kind === "Result" && compatible(actual.ok, expected.ok) && compatible(actual.err, expected.err);
    case "Named":
      if (actual.kind === "Map") return MAP_LIKE.has(expected.name);
      return actual.kind === "Named" && actual.name === expected.name;
    case "Function":
      return actual.kind === "Function";
    default:
      return false;
  }
}

const isNumber = (t: Type): boolean => t.kind === "Int" || t.kind === "Float";

/** The join of two branch types: the more specific one when they agree, else their union. */
export function joinTypes(a: Type, b: Type): Type {
  if (compatible(a, b)) return a.kind === "Any" ? b : a;
  const members = [...(a.kind === "Union" ? a.members : [a]), ...(b.kind === "Union" ? b.members : [b])];
  return { kind: "Union", members };
}

/** A type as messages print it: `Int`, `()`, `[T]`, `Map<K, V>`, `T?`, `A | B`, `Result<T, E>`. */
export function typeName(t: Type): string {
  switch (t.kind) {
    case "Unit":
      return "()";
    case "Array":
      return `[${typeName(t.element)}]`;
    case "Map":
      return `Map<${typeName(t.key)}, ${typeName(t.value)}>`;
    case "Optional":
      return `${typeName(t.inner)}?`;
    case "Result":
      return `Result<${typeName(t.ok)}, ${typeName(t.err)}>`;
    case "Union":
      return t.members.map(typeName).join(" | ");
    case "Named":
    case "Var":
      return t.name;
    case "Function":
      return `(${t.params.map(typeName).join(", ")}) -> ${typeName(t.returns)}`;
    default:
      return t.kind;
  }
}
