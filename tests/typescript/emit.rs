//! Writes the model as TypeScript declarations: one `interface` per struct, one union `type` per enum,
//! for every type reachable from the roots, file by file in source order.
//!
//! - A struct that is a member of exactly one tagged union, and used nowhere else, gets the tag as its
//!   first field (`message_type: "assistant_message"`), so that the union narrows on it. Otherwise the
//!   member is written `(Struct & { type: "approval" })`.
//! - The catch-all `Unknown` variant of a union has no member; the union's docs say that such objects
//!   still arrive at runtime.
//! - A `wire_enum!` that only the server writes (not reachable from the request roots) is open:
//!   `| (string & {})`, because a newer server's value is passed on as it came. One the caller writes is
//!   closed, because the server refuses values it does not know.
//! - A `wire_literal!` is written as its string, wherever it is used.

use std::collections::{BTreeSet, HashMap};

use super::model::{Decl, Field, Kind, Member, Model, Result, Ty};

/// The first lines of the generated file.
const HEADER: &str = "\
// letta-wasm payload types: the JSON of Letta's Send Message API (POST /v1/agents/{agent_id}/messages),
// as the server and letta-wasm write it. Keys are snake_case as on the wire; `?` marks a key that may be
// absent, `| null` a value that may be null.
//
// GENERATED from the Rust types (src/types, src/validate/issue.rs) by tests/typescript.rs. Do not edit:
// change the Rust types, then run `UPDATE_TYPES=1 cargo test --features typescript --test typescript`.

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };
";

/// Width that generated prose is wrapped to.
const WIDTH: usize = 110;

/// The declarations of every type reachable from `requests` (what callers write) and `others`.
pub fn typescript(model: &Model, requests: &[&str], others: &[&str]) -> Result<String> {
    let writer = Writer::new(model, requests, others)?;
    let mut out = String::from(HEADER);
    for module in &model.modules {
        let decls: Vec<&Decl> = module
            .decls
            .iter()
            .filter(|decl| writer.reachable.contains(&decl.name) && !matches!(decl.kind, Kind::Literal(_)))
            .collect();
        if decls.is_empty() {
            continue;
        }
        out.push_str(&format!("\n// {}\n", "-".repeat(WIDTH - 3)));
        out.push_str(&format!("// {}\n", module.path));
        for line in module.docs.lines() {
            out.push_str(&format!("// {line}\n"));
        }
        for decl in decls {
            out.push('\n');
            out.push_str(&writer.decl(decl)?);
        }
    }
    Ok(out)
}

/// The model, with what the roots tell about it.
struct Writer<'a> {
    model: &'a Model,
    /// Every type reachable from the roots.
    reachable: BTreeSet<String>,
    /// The types reachable from the request roots.
    requests: BTreeSet<String>,
    /// Struct name → (tag, wire, docs) for the members whose tag is written into their interface.
    embedded: HashMap<String, (String, String, String)>,
}

impl<'a> Writer<'a> {
    fn new(model: &'a Model, requests: &[&str], others: &[&str]) -> Result<Self> {
        let requests_only = reach(model, requests)?;
        let reachable = reach(model, &requests.iter().chain(others).copied().collect::<Vec<_>>())?;
        let mut referrers: HashMap<&str, BTreeSet<&str>> = HashMap::new();
        for name in &reachable {
            let decl = model.decl(name).expect("reach() checked it");
            for used in references(&decl.kind) {
                referrers
                    .entry(model.decl(&used).expect("reach() checked it").name.as_str())
                    .or_default()
                    .insert(&decl.name);
            }
        }
        let mut embedded = HashMap::new();
        for name in &reachable {
            let decl = model.decl(name).expect("reach() checked it");
            let Kind::Tagged { tag, members, .. } = &decl.kind else { continue };
            for member in members {
                let Ty::Named(struct_name) = &member.ty else {
                    return Err(format!("{name}: a tagged member must be a struct"));
                };
                let Some(Decl { kind: Kind::Struct { base, fields, .. }, .. }) = model.decl(struct_name) else {
                    return Err(format!("{name}: the member `{struct_name}` is not a struct"));
                };
                let base_fields = match base.as_deref().and_then(|base| model.decl(base)) {
                    Some(Decl { kind: Kind::Struct { fields, .. }, .. }) => &fields[..],
                    _ => &[],
                };
                let only_here = referrers.get(struct_name.as_str()).is_some_and(|users| users.len() == 1);
                if only_here && fields.iter().chain(base_fields).all(|field| field.name != *tag) {
                    embedded.insert(struct_name.clone(), (tag.clone(), member.wire.clone(), member.docs.clone()));
                }
            }
        }
        Ok(Self { model, reachable, requests: requests_only, embedded })
    }

