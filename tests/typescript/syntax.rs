//! The syntax the model is read from: serde attributes, the inputs of the type macros, and `///` docs.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, Ident, Lit, LitStr, Meta, Token};

use super::model::Result;

/// The serde attributes of a field that matter for what it serializes to.
#[derive(Default)]
pub struct FieldAttrs {
    /// `rename = "…"`: the key on the wire.
    pub rename: Option<String>,
    /// `skip_serializing_if = "…"`: when the key is left out.
    pub skip_serializing_if: Option<String>,
    /// `flatten`: the field's keys are the object's other keys.
    pub flatten: bool,
    /// `default`: the key may be absent when reading.
    pub default: bool,
    /// `deserialize_with = "present"`: an `Option` that may be absent but not null.
    pub present: bool,
    /// `alias = "…"`: another key read as this field.
    pub alias: Option<String>,
}

impl FieldAttrs {
    /// Reads the `#[serde(…)]` attributes of a field; one that changes what is written and is not above
    /// is an error.
    pub fn read(attrs: &[Attribute]) -> Result<Self> {
        let mut out = Self::default();
        for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
            attr.parse_nested_meta(|meta| {
                let key = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
                match key.as_str() {
                    "rename" => out.rename = Some(meta.value()?.parse::<LitStr>()?.value()),
                    "skip_serializing_if" => out.skip_serializing_if = Some(meta.value()?.parse::<LitStr>()?.value()),
                    "flatten" => out.flatten = true,
                    // Deserialization only: what is accepted, not what is written.
                    "default" | "alias" | "deserialize_with" => {
                        out.default |= key == "default";
                        if meta.input.peek(Token![=]) {
                            let value = meta.value()?.parse::<LitStr>()?.value();
                            out.present |= key == "deserialize_with" && value == "present";
                            if key == "alias" {
                                out.alias = Some(value);
                            }
                        }
                    }
                    _ => return Err(meta.error(format!("serde field attribute `{key}` is not supported"))),
                }
                Ok(())
            })
            .map_err(|error| error.to_string())?;
        }
        Ok(out)
    }
}

/// The serde attributes of a variant.
#[derive(Default)]
pub struct VariantAttrs {
    /// `rename = "…"`: the tag or string on the wire.
    pub rename: Option<String>,
    /// `untagged`: written without its tag.
    pub untagged: bool,
}

impl VariantAttrs {
    /// Reads the `#[serde(…)]` attributes of a variant; any other is an error.
    pub fn read(attrs: &[Attribute]) -> Result<Self> {
        let mut out = Self::default();
        for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    out.rename = Some(meta.value()?.parse::<LitStr>()?.value());
                } else if meta.path.is_ident("untagged") {
                    out.untagged = true;
                } else {
                    return Err(meta.error("serde variant attribute not supported"));
                }
                Ok(())
            })
            .map_err(|error| error.to_string())?;
        }
        Ok(out)
    }
}

/// The serde attributes of an enum.
#[derive(Default)]
pub struct ContainerAttrs {
    /// `tag = "…"`: internally tagged by this field.
    pub tag: Option<String>,
    /// `untagged`: members told apart by their shape.
    pub untagged: bool,
    /// `rename_all = "…"`: how variant names become wire strings.
    pub rename_all: Option<String>,
}

impl ContainerAttrs {
    /// Reads the `#[serde(…)]` attributes of an enum; any other is an error.
    pub fn read(attrs: &[Attribute]) -> Result<Self> {
        let mut out = Self::default();
        for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("tag") {
                    out.tag = Some(meta.value()?.parse::<LitStr>()?.value());
                } else if meta.path.is_ident("untagged") {
                    out.untagged = true;
                } else if meta.path.is_ident("rename_all") {
                    out.rename_all = Some(meta.value()?.parse::<LitStr>()?.value());
                } else {
                    return Err(meta.error("serde container attribute not supported"));
                }
                Ok(())
            })
            .map_err(|error| error.to_string())?;
        }
        Ok(out)
    }
}

/// serde's `rename_all` rules, applied to a `PascalCase` variant name.
pub fn rename(variant: &str, rule: &str) -> Result<String> {
    let mut words: Vec<String> = Vec::new();
    for c in variant.chars() {
        if c.is_uppercase() || words.is_empty() {
            words.push(String::new());
        }
        words.last_mut().expect("pushed above").push(c);
    }
    let lower: Vec<String> = words.iter().map(|word| word.to_lowercase()).collect();
    Ok(match rule {
        "lowercase" => variant.to_lowercase(),
        "UPPERCASE" => variant.to_uppercase(),
        "PascalCase" => variant.to_owned(),
        "camelCase" => lower[0].clone() + &words[1..].concat(),
        "snake_case" => lower.join("_"),
        "SCREAMING_SNAKE_CASE" => lower.join("_").to_uppercase(),
        "kebab-case" => lower.join("-"),
        "SCREAMING-KEBAB-CASE" => lower.join("-").to_uppercase(),
        _ => return Err(format!("unknown rename_all rule `{rule}`")),
    })
}

