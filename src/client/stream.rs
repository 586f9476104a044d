//! [`ItemStream`]: the body of a streaming response read chunk by chunk from its `ReadableStream`,
//! decoded into stream items as each chunk lands, with an idle timeout between chunks.

use std::collections::VecDeque;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, ReadableStreamReadResult};

use super::ClientError;
use super::transport::{Deadline, Started, chunk_bytes};
use crate::stream::{ItemDecoder, StreamError};

/// A stream of items being received.
pub struct ItemStream {
    reader: ReadableStreamDefaultReader,
    deadline: Deadline,
    decoder: ItemDecoder,
    queue: VecDeque<Result<String, StreamError>>,
    /// No more chunks will be read.
    finished: bool,
    /// The reader was released or cancelled.
    closed: bool,
}

impl ItemStream {
    /// Starts reading a response that began well. Refuses one that is not an event stream.
    pub(crate) fn new(started: Started) -> Result<Self, ClientError> {
        let Started { response, deadline } = started;
        let content_type = response.headers().get("content-type").ok().flatten().unwrap_or_default();
        if !content_type.to_ascii_lowercase().starts_with("text/event-stream") {
            deadline.cancel();
            let shown = if content_type.is_empty() { "none".to_owned() } else { content_type };
            return Err(ClientError::InvalidResponse {
                message: format!("expected an event stream (text/event-stream), got content type {shown}"),
            });
        }
        let Some(body) = response.body() else {
            return Err(ClientError::Stream(StreamError::Incomplete { pending_bytes: 0 }));
        };
        let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
        Ok(Self {
            reader,
            deadline,
            decoder: ItemDecoder::new(),
            queue: VecDeque::new(),
            finished: false,
            closed: false,
        })
    }

    /// The next items, as the server's JSON text of each (checked against its shape, so it decodes
    /// into a `types::StreamItem`): every item already decoded, reading more of the body when none is.
    /// `None` at the end. An error comes after the items before it, and ends the stream.
    pub async fn next_batch(&mut self) -> Result<Option<Vec<String>>, ClientError> {
        loop {
            match self.take_ready() {
                Some(ready) => return ready.map(Some),
                None if self.finished => return Ok(None),
                None => self.read_chunk().await?,
            }
        }
    }

    /// The items decoded so far (up to the first error), or that error once they are taken; `None`
    /// when nothing is waiting. The first error ends the stream: nothing after it is delivered.
    pub(crate) fn take_ready(&mut self) -> Option<Result<Vec<String>, ClientError>> {
        match self.queue.pop_front()? {
            Err(error) => {
                self.queue.clear();
                self.close();
                Some(Err(ClientError::Stream(error)))
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

    /// Reads one chunk (or the end) into the queue.
    async fn read_chunk(&mut self) -> Result<(), ClientError> {
        self.deadline.arm();
        let read = self.deadline.wait(self.reader.read()).await;
        self.deadline.disarm();
        let result: ReadableStreamReadResult = match read {
            Ok(result) => result.unchecked_into(),
            Err(error) => {
                self.close();
                return Err(error);
            }
        };
        if result.get_done().unwrap_or(false) {
            self.end_body();
        } else {
            self.push_chunk(&chunk_bytes(&result.get_value()));
        }
        Ok(())
    }

    /// Decodes a chunk of the body into the queue; after `[DONE]` lets the connection go.
    pub(crate) fn push_chunk(&mut self, chunk: &[u8]) {
        self.queue.extend(self.decoder.push_checked(chunk));
        if self.decoder.is_done() {
            // `[DONE]`: nothing more is needed from the connection.
            self.close();
        }
    }

    /// The end of the body: a body cut off before `[DONE]` queues the error that says so.
    pub(crate) fn end_body(&mut self) {
        self.finished = true;
        if let Err(error) = std::mem::take(&mut self.decoder).finish() {
            self.queue.push_back(Err(error));
        }
        self.closed = true;
        self.reader.release_lock();
    }

    /// Whether `data: [DONE]` has arrived.
    #[cfg_attr(not(feature = "js-api"), allow(dead_code))]
    pub(crate) fn is_done(&self) -> bool {
        self.decoder.is_done()
    }

    /// The body's reader, for a caller that reads the chunks itself and hands them to
    /// [`push_chunk`](Self::push_chunk) (the JavaScript `MessageStream`, which saves a round of
    /// promises per chunk).
    #[cfg_attr(not(feature = "js-api"), allow(dead_code))]
    pub(crate) fn reader(&self) -> &ReadableStreamDefaultReader {
        &self.reader
    }

    /// The deadline whose signal aborts the request (its timeout, and what a failed read means).
    #[cfg_attr(not(feature = "js-api"), allow(dead_code))]
    pub(crate) fn deadline(&self) -> &Deadline {
        &self.deadline
    }

    /// Stops reading: aborts the request and cancels the body so the connection is released.
    pub fn close(&mut self) {
        self.finished = true;
        if std::mem::replace(&mut self.closed, true) {
            return;
        }
        self.deadline.disarm();
        let cancelled = self.reader.cancel();
        self.deadline.cancel();
        // Swallow the cancellation's outcome so it never surfaces as an unhandled rejection.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(cancelled).await;
        });
    }
}

impl Drop for ItemStream {
    fn drop(&mut self) {
        self.close();
    }
}