    fn decl(&self, decl: &Decl) -> Result<String> {
        let name = &decl.name;
        Ok(match &decl.kind {
            Kind::Struct { base, fields, rest } => {
                let mut out = jsdoc(&decl.docs, "");
                let extends = base.as_ref().map(|base| format!(" extends {base}")).unwrap_or_default();
                out.push_str(&format!("export interface {name}{extends} {{\n"));
                if let Some((tag, wire, docs)) = self.embedded.get(name) {
                    out.push_str(&jsdoc(docs, "  "));
                    out.push_str(&format!("  {}: {};\n", key(tag), quote(wire)));
                }
                // Discriminants (fields of one string) first, as in the members that get their tag above.
                let (tags, others): (Vec<&Field>, Vec<&Field>) =
                    fields.iter().partition(|field| self.literal(&field.ty).is_some());
                for field in tags.into_iter().chain(others) {
                    out.push_str(&jsdoc(&field.docs, "  "));
                    let optional = if field.optional { "?" } else { "" };
                    out.push_str(&format!("  {}{optional}: {};\n", key(&field.name), self.render(&field.ty)));
                }
                if let Some(docs) = rest {
                    out.push_str(&jsdoc(docs, "  "));
                    out.push_str("  [key: string]: unknown;\n");
                }
                out.push_str("}\n");
                out
            }
            Kind::Tagged { tag, members, unknown } => {
                let lines = members
                    .iter()
                    .map(|member| {
                        let Ty::Named(struct_name) = &member.ty else { unreachable!("checked in new()") };
                        let ty = if self.embedded.contains_key(struct_name) {
                            struct_name.clone()
                        } else {
                            format!("({struct_name} & {{ {}: {} }})", key(tag), quote(&member.wire))
                        };
                        (String::new(), ty)
                    })
                    .collect();
                union(name, &self.union_docs(decl, unknown.as_deref(), Some(tag)), lines)
            }
            Kind::Untagged { members, unknown } => {
                let discriminant = self.discriminant(&decl.kind);
                let lines = members.iter().map(|member| (member.docs.clone(), self.render(&member.ty))).collect();
                union(name, &self.union_docs(decl, unknown.as_deref(), discriminant.as_deref()), lines)
            }
            Kind::Strings { values, open } => {
                let mut lines: Vec<(String, String)> =
                    values.iter().map(|(wire, docs)| (docs.clone(), quote(wire))).collect();
                if *open && !self.requests.contains(name) {
                    lines.push((
                        "A value a newer server sends, passed on as it came (`string & {}` keeps the above in \
                         completions)."
                            .into(),
                        "(string & {})".into(),
                    ));
                }
                union(name, &decl.docs, lines)
            }
            Kind::Literal(_) => unreachable!("literals are written where they are used"),
        })
    }

    /// The union's docs, with a paragraph on the catch-all variant when it has one.
    fn union_docs(&self, decl: &Decl, unknown: Option<&str>, discriminant: Option<&str>) -> String {
        let Some(unknown) = unknown else { return decl.docs.clone() };
        let unknown = unknown.replace('\n', " ");
        let mut first = unknown.chars();
        let unknown = first.next().map(|c| c.to_lowercase().chain(first).collect::<String>()).unwrap_or_default();
        let narrowing = match discriminant {
            Some(field) => format!("so code that narrows on `{field}` needs a `default` branch for it."),
            None => "so code must expect it.".to_owned(),
        };
        format!(
            "{}\n\n{}",
            decl.docs,
            wrap(&format!(
                "Not a member of this union, but possible at runtime: {unknown} It arrives intact, as the \
                 server sent it, {narrowing}"
            ))
        )
    }

