//! `MessageAccumulator` for JavaScript: folds stream items into whole messages. Items that need no
//! folding are returned as the very objects that were passed in.

use wasm_bindgen::prelude::*;

use super::errors::to_js;
use crate::stream::MessageAccumulator;
use crate::types::StreamItem;

/// Folds token deltas into whole messages, in arrival order.
#[wasm_bindgen(js_name = MessageAccumulator)]
#[derive(Default)]
pub struct JsMessageAccumulator {
    inner: MessageAccumulator,
    messages: Vec<JsValue>,
}

#[wasm_bindgen(js_class = MessageAccumulator)]
impl JsMessageAccumulator {
    /// An empty accumulator.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Self {
        Self::default()
    }

    /// Folds `item` in and returns the whole message so far, or `undefined` for items that are not
    /// messages (pings, stop reasons, usage).
    pub fn push(&mut self, item: JsValue) -> Result<JsValue, JsValue> {
        let text: String = js_sys::JSON::stringify(&item)?.into();
        let parsed = StreamItem::from_json(&text)
            .map_err(|error| JsValue::from(js_sys::TypeError::new(&format!("not a stream item: {error}"))))?;
        let Some(folded) = self.inner.fold(&parsed) else { return Ok(JsValue::UNDEFINED) };
        let message = if folded.changed { to_js(&self.inner.messages()[folded.index]) } else { item };
        match self.messages.get_mut(folded.index) {
            Some(slot) => *slot = message.clone(),
            None => self.messages.push(message.clone()),
        }
        Ok(message)
    }

    /// The whole messages so far, in the order their first delta arrived.
    #[wasm_bindgen(getter)]
    pub fn messages(&self) -> js_sys::Array {
        self.messages.iter().collect()
    }
}