/// The fields `letta_message!` declares before the caller's own, read from its definition.
pub fn letta_message_base_fields(definition: &TokenStream) -> Result<Vec<syn::Field>> {
    let error = || "cannot read the struct in the definition of letta_message!".to_owned();
    let transcriber = definition
        .clone()
        .into_iter()
        .find_map(|tree| match tree {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => Some(group.stream()),
            _ => None,
        })
        .ok_or_else(error)?;
    let trees: Vec<TokenTree> = transcriber.into_iter().collect();
    let body = trees
        .windows(4)
        .find_map(|window| match window {
            [TokenTree::Ident(word), TokenTree::Punct(dollar), TokenTree::Ident(_), TokenTree::Group(body)]
                if word == "struct" && dollar.as_char() == '$' && body.delimiter() == Delimiter::Brace =>
            {
                Some(body.stream())
            }
            _ => None,
        })
        .ok_or_else(error)?;
    let body: Vec<TokenTree> = body.into_iter().collect();
    let split =
        body.iter().position(|tree| matches!(tree, TokenTree::Punct(p) if p.as_char() == '$')).ok_or_else(error)?;
    // What follows the base fields must be the caller's fields, `$( … )*`, and nothing else.
    match &body[split..] {
        [TokenTree::Punct(_), TokenTree::Group(_), TokenTree::Punct(star)] if star.as_char() == '*' => {}
        _ => return Err("letta_message! must put the caller's fields last".into()),
    }
    let base: TokenStream = body[..split].iter().cloned().collect();
    let parser = Punctuated::<syn::Field, Token![,]>::parse_terminated_with;
    let fields =
        (|input: ParseStream| parser(input, syn::Field::parse_named)).parse2(base).map_err(|e| e.to_string())?;
    Ok(fields.into_iter().collect())
}

/// A `tagged_union_deserialize!`: the enum, the tag field, and (wire tag, variant) pairs.
pub type TaggedUnion = (String, String, Vec<(String, String)>);

/// `tagged_union_deserialize!(Name, "tag", { "wire" => Variant, … })`.
pub fn parse_tagged_union(tokens: TokenStream) -> Result<TaggedUnion> {
    let parser = |input: ParseStream| {
        let name: Ident = input.parse()?;
        input.parse::<Token![,]>()?;
        let tag: LitStr = input.parse()?;
        input.parse::<Token![,]>()?;
        let content;
        syn::braced!(content in input);
        let mut pairs = Vec::new();
        while !content.is_empty() {
            let wire: LitStr = content.parse()?;
            content.parse::<Token![=>]>()?;
            let variant: Ident = content.parse()?;
            pairs.push((wire.value(), variant.to_string()));
            if !content.is_empty() {
                content.parse::<Token![,]>()?;
            }
        }
        Ok((name.to_string(), tag.value(), pairs))
    };
    parser.parse2(tokens).map_err(|error| format!("tagged_union_deserialize!: {error}"))
}

/// `/// docs pub struct Name = "wire";`
pub fn parse_wire_literal(tokens: TokenStream) -> Result<(Vec<Attribute>, Ident, LitStr)> {
    let parser = |input: ParseStream| {
        let attrs = input.call(Attribute::parse_outer)?;
        input.parse::<syn::Visibility>()?;
        input.parse::<Token![struct]>()?;
        let name: Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        let wire: LitStr = input.parse()?;
        input.parse::<Token![;]>()?;
        Ok((attrs, name, wire))
    };
    parser.parse2(tokens).map_err(|error| format!("wire_literal!: {error}"))
}

/// Whether an item is `pub`.
pub fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// Whether an item derives `Serialize`.
pub fn derives_serialize(attrs: &[Attribute]) -> bool {
    attrs.iter().filter(|attr| attr.path().is_ident("derive")).any(|attr| {
        let mut found = false;
        let _ = attr.parse_nested_meta(|meta| {
            found |= meta.path.segments.last().is_some_and(|segment| segment.ident == "Serialize");
            Ok(())
        });
        found
    })
}

/// A field's name without `r#`.
pub fn unraw(ident: &Ident) -> String {
    ident.to_string().trim_start_matches("r#").to_owned()
}

/// The `///` (or `//!`) docs of an item, one line per doc line, with intra-doc links made plain code.
pub fn docs(attrs: &[Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            Meta::NameValue(meta) => match &meta.value {
                Expr::Lit(lit) => match &lit.lit {
                    Lit::Str(text) => Some(text.value()),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        })
        .flat_map(|text| {
            text.split('\n')
                .map(|line| line.strip_prefix(' ').unwrap_or(line).trim_end().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    plain_links(lines.join("\n").trim_matches('\n'))
}

/// The text up to the first blank line.
pub fn first_paragraph(docs: &str) -> String {
    docs.split("\n\n").next().unwrap_or_default().to_owned()
}

/// `` [`Name`] `` and `` [`Name`](path) `` become `` `Name` ``: Rust paths mean nothing in TypeScript.
fn plain_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[`") {
        let Some(end) = rest[start + 2..].find("`]").map(|end| start + 2 + end) else { break };
        out.push_str(&rest[..start]);
        out.push_str(&rest[start + 1..end + 1]);
        rest = &rest[end + 2..];
        if rest.starts_with('(')
            && let Some(close) = rest.find(')')
        {
            rest = &rest[close + 1..];
        }
    }
    out.push_str(rest);
    out
}
