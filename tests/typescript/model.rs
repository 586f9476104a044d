//! The payload types as read from the crate's sources with `syn`: the serializable structs and enums, and
//! the items that the type macros declare (`wire_enum!`, `wire_literal!`, `letta_message!`,
//! `tagged_union_deserialize!`), each reduced to the JSON it serializes to.
//!
//! The reader knows exactly the serde attributes and Rust types the crate uses. Anything else is an
//! error naming the item, never a guess, so a change to the types that the generator does not cover
//! fails the test instead of producing a wrong declaration.

use std::collections::HashMap;

use syn::{Attribute, Expr, Fields, GenericArgument, Item, Lit, PathArguments, Type};

use super::syntax::{
    ContainerAttrs, FieldAttrs, VariantAttrs, derives_serialize, docs, first_paragraph, is_pub,
    letta_message_base_fields, parse_tagged_union, parse_wire_literal, rename, unraw,
};

/// What can go wrong: a message naming the file and item.
pub type Result<T> = std::result::Result<T, String>;

/// A TypeScript type expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    /// `string`
    String,
    /// `number` (every Rust integer and float; JSON has one number type).
    Number,
    /// `boolean`
    Boolean,
    /// Any JSON value: `serde_json::Value`.
    Json,
    /// A JSON object: `serde_json::Map<String, Value>`.
    JsonObject,
    /// A type declared in the sources.
    Named(String),
    /// `T[]`: a `Vec<T>`.
    Array(Box<Ty>),
    /// `T | null`: an `Option<T>` that is written as `null` when `None`.
    OrNull(Box<Ty>),
}

/// A field of an object type.
#[derive(Clone, Debug)]
pub struct Field {
    /// The key on the wire.
    pub name: String,
    /// The `///` docs.
    pub docs: String,
    /// The value's type.
    pub ty: Ty,
    /// Whether the key may be absent (`skip_serializing_if`).
    pub optional: bool,
    /// Whether reading needs the key, not null (neither an `Option` nor `#[serde(default)]`).
    pub required: bool,
    /// Whether reading refuses null for a key that may be absent (`deserialize_with = "present"`).
    pub present: bool,
    /// Another key read as this field (`alias = "…"`).
    pub alias: Option<String>,
}

/// A member of a union.
#[derive(Clone, Debug)]
pub struct Member {
    /// The tag value, for a tagged union; empty otherwise.
    pub wire: String,
    /// The member's type (a declared struct, for a tagged union).
    pub ty: Ty,
    /// The variant's `///` docs.
    pub docs: String,
}

/// What a declaration is.
#[derive(Clone, Debug)]
pub enum Kind {
    /// An object: the fields of `base` (a struct) and then its own. `rest` holds the docs of a flattened
    /// map of other keys, if there is one.
    Struct { base: Option<String>, fields: Vec<Field>, rest: Option<String> },
    /// A union told apart by the string field `tag`. `unknown` holds the docs of the catch-all variant
    /// that keeps objects with any other tag, which has no TypeScript member.
    Tagged { tag: String, members: Vec<Member>, unknown: Option<String> },
    /// A union whose members are told apart by their shape (`#[serde(untagged)]`).
    Untagged { members: Vec<Member>, unknown: Option<String> },
    /// A string enum: the wire values and their docs. `open` for `wire_enum!`, which keeps unknown values.
    Strings { values: Vec<(String, String)>, open: bool },
    /// A single string (`wire_literal!`).
    Literal(String),
}

/// One declared type.
#[derive(Clone, Debug)]
pub struct Decl {
    /// The Rust (and TypeScript) name.
    pub name: String,
    /// The `///` docs.
    pub docs: String,
    /// Its shape.
    pub kind: Kind,
}

/// One source file.
#[derive(Clone, Debug)]
pub struct Module {
    /// The path, relative to the crate root.
    pub path: String,
    /// The first paragraph of its `//!` docs.
    pub docs: String,
    /// Its payload types, in source order.
    pub decls: Vec<Decl>,
}

/// Every payload type of the sources read.
#[derive(Clone, Debug)]
pub struct Model {
    /// The files, in the order given.
    pub modules: Vec<Module>,
}

