// Shared by tests/wasm_node.rs and tests/wasm_browser.rs: the client over the platform's real
// `fetch` and `ReadableStream`, against the mock Letta server (scripts/mock-letta.mjs), with its fault
// injection (`X-Mock-Fault`). The mock's address comes from LETTA_MOCK_URL at compile time.

use letta_wasm::client::{self, ClientConfig, ClientError, ItemStream, RequestOptions};
use letta_wasm::stream::{MessageAccumulator, StreamError};
use letta_wasm::types::{LettaMessage, LettaResponse, MessageContent, StreamItem};
use serde_json::{Value, json};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const MOCK_URL: &str = match option_env!("LETTA_MOCK_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:18383",
};
const AGENT: &str = match option_env!("LETTA_MOCK_AGENT") {
    Some(agent) => agent,
    None => "agent-00000000-0000-4000-8000-000000000000",
};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn plain_fetch(url: &str) -> js_sys::Promise;
}

/// Send Message params for the client, written with serde_json's `json!`.
fn params(value: Value) -> letta_wasm::json::Value {
    letta_wasm::json::Value::parse(&value.to_string()).unwrap()
}

fn config(max_retries: u32) -> ClientConfig {
    ClientConfig { base_url: MOCK_URL.to_owned(), max_retries, timeout_ms: 10_000.0, ..ClientConfig::default() }
}

fn with_fault(fault: &str) -> RequestOptions {
    RequestOptions { headers: vec![("X-Mock-Fault".to_owned(), fault.to_owned())], ..RequestOptions::default() }
}

/// A marker that makes each test's requests easy to find in the mock's log.
fn marker(name: &str) -> String {
    format!("{name}-{}", (js_sys::Math::random() * 1e9) as u64)
}

/// Every item until the end, and the one error that ended the stream, if any. Checks that nothing
/// follows an error.
async fn drain(mut stream: ItemStream) -> (Vec<StreamItem>, Option<ClientError>) {
    let mut items = Vec::new();
    loop {
        match stream.next_batch().await {
            Ok(Some(batch)) => items.extend(batch.iter().map(|text| StreamItem::from_json(text).unwrap())),
            Ok(None) => return (items, None),
            Err(error) => {
                assert!(matches!(stream.next_batch().await, Ok(None)), "nothing may follow an error");
                return (items, Some(error));
            }
        }
    }
}

fn types(items: &[StreamItem]) -> Vec<&str> {
    items.iter().map(|item| item.message_type().unwrap_or("?")).collect()
}

/// The requests the mock received whose body mentions `needle`.
async fn requests_mentioning(needle: &str) -> Vec<Value> {
    let response: web_sys::Response =
        JsFuture::from(plain_fetch(&format!("{MOCK_URL}/__mock/requests"))).await.unwrap().unchecked_into();
    let text = JsFuture::from(response.text().unwrap()).await.unwrap().as_string().unwrap();
    let all: Value = serde_json::from_str(&text).unwrap();
    let list = all.as_array().cloned().or_else(|| all["requests"].as_array().cloned()).unwrap_or_default();
    list.into_iter().filter(|request| request.to_string().contains(needle)).collect()
}

/// The text of a message's content, when it is a plain string.
fn plain_text(content: &MessageContent) -> Option<String> {
    match content {
        MessageContent::Text(text) => Some(text.clone()),
        MessageContent::Parts(_) => None,
    }
}

fn assistant_text(messages: &[LettaMessage]) -> String {
    messages
        .iter()
        .filter_map(|message| match message {
            LettaMessage::Assistant(assistant) => plain_text(&assistant.content),
            _ => None,
        })
        .collect()
}

#[wasm_bindgen_test]
async fn send_message_resolves_to_a_letta_response() {
    let text = client::send_message(&config(0), AGENT, &params(json!({"input": "Hello there"})), &RequestOptions::default())
        .await
        .unwrap();
    let response: LettaResponse = serde_json::from_str(&text).unwrap();
    assert!(response.messages.iter().any(|message| matches!(message, LettaMessage::Assistant(_))));
    assert_eq!(response.stop_reason.stop_reason.as_str(), "end_turn");
}

