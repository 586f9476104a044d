//! `pkg-template/types.d.ts`, the TypeScript declarations of the payload types, is generated from the Rust
//! types: this test reads the sources of `src/types` and `src/validate/issue.rs` (`typescript/model.rs` and
//! `syntax.rs`), writes the declarations (`typescript/emit.rs`) and fails when the committed file differs.
//!
//! ```sh
//! cargo test --features typescript --test typescript                 # check
//! UPDATE_TYPES=1 cargo test --features typescript --test typescript  # rewrite pkg-template/types.d.ts
//! ```
//!
//! The hand-written `pkg-template/index.d.ts` (the JavaScript API) imports these types;
//! `tests/typescript/check.mjs` type-checks both with `tsc --strict`, against the fixtures too.

#[path = "typescript/emit.rs"]
mod emit;
#[path = "typescript/model.rs"]
mod model;
#[path = "typescript/syntax.rs"]
mod syntax;

use std::collections::BTreeSet;
use std::path::Path;

use letta_wasm::types::{
    ApprovalItem, ApprovalType, ContentPart, ErrorMessageTag, EventType, HiddenReasoningState, ImageSource,
    LettaMessage, MessageCreateType, MessageType, PingTag, ReasoningSource, StopReasonTag, StopReasonType, StreamItem,
    ToolReturnCreateType, ToolReturnStatus, ToolType, TurnRole, UsageStatisticsTag,
};
use model::{Kind, Model, Ty};

/// The files read, in the order of the generated file.
const SOURCES: &[&str] = &[
    "src/types/request.rs",
    "src/types/approval.rs",
    "src/types/content.rs",
    "src/types/response.rs",
    "src/types/message.rs",
    "src/types/tool_call.rs",
    "src/types/stop_reason.rs",
    "src/types/usage.rs",
    "src/types/stream_item.rs",
    "src/types/error_response.rs",
    "src/validate/issue.rs",
];

/// What callers write: its string enums are closed.
const REQUESTS: &[&str] = &["MessageSendParams"];
/// What the server and the library write.
const OTHERS: &[&str] = &["LettaResponse", "StreamItem", "ErrorResponse", "ValidationIssue"];

const OUTPUT: &str = "pkg-template/types.d.ts";
const REGENERATE: &str = "UPDATE_TYPES=1 cargo test --features typescript --test typescript";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn crate_model() -> Model {
    let sources: Vec<(String, String)> = SOURCES
        .iter()
        .map(|path| {
            (path.to_string(), serde_attributes(&std::fs::read_to_string(root().join(path)).expect("a source file")))
        })
        .collect();
    Model::read(&sources).unwrap_or_else(|error| panic!("reading the Rust types: {error}"))
}

