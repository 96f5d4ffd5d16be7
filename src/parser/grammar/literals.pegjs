// Literals: numbers, quoted strings with `{…}` interpolation, raw strings and `"""…"""` templates.

Number
  = t:$("0" [xX] [0-9a-fA-F_]* / "0" [bB] [01_]*) { return { type: "Literal", value: intLiteral(t, offset()), loc: L() }; }
  / t:$([0-9] [0-9_]* ("." [0-9] [0-9_]*)? ([eE] [+-]? [0-9]*)?)
    { return { type: "Literal", value: /[.eE]/.test(t) ? floatLiteral(t) : intLiteral(t, offset()), loc: L() }; }

QString
  = '"' parts:DQPart* ('"' / "" { failLex("Unterminated string"); }) { return state.string(parts, L()); }
  / "'" parts:SQPart* ("'" / "" { failLex("Unterminated string"); }) { return state.string(parts, L()); }

DQPart = $[^"\\{]+ / Escape / Interpolation
SQPart = $[^'\\{]+ / Escape / Interpolation

Escape
  = "\\" c:. { return unescapeChar(c); }

Interpolation
  = "{" at:Pos text:$InterpBody "}" { return { text, loc: L(), at }; }

// Raw text up to the matching brace; quotes are not special here (spec §1.6).
InterpBody = ([^{}] / "{" InterpBody "}")*

RawString
  = "r" n:HashCount '"' body:$(!('"' "#"|n|) .)* ('"' "#"|n| / "" { failLex("Unterminated raw string"); })
    { return { type: "Literal", value: { kind: "string", value: body }, loc: L() }; }

HashCount = h:$"#"* { return h.length; }

Template
  = '"""' body:$(!'"""' .)* ('"""' / "" { failLex("Unterminated template string"); })
    {
      const loc = L();
      return { type: "Template", parts: state.template(body, loc, offset() + 3), loc };
    }