#[wasm_bindgen_test]
async fn stream_message_yields_every_item_up_to_done() {
    let stream =
        client::stream_message(&config(0), AGENT, &params(json!({"input": "Hello there"})), &RequestOptions::default())
            .await
            .unwrap();
    let (items, error) = drain(stream).await;
    assert!(error.is_none(), "{error:?}");
    let kinds = types(&items);
    assert_eq!(kinds.first(), Some(&"ping"), "{kinds:?}");
    assert!(kinds.contains(&"assistant_message"), "{kinds:?}");
    assert_eq!(&kinds[kinds.len() - 2..], ["stop_reason", "usage_statistics"]);
}

#[wasm_bindgen_test]
async fn token_deltas_fold_into_the_step_text() {
    let input = json!({"input": "Tell me about the sea"});
    let step = client::stream_message(&config(0), AGENT, &params(input.clone()), &RequestOptions::default()).await.unwrap();
    let (step_items, _) = drain(step).await;
    let mut tokens_params = input.clone();
    tokens_params["stream_tokens"] = json!(true);
    let tokens =
        client::stream_message(&config(0), AGENT, &params(tokens_params), &RequestOptions::default()).await.unwrap();
    let (token_items, error) = drain(tokens).await;
    assert!(error.is_none(), "{error:?}");
    let fold = |items: &[StreamItem]| {
        let mut accumulator = MessageAccumulator::new();
        items.iter().for_each(|item| {
            accumulator.push(item);
        });
        assistant_text(accumulator.messages())
    };
    let deltas = token_items.iter().filter(|item| item.message_type() == Some("assistant_message")).count();
    assert!(deltas > 1, "token streaming should send several deltas, sent {deltas}");
    assert_eq!(fold(&token_items), fold(&step_items));
    assert!(!fold(&step_items).is_empty());
}

#[wasm_bindgen_test]
async fn an_unknown_agent_is_an_api_error_with_the_servers_detail() {
    let missing = "agent-0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f";
    let error =
        client::send_message(&config(0), missing, &params(json!({"input": "hi"})), &RequestOptions::default()).await.unwrap_err();
    let ClientError::Api { status: 404, .. } = &error else { panic!("{error:?}") };
    assert!(error.to_string().starts_with("404 Agent with ID"), "{error}");
}

#[wasm_bindgen_test]
async fn an_invalid_request_is_refused_without_a_network_request() {
    let tag = marker("invalid");
    let body = params(json!({"input": tag, "stream_tokens": true}));
    let error = client::send_message(&config(0), AGENT, &body, &RequestOptions::default()).await.unwrap_err();
    assert!(matches!(error, ClientError::Validation(_)), "{error:?}");
    assert!(requests_mentioning(&tag).await.is_empty(), "a request reached the server");
}

#[wasm_bindgen_test]
async fn an_in_band_error_comes_after_the_items_before_it() {
    let stream = client::stream_message(&config(0), AGENT, &params(json!({"input": "hi"})), &with_fault("error-after=2"))
        .await
        .unwrap();
    let (items, error) = drain(stream).await;
    assert_eq!(items.len(), 3, "two items, then the stop_reason that precedes the error: {:?}", types(&items));
    let Some(ClientError::Stream(StreamError::Server(body))) = &error else { panic!("{error:?}") };
    assert_eq!(body.error_type(), Some("internal_error"));
}

#[wasm_bindgen_test]
async fn a_disconnect_before_done_is_one_error_after_the_items_before_it() {
    let stream = client::stream_message(&config(2), AGENT, &params(json!({"input": "hi"})), &with_fault("disconnect-after=2"))
        .await
        .unwrap();
    let (items, error) = drain(stream).await;
    assert_eq!(items.len(), 2, "{:?}", types(&items));
    assert!(
        matches!(error, Some(ClientError::Stream(StreamError::Incomplete { .. }) | ClientError::Connection { .. })),
        "{error:?}"
    );
}

