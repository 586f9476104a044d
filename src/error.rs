//! The crate's error type: one variant per layer, each wrapping that layer's own error, so that `?`
//! takes any error the crate returns into one type.

use std::fmt;

use crate::client::ClientError;
use crate::sse::SseError;
use crate::stream::StreamError;
use crate::validate::ValidationError;

/// Any error this crate returns.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A request failed validation.
    Validation(ValidationError),
    /// A stream could not be decoded, or the server reported an error in it.
    Stream(StreamError),
    /// The event stream was malformed.
    Sse(SseError),
    /// JSON that is malformed or does not have the shape of a known type.
    Json(crate::json::Error),
    /// JSON that should be a known type could not be decoded into it.
    #[cfg(feature = "serde")]
    Decode(serde_json::Error),
    /// A client call failed (validation, the server's answer, the connection, the stream).
    Client(ClientError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Validation(error) => error.fmt(f),
            Self::Stream(error) => error.fmt(f),
            Self::Sse(error) => error.fmt(f),
            Self::Json(error) => write!(f, "invalid JSON: {error}"),
            #[cfg(feature = "serde")]
            Self::Decode(error) => write!(f, "invalid JSON: {error}"),
            Self::Client(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Validation(error) => Some(error),
            Self::Stream(error) => Some(error),
            Self::Sse(error) => Some(error),
            Self::Json(error) => Some(error),
            #[cfg(feature = "serde")]
            Self::Decode(error) => Some(error),
            Self::Client(error) => Some(error),
        }
    }
}

impl From<ValidationError> for Error {
    fn from(error: ValidationError) -> Self {
        Self::Validation(error)
    }
}

impl From<StreamError> for Error {
    fn from(error: StreamError) -> Self {
        Self::Stream(error)
    }
}

impl From<SseError> for Error {
    fn from(error: SseError) -> Self {
        Self::Sse(error)
    }
}

impl From<crate::json::Error> for Error {
    fn from(error: crate::json::Error) -> Self {
        Self::Json(error)
    }
}

#[cfg(feature = "serde")]
impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Self {
        Self::Decode(error)
    }
}

impl From<ClientError> for Error {
    fn from(error: ClientError) -> Self {
        Self::Client(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every error the crate's functions return goes into [`Error`] with `?`, keeping its message.
    #[test]
    fn every_error_of_the_crate_converts() {
        fn json() -> Result<(), Error> {
            crate::json::Value::parse("{")?;
            Ok(())
        }
        fn shape() -> Result<(), Error> {
            crate::schema::check_response("[]")?;
            Ok(())
        }
        fn validation() -> Result<(), Error> {
            crate::validate::check_send_params("agent-x", &crate::json::Value::Null)?;
            Ok(())
        }
        fn client() -> Result<(), Error> {
            Err(ClientError::UserAbort)?
        }
        fn stream() -> Result<(), Error> {
            Err(StreamError::Incomplete { pending_bytes: 0 })?
        }
        let message = |result: Result<(), Error>| result.expect_err("an error").to_string();
        assert!(message(json()).starts_with("invalid JSON"));
        assert!(!message(shape()).is_empty());
        assert!(!message(validation()).is_empty());
        assert_eq!(message(client()), "request was aborted");
        assert_eq!(message(stream()), "the stream ended before [DONE]");
    }
}
