//! What validation reports: [`ValidationIssue`]s with a JSON Pointer path, a stable [`IssueCode`] and a
//! message, and the [`ValidationError`] that carries them.

use std::fmt;

#[cfg(feature = "serde")]
use serde::Serialize;

/// How serious an issue is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Severity {
    /// The server would refuse the request.
    Error,
    /// The server accepts the request, but probably not as the caller meant it.
    Warning,
}

/// Where an issue is: in the URL path parameters or in the JSON body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Location {
    /// A path parameter (`/agent_id`).
    Path,
    /// The request body.
    Body,
}

/// A stable, machine-readable issue kind. The string forms (`missing_field`, …) never change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum IssueCode {
    /// Error: a required field is absent.
    MissingField,
    /// Error: a value has the wrong JSON type (including `null` where it is not allowed).
    WrongType,
    /// Error: a value has the right type but is not allowed (an enum value, an id format).
    InvalidValue,
    /// Error: a union's tag (`type`) names no known variant.
    UnknownVariant,
    /// Error: a list that must not be empty is.
    Empty,
    /// Error: fields that exclude each other are both set.
    Conflict,
    /// Error: a streaming-only option is set without `streaming: true`.
    RequiresStreaming,
    /// Warning: a key the server does not know; it ignores it.
    UnknownField,
    /// Warning: a deprecated field.
    Deprecated,
    /// Warning: the server converts this value (e.g. `"5"` to `5`); send the converted value instead.
    Coerced,
    /// Warning: a value outside its documented range that the server does not enforce.
    OutOfRange,
    /// Warning: a value the server ignores in this combination.
    Ignored,
}

impl IssueCode {
    /// The stable string form, e.g. `"missing_field"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MissingField => "missing_field",
            Self::WrongType => "wrong_type",
            Self::InvalidValue => "invalid_value",
            Self::UnknownVariant => "unknown_variant",
            Self::Empty => "empty",
            Self::Conflict => "conflict",
            Self::RequiresStreaming => "requires_streaming",
            Self::UnknownField => "unknown_field",
            Self::Deprecated => "deprecated",
            Self::Coerced => "coerced",
            Self::OutOfRange => "out_of_range",
            Self::Ignored => "ignored",
        }
    }

    /// The severity issues of this code have.
    pub fn severity(self) -> Severity {
        match self {
            Self::UnknownField | Self::Deprecated | Self::Coerced | Self::OutOfRange | Self::Ignored => {
                Severity::Warning
            }
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for IssueCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct ValidationIssue {
    /// Error or warning.
    pub severity: Severity,
    /// Path parameters or body.
    pub location: Location,
    /// A JSON Pointer (RFC 6901) to the value, e.g. `/messages/0/content/1/source/media_type`; `""` is
    /// the whole body.
    pub path: String,
    /// What kind of problem it is.
    pub code: IssueCode,
    /// A sentence saying what is wrong and what is expected. It never repeats a long value in full.
    pub message: String,
}

impl Severity {
    /// The name on the wire: `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

impl Location {
    /// The name on the wire: `path` or `body`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Path => "path",
            Self::Body => "body",
        }
    }
}

impl ValidationIssue {
    /// The issue as a JSON object (`severity`, `location`, `path`, `code`, `message`).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        for (index, (key, value)) in [
            ("severity", self.severity.as_str()),
            ("location", self.location.as_str()),
            ("path", &self.path),
            ("code", self.code.as_str()),
            ("message", &self.message),
        ]
        .into_iter()
        .enumerate()
        {
            out.push(if index == 0 { '{' } else { ',' });
            crate::json::write_string(&mut out, key);
            out.push(':');
            crate::json::write_string(&mut out, value);
        }
        out.push('}');
        out
    }
}

impl fmt::Display for ValidationIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() { "(body)" } else { &self.path };
        write!(f, "{path}: {} [{}]", self.message, self.code)
    }
}

/// A request the server would refuse: every error found, and the warnings too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// The problems that make the server refuse the request (never empty).
    pub errors: Vec<ValidationIssue>,
    /// Problems the server tolerates.
    pub warnings: Vec<ValidationIssue>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.errors.len();
        write!(f, "invalid request: {count} error{}", if count == 1 { "" } else { "s" })?;
        for (index, issue) in self.errors.iter().enumerate() {
            write!(f, "{} {issue}", if index == 0 { ":" } else { ";" })?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}
