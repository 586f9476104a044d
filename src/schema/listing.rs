//! The tables in words: for `tests/typescript.rs`, which compares them with the serde types' sources
//! (from which the TypeScript declarations are generated), and as JSON for the mock server
//! (`scripts/mock-letta/wire-schema.json`).

use super::wire::{ITEMS, LETTA_RESPONSE, MESSAGE_INPUT, MESSAGE_SEND_PARAMS, MESSAGES};
use super::{Kind, Object, Presence, Rule, Union};
use crate::json::{Map, Value};

/// A field in [`table_listing`]: key, type, need.
#[doc(hidden)]
pub type ListedField = (&'static str, String, &'static str);

/// Every object type in the tables, reachable from the stream items, the JSON reply and the request
/// body, with each field's key, type (as TypeScript would name it) and need (`required`, `default` or
/// `nullable`). Not a stable API.
#[doc(hidden)]
pub fn table_listing() -> Vec<(&'static str, Vec<ListedField>)> {
    Tables::walk()
        .objects
        .into_iter()
        .map(|object| {
            let fields = object.fields.iter().map(|field| {
                let need = match field.presence {
                    Presence::Required => "required",
                    Presence::Optional => "default",
                    Presence::Nullable | Presence::DefaultNull => "nullable",
                };
                (field.name, type_name(&field.kind), need)
            });
            (object.name, fields.collect())
        })
        .collect()
}

fn type_name(kind: &Kind) -> String {
    match kind {
        Kind::Str | Kind::Literal(_) | Kind::Enum(_) | Kind::TagOf(_) => "string".into(),
        Kind::Int | Kind::Uint | Kind::Byte | Kind::Float => "number".into(),
        Kind::Bool => "boolean".into(),
        Kind::Json => "json".into(),
        Kind::JsonObject => "object".into(),
        Kind::List(item) => format!("{}[]", type_name(item)),
        Kind::Object(object) => object.name.into(),
        Kind::Union(union) => union.name.into(),
        Kind::Either(either) => either.name.into(),
        Kind::Message => MESSAGES.name.into(),
        Kind::MessageInput => MESSAGE_INPUT.name.into(),
        Kind::Refined((inner, _)) => type_name(inner),
    }
}

/// The strings a field may hold, where the tables list them (literals, enums, a union's tags), as
/// `(object, field, values)`, for `tests/typescript.rs`, which compares them with the serde types'
/// string enums. Not a stable API.
#[doc(hidden)]
pub fn table_strings() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    fn strings(kind: &Kind) -> Option<Vec<&'static str>> {
        match kind {
            Kind::Literal(wire) => Some(vec![**wire]),
            Kind::Enum(values) => Some(values.to_vec()),
            Kind::TagOf(union) => Some(union.tags().collect()),
            Kind::List(item) => strings(item),
            Kind::Refined((item, _)) => strings(item),
            _ => None,
        }
    }
    let fields =
        Tables::walk().objects.into_iter().flat_map(|object| object.fields.iter().map(move |field| (object, field)));
    fields.filter_map(|(object, field)| Some((object.name, field.name, strings(&field.kind)?))).collect()
}

/// A union in [`table_unions`]: name, tag key, and each tag with its member's name.
#[doc(hidden)]
pub type ListedUnion = (&'static str, &'static str, Vec<(&'static str, &'static str)>);

/// Every union of the tables, for `tests/typescript.rs`. Not a stable API.
#[doc(hidden)]
pub fn table_unions() -> Vec<ListedUnion> {
    let unions = Tables::walk().unions.into_iter();
    unions
        .map(|union| (union.name, union.tag, union.members.iter().map(|(tag, member)| (*tag, member.name)).collect()))
        .collect()
}

/// Every object and union of the tables, each once, reached from the stream items, the JSON reply
/// and the request body.
#[derive(Default)]
struct Tables {
    objects: Vec<&'static Object>,
    unions: Vec<&'static Union>,
}

impl Tables {
    fn walk() -> Self {
        let mut tables = Self::default();
        tables.union(&ITEMS);
        tables.union(&MESSAGES);
        tables.object(&LETTA_RESPONSE);
        tables.object(&MESSAGE_SEND_PARAMS);
        tables
    }

    fn kind(&mut self, kind: &'static Kind) {
        match kind {
            Kind::List(item) => self.kind(item),
            Kind::Refined((item, _)) => self.kind(item),
            Kind::Object(object) => self.object(object),
            Kind::Union(union) => self.union(union),
            Kind::Either(either) => either.kinds.iter().for_each(|kind| self.kind(kind)),
            Kind::Message => self.union(&MESSAGES),
            Kind::MessageInput => self.union(&MESSAGE_INPUT),
            _ => {}
        }
    }

