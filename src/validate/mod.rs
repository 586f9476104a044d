//! Request validation that agrees with the server: [`validate_send_params`] checks an agent id and a
//! JSON body and returns the typed [`MessageSendParams`], or **every** problem at once.
//! [`check_send_params`] does the same on a [`json::Value`](crate::json::Value) and returns the
//! checked body as JSON, without the serde types (it is what the npm package uses).
//!
//! Each [`ValidationIssue`] has a JSON Pointer path (`/messages/0/content/1/source/media_type`), a
//! stable [`IssueCode`] and a message that names what is expected. Errors are what the server would
//! refuse with a 422; warnings are what it accepts but probably not as meant: unknown keys (ignored),
//! deprecated fields, and values it converts the way pydantic's lax mode does (`"5"` → `5`), which the
//! returned params carry converted.
//!
//! ```
//! use letta_wasm::validate::{IssueCode, validate_send_params};
//! use serde_json::json;
//!
//! let agent = "agent-123e4567-e89b-42d3-a456-426614174000";
//! let body = json!({ "messages": [{ "role": "user", "content": [{ "type": "image", "source": {
//!     "type": "base64", "data": "iVBORw0KGgo=" } }] }] });
//! let error = validate_send_params(agent, &body).unwrap_err();
//! assert_eq!(error.errors[0].path, "/messages/0/content/0/source/media_type");
//! assert_eq!(error.errors[0].code, IssueCode::MissingField);
//! ```

pub(crate) mod checker;
mod issue;
pub(crate) mod messages;
mod params;

use crate::json::Value;

pub use issue::{IssueCode, Location, Severity, ValidationError, ValidationIssue};
pub use params::AGENT_ID_LEN;

#[cfg(feature = "serde")]
use crate::types::MessageSendParams;
use checker::Checker;

/// A request that passed validation.
#[cfg(feature = "serde")]
#[derive(Clone, Debug, PartialEq)]
pub struct Validated {
    /// The typed request, with the server's lax conversions applied.
    pub params: MessageSendParams,
    /// What the server tolerates but the caller may want to fix.
    pub warnings: Vec<ValidationIssue>,
}

/// A request that passed validation, as JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// The body with the server's lax conversions applied (`"5"` is `5`); keys the crate does not
    /// know are kept, so a field newer than this crate still reaches the server.
    pub body: Value,
    /// What the server tolerates but the caller may want to fix.
    pub warnings: Vec<ValidationIssue>,
}

/// Like [`validate_send_params`], without decoding into the typed request: the checked body as JSON.
/// This is what the client sends, and all the JavaScript package needs (it is built without serde).
pub fn check_send_params(agent_id: &str, body: &Value) -> Result<Checked, ValidationError> {
    let mut checker = Checker::new();
    params::check_agent_id(&mut checker, agent_id);
    let mut body = body.clone();
    params::check_body(&mut checker, &mut body);
    if !checker.errors.is_empty() {
        return Err(ValidationError { errors: checker.errors, warnings: checker.warnings });
    }
    Ok(Checked { body, warnings: checker.warnings })
}

/// Validates a Send Message request as the server would: the `agent_id` path parameter and the JSON
/// body. Returns the typed params and any warnings, or every error and warning found.
#[cfg(feature = "serde")]
pub fn validate_send_params(agent_id: &str, body: &serde_json::Value) -> Result<Validated, ValidationError> {
    // serde_json writes a `Value` it parsed as valid JSON, so this cannot fail.
    let body = Value::parse(&body.to_string()).unwrap_or_default();
    let Checked { body, warnings } = check_send_params(agent_id, &body)?;
    match serde_json::from_str::<MessageSendParams>(&body.to_string()) {
        Ok(params) => Ok(Validated { params, warnings }),
        // The checks above accept only what the types can hold, so this means a bug in them; report it
        // as an error rather than panic.
        Err(error) => Err(ValidationError {
            errors: vec![ValidationIssue {
                severity: Severity::Error,
                location: Location::Body,
                path: String::new(),
                code: IssueCode::InvalidValue,
                message: format!("the request passed validation but does not decode ({error}); please report this"),
            }],
            warnings,
        }),
    }
}
