//! [`ItemStream`]: the body of a streaming response read chunk by chunk from its `ReadableStream`,
//! decoded into stream items as each chunk lands, with an idle timeout between chunks.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, ReadableStreamReadResult};

use super::ClientError;
use super::transport::{Deadline, Started, chunk_bytes};
use crate::stream::{ItemBatches, StreamError};

/// A stream of items being received.
pub struct ItemStream {
    reader: ReadableStreamDefaultReader,
    deadline: Deadline,
    batches: ItemBatches,
    /// No more chunks will be read.
    finished: bool,
    /// The reader is released or cancelled.
    closed: bool,
}

impl ItemStream {
    /// Starts reading a successful response, which must be an event stream.
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
        Ok(Self { reader, deadline, batches: ItemBatches::new(), finished: false, closed: false })
    }

    /// The next items, as the server's JSON text of each (checked against its shape, so it decodes
    /// into a `types::StreamItem`): every item already decoded, reading more of the body when none is.
    /// `None` at the end. An error comes after the items before it, and ends the stream.
    pub async fn next_batch(&mut self) -> Result<Option<Vec<String>>, ClientError> {
        loop {
            match self.batches.take_ready() {
                Some(Ok(items)) => return Ok(Some(items)),
                Some(Err(error)) => {
                    self.close();
                    return Err(ClientError::Stream(error));
                }
                None if self.finished => return Ok(None),
                None => self.read_chunk().await?,
            }
        }
    }

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
            self.finished = true;
            self.batches.end();
            self.closed = true;
            self.reader.release_lock();
        } else {
            self.batches.push(&chunk_bytes(&result.get_value()));
            if self.batches.is_done() {
                // `[DONE]`: nothing more is needed from the connection.
                self.close();
            }
        }
        Ok(())
    }

    /// Stops reading: cancels the body and aborts the request. Items already decoded are still
    /// returned by [`next_batch`](Self::next_batch).
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