impl Model {
    /// Reads `(path, text)` source files. `letta_message!` and `tagged_union_deserialize!` may be used in
    /// any file, whichever file defines or invokes them.
    pub fn read(sources: &[(String, String)]) -> Result<Model> {
        let mut files = Vec::new();
        for (path, text) in sources {
            let file = syn::parse_file(text).map_err(|error| format!("{path}: {error}"))?;
            files.push((path.clone(), file));
        }
        let mut reader = Reader::default();
        for (path, file) in &files {
            reader.collect_macro_inputs(path, file)?;
        }
        let mut modules = Vec::new();
        for (path, file) in &files {
            let mut decls = Vec::new();
            for item in &file.items {
                if let Some(decl) = reader.decl(item).map_err(|error| format!("{path}: {error}"))? {
                    decls.push(decl);
                }
            }
            let docs = first_paragraph(&docs(&file.attrs));
            modules.push(Module { path: path.clone(), docs, decls });
        }
        Ok(Model { modules })
    }

    /// The declaration named `name`.
    pub fn decl(&self, name: &str) -> Option<&Decl> {
        self.modules.iter().flat_map(|module| &module.decls).find(|decl| decl.name == name)
    }
}

/// The struct that holds the fields `letta_message!` gives every message before its own.
pub const MESSAGE_BASE: &str = "LettaMessageBase";

/// What the first pass finds: the base fields of `letta_message!` and the tags of
/// `tagged_union_deserialize!`.
#[derive(Default)]
struct Reader {
    base_fields: Option<Vec<syn::Field>>,
    union_tags: HashMap<String, (String, Vec<(String, String)>)>,
}

impl Reader {
    fn collect_macro_inputs(&mut self, path: &str, file: &syn::File) -> Result<()> {
        for item in &file.items {
            let Item::Macro(item) = item else { continue };
            let context = |error: String| format!("{path}: {error}");
            if item.ident.as_ref().is_some_and(|ident| ident == "letta_message") {
                self.base_fields = Some(letta_message_base_fields(&item.mac.tokens).map_err(context)?);
            } else if item.mac.path.is_ident("tagged_union_deserialize") {
                let (name, tag, pairs) = parse_tagged_union(item.mac.tokens.clone()).map_err(context)?;
                self.union_tags.insert(name, (tag, pairs));
            }
        }
        Ok(())
    }

    fn decl(&self, item: &Item) -> Result<Option<Decl>> {
        match item {
            Item::Struct(item) if is_pub(&item.vis) && derives_serialize(&item.attrs) => self.structure(item).map(Some),
            Item::Enum(item) if is_pub(&item.vis) && derives_serialize(&item.attrs) => self.enumeration(item).map(Some),
            Item::Macro(item) if item.mac.path.is_ident("wire_enum") => {
                let item: syn::ItemEnum =
                    syn::parse2(item.mac.tokens.clone()).map_err(|e| format!("wire_enum!: {e}"))?;
                let values = item
                    .variants
                    .iter()
                    .map(|variant| match &variant.discriminant {
                        Some((_, Expr::Lit(lit))) => match &lit.lit {
                            Lit::Str(wire) => Ok((wire.value(), docs(&variant.attrs))),
                            _ => Err(format!("wire_enum! {}::{}: not a string", item.ident, variant.ident)),
                        },
                        _ => Err(format!("wire_enum! {}::{}: no wire string", item.ident, variant.ident)),
                    })
                    .collect::<Result<_>>()?;
                let kind = Kind::Strings { values, open: true };
                Ok(Some(Decl { name: item.ident.to_string(), docs: docs(&item.attrs), kind }))
            }
            Item::Macro(item) if item.mac.path.is_ident("wire_literal") => {
                let (attrs, name, wire) = parse_wire_literal(item.mac.tokens.clone())?;
                Ok(Some(Decl { name: name.to_string(), docs: docs(&attrs), kind: Kind::Literal(wire.value()) }))
            }
            Item::Macro(item) if item.ident.as_ref().is_some_and(|ident| ident == "letta_message") => {
                let base = self.base_fields.as_ref().expect("read in the first pass");
                let mut decl = self.finish_struct(MESSAGE_BASE.into(), &[], &base.iter().collect::<Vec<_>>())?;
                decl.docs = "The fields every message has, before its own (`letta_message!`).".into();
                Ok(Some(decl))
            }
            Item::Macro(item) if item.mac.path.is_ident("letta_message") => {
                let item: syn::ItemStruct =
                    syn::parse2(item.mac.tokens.clone()).map_err(|e| format!("letta_message!: {e}"))?;
                if self.base_fields.is_none() {
                    return Err("letta_message! is used, but its definition was not read".into());
                }
                let mut decl =
                    self.finish_struct(item.ident.to_string(), &item.attrs, &item.fields.iter().collect::<Vec<_>>())?;
                if let Kind::Struct { base, .. } = &mut decl.kind {
                    *base = Some(MESSAGE_BASE.into());
                }
                Ok(Some(decl))
            }
            _ => Ok(None),
        }
    }

