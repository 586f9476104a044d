//! The tables in words, for `tests/typescript.rs`, which compares them with the serde types' sources
//! (from which the TypeScript declarations are generated).

use super::wire::{ITEMS, LETTA_RESPONSE, MESSAGE_INPUT, MESSAGE_SEND_PARAMS, MESSAGES};
use super::{Kind, Object, Presence};

/// A field in [`table_listing`]: key, type, need.
#[doc(hidden)]
pub type ListedField = (&'static str, String, &'static str);

/// Every object type in the tables, reachable from the stream items, the JSON reply and the request
/// body, with each field's key, type (as TypeScript would name it) and need (`required`, `default` or
/// `nullable`). Not a stable API.
#[doc(hidden)]
pub fn table_listing() -> Vec<(&'static str, Vec<ListedField>)> {
    let mut objects = Vec::new();
    ITEMS.members.iter().for_each(|(_, member)| visit_object(member, &mut objects));
    visit(&Kind::Message, &mut objects);
    visit_object(&LETTA_RESPONSE, &mut objects);
    visit_object(&MESSAGE_SEND_PARAMS, &mut objects);
    objects
        .into_iter()
        .map(|object| {
            let fields = object.fields.iter().map(|field| {
                let need = match field.presence {
                    Presence::Required => "required",
                    Presence::Optional => "default",
                    Presence::Nullable => "nullable",
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
        Kind::Refined(inner, _) => type_name(inner),
    }
}

fn visit(kind: &Kind, out: &mut Vec<&'static Object>) {
    match kind {
        Kind::List(item) | Kind::Refined(item, _) => visit(item, out),
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