    /// The field every member of a union is told apart by, if there is one.
    fn discriminant(&self, kind: &Kind) -> Option<String> {
        match kind {
            Kind::Tagged { tag, .. } => Some(tag.clone()),
            Kind::Struct { fields, .. } => {
                fields.iter().find(|field| !field.optional && self.literal(&field.ty).is_some()).map(|f| f.name.clone())
            }
            Kind::Untagged { members, .. } => {
                let found: BTreeSet<Option<String>> = members
                    .iter()
                    .map(|member| match &member.ty {
                        Ty::Named(name) => self.model.decl(name).and_then(|decl| self.discriminant(&decl.kind)),
                        _ => None,
                    })
                    .collect();
                match found.into_iter().collect::<Vec<_>>().as_slice() {
                    [Some(field)] => Some(field.clone()),
                    _ => None,
                }
            }
            Kind::Strings { .. } | Kind::Literal(_) => None,
        }
    }

    /// The string of a `wire_literal!` type.
    fn literal(&self, ty: &Ty) -> Option<&str> {
        match ty {
            Ty::Named(name) => match &self.model.decl(name)?.kind {
                Kind::Literal(wire) => Some(wire),
                _ => None,
            },
            _ => None,
        }
    }

    fn render(&self, ty: &Ty) -> String {
        match ty {
            Ty::String => "string".into(),
            Ty::Number => "number".into(),
            Ty::Boolean => "boolean".into(),
            Ty::Json => "JsonValue".into(),
            Ty::JsonObject => "JsonObject".into(),
            Ty::Named(name) => self.literal(ty).map(quote).unwrap_or_else(|| name.clone()),
            Ty::Array(item) => match self.render(item) {
                union if union.contains(' ') => format!("({union})[]"),
                item => format!("{item}[]"),
            },
            Ty::OrNull(inner) => format!("{} | null", self.render(inner)),
        }
    }
}

/// The names of the types a declaration uses directly.
fn references(kind: &Kind) -> Vec<String> {
    fn named(ty: &Ty, out: &mut Vec<String>) {
        match ty {
            Ty::Named(name) => out.push(name.clone()),
            Ty::Array(inner) | Ty::OrNull(inner) => named(inner, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    match kind {
        Kind::Struct { base, fields, .. } => {
            out.extend(base.clone());
            fields.iter().for_each(|field| named(&field.ty, &mut out));
        }
        Kind::Tagged { members, .. } | Kind::Untagged { members, .. } => {
            members.iter().for_each(|member: &Member| named(&member.ty, &mut out))
        }
        Kind::Strings { .. } | Kind::Literal(_) => {}
    }
    out
}

/// Every type reachable from `roots`; an error for a name that is not declared.
fn reach(model: &Model, roots: &[&str]) -> Result<BTreeSet<String>> {
    let mut seen = BTreeSet::new();
    let mut queue: Vec<(String, String)> =
        roots.iter().map(|root| (root.to_string(), "the roots".to_owned())).collect();
    while let Some((name, user)) = queue.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let decl = model.decl(&name).ok_or_else(|| format!("`{name}` (used by {user}) is not a payload type"))?;
        queue.extend(references(&decl.kind).into_iter().map(|used| (used, format!("`{name}`"))));
    }
    Ok(seen)
}

/// `export type Name =` with one member per line, each after its docs.
fn union(name: &str, docs: &str, members: Vec<(String, String)>) -> String {
    let mut out = jsdoc(docs, "");
    out.push_str(&format!("export type {name} =\n"));
    let count = members.len();
    for (index, (docs, ty)) in members.into_iter().enumerate() {
        out.push_str(&jsdoc(&docs, "  "));
        out.push_str(&format!("  | {ty}{}\n", if index + 1 == count { ";" } else { "" }));
    }
    out
}

/// A JSDoc comment at `indent`, on one line when it fits; nothing for no docs.
fn jsdoc(docs: &str, indent: &str) -> String {
    let docs = docs.replace("*/", "*\\/");
    if docs.is_empty() {
        return String::new();
    }
    if !docs.contains('\n') && indent.len() + docs.len() + 7 <= 120 {
        return format!("{indent}/** {docs} */\n");
    }
    let mut out = format!("{indent}/**\n");
    for line in docs.lines() {
        out.push_str(&format!("{indent} *{}{line}\n", if line.is_empty() { "" } else { " " }));
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

/// Generated prose, wrapped to [`WIDTH`].
fn wrap(text: &str) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("never empty");
        if !line.is_empty() && line.len() + 1 + word.len() > WIDTH - 3 {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines.join("\n")
}

/// A string literal type.
fn quote(wire: &str) -> String {
    serde_json::to_string(wire).expect("a string serializes")
}

/// A property name, quoted when it is not an identifier.
fn key(name: &str) -> String {
    let identifier = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if identifier { name.to_owned() } else { quote(name) }
}
