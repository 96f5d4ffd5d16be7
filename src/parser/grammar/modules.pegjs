// Module declarations: mod, use, import, export and protocol.

ModDecl
  = KW_mod _ name:(IDENT / "" { fail("Expected module name"); }) _
    ("{" / "" { fail("Expected '\x7b' after module name"); }) body:BlockRest
    { return { type: "Mod", name, body, loc: L() }; }

// #30: `use a::b` (and `use a::{b, c}`, `use a::*`) is accepted and ignored.
UseDecl
  = KW_use _ (IDENT / "" { fail("Expected module name"); }) (_ "::" _ UseTail)* Semi
    { return { type: "Noop", loc: L() }; }
UseTail
  = AnyName / "*" / "{" _ (UseTail (_ "," _ UseTail)* (_ ",")?)? _ "}" / "" { fail("Expected name after '::'"); }

ImportDecl
  = KW_import _ d:ImportBody Semi { return { ...d, type: "Import", loc: L() }; }

ImportBody
  = "{" _ items:ImportItems _ ("}" / "" { fail("Expected '\x7d' after import items"); }) _
    (KW_from / "" { fail("Expected 'from' after import items"); }) _ source:ModPath
    { return { source, items, alias: null }; }
  / source:PlainString alias:(_ KW_as _ n:(IDENT / "" { fail("Expected import name"); }) { return n; })?
    { return { source, items: null, alias }; }
  / name:IDENT alias:(_ KW_as _ n:(IDENT / "" { fail("Expected import name"); }) { return n; })?
    from:(_ KW_from _ p:ModPath { return p; })?
    {
      // `import x from "path"` keeps the module's own binding name (the alias is dropped) [REF].
      return from === null ? { source: name, items: null, alias } : { source: from, items: null, alias: null };
    }
  / "" { fail("Expected import specifier"); }

ImportItems
  = &"}" { return []; }
  / h:ImportItem t:(_ "," _ !"}" i:ImportItem { return i; })* (_ ",")? { return [h, ...t]; }

ImportItem
  = name:(AnyName / "" { fail("Expected import name"); })
    alias:(_ KW_as _ n:(IDENT / "" { fail("Expected import name"); }) { return n; })?
    { return { name, alias }; }

ModPath
  = PlainString
  / h:IDENT t:(_ "/" _ n:AnyName { return n; })* { return [h, ...t].join("/"); }
  / "" { fail("Expected module path string"); }

PlainString
  = s:QString &{ return s.type === "Literal"; } { return s.value.value; }
  / r:RawString { return r.value.value; }

ExportDecl
  = (KW_export / KW_pub) _ d:ExportBody { return d; }

ExportBody
  = "{" _ (AnyName (_ "," _ !"}" AnyName)* (_ ",")?)? _ ("}" / "" { fail("Expected '\x7d' after export list"); }) Semi
    { return { type: "Noop", loc: L() }; }
  / FnDecl / StructDecl / EnumDecl / TypeAlias / LetDecl / ImplDecl / TraitDecl / ModDecl
  / "" { fail("Expected declaration after 'export'"); }

ProtocolDecl
  = KW_protocol _ (IDENT / "" { fail("Expected protocol name"); }) _
    ("{" / "" { fail("Expected '\x7b' after protocol name"); }) (!"}" (StringToken / .))* "}"
    { return { type: "Noop", loc: L() }; }

StringToken = Template / RawString / QString
