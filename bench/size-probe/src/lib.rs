//! Size probes: each feature exports one part of letta-wasm, to measure what it costs alone.
use wasm_bindgen::prelude::*;

#[cfg(feature = "alloc-talc")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

#[cfg(feature = "alloc-lol")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

#[cfg(feature = "alloc")]
#[wasm_bindgen]
pub fn allocated(length: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(length);
    bytes.resize(length, 7);
    bytes
}

#[cfg(feature = "fmt")]
#[wasm_bindgen]
pub fn formatted(number: u32) -> String {
    format!("number {number}")
}

#[cfg(feature = "framing")]
#[wasm_bindgen]
pub fn frames(chunk: &[u8]) -> usize {
    letta_wasm::sse::FrameDecoder::new().push(chunk).len()
}

#[cfg(feature = "json")]
#[wasm_bindgen]
pub fn values(text: &str) -> Option<String> {
    letta_wasm::json::Value::parse(text).ok().map(|value| value.to_string())
}

#[cfg(feature = "items")]
#[wasm_bindgen]
pub fn items(chunk: &[u8]) -> usize {
    letta_wasm::stream::ItemDecoder::new().push_checked(chunk).into_iter().filter(Result::is_ok).count()
}

#[cfg(feature = "response")]
#[wasm_bindgen]
pub fn response(text: &str) -> bool {
    letta_wasm::schema::check_response(text).is_ok()
}

#[cfg(feature = "validate")]
#[wasm_bindgen]
pub fn validate(text: &str) -> usize {
    let value = letta_wasm::json::Value::parse(text).unwrap_or_default();
    match letta_wasm::validate::check_send_params("agent-123e4567-e89b-42d3-a456-426614174000", &value) {
        Ok(valid) => valid.body.to_string().len(),
        Err(invalid) => invalid.errors.len(),
    }
}

#[cfg(feature = "serde-items")]
#[wasm_bindgen]
pub fn typed_items(chunk: &[u8]) -> usize {
    letta_wasm::stream::ItemDecoder::new().push(chunk).into_iter().filter(Result::is_ok).count()
}

#[cfg(feature = "serde-value")]
#[wasm_bindgen]
pub fn serde_values(text: &str) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(text).ok().map(|value| value.to_string())
}

#[cfg(feature = "post-gloo")]
#[wasm_bindgen]
pub async fn post_gloo(url: String, body: String) -> Result<String, JsValue> {
    let request = gloo_net::http::Request::post(&url)
        .header("content-type", "application/json")
        .header("authorization", "Bearer key")
        .body(body)
        .map_err(|error| JsValue::from_str(&error.to_string()))?;
    let response = request.send().await.map_err(|error| JsValue::from_str(&error.to_string()))?;
    response.text().await.map_err(|error| JsValue::from_str(&error.to_string()))
}

#[cfg(feature = "post-websys")]
#[wasm_bindgen]
pub async fn post_websys(url: String, body: String) -> Result<String, JsValue> {
    use wasm_bindgen::JsCast;
    let headers = web_sys::Headers::new()?;
    headers.set("content-type", "application/json")?;
    headers.set("authorization", "Bearer key")?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&body));
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(&url, &init)).await?.dyn_into()?;
    let text = wasm_bindgen_futures::JsFuture::from(response.text()?).await?;
    text.as_string().ok_or_else(|| JsValue::from_str("not text"))
}
