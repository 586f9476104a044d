//! [`ItemStream`]: the body of a streaming response read chunk by chunk from its `ReadableStream`,
//! decoded into stream items as each chunk lands, with an idle timeout between chunks.

use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, ReadableStreamReadResult};

use super::ClientError;
use super::transport::{Deadline, Started, chunk_bytes};
use crate::stream::{ItemDecoder, RawItem, StreamError};

/// A stream of items being received.
pub struct ItemStream {
    reader: ReadableStreamDefaultReader,
    deadline: Rc<Deadline>,
    decoder: ItemDecoder,
    queue: VecDeque<Result<RawItem, StreamError>>,
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
            deadline: Rc::new(deadline),
            decoder: ItemDecoder::new(),
            queue: VecDeque::new(),
            finished: false,
            closed: false,
        })
    }

    /// The next items: every item already decoded, reading more of the body when none is. `None` at
    /// the end. An error comes after the items before it, and ends the stream.
    pub async fn next_batch(&mut self) -> Result<Option<Vec<RawItem>>, ClientError> {
        loop {
            match self.queue.front() {
                Some(Err(_)) => {
                    let Some(Err(error)) = self.queue.pop_front() else { continue };
                    // The first error ends the stream: nothing after it is delivered.
                    self.queue.clear();
                    self.close();
                    return Err(ClientError::Stream(error));
                }
                Some(Ok(_)) => {
                    let mut batch = Vec::new();
                    while let Some(Ok(_)) = self.queue.front() {
                        if let Some(Ok(item)) = self.queue.pop_front() {
                            batch.push(item);
                        }
                    }
                    return Ok(Some(batch));
                }
                None if self.finished => return Ok(None),
                None => self.read_chunk().await?,
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
            self.finished = true;
            if let Err(error) = std::mem::take(&mut self.decoder).finish() {
                self.queue.push_back(Err(error));
            }
            self.closed = true;
            self.reader.release_lock();
            return Ok(());
        }
        self.queue.extend(self.decoder.push_raw(&chunk_bytes(&result.get_value())));
        if self.decoder.is_done() {
            // `[DONE]`: nothing more is needed from the connection.
            self.close();
        }
        Ok(())
    }

    /// Hands the body over to a caller that reads it itself (the JavaScript `MessageStream`, which
    /// saves a round of promises per chunk): the reader, the decoder and the deadline whose signal
    /// aborts the request. The caller closes them; this stream no longer does.
    #[cfg_attr(not(feature = "js-api"), allow(dead_code))]
    pub(crate) fn into_parts(mut self) -> (ReadableStreamDefaultReader, ItemDecoder, Rc<Deadline>) {
        self.closed = true;
        self.finished = true;
        (self.reader.clone(), std::mem::take(&mut self.decoder), self.deadline.clone())
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