/// The source with `#[cfg_attr(feature = "serde", …)]` read as the plain attribute `#[…]` (the types
/// read here have their serde attributes behind the feature where the crate builds without it).
fn serde_attributes(source: &str) -> String {
    const OPEN: &str = "#[cfg_attr(feature = \"serde\", ";
    source
        .lines()
        .map(|line| match (line.find(OPEN), line.trim_end().strip_suffix(")]")) {
            (Some(at), Some(_)) => {
                format!("{}#[{}]", &line[..at], &line.trim_end()[at + OPEN.len()..line.trim_end().len() - 2])
            }
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn generate(model: &Model) -> String {
    emit::typescript(model, REQUESTS, OTHERS).unwrap_or_else(|error| panic!("writing TypeScript: {error}"))
}

#[test]
fn the_committed_types_d_ts_is_what_the_rust_types_generate() {
    let generated = generate(&crate_model());
    let path = root().join(OUTPUT);
    if std::env::var_os("UPDATE_TYPES").is_some_and(|value| !value.is_empty() && value != "0") {
        std::fs::write(&path, &generated).expect("writing types.d.ts");
        eprintln!("wrote {OUTPUT}");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let line = committed.lines().zip(generated.lines()).position(|(old, new)| old != new);
        let line = line.unwrap_or(committed.lines().count().min(generated.lines().count()));
        let show = |text: &str| text.lines().skip(line.saturating_sub(2)).take(5).collect::<Vec<_>>().join("\n");
        panic!(
            "{OUTPUT} is not what the Rust types generate (first difference at line {}).\n\
             --- committed\n{}\n--- generated\n{}\n\nRegenerate it with:\n    {REGENERATE}\n",
            line + 1,
            show(&committed),
            show(&generated),
        );
    }
}

/// The tags a union's members are told apart by, following nested unions.
fn tags(model: &Model, name: &str) -> Vec<String> {
    match &model.decl(name).unwrap_or_else(|| panic!("no {name}")).kind {
        Kind::Tagged { members, .. } => members.iter().map(|member| member.wire.clone()).collect(),
        Kind::Untagged { members, .. } => members
            .iter()
            .flat_map(|member| match &member.ty {
                Ty::Named(name) => tags(model, name),
                other => panic!("{other:?} has no tag"),
            })
            .collect(),
        Kind::Struct { fields, .. } => {
            let field = fields.iter().find(|field| field.name == "message_type").expect("a message_type field");
            let Ty::Named(literal) = &field.ty else { panic!("message_type is not a literal") };
            vec![literal_of(model, literal)]
        }
        other => panic!("{name} is not a union: {other:?}"),
    }
}

fn literal_of(model: &Model, name: &str) -> String {
    match &model.decl(name).map(|decl| &decl.kind) {
        Some(Kind::Literal(wire)) => wire.clone(),
        other => panic!("{name} is not a literal: {other:?}"),
    }
}

fn strings_of(model: &Model, name: &str) -> Vec<String> {
    match &model.decl(name).map(|decl| &decl.kind) {
        Some(Kind::Strings { values, .. }) => values.iter().map(|(wire, _)| wire.clone()).collect(),
        other => panic!("{name} is not a string enum: {other:?}"),
    }
}

#[test]
fn the_unions_have_exactly_the_tags_and_values_the_compiled_types_know() {
    let model = crate_model();
    assert_eq!(tags(&model, "LettaMessage"), LettaMessage::KNOWN_TAGS);
    assert_eq!(tags(&model, "ContentPart"), ContentPart::KNOWN_TAGS);
    assert_eq!(tags(&model, "ImageSource"), ImageSource::KNOWN_TAGS);
    assert_eq!(tags(&model, "ApprovalItem"), ApprovalItem::KNOWN_TAGS);
    let stream: BTreeSet<String> = tags(&model, "StreamItem").into_iter().collect();
    assert_eq!(stream, StreamItem::known_tags().map(str::to_owned).collect());

    assert_eq!(strings_of(&model, "StopReasonType"), StopReasonType::KNOWN);
    assert_eq!(StopReasonType::KNOWN.len(), 13);
    assert_eq!(strings_of(&model, "MessageType"), MessageType::KNOWN);
    assert_eq!(strings_of(&model, "ToolReturnStatus"), ToolReturnStatus::KNOWN);
    assert_eq!(strings_of(&model, "ReasoningSource"), ReasoningSource::KNOWN);
    assert_eq!(strings_of(&model, "HiddenReasoningState"), HiddenReasoningState::KNOWN);
    assert_eq!(strings_of(&model, "EventType"), EventType::KNOWN);
    assert_eq!(strings_of(&model, "TurnRole"), TurnRole::KNOWN);

    for (name, wire) in [
        ("ApprovalType", ApprovalType::WIRE),
        ("ToolType", ToolType::WIRE),
        ("MessageCreateType", MessageCreateType::WIRE),
        ("ToolReturnCreateType", ToolReturnCreateType::WIRE),
        ("StopReasonTag", StopReasonTag::WIRE),
        ("UsageStatisticsTag", UsageStatisticsTag::WIRE),
        ("PingTag", PingTag::WIRE),
        ("ErrorMessageTag", ErrorMessageTag::WIRE),
    ] {
        assert_eq!(literal_of(&model, name), wire, "{name}");
    }
}

#[test]
fn every_file_of_src_types_is_read() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("src/types"))
        .expect("src/types")
        .map(|entry| format!("src/types/{}", entry.expect("an entry").file_name().to_string_lossy()))
        .filter(|path| !path.ends_with("/mod.rs") && !path.ends_with("/macros.rs"))
        .collect();
    files.sort();
    let mut read: Vec<String> =
        SOURCES.iter().filter(|path| path.starts_with("src/types/")).map(|p| p.to_string()).collect();
    read.sort();
    assert_eq!(files, read, "add the new file to SOURCES");
    let mod_rs = std::fs::read_to_string(root().join("src/types/mod.rs")).expect("src/types/mod.rs");
    assert!(mod_rs.contains("pub type Nullable<T> = Option<Option<T>>;"), "model.rs reads `Nullable` as this");
}

/// Generates the declarations of one snippet of Rust.
fn snippet(rust: &str, requests: &[&str], others: &[&str]) -> Result<String, String> {
    let model = Model::read(&[("snippet.rs".to_owned(), rust.to_owned())])?;
    emit::typescript(&model, requests, others)
}

#[test]
fn a_skipped_option_is_optional_a_nullable_is_optional_or_null_and_an_option_is_null() {
    let ts = snippet(
        r#"
        /// A thing.
        #[derive(Serialize)]
        pub struct Thing {
            /// Absent or a number.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub a: Option<i64>,
            #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
            pub b: Nullable<Vec<String>>,
            #[serde(default)]
            pub c: Option<bool>,
            #[serde(rename = "type")]
            pub kind: Map<String, Value>,
        }
        "#,
        &["Thing"],
        &[],
    )
    .unwrap();
    assert!(
        ts.contains("/** A thing. */\nexport interface Thing {\n  /** Absent or a number. */\n  a?: number;\n"),
        "{ts}"
    );
    assert!(ts.contains("  b?: string[] | null;\n  c: boolean | null;\n  type: JsonObject;\n}\n"), "{ts}");
}

#[test]
fn what_the_reader_does_not_understand_is_an_error() {
    let attribute = "#[derive(Serialize)] pub struct A { #[serde(skip)] pub a: String }";
    assert!(snippet(attribute, &["A"], &[]).unwrap_err().contains("`skip` is not supported"));
    let ty = "#[derive(Serialize)] pub struct A { pub a: HashMap<String, u8> }";
    assert!(snippet(ty, &["A"], &[]).unwrap_err().contains("not supported"));
    let nullable = "#[derive(Serialize)] pub struct A { pub a: Nullable<String> }";
    assert!(snippet(nullable, &["A"], &[]).unwrap_err().contains("absent and null"));
    let missing = "#[derive(Serialize)] pub struct A { pub a: B }";
    assert!(snippet(missing, &["A"], &[]).unwrap_err().contains("`B` (used by `A`) is not a payload type"));
}

#[test]
fn a_tagged_union_narrows_on_its_tag_and_documents_its_catch_all() {
    let ts = snippet(
        r#"
        /// A union.
        #[derive(Serialize)]
        #[serde(tag = "kind")]
        pub enum U {
            /// `one`: the first.
            #[serde(rename = "one")]
            One(One),
            /// Anything else, kept whole.
            #[serde(untagged)]
            Unknown(Map<String, Value>),
        }
        #[derive(Serialize)]
        pub struct One { pub x: String }
        "#,
        &[],
        &["U"],
    )
    .unwrap();
    assert!(ts.contains("export type U =\n  | One;\n"), "{ts}");
    assert!(ts.contains("Not a member of this union, but possible at runtime: anything else, kept whole."), "{ts}");
    assert!(
        ts.contains("export interface One {\n  /** `one`: the first. */\n  kind: \"one\";\n  x: string;\n}"),
        "{ts}"
    );
}

#[test]
fn a_wire_enum_is_open_only_where_callers_do_not_write_it() {
    let rust = r#"
        wire_enum! {
            /// A colour.
            pub enum Colour {
                /// `red`
                Red = "red",
            }
        }
        #[derive(Serialize)]
        pub struct Paint { pub colour: Colour }
    "#;
    let open = snippet(rust, &[], &["Paint"]).unwrap();
    assert!(open.contains("export type Colour =\n  /** `red` */\n  | \"red\"\n"), "{open}");
    assert!(open.contains("  | (string & {});\n"), "{open}");
    let closed = snippet(rust, &["Paint"], &[]).unwrap();
    assert!(closed.contains("  | \"red\";\n") && !closed.contains("string & {}"), "{closed}");
}

/// How the model names a field's type, in the words of `schema::table_listing`.
fn shape_type(model: &Model, ty: &Ty) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Json => "json".into(),
        Ty::JsonObject => "object".into(),
        Ty::Array(item) => format!("{}[]", shape_type(model, item)),
        Ty::OrNull(inner) => shape_type(model, inner),
        // `ToolCallOrDelta` decodes as a `ToolCallDelta` (a whole call is a delta with every field set).
        Ty::Named(name) if name == "ToolCallOrDelta" => "ToolCallDelta".into(),
        Ty::Named(name) => match model.decl(name).map(|decl| &decl.kind) {
            Some(Kind::Strings { .. } | Kind::Literal(_)) => "string".into(),
            _ => name.clone(),
        },
    }
}

