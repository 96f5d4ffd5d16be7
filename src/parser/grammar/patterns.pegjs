// Patterns of let targets and match arms.

Pattern
  = "_" !IdentCont { return { type: "WildcardPat", loc: L() }; }
  / n:Number { return { type: "LiteralPat", value: n.value, loc: L() }; }
  / s:PlainString { return { type: "LiteralPat", value: { kind: "string", value: s }, loc: L() }; }
  / KW_true { return { type: "LiteralPat", value: { kind: "bool", value: true }, loc: L() }; }
  / KW_false { return { type: "LiteralPat", value: { kind: "bool", value: false }, loc: L() }; }
  / "[" _ items:PatternList _ ("]" / "" { fail("Expected ']' after array pattern"); })
    { return { type: "ArrayPat", items, loc: L() }; }
  / "(" _ items:PatternList _ (")" / "" { fail("Expected ')' after tuple pattern"); })
    { return { type: "ArrayPat", items, loc: L() }; }
  / enumName:IDENT _ "::" _ variant:(AnyName / "" { fail("Expected variant name after '::'"); }) args:PatternArgs?
    { return { type: "VariantPat", enumName, variant, args, loc: L() }; }
  / variant:IDENT args:PatternArgs { return { type: "VariantPat", enumName: null, variant, args, loc: L() }; }
  / name:IDENT _ "{" _ fields:FieldPatterns _ ("}" / "" { fail("Expected '\x7d' after struct pattern"); })
    { return { type: "StructPat", name, fields, loc: L() }; }
  / name:IDENT
    {
      return /^[A-Z]/.test(name)
        ? { type: "VariantPat", enumName: null, variant: name, args: null, loc: L() }
        : { type: "BindPat", name, loc: L() };
    }
  / "" { fail("Expected pattern"); }

PatternArgs
  = _ "(" _ items:PatternList _ (")" / "" { fail("Expected ')' after pattern arguments"); }) { return items; }

PatternList
  = &[)\]] { return []; }
  / h:Pattern t:(_ "," _ !([)\]]) p:Pattern { return p; })* (_ ",")? { return [h, ...t]; }

FieldPatterns
  = &"}" { return []; }
  / h:FieldPattern t:(_ "," _ !"}" f:FieldPattern { return f; })* (_ ",")? { return [h, ...t]; }

FieldPattern
  = name:(AnyName / "" { fail("Expected field name"); }) _ (":" / "" { fail("Expected ':' after field name"); }) _ pattern:Pattern
    { return { name, pattern }; }