    fn structure(&self, item: &syn::ItemStruct) -> Result<Decl> {
        let name = item.ident.to_string();
        if item.attrs.iter().any(|attr| attr.path().is_ident("serde")) {
            return Err(format!("{name}: serde container attributes on structs are not supported"));
        }
        let Fields::Named(fields) = &item.fields else {
            return Err(format!("{name}: only structs with named fields are supported"));
        };
        self.finish_struct(name, &item.attrs, &fields.named.iter().collect::<Vec<_>>())
    }

    fn finish_struct(&self, name: String, attrs: &[Attribute], fields: &[&syn::Field]) -> Result<Decl> {
        let mut out = Vec::new();
        let mut rest = None;
        for field in fields {
            let rust_name = field.ident.as_ref().map(unraw).unwrap_or_default();
            let context = |error: String| format!("{name}.{rust_name}: {error}");
            let serde = FieldAttrs::read(&field.attrs).map_err(context)?;
            let mut ty = ty(&field.ty).map_err(context)?;
            let optional = match serde.skip_serializing_if.as_deref() {
                None => false,
                Some("Option::is_none") => match ty {
                    Ty::OrNull(inner) => {
                        ty = *inner;
                        true
                    }
                    _ => return Err(context("`skip_serializing_if` on a field that is not an `Option`".into())),
                },
                Some(other) => return Err(context(format!("`skip_serializing_if = \"{other}\"` is not supported"))),
            };
            if let Ty::OrNull(inner) = &ty
                && matches!(**inner, Ty::OrNull(_))
            {
                return Err(context(
                    "`Option<Option<_>>` without `skip_serializing_if`: absent and null both write null".into(),
                ));
            }
            if serde.flatten {
                if ty != Ty::JsonObject || optional {
                    return Err(context("`flatten` is supported on a `Map<String, Value>` only".into()));
                }
                rest = Some(docs(&field.attrs));
                continue;
            }
            let wire = serde.rename.unwrap_or(rust_name.clone());
            let required = !optional && !serde.default && !matches!(ty, Ty::OrNull(_));
            let (present, alias) = (serde.present, serde.alias);
            out.push(Field { name: wire, docs: docs(&field.attrs), ty, optional, required, present, alias });
        }
        Ok(Decl { name, docs: docs(attrs), kind: Kind::Struct { base: None, fields: out, rest } })
    }