/// A struct's fields as the model reads them (the message base fields first), as `(key, type, need)`.
fn model_fields(model: &Model, name: &str) -> Vec<(String, String, &'static str)> {
    // An alias is a key of its own in the tables, right after its field.
    let keys = struct_fields(model, name).into_iter().flat_map(|field| {
        std::iter::once((field, &field.name)).chain(field.alias.as_ref().map(|alias| (field, alias)))
    });
    keys.map(|(field, key)| {
        let need = if field.required {
            "required"
        } else if field.present {
            "default"
        } else if field.optional || matches!(field.ty, Ty::OrNull(_)) {
            "nullable"
        } else {
            "default"
        };
        (key.clone(), shape_type(model, &field.ty), need)
    })
    .collect()
}

/// A struct's fields as the model reads them: its base's (the message base fields) first.
fn struct_fields<'m>(model: &'m Model, name: &str) -> Vec<&'m model::Field> {
    let Some(Kind::Struct { base, fields, .. }) = model.decl(name).map(|decl| &decl.kind) else {
        panic!("{name} is not a struct of the model");
    };
    let mut out = base.as_deref().map(|base| struct_fields(model, base)).unwrap_or_default();
    out.extend(fields);
    out
}

#[test]
fn the_schema_tables_have_the_fields_of_the_rust_types() {
    let model = crate_model();
    let listing = letta_wasm::schema::table_listing();
    assert!(listing.len() >= 30, "{} structs", listing.len());
    for (name, fields) in listing {
        let fields: Vec<(String, String, &str)> =
            fields.into_iter().map(|(key, ty, need)| (key.to_owned(), ty, need)).collect();
        assert_eq!(fields, model_fields(&model, name), "the table of {name} (src/schema/wire.rs)");
    }
}

