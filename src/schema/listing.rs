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
    every_object()
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

fn visit(kind: &Kind, out: &mut Vec<&'static Object>) {
    match kind {
        Kind::List(item) => visit(item, out),
        Kind::Refined((item, _)) => visit(item, out),
        Kind::Object(object) => visit_object(object, out),
        Kind::Union(union) => union.members.iter().for_each(|(_, member)| visit_object(member, out)),
        Kind::Either(either) => either.kinds.iter().for_each(|kind| visit(kind, out)),
        Kind::Message => visit(&Kind::Union(&MESSAGES), out),
        Kind::MessageInput => visit(&Kind::Union(&MESSAGE_INPUT), out),
        _ => {}
    }
}

fn visit_object(object: &'static Object, out: &mut Vec<&'static Object>) {
    if out.iter().any(|seen| std::ptr::eq(*seen, object)) {
        return;
    }
    out.push(object);
    object.fields.iter().for_each(|field| visit(&field.kind, out));
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
    let fields = every_object().into_iter().flat_map(|object| object.fields.iter().map(move |field| (object, field)));
    fields.filter_map(|(object, field)| Some((object.name, field.name, strings(&field.kind)?))).collect()
}

/// A union in [`table_unions`]: name, tag key, and each tag with its member's name.
#[doc(hidden)]
pub type ListedUnion = (&'static str, &'static str, Vec<(&'static str, &'static str)>);

/// Every union of the tables, for `tests/typescript.rs`. Not a stable API.
#[doc(hidden)]
pub fn table_unions() -> Vec<ListedUnion> {
    let mut unions: Vec<&'static Union> = vec![&ITEMS, &MESSAGES, &MESSAGE_INPUT];
    fn visit(kind: &'static Kind, out: &mut Vec<&'static Union>) {
        match kind {
            Kind::Union(union) if !out.iter().any(|seen| std::ptr::eq(*seen, *union)) => out.push(union),
            Kind::List(item) => visit(item, out),
            Kind::Refined((item, _)) => visit(item, out),
            Kind::Either(either) => either.kinds.iter().for_each(|kind| visit(kind, out)),
            _ => {}
        }
    }
    for object in every_object() {
        object.fields.iter().for_each(|field| visit(&field.kind, &mut unions));
    }
    unions
        .into_iter()
        .map(|union| (union.name, union.tag, union.members.iter().map(|(tag, member)| (*tag, member.name)).collect()))
        .collect()
}

/// Every object type of the tables, each once.
fn every_object() -> Vec<&'static Object> {
    let mut objects = Vec::new();
    ITEMS.members.iter().for_each(|(_, member)| visit_object(member, &mut objects));
    visit(&Kind::Message, &mut objects);
    visit_object(&LETTA_RESPONSE, &mut objects);
    visit_object(&MESSAGE_SEND_PARAMS, &mut objects);
    objects
}

/// The tables as JSON: `{"objects": {name: {"fields": [{name, kind, presence, deprecated?}]}},
/// "unions": {name: {"tag", "members": [[tag, object], ...]}}}`, where a kind is a word (`string`, `boolean`,
/// `integer`, `number`, `json`, `object`, `message`, `message_input`) or an object (`{"literal"}`,
/// `{"enum": [...]}`, `{"list"}`, `{"ref"}` an object, `{"union"}`, `{"either": [...]}`,
/// `{"refined", "rule"}`). For the mock server, which checks its own request models against it. Not
/// a stable API.
#[doc(hidden)]
pub fn table_export() -> String {
    let mut objects = Map::new();
    let mut unions = Map::new();
    add_union(&ITEMS, &mut unions);
    for object in every_object() {
        let fields = object.fields.iter().map(|field| {
            let mut out = Map::new();
            out.insert("name", field.name.into());
            out.insert("kind", kind_json(&field.kind, &mut unions));
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
    let mut root = Map::new();
    root.insert("objects", objects.into());
    root.insert("unions", unions.into());
    Value::from(root).to_string()
}

fn kind_json(kind: &Kind, unions: &mut Map) -> Value {
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
        Kind::Message => {
            add_union(&MESSAGES, unions);
            "message".into()
        }
        Kind::MessageInput => {
            add_union(&MESSAGE_INPUT, unions);
            "message_input".into()
        }
        Kind::Literal(wire) => tagged("literal", (**wire).into()),
        Kind::Enum(values) => tagged("enum", strings(&mut values.iter().copied())),
        Kind::TagOf(union) => tagged("enum", strings(&mut union.tags())),
        Kind::List(item) => tagged("list", kind_json(item, unions)),
        Kind::Object(object) => tagged("ref", object.name.into()),
        Kind::Union(union) => {
            add_union(union, unions);
            tagged("union", union.name.into())
        }
        Kind::Either(either) => {
            tagged("either", Value::from(either.kinds.iter().map(|kind| kind_json(kind, unions)).collect::<Vec<_>>()))
        }
        // A deprecation is the field's `deprecated` key.
        Kind::Refined((inner, Rule::Deprecated(_))) => kind_json(inner, unions),
        Kind::Refined((inner, rule)) => {
            let mut out = Map::new();
            out.insert("refined", kind_json(inner, unions));
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

fn add_union(union: &Union, unions: &mut Map) {
    if unions.contains_key(union.name) {
        return;
    }
    // Pairs, not an object: the order of the tags is the API's.
    let members = union.members.iter().map(|(tag, member)| Value::from(vec![(*tag).into(), member.name.into()]));
    let members = Value::from(members.collect::<Vec<_>>());
    let mut out = Map::new();
    out.insert("tag", union.tag.into());
    out.insert("members", members);
    unions.insert(union.name, out.into());
}