#[wasm_bindgen_test]
async fn a_malformed_event_is_a_decode_error_after_the_items_before_it() {
    let stream = client::stream_message(&config(0), AGENT, &params(json!({"input": "hi"})), &with_fault("malformed-after=1"))
        .await
        .unwrap();
    let (items, error) = drain(stream).await;
    assert_eq!(items.len(), 1);
    let Some(ClientError::Stream(StreamError::Decode { data, .. })) = &error else { panic!("{error:?}") };
    assert!(!data.is_empty());
}

#[wasm_bindgen_test]
async fn a_server_that_stalls_after_the_headers_times_out() {
    let options = RequestOptions { timeout_ms: Some(300.0), ..with_fault("stall-after-headers") };
    let stream = client::stream_message(&config(0), AGENT, &params(json!({"input": "hi"})), &options).await.unwrap();
    let (items, error) = drain(stream).await;
    assert!(items.is_empty());
    assert!(matches!(error, Some(ClientError::Timeout { .. })), "{error:?}");
}

#[wasm_bindgen_test]
async fn a_stream_that_stalls_mid_body_times_out_after_the_items_before_it() {
    let options = RequestOptions { timeout_ms: Some(300.0), ..with_fault("stall-after=2") };
    let stream = client::stream_message(&config(0), AGENT, &params(json!({"input": "hi"})), &options).await.unwrap();
    let (items, error) = drain(stream).await;
    assert_eq!(items.len(), 2);
    assert!(matches!(error, Some(ClientError::Timeout { .. })), "{error:?}");
}

#[wasm_bindgen_test]
async fn a_503_is_retried_with_the_same_otid_and_then_succeeds() {
    let tag = marker("retry");
    let fault = format!("status=503; retry-after-ms=20; times=2; key={tag}");
    let text = client::send_message(&config(2), AGENT, &params(json!({"input": tag})), &with_fault(&fault)).await.unwrap();
    assert!(serde_json::from_str::<LettaResponse>(&text).is_ok());
    let seen = requests_mentioning(&tag).await;
    assert_eq!(seen.len(), 3, "two refusals, then success");
    let otid = |request: &Value| request["body"]["messages"][0]["otid"].clone();
    assert!(otid(&seen[0]).is_string());
    assert!(seen.iter().all(|request| otid(request) == otid(&seen[0])), "retries must keep the otid");
}

#[wasm_bindgen_test]
async fn retries_end_after_max_retries_with_the_last_error() {
    let tag = marker("exhausted");
    let fault = format!("status=429; retry-after-ms=10; times=10; key={tag}");
    let error = client::send_message(&config(2), AGENT, &params(json!({"input": tag})), &with_fault(&fault)).await.unwrap_err();
    assert!(matches!(error, ClientError::Api { status: 429, .. }), "{error:?}");
    assert_eq!(requests_mentioning(&tag).await.len(), 3);
}

#[wasm_bindgen_test]
async fn a_stream_is_never_retried_once_it_started() {
    let tag = marker("no-retry");
    let stream = client::stream_message(&config(2), AGENT, &params(json!({"input": tag})), &with_fault("disconnect-after=1"))
        .await
        .unwrap();
    let (_, error) = drain(stream).await;
    assert!(error.is_some());
    assert_eq!(requests_mentioning(&tag).await.len(), 1);
}

#[wasm_bindgen_test]
async fn an_abort_before_sending_is_a_user_abort() {
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let options = RequestOptions { signal: Some(controller.signal()), ..RequestOptions::default() };
    let error = client::send_message(&config(0), AGENT, &params(json!({"input": "hi"})), &options).await.unwrap_err();
    assert!(matches!(error, ClientError::UserAbort), "{error:?}");
}