    fn object(&mut self, object: &'static Object) {
        if !self.objects.iter().any(|seen| std::ptr::eq(*seen, object)) {
            self.objects.push(object);
            object.fields.iter().for_each(|field| self.kind(&field.kind));
        }
    }

    fn union(&mut self, union: &'static Union) {
        if !self.unions.iter().any(|seen| std::ptr::eq(*seen, union)) {
            self.unions.push(union);
            union.members.iter().for_each(|(_, member)| self.object(member));
        }
    }
}

/// The tables as JSON: `{"objects": {name: {"fields": [{name, kind, presence, deprecated?}]}},
/// "unions": {name: {"tag", "members": [[tag, object], ...]}}}`, where a kind is a word (`string`, `boolean`,
/// `integer`, `number`, `json`, `object`, `message`, `message_input`) or an object (`{"literal"}`,
/// `{"enum": [...]}`, `{"list"}`, `{"ref"}` an object, `{"union"}`, `{"either": [...]}`,
/// `{"refined", "rule"}`). For the mock server, which checks its own request models against it. Not
/// a stable API.
#[doc(hidden)]
pub fn table_export() -> String {
    let tables = Tables::walk();
    let mut objects = Map::new();
    for object in tables.objects {
        let fields = object.fields.iter().map(|field| {
            let mut out = Map::new();
            out.insert("name", field.name.into());
            out.insert("kind", kind_json(&field.kind));
            let presence = match field.presence {
                Presence::Required => "required",
                Presence::Optional => "optional",
                Presence::Nullable => "nullable",
                Presence::DefaultNull => "default_null",
            };
            out.insert("presence", presence.into());
            if let Kind::Refined((_, Rule::Deprecated(notice))) = field.kind {
                out.insert("deprecated", (*notice).into());
            }
            Value::from(out)
        });
        let mut out = Map::new();
        out.insert("fields", Value::from(fields.collect::<Vec<_>>()));
        objects.insert(object.name, out.into());
    }
    let mut unions = Map::new();
    for union in tables.unions {
        // Pairs, not an object: the order of the tags is the API's.
        let members = union.members.iter().map(|(tag, member)| Value::from(vec![(*tag).into(), member.name.into()]));
        let mut out = Map::new();
        out.insert("tag", union.tag.into());
        out.insert("members", Value::from(members.collect::<Vec<_>>()));
        unions.insert(union.name, out.into());
    }
    let mut root = Map::new();
    root.insert("objects", objects.into());
    root.insert("unions", unions.into());
    Value::from(root).to_string()
}

fn kind_json(kind: &Kind) -> Value {
    let tagged = |key: &str, value: Value| {
        let mut out = Map::new();
        out.insert(key, value);
        Value::from(out)
    };
    let strings = |values: &mut dyn Iterator<Item = &str>| Value::from(values.map(Value::from).collect::<Vec<_>>());
    match kind {
        Kind::Str => "string".into(),
        Kind::Bool => "boolean".into(),
        Kind::Int | Kind::Uint | Kind::Byte => "integer".into(),
        Kind::Float => "number".into(),
        Kind::Json => "json".into(),
        Kind::JsonObject => "object".into(),
        Kind::Message => "message".into(),
        Kind::MessageInput => "message_input".into(),
        Kind::Literal(wire) => tagged("literal", (**wire).into()),
        Kind::Enum(values) => tagged("enum", strings(&mut values.iter().copied())),
        Kind::TagOf(union) => tagged("enum", strings(&mut union.tags())),
        Kind::List(item) => tagged("list", kind_json(item)),
        Kind::Object(object) => tagged("ref", object.name.into()),
        Kind::Union(union) => tagged("union", union.name.into()),
        Kind::Either(either) => tagged("either", Value::from(either.kinds.iter().map(kind_json).collect::<Vec<_>>())),
        // A deprecation is the field's `deprecated` key.
        Kind::Refined((inner, Rule::Deprecated(_))) => kind_json(inner),
        Kind::Refined((inner, rule)) => {
            let mut out = Map::new();
            out.insert("refined", kind_json(inner));
            let rule = match rule {
                Rule::NotEmpty => "not_empty".into(),
                Rule::FetchableUrl => "fetchable_url".into(),
                Rule::NoBoolean => "no_boolean".into(),
                Rule::PartTypes(only) => tagged("part_types", strings(&mut only.iter().copied())),
                Rule::Deprecated(notice) => tagged("deprecated", (*notice).into()),
            };
            out.insert("rule", rule);
            out.into()
        }
    }
}