    fn enumeration(&self, item: &syn::ItemEnum) -> Result<Decl> {
        let name = item.ident.to_string();
        let serde = ContainerAttrs::read(&item.attrs).map_err(|error| format!("{name}: {error}"))?;
        let all_unit = item.variants.iter().all(|variant| matches!(variant.fields, Fields::Unit));
        // (Rust variant name, member), in declaration order.
        let mut members: Vec<(String, Member)> = Vec::new();
        let mut unknown = None;
        for variant in &item.variants {
            let variant_name = variant.ident.to_string();
            let context = |error: String| format!("{name}::{variant_name}: {error}");
            let attrs = VariantAttrs::read(&variant.attrs).map_err(context)?;
            let wire = match (attrs.rename, &serde.rename_all) {
                (Some(wire), _) => wire,
                (None, Some(rule)) => rename(&variant_name, rule).map_err(context)?,
                (None, None) => variant_name.clone(),
            };
            let docs = docs(&variant.attrs);
            if all_unit {
                members.push((variant_name, Member { wire, ty: Ty::String, docs }));
                continue;
            }
            let single = match &variant.fields {
                Fields::Unnamed(fields) if fields.unnamed.len() == 1 => &fields.unnamed[0],
                _ => return Err(context("only newtype variants are supported in a union".into())),
            };
            let ty = ty(&single.ty).map_err(context)?;
            if variant_name == "Unknown" && ty == Ty::JsonObject && (attrs.untagged || serde.untagged) {
                // The catch-all that keeps any other object: no TypeScript member, see the union's docs.
                unknown = Some(docs);
            } else if attrs.untagged {
                return Err(context("only the `Unknown(Map<String, Value>)` catch-all may be `untagged`".into()));
            } else {
                members.push((variant_name, Member { wire, ty, docs }));
            }
        }
        let macro_tags = self.union_tags.get(&name);
        let kind = match (all_unit, serde.tag, serde.untagged, macro_tags) {
            (true, None, false, None) => {
                Kind::Strings { values: members.into_iter().map(|(_, m)| (m.wire, m.docs)).collect(), open: false }
            }
            (false, Some(tag), false, macro_tags) => {
                let serde_pairs: Vec<(String, String)> =
                    members.iter().map(|(variant, member)| (member.wire.clone(), variant.clone())).collect();
                if let Some((macro_tag, pairs)) = macro_tags
                    && (*macro_tag != tag || *pairs != serde_pairs)
                {
                    return Err(format!(
                        "{name}: serde's tags {serde_pairs:?} and tagged_union_deserialize!'s {pairs:?} differ"
                    ));
                }
                Kind::Tagged { tag, members: members.into_iter().map(|(_, m)| m).collect(), unknown }
            }
            // Untagged for serde, but `tagged_union_deserialize!` decodes a known variant only from an object
            // that carries its tag: in TypeScript the tag is part of each member.
            (false, None, true, Some((tag, pairs))) => {
                let mut tagged = Vec::new();
                for (variant, member) in members {
                    let (wire, _) = pairs
                        .iter()
                        .find(|(_, known)| *known == variant)
                        .ok_or_else(|| format!("{name}::{variant}: not in tagged_union_deserialize!"))?;
                    tagged.push(Member { wire: wire.clone(), ..member });
                }
                if tagged.len() != pairs.len() {
                    return Err(format!("{name}: tagged_union_deserialize! names a variant the enum does not have"));
                }
                Kind::Tagged { tag: tag.clone(), members: tagged, unknown }
            }
            (false, None, true, None) => {
                Kind::Untagged { members: members.into_iter().map(|(_, m)| m).collect(), unknown }
            }
            _ => return Err(format!("{name}: this enum representation is not supported")),
        };
        Ok(Decl { name, docs: docs(&item.attrs), kind })
    }
}

/// The TypeScript type of a Rust type, before field attributes are applied.
pub fn ty(ty: &Type) -> Result<Ty> {
    let unsupported = || Err(format!("the type `{}` is not supported", show(ty)));
    let Type::Path(path) = ty else { return unsupported() };
    let Some(segment) = path.path.segments.last() else { return unsupported() };
    let args: Vec<&Type> = match &segment.arguments {
        PathArguments::None => Vec::new(),
        PathArguments::AngleBracketed(args) => {
            let mut types = Vec::new();
            for arg in &args.args {
                let GenericArgument::Type(ty) = arg else { return unsupported() };
                types.push(ty);
            }
            types
        }
        PathArguments::Parenthesized(_) => return unsupported(),
    };
    let is =
        |ty: &Type, name: &str| matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == name));
    Ok(match (segment.ident.to_string().as_str(), &args[..]) {
        ("String", []) => Ty::String,
        ("bool", []) => Ty::Boolean,
        ("i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "f32" | "f64" | "usize" | "isize", []) => {
            Ty::Number
        }
        ("Value", []) => Ty::Json,
        ("Map", [key, value]) if is(key, "String") && is(value, "Value") => Ty::JsonObject,
        ("Vec", [item]) => Ty::Array(Box::new(self::ty(item)?)),
        ("Option", [inner]) => Ty::OrNull(Box::new(self::ty(inner)?)),
        ("Nullable", [inner]) => Ty::OrNull(Box::new(Ty::OrNull(Box::new(self::ty(inner)?)))),
        (name, []) if name.starts_with(char::is_uppercase) => Ty::Named(name.to_owned()),
        _ => return unsupported(),
    })
}

/// A type as written, for messages (`Option<Vec<String>>`).
fn show(ty: &Type) -> String {
    let Type::Path(path) = ty else { return "…".into() };
    let segments = path.path.segments.iter().map(|segment| match &segment.arguments {
        PathArguments::AngleBracketed(args) => {
            let args = args.args.iter().map(|arg| match arg {
                GenericArgument::Type(ty) => show(ty),
                _ => "…".into(),
            });
            format!("{}<{}>", segment.ident, args.collect::<Vec<_>>().join(", "))
        }
        _ => segment.ident.to_string(),
    });
    segments.collect::<Vec<_>>().join("::")
}
