//! Size probes: each feature exports one part of letta-wasm, to measure what it costs alone.
use wasm_bindgen::prelude::*;

#[cfg(feature = "framing")]
#[wasm_bindgen]
pub fn frames(chunk: &[u8]) -> usize {
    letta_wasm::sse::FrameDecoder::new().push(chunk).len()
}

#[cfg(feature = "items")]
#[wasm_bindgen]
pub fn items(chunk: &[u8]) -> usize {
    letta_wasm::stream::ItemDecoder::new().push_raw(chunk).into_iter().filter(Result::is_ok).count()
}

#[cfg(feature = "value")]
#[wasm_bindgen]
pub fn values(text: &str) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(text).ok().map(|value| value.to_string())
}

#[cfg(feature = "validate")]
#[wasm_bindgen]
pub fn validate(text: &str) -> usize {
    let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    match letta_wasm::validate::validate_send_params("agent-123e4567-e89b-42d3-a456-426614174000", &value) {
        Ok(valid) => serde_json::to_string(&valid.params).map(|t| t.len()).unwrap_or(0),
        Err(invalid) => invalid.errors.len(),
    }
}

#[cfg(feature = "accumulate")]
#[wasm_bindgen]
pub fn accumulate(text: &str) -> Option<String> {
    let item = letta_wasm::types::StreamItem::from_json(text).ok()?;
    let mut accumulator = letta_wasm::stream::MessageAccumulator::new();
    accumulator.push(&item).and_then(|message| serde_json::to_string(message).ok())
}