#[wasm_bindgen_test]
async fn an_abort_during_a_stream_is_a_user_abort_after_the_items_before_it() {
    let controller = web_sys::AbortController::new().unwrap();
    let options = RequestOptions { signal: Some(controller.signal()), ..with_fault("drip-ms=100") };
    let mut stream = client::stream_message(&config(0), AGENT, &params(json!({"input": "hi"})), &options).await.unwrap();
    let first = stream.next_batch().await.unwrap().unwrap();
    assert!(!first.is_empty());
    controller.abort();
    let (_, error) = drain(stream).await;
    assert!(matches!(error, Some(ClientError::UserAbort)), "{error:?}");
}

#[wasm_bindgen_test]
async fn a_refused_connection_is_a_connection_error() {
    let config = ClientConfig { base_url: "http://127.0.0.1:9".to_owned(), ..config(0) };
    let error = client::send_message(&config, AGENT, &params(json!({"input": "hi"})), &RequestOptions::default()).await.unwrap_err();
    assert!(matches!(error, ClientError::Connection { .. }), "{error:?}");
}

#[wasm_bindgen_test]
async fn a_one_mebibyte_event_arrives_whole() {
    let options = with_fault("large-event-bytes=1048576");
    let stream = client::stream_message(&config(0), AGENT, &params(json!({"input": "hi"})), &options).await.unwrap();
    let (items, error) = drain(stream).await;
    assert!(error.is_none(), "{error:?}");
    let largest = items
        .iter()
        .filter_map(|item| match item {
            StreamItem::Message(LettaMessage::Assistant(message)) => match &message.content {
                MessageContent::Text(text) => Some(text.len()),
                MessageContent::Parts(_) => None,
            },
            _ => None,
        })
        .max();
    assert!(largest >= Some(1_000_000), "{largest:?}");
}

#[wasm_bindgen_test]
async fn a_wrong_content_type_is_an_invalid_response() {
    let options = with_fault("content-type=text/plain");
    let error = client::stream_message(&config(0), AGENT, &params(json!({"input": "hi"})), &options).await.err();
    assert!(matches!(error, Some(ClientError::InvalidResponse { .. })), "{error:?}");
}

#[wasm_bindgen_test]
async fn an_approval_request_is_answered_and_the_turn_continues() {
    let stream = client::stream_message(&config(0), AGENT, &params(json!({"input": "please delete notes.txt"})), &RequestOptions::default())
        .await
        .unwrap();
    let (items, _) = drain(stream).await;
    let call_id = items
        .iter()
        .find_map(|item| match item {
            StreamItem::Message(LettaMessage::ApprovalRequest(request)) => match &request.tool_calls {
                Some(letta_wasm::types::ToolCalls::List(calls)) => calls.first().map(|call| call.tool_call_id.clone()),
                _ => None,
            },
            _ => None,
        })
        .expect("an approval request");
    let answer = client::prepare::approval_params(&call_id, false, Some("keep it"), None);
    let stream = client::stream_message(&config(0), AGENT, &answer, &RequestOptions::default()).await.unwrap();
    let (items, error) = drain(stream).await;
    assert!(error.is_none(), "{error:?}");
    let denied = items.iter().any(|item| match item {
        StreamItem::Message(LettaMessage::ToolReturn(ret)) => ret.status.as_ref().is_some_and(|s| s.as_str() == "error"),
        _ => false,
    });
    assert!(denied, "{:?}", types(&items));
}

/// Every item of a `MessageStream` until its end, and the error that ended it, if any.
async fn collect(mut stream: client::MessageStream) -> (Vec<StreamItem>, Option<ClientError>, client::MessageStream) {
    use futures_core::Stream;
    let mut items = Vec::new();
    loop {
        match std::future::poll_fn(|cx| std::pin::Pin::new(&mut stream).poll_next(cx)).await {
            Some(Ok(item)) => items.push(item),
            Some(Err(error)) => return (items, Some(error), stream),
            None => return (items, None, stream),
        }
    }
}

