//! [`ItemBatches`]: a stream's items in the batches a body reader wants them, with one rule for errors:
//! an error comes after every item before it, alone, and nothing comes after it.

use std::collections::VecDeque;

use super::{ItemDecoder, StreamError};

/// The items of one streaming body, chunk by chunk: [`push`](Self::push) each chunk,
/// [`end`](Self::end) at the end of the body, and [`take_ready`](Self::take_ready) what is decoded.
/// Items are the server's JSON text, checked against their shapes.
///
/// ```
/// use letta_wasm::stream::ItemBatches;
///
/// let mut batches = ItemBatches::new();
/// batches.push(b"data: {\"message_type\":\"stop_reason\",\"stop_reason\":\"end_turn\"}\n\ndata: [DONE]\n\n");
/// assert!(batches.is_done());
/// let items = batches.take_ready().unwrap().unwrap();
/// assert_eq!(items, [r#"{"message_type":"stop_reason","stop_reason":"end_turn"}"#]);
/// assert!(batches.take_ready().is_none());
/// ```
#[derive(Debug, Default)]
pub struct ItemBatches {
    decoder: ItemDecoder,
    queue: VecDeque<Result<String, StreamError>>,
    failed: bool,
    ended: bool,
}

impl ItemBatches {
    /// Batches over a decoder with the default SSE settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Decodes a chunk of the body. Nothing is decoded after `[DONE]` or an error.
    pub fn push(&mut self, chunk: &[u8]) {
        if !self.failed && !self.ended {
            self.queue.extend(self.decoder.push_checked(chunk));
        }
    }

    /// The body ended: a stream cut off before `[DONE]` (or an error event) is an error.
    pub fn end(&mut self) {
        if std::mem::replace(&mut self.ended, true) || self.failed {
            return;
        }
        if let Err(error) = std::mem::take(&mut self.decoder).finish() {
            self.queue.push_back(Err(error));
        }
    }

    /// Whether `[DONE]` has come: nothing more is needed from the connection.
    pub fn is_done(&self) -> bool {
        self.decoder.is_done()
    }

    /// Whether the stream has failed (the error may still be waiting in [`take_ready`](Self::take_ready)).
    pub fn has_failed(&self) -> bool {
        self.failed || self.queue.iter().any(Result::is_err)
    }

    /// The items decoded so far, up to the first error; then that error, alone. `None` when nothing is
    /// waiting.
    pub fn take_ready(&mut self) -> Option<Result<Vec<String>, StreamError>> {
        match self.queue.pop_front()? {
            Err(error) => {
                self.queue.clear();
                self.failed = true;
                Some(Err(error))
            }
            Ok(first) => {
                let mut batch = vec![first];
                while let Some(Ok(_)) = self.queue.front() {
                    if let Some(Ok(item)) = self.queue.pop_front() {
                        batch.push(item);
                    }
                }
                Some(Ok(batch))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ItemBatches;

    #[test]
    fn an_error_comes_alone_after_the_items_before_it_and_nothing_after() {
        let mut batches = ItemBatches::new();
        batches.push(b"data: {\"message_type\":\"future\"}\n\ndata: {oops}\n\ndata: {\"message_type\":\"x\"}\n\n");
        assert!(batches.has_failed());
        assert_eq!(batches.take_ready().unwrap().unwrap().len(), 1);
        assert!(batches.take_ready().unwrap().is_err());
        assert!(batches.take_ready().is_none());
        batches.push(b"data: {\"message_type\":\"y\"}\n\n");
        batches.end();
        assert!(batches.take_ready().is_none(), "nothing after an error");
    }

    #[test]
    fn a_body_that_ends_before_done_is_an_error() {
        let mut batches = ItemBatches::new();
        batches.push(b"data: {\"message_type\":\"future\"}\n\n");
        batches.end();
        assert_eq!(batches.take_ready().unwrap().unwrap().len(), 1);
        assert!(batches.take_ready().unwrap().is_err());
    }
}
