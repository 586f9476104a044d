//! Where a background run's body stands while it is read: its id, the last sequence number taken,
//! and whether it is complete. The Rust [`MessageStream`](super::MessageStream) resumes from it,
//! keeping the rule the npm package's `MessageStream` keeps (src/wasm/js/lib/stream.js, `#take`).

use crate::json::Value;

/// Where a run's body stands: its id, the last sequence number taken, and whether it is complete.
#[derive(Debug, Default)]
pub(crate) struct RunPosition {
    pub(crate) run_id: Option<String>,
    pub(crate) last_seq: Option<i64>,
    pub(crate) complete: bool,
}

impl RunPosition {
    /// Takes one item (its JSON): false for a replayed one, which is skipped.
    pub(crate) fn take(&mut self, item: &Value) -> bool {
        let kind = item.get("message_type").and_then(Value::as_str).unwrap_or_default();
        if self.run_id.is_none() {
            self.run_id = item.get("run_id").and_then(Value::as_str).map(str::to_owned);
        }
        match item.get("seq_id").and_then(Value::as_i64) {
            Some(seq) => {
                // A replayed frame (a re-attached request starts from the run's beginning).
                if kind != "ping" && self.last_seq.is_some_and(|last| seq <= last) {
                    return false;
                }
                self.last_seq = Some(self.last_seq.map_or(seq, |last| last.max(seq)));
            }
            // stop_reason and usage_statistics: numbered by the server, though the number is not shown.
            None if kind != "ping" => self.last_seq = self.last_seq.map(|last| last + 1),
            None => {}
        }
        let cancelled = kind == "stop_reason" && item.get("stop_reason").and_then(Value::as_str) == Some("cancelled");
        if cancelled || kind == "usage_statistics" {
            self.complete = true;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn take_all(position: &mut RunPosition, items: &[&str]) -> Vec<bool> {
        items.iter().map(|item| position.take(&Value::parse(item).unwrap())).collect()
    }

    /// The cases the package's JavaScript MessageStream is checked on too
    /// (tests/package/resume-rule.test.mjs): one rule in both.
    #[test]
    fn the_shared_cases_of_tests_fixtures_resume() {
        let fixture = Value::parse(include_str!("../../tests/fixtures/resume/positions.json")).unwrap();
        for case in fixture.get("cases").and_then(Value::as_array).unwrap() {
            let name = case.get("name").and_then(Value::as_str).unwrap();
            let mut position = RunPosition::default();
            let delivered: Vec<i64> = (0..)
                .zip(case.get("items").and_then(Value::as_array).unwrap())
                .filter(|(_, item)| position.take(item))
                .map(|(index, _)| index)
                .collect();
            let expected: Vec<i64> =
                case.get("delivered").and_then(Value::as_array).unwrap().iter().filter_map(Value::as_i64).collect();
            assert_eq!(delivered, expected, "{name}");
            assert_eq!(position.run_id.as_deref(), case.get("run_id").and_then(Value::as_str), "{name}");
            assert_eq!(position.last_seq, case.get("last_seq").and_then(Value::as_i64), "{name}");
            assert_eq!(Some(position.complete), case.get("complete").and_then(Value::as_bool), "{name}");
        }
    }

    #[test]
    fn a_run_is_named_by_its_first_item_and_numbered_by_its_seq_ids() {
        let mut position = RunPosition::default();
        let taken = take_all(
            &mut position,
            &[
                r#"{"message_type":"ping","run_id":"run-1","seq_id":1}"#,
                r#"{"message_type":"assistant_message","run_id":"run-1","seq_id":2}"#,
                r#"{"message_type":"assistant_message","run_id":"run-1","seq_id":3}"#,
            ],
        );
        assert_eq!(taken, [true, true, true]);
        assert_eq!((position.run_id.as_deref(), position.last_seq, position.complete), (Some("run-1"), Some(3), false));
    }

    #[test]
    fn stop_reason_and_usage_count_though_unnumbered_and_usage_completes() {
        let mut position = RunPosition { last_seq: Some(5), ..RunPosition::default() };
        take_all(&mut position, &[r#"{"message_type":"stop_reason","stop_reason":"end_turn"}"#]);
        assert_eq!((position.last_seq, position.complete), (Some(6), false));
        take_all(&mut position, &[r#"{"message_type":"usage_statistics","total_tokens":1}"#]);
        assert_eq!((position.last_seq, position.complete), (Some(7), true));
    }

    #[test]
    fn a_cancelled_stop_reason_completes_and_a_replayed_item_is_skipped() {
        let mut position = RunPosition { last_seq: Some(4), ..RunPosition::default() };
        let taken = take_all(
            &mut position,
            &[
                r#"{"message_type":"assistant_message","seq_id":3}"#,
                r#"{"message_type":"ping","seq_id":1}"#,
                r#"{"message_type":"assistant_message","seq_id":5}"#,
                r#"{"message_type":"stop_reason","stop_reason":"cancelled"}"#,
            ],
        );
        assert_eq!(taken, [false, true, true, true]);
        assert_eq!((position.last_seq, position.complete), (Some(6), true));
    }
}
