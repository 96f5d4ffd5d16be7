// Type annotations: checked for shape and kept as source text.

Type = $TypeUnion

TypeUnion = SingleType (_ "|" !("|" / ">") _ SingleType)*

SingleType
  = (
      "[" _ TypeUnion _ ("]" / "" { fail("Expected ']' for array type"); })
    / KW_fn _ "(" _ (!")" TypeList)? _ (")" / "" { fail("Expected ')' after parameter types"); }) (_ "->" _ TypeUnion)?
    / "(" _ (!")" TypeList)? _ (")" / "" { fail("Expected ')' after tuple type"); })
    / IdentName (_ "::" _ IdentName)* (_ "<" _ TypeList _ (">" / "" { fail("Expected '>' after type parameters"); }))? (_ "[" _ "]")?
    / "" { fail("Expected type name"); }
    ) (_ "?")?

TypeTexts = h:Type t:(_ "," _ !([)>\]]) u:Type { return u; })* (_ ",")? { return [h, ...t]; }

TypeList = h:TypeUnion t:(_ "," _ !([)>\]]) u:TypeUnion { return u; })* (_ ",")? { return [h, ...t]; }