#[wasm_bindgen_test]
async fn stream_messages_is_a_stream_of_typed_items() {
    let stream = client::stream_messages(&config(0), AGENT, &params(json!({"input": "Hello there"})), &RequestOptions::default());
    let (items, error, stream) = collect(stream).await;
    assert!(error.is_none(), "{error:?}");
    let kinds = types(&items);
    assert!(!kinds.contains(&"ping"), "pings only when asked for: {kinds:?}");
    assert_eq!(&kinds[kinds.len() - 2..], ["stop_reason", "usage_statistics"]);
    assert_eq!(stream.resumes(), 0);
}

#[wasm_bindgen_test]
async fn a_background_stream_cut_mid_way_resumes_and_gives_every_item_once() {
    let input = json!({"input": "What's the weather in Lisbon?", "background": true});
    let whole = client::stream_messages(&config(2), AGENT, &params(input.clone()), &RequestOptions::default());
    let (expected, error, _) = collect(whole).await;
    assert!(error.is_none(), "{error:?}");
    let cut = with_fault(&format!("disconnect-after=3; times=1; key={}", marker("cut")));
    let (items, error, stream) = collect(client::stream_messages(&config(2), AGENT, &params(input), &cut)).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(stream.resumes(), 1);
    assert!(stream.run_id().is_some_and(|id| id.starts_with("run-")));
    assert_eq!(types(&items), types(&expected), "the same items as the uncut stream, each once");
}

#[wasm_bindgen_test]
async fn cancel_stops_the_run_and_the_stream_ends_with_cancelled() {
    use futures_core::Stream;
    let input = json!({"input": "/drip 80 /long 200 a long story", "background": true, "stream_tokens": true});
    let mut stream = client::stream_messages(&config(2), AGENT, &params(input), &RequestOptions::default());
    let mut items = Vec::new();
    while stream.run_id().is_none() || items.len() < 3 {
        let next = std::future::poll_fn(|cx| std::pin::Pin::new(&mut stream).poll_next(cx)).await;
        items.push(next.expect("an item").expect("no error"));
    }
    let answer = stream.cancel().await.unwrap();
    assert!(answer.contains(stream.run_id().unwrap()), "{answer}");
    let (rest, error, _) = collect(stream).await;
    assert!(error.is_none(), "{error:?}");
    let last = rest.iter().rev().find(|item| matches!(item, StreamItem::StopReason(_)));
    let Some(StreamItem::StopReason(reason)) = last else { panic!("{:?}", types(&rest)) };
    assert_eq!(reason.stop_reason.as_str(), "cancelled");
}

fn in_conversation(conversation_id: &str) -> RequestOptions {
    RequestOptions { conversation_id: Some(conversation_id.to_owned()), ..RequestOptions::default() }
}

async fn new_conversation() -> String {
    let text = client::create_conversation(&config(0), AGENT, Some("a test"), &RequestOptions::default()).await.unwrap();
    let conversation: Value = serde_json::from_str(&text).unwrap();
    conversation["id"].as_str().unwrap().to_owned()
}

fn page(text: &str) -> Vec<LettaMessage> {
    serde_json::from_str(text).unwrap()
}

fn ids(messages: &[LettaMessage]) -> Vec<String> {
    messages.iter().map(|message| message.id().unwrap_or_default().to_owned()).collect()
}

