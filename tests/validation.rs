//! The validation table (`tests/fixtures/validation/cases.json`): every case yields exactly the issues it
//! lists, and every valid request re-serializes to what the caller wrote.

use std::collections::BTreeSet;

use letta_wasm::validate::{Location, ValidationIssue, validate_send_params};
use serde_json::Value;

fn table() -> (String, Vec<Value>) {
    let text = std::fs::read_to_string("tests/fixtures/validation/cases.json").expect("read the validation table");
    let table: Value = serde_json::from_str(&text).expect("parse the validation table");
    (table["agent_id"].as_str().unwrap().to_owned(), table["cases"].as_array().unwrap().clone())
}

fn render(issue: &ValidationIssue) -> String {
    let place = if issue.location == Location::Path { "path:" } else { "" };
    format!("{} {place}{}", issue.code, issue.path)
}

fn expected(case: &Value, key: &str) -> BTreeSet<String> {
    case[key].as_array().unwrap().iter().map(|issue| issue.as_str().unwrap().to_owned()).collect()
}

#[test]
fn every_case_reports_exactly_the_expected_issues() {
    let (default_agent, cases) = table();
    assert!(cases.len() >= 60, "the table should have at least 60 cases, has {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let agent_id = case.get("agent_id").and_then(Value::as_str).unwrap_or(&default_agent);
        let (errors, warnings) = match validate_send_params(agent_id, &case["body"]) {
            Ok(valid) => (Vec::new(), valid.warnings),
            Err(invalid) => {
                assert!(!invalid.errors.is_empty(), "{name}: an Err must carry errors");
                (invalid.errors, invalid.warnings)
            }
        };
        let got_errors: BTreeSet<String> = errors.iter().map(render).collect();
        let got_warnings: BTreeSet<String> = warnings.iter().map(render).collect();
        if got_errors != expected(case, "errors") || got_warnings != expected(case, "warnings") {
            failures.push(format!(
                "{name}:\n  errors   {got_errors:?}\n  expected {:?}\n  warnings {got_warnings:?}\n  expected {:?}",
                expected(case, "errors"),
                expected(case, "warnings")
            ));
        }
        for issue in errors.iter().chain(&warnings) {
            assert!(!issue.message.is_empty(), "{name}: an issue without a message");
        }
    }
    assert!(failures.is_empty(), "{} case(s) differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn valid_requests_serialize_back_to_what_the_caller_wrote() {
    let (default_agent, cases) = table();
    let mut checked = 0;
    for case in cases.iter().filter(|case| case["errors"].as_array().unwrap().is_empty()) {
        let name = case["name"].as_str().unwrap();
        let body = &case["body"];
        let valid = validate_send_params(&default_agent, body).unwrap_or_else(|error| panic!("{name}: {error}"));
        // Unknown keys are dropped, converted values change, and `system` is an alias: skip those.
        let rewritten = valid.warnings.iter().any(|issue| matches!(issue.code.as_str(), "unknown_field" | "coerced"));
        if rewritten || body.get("system").is_some() {
            continue;
        }
        let written = serde_json::to_value(&valid.params).unwrap();
        assert_eq!(&written, body, "{name}: the typed request does not serialize back to its body");
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} valid cases were compared");
}

#[test]
fn messages_name_what_is_expected() {
    let body = serde_json::json!({ "messages": [{ "role": "bot", "content": "hi" }], "max_steps": "many" });
    let error = validate_send_params("agent-123e4567-e89b-42d3-a456-426614174000", &body).unwrap_err();
    let messages: Vec<&str> = error.errors.iter().map(|issue| issue.message.as_str()).collect();
    assert_eq!(
        messages,
        vec![r#"expected "user", "system" or "assistant", got "bot""#, r#"expected an integer, got the string "many""#]
    );
}

#[test]
fn messages_never_echo_a_long_value_in_full() {
    let secret = "sk-live-0123456789abcdefghijklmnopqrstuvwxyz";
    let body = serde_json::json!({ "input": "hi", "streaming": secret, "override_model": 5 });
    let error = validate_send_params(secret, &body).unwrap_err();
    for issue in &error.errors {
        assert!(!issue.message.contains(secret), "{issue} repeats the whole value");
    }
    let shown = error.to_string();
    assert!(shown.contains(r#""sk-live-"… (44 characters)"#), "the start of the value and its length: {shown}");
    assert!(!shown.contains("sk-live-0"), "no more than 8 characters of a long value: {shown}");
}

#[test]
fn converted_values_reach_the_typed_request() {
    let body = serde_json::json!({ "input": "hi", "streaming": "yes", "max_steps": " 7 ", "include_pings": 0 });
    let valid = validate_send_params("agent-123e4567-e89b-42d3-a456-426614174000", &body).unwrap();
    assert_eq!(
        (valid.params.streaming, valid.params.max_steps, valid.params.include_pings),
        (Some(true), Some(7), Some(false))
    );
}

/// `server_verdicts.json` records what the real server answered for every case (see its `about`).
#[test]
fn the_validator_accepts_exactly_what_the_server_accepted() {
    let (default_agent, cases) = table();
    let text = std::fs::read_to_string("tests/fixtures/validation/server_verdicts.json").unwrap();
    let verdicts: Value = serde_json::from_str(&text).unwrap();
    let verdicts = verdicts["verdicts"].as_array().unwrap();
    assert_eq!(verdicts.len(), cases.len(), "a verdict for every case");
    for (case, verdict) in cases.iter().zip(verdicts) {
        let name = case["name"].as_str().unwrap();
        assert_eq!(verdict["name"], case["name"], "verdicts are in case order");
        let agent_id = case.get("agent_id").and_then(Value::as_str).unwrap_or(&default_agent);
        let result = validate_send_params(agent_id, &case["body"]);
        // The recorded verdict is the route's (check-requests.py stops before the agent runs); a case
        // marked `refused_at_runtime` passes the route and is refused while the message is built, as
        // tests/letta/ shows on a running server. The validator refuses those too.
        let refused_later = case.get("refused_at_runtime").is_some();
        let accepted = verdict["accepted"].as_bool().unwrap() && !refused_later;
        assert_eq!(result.is_ok(), accepted, "{name}: server said {}", verdict["status"]);
        // The values the server converted must be the values the typed request carries.
        if let (Ok(valid), Some(parsed)) = (result, verdict["parsed"].as_object()) {
            let written = serde_json::to_value(&valid.params).unwrap();
            for (key, server_value) in parsed {
                let ours = written.get(key).unwrap_or(&Value::Null);
                // Integers past 64 bits are clamped: equal to double precision is equal enough.
                let same = match (ours.as_f64(), server_value.as_f64()) {
                    (Some(a), Some(b)) => a == b,
                    _ => ours == server_value,
                };
                assert!(same, "{name}: `{key}` is {ours} after conversion, the server made it {server_value}");
            }
        }
    }
}
