//! The walker's state: the JSON Pointer to the current value and the issues found so far, plus how
//! values are described in messages (short, never echoing a long string in full).

use std::fmt::Write;

use crate::json::{Value, quoted};

use super::{IssueCode, Location, ValidationIssue};

/// One step of a JSON Pointer.
#[derive(Clone, Debug)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

impl From<&str> for Step {
    fn from(key: &str) -> Self {
        Self::Key(key.to_owned())
    }
}

impl From<usize> for Step {
    fn from(index: usize) -> Self {
        Self::Index(index)
    }
}

/// Collects issues while walking a request body.
#[derive(Debug)]
pub(crate) struct Checker {
    path: Vec<Step>,
    location: Location,
    pub(crate) errors: Vec<ValidationIssue>,
    pub(crate) warnings: Vec<ValidationIssue>,
}

impl Checker {
    pub(crate) fn new() -> Self {
        Self { path: Vec::new(), location: Location::Body, errors: Vec::new(), warnings: Vec::new() }
    }

    /// Runs `check` with `step` appended to the current path.
    pub(crate) fn at<R>(&mut self, step: impl Into<Step>, check: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(step.into());
        let result = check(self);
        self.path.pop();
        result
    }

    /// Runs `check` on a path parameter instead of the body.
    pub(crate) fn in_path_param<R>(&mut self, name: &str, check: impl FnOnce(&mut Self) -> R) -> R {
        let saved = (std::mem::take(&mut self.path), self.location);
        self.location = Location::Path;
        let result = self.at(name, check);
        (self.path, self.location) = saved;
        result
    }

    /// Records an issue at the current path; its severity follows from the code.
    pub(crate) fn report(&mut self, code: IssueCode, message: impl Into<String>) {
        let issue = ValidationIssue {
            severity: code.severity(),
            location: self.location,
            path: self.pointer(),
            code,
            message: message.into(),
        };
        match issue.severity {
            super::Severity::Error => self.errors.push(issue),
            super::Severity::Warning => self.warnings.push(issue),
        }
    }

    /// The current path as a JSON Pointer, with `~` and `/` in keys escaped as RFC 6901 says.
    fn pointer(&self) -> String {
        let mut pointer = String::new();
        for step in &self.path {
            pointer.push('/');
            match step {
                Step::Key(key) => pointer.push_str(&key.replace('~', "~0").replace('/', "~1")),
                Step::Index(index) => {
                    let _ = write!(pointer, "{index}");
                }
            }
        }
        pointer
    }
}

/// The longest part of a string value that messages repeat.
/// Strings up to this many characters are quoted whole.
const SHOWN_WHOLE: usize = 16;
/// Longer ones are cut to this many, so a secret pasted in the wrong field is never repeated whole.
const SHOWN_CHARS: usize = 8;

/// Describes a value for a message: its type, and for scalars a short rendering. Long strings are cut
/// so that a secret pasted into the wrong field is never echoed in full.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) => format!("the string {}", quote(text)),
        Value::Array(items) => format!("an array of {} item{}", items.len(), if items.len() == 1 { "" } else { "s" }),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// Quotes a string for a message: whole when short, else its first few characters and its length.
pub(crate) fn quote(text: &str) -> String {
    match (text.char_indices().nth(SHOWN_WHOLE), text.char_indices().nth(SHOWN_CHARS)) {
        (Some(_), Some((cut, _))) => {
            format!("{}… ({} characters)", quoted(text.get(..cut).unwrap_or_default()), text.chars().count())
        }
        _ => quoted(text),
    }
}

/// Lists allowed values for a message: `"a", "b" or "c"`.
pub(crate) fn one_of(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|value| quoted(value)).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}