#[wasm_bindgen_test]
async fn history_pages_are_newest_first_for_desc_and_oldest_first_for_asc_on_both_routes() {
    let conversation_id = new_conversation().await;
    for text in ["first question", "second question"] {
        let stream = client::stream_messages(&config(0), AGENT, &params(json!({"input": text})), &in_conversation(&conversation_id));
        let (_, error, _) = collect(stream).await;
        assert!(error.is_none(), "{error:?}");
    }
    let query = |ascending, conversation: Option<&str>| client::MessageQuery {
        limit: Some(50),
        ascending,
        conversation_id: conversation.map(str::to_owned),
        ..client::MessageQuery::default()
    };
    let options = RequestOptions::default();
    let oldest_first = page(&client::list_messages(&config(0), AGENT, &query(true, Some(&conversation_id)), &options).await.unwrap());
    let newest_first = page(&client::list_messages(&config(0), AGENT, &query(false, Some(&conversation_id)), &options).await.unwrap());
    let users = |messages: &[LettaMessage]| -> Vec<String> {
        messages
            .iter()
            .filter_map(|message| match message {
                LettaMessage::User(user) => plain_text(&user.content),
                _ => None,
            })
            .collect()
    };
    assert_eq!(users(&oldest_first), ["first question", "second question"]);
    let mut reversed = ids(&newest_first);
    reversed.reverse();
    assert_eq!(reversed, ids(&oldest_first), "desc is asc turned around");
    // The agent's own thread, whose desc pages the server sends oldest first: the same rule.
    let marker = marker("own-thread");
    let stream = client::stream_messages(&config(0), AGENT, &params(json!({"input": marker.clone()})), &options);
    assert!(collect(stream).await.1.is_none());
    let newest = page(&client::list_messages(&config(0), AGENT, &client::MessageQuery { limit: Some(3), ..Default::default() }, &options).await.unwrap());
    let position = newest.iter().position(|message| matches!(message, LettaMessage::User(_))).expect("the user message");
    assert!(users(&newest[position..]).first().is_some_and(|text| *text == marker), "{:?}", users(&newest));
    assert!(position > 0, "the reply, newer than the question, comes first: {:?}", ids(&newest));
}

#[wasm_bindgen_test]
async fn a_conversation_stream_cut_before_its_first_frame_is_sent_again_with_the_same_otid() {
    let conversation_id = new_conversation().await;
    let options = RequestOptions {
        headers: vec![("X-Mock-Fault".to_owned(), format!("disconnect-after=0; times=1; key={}", marker("resend")))],
        ..in_conversation(&conversation_id)
    };
    let input = json!({"input": "/drip 20 /long 8 hello", "background": true});
    let (items, error, stream) = collect(client::stream_messages(&config(2), AGENT, &params(input), &options)).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(stream.resumes(), 1);
    assert_eq!(types(&items).last(), Some(&"usage_statistics"));
    let sends = requests_mentioning(&format!("/conversations/{conversation_id}/messages")).await;
    assert_eq!(sends.len(), 2, "{sends:?}");
    let otid = |request: &Value| request["body"]["messages"][0]["otid"].as_str().map(str::to_owned);
    assert!(otid(&sends[0]).is_some());
    assert_eq!(otid(&sends[0]), otid(&sends[1]));
}

#[wasm_bindgen_test]
async fn an_agent_stream_cut_before_its_first_frame_is_not_sent_again() {
    let options = with_fault(&format!("disconnect-after=0; times=1; key={}", marker("no-resend")));
    let input = json!({"input": marker("agent-cut"), "background": true});
    let (items, error, stream) = collect(client::stream_messages(&config(2), AGENT, &params(input), &options)).await;
    assert!(error.is_some(), "{:?}", types(&items));
    assert!(items.is_empty());
    assert_eq!(stream.resumes(), 0);
}

#[wasm_bindgen_test]
async fn conversations_are_created_and_listed_and_cancel_with_nothing_running_is_empty() {
    let conversation_id = new_conversation().await;
    let list = client::list_conversations(&config(0), AGENT, Some(50), &RequestOptions::default()).await.unwrap();
    let list: Value = serde_json::from_str(&list).unwrap();
    assert!(list.as_array().unwrap().iter().any(|conversation| conversation["id"] == conversation_id.as_str()));
    let answer = client::cancel_conversation(&config(0), AGENT, &conversation_id, &RequestOptions::default()).await.unwrap();
    assert_eq!(answer, "{}");
}
