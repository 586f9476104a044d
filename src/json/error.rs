//! The error of reading JSON: what was wrong, and where (line and column, counted from 1).

use std::fmt;

/// Why a JSON text could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    message: String,
    line: usize,
    column: usize,
}

impl Error {
    /// An error at byte `at` of `text`.
    pub(crate) fn at(text: &str, at: usize, message: impl Into<String>) -> Self {
        let at = at.min(text.len());
        let before = &text.as_bytes()[..at];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Characters, not bytes: count the bytes that start one (UTF-8 continuation bytes are 10xxxxxx).
        let column = 1 + before[line_start..].iter().filter(|&&b| b & 0xC0 != 0x80).count();
        Self { message: message.into(), line, column }
    }

    /// What was wrong, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The line of the error, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of the error (in characters), from 1.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl std::error::Error for Error {}