/// The named type of a field, through arrays and nulls.
fn named(ty: &Ty) -> Option<&str> {
    match ty {
        Ty::Named(name) => Some(name),
        Ty::Array(item) | Ty::OrNull(item) => named(item),
        _ => None,
    }
}

#[test]
fn the_schema_tables_have_the_strings_and_tags_of_the_rust_types() {
    let model = crate_model();
    let strings = letta_wasm::schema::table_strings();
    assert!(strings.len() >= 15, "{} fields with strings", strings.len());
    for (object, key, values) in strings {
        let field = struct_fields(&model, object)
            .into_iter()
            .find(|field| field.name == key || field.alias.as_deref() == Some(key));
        let name = field.and_then(|field| named(&field.ty)).unwrap_or_else(|| panic!("{object}.{key}: no named type"));
        let from_model: Vec<String> = match model.decl(name).map(|decl| &decl.kind) {
            Some(Kind::Strings { values, .. }) => values.iter().map(|(wire, _)| wire.clone()).collect(),
            Some(Kind::Literal(wire)) => vec![wire.clone()],
            other => panic!("{object}.{key}: {name} is not a string type ({other:?})"),
        };
        assert_eq!(values, from_model, "the strings of {object}.{key} (src/schema/wire.rs) against {name}");
    }
    for (name, tag, members) in letta_wasm::schema::table_unions() {
        let Some(Kind::Tagged { tag: model_tag, members: model_members, .. }) = model.decl(name).map(|decl| &decl.kind)
        else {
            // StreamItem and MessageInput decode by hand (they are not serde-tagged in the model).
            assert!(["StreamItem", "MessageInput"].contains(&name), "{name} is not a tagged union of the model");
            continue;
        };
        assert_eq!(tag, model_tag, "the tag of {name}");
        let from_model: Vec<(String, String)> = model_members
            .iter()
            .map(|member| (member.wire.clone(), named(&member.ty).unwrap_or_default().to_owned()))
            .collect();
        let from_table: Vec<(String, String)> =
            members.iter().map(|(wire, member)| (wire.to_string(), member.to_string())).collect();
        assert_eq!(from_table, from_model, "the members of {name} (src/schema/wire.rs)");
    }
}

/// The mock server's copy of the tables (`scripts/mock-letta/wire-schema.json`), which its request
/// models are checked against (`tests/mock-letta.test.mjs`); regenerated with the declarations.
#[test]
fn the_mock_servers_copy_of_the_tables_is_current() {
    const EXPORT: &str = "scripts/mock-letta/wire-schema.json";
    let tables: serde_json::Value = serde_json::from_str(&letta_wasm::schema::table_export()).expect("JSON");
    let text = serde_json::to_string_pretty(&tables).expect("JSON") + "\n";
    let path = root().join(EXPORT);
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(&path, &text).expect("writing the export");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == text, "{EXPORT} is out of date: run `{REGENERATE}`");
}
