//! [`MessageStream`]: the reply of [`stream_messages`](super::stream_messages) as a
//! `futures_core::Stream` of typed [`StreamItem`]s. A background stream (`background: true`) whose
//! body fails for a transport reason (a connection error, a timeout, a body cut before `[DONE]`)
//! resumes from the last sequence number it took, as the npm package's `MessageStream` does, so
//! that every item comes once; [`cancel`](MessageStream::cancel) stops the run on the server.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::resume::RunPosition;
use super::{ClientConfig, ClientError, ItemStream, RequestOptions, resume_stream};
use crate::json::Value;
use crate::stream::StreamError;
use crate::types::StreamItem;

pub(super) type Opening = Pin<Box<dyn Future<Output = Result<ItemStream, ClientError>>>>;
/// Sends the stream's request again (the same body, so the same message otids).
pub(super) type Resend = Box<dyn Fn() -> Opening>;
type Reading = Pin<Box<dyn Future<Output = (ItemStream, Result<Option<Vec<String>>, ClientError>)>>>;

enum State {
    /// Waiting for the response (the first request, or a resume).
    Opening(Opening),
    /// Between two reads of the body.
    Idle(ItemStream),
    /// Reading the body.
    Reading(Reading),
    /// Nothing more will be read.
    Finished,
}

/// The items of one reply, typed, in order, each once across resumes. Poll it as a
/// `futures_core::Stream` (`while let Some(item) = stream.next().await` with `futures` or
/// `futures-lite`). An error ends it, after every item before it.
pub struct MessageStream {
    config: ClientConfig,
    options: RequestOptions,
    agent_id: String,
    /// Set for a conversation's stream: Letta re-attaches a request sent again with the same message
    /// otids on a conversation's route (measured on 0.16.8), so a body that fails before its run is
    /// known is sent again. (The agent's route would start a second run.)
    resend: Option<Resend>,
    state: State,
    queue: VecDeque<StreamItem>,
    error: Option<ClientError>,
    run: RunPosition,
    resumable: bool,
    yield_pings: bool,
    failures: u32,
    resumes: u32,
}

impl MessageStream {
    pub(super) fn new(
        config: ClientConfig,
        options: RequestOptions,
        agent_id: String,
        opening: Opening,
        params: &Value,
        resend: Option<Resend>,
    ) -> Self {
        let flag = |name: &str| matches!(params.get(name), Some(Value::Bool(true)));
        Self {
            config,
            options,
            agent_id,
            resend,
            state: State::Opening(opening),
            queue: VecDeque::new(),
            error: None,
            run: RunPosition::default(),
            resumable: flag("background"),
            yield_pings: flag("include_pings"),
            failures: 0,
            resumes: 0,
        }
    }

    /// The run's id, once an item has named it.
    pub fn run_id(&self) -> Option<&str> {
        self.run.run_id.as_deref()
    }

    /// The sequence number of the last item taken from the body (what a resume starts after).
    pub fn last_seq_id(&self) -> Option<i64> {
        self.run.last_seq
    }

    /// How many times the body was resumed after a transport failure.
    pub fn resumes(&self) -> u32 {
        self.resumes
    }

    /// Cancels the stream's run on the server (`POST /v1/agents/{agent_id}/messages/cancel` with its
    /// id) and returns the server's answer, `{ run_id: status }`. The stream goes on: the server ends
    /// it with the stop reason `cancelled`. Before an item has named the run, a conversation's stream
    /// cancels whatever runs in the conversation (`POST /v1/conversations/{id}/cancel`); an agent's
    /// stream has nothing to cancel by id, and this returns `"{}"` without a request (a cancel without
    /// ids stops whatever run the server last started for the agent, which a moment after sending is
    /// the one before).
    pub async fn cancel(&self) -> Result<String, ClientError> {
        match (self.run.run_id.clone(), self.options.conversation_id.as_deref()) {
            (Some(run_id), _) => super::wasm::cancel_runs(&self.config, &self.agent_id, &[run_id], &self.options).await,
            (None, Some(conversation_id)) => {
                super::wasm::cancel_conversation(&self.config, &self.agent_id, conversation_id, &self.options).await
            }
            (None, None) => Ok("{}".to_owned()),
        }
    }

    /// Takes a batch of item texts (each already checked against its shape) into the queue.
    fn take(&mut self, batch: Vec<String>) {
        for text in batch {
            let item = match StreamItem::from_json(&text) {
                Ok(item) => item,
                Err(error) => {
                    self.error = Some(ClientError::InvalidResponse {
                        message: format!("a stream item that does not decode: {error}"),
                    });
                    return;
                }
            };
            let Ok(json) = Value::parse(&text) else { continue };
            if !self.run.take(&json) {
                continue;
            }
            self.failures = 0;
            if matches!(item, StreamItem::Ping(_)) && !self.yield_pings {
                continue;
            }
            self.queue.push_back(item);
        }
    }

    /// The body failed with `error`: resume it, or end the stream with it after the items queued.
    fn drop_body(&mut self, error: ClientError) {
        let transport = matches!(
            error,
            ClientError::Connection { .. }
                | ClientError::Timeout { .. }
                | ClientError::Stream(StreamError::Incomplete { .. })
        );
        // Everything came but `[DONE]`: a resume would find nothing more (and wait for ever).
        if self.resumable && self.run.complete && transport {
            self.state = State::Finished;
            return;
        }
        let budget = self.options.max_retries.unwrap_or(self.config.max_retries);
        let again = self.resumable && transport && self.failures < budget;
        match (self.run.run_id.clone(), &self.resend) {
            (Some(run_id), _) if again => {
                self.failures += 1;
                self.resumes += 1;
                let (config, options, after) =
                    (self.config.clone(), self.options.clone(), self.run.last_seq.unwrap_or(0));
                self.state = State::Opening(Box::pin(async move {
                    resume_stream(&config, &run_id, Some(after), Some(true), &options).await
                }));
            }
            // Nothing was delivered before the run had an id: send the same request again.
            (None, Some(resend)) if again => {
                self.failures += 1;
                self.resumes += 1;
                self.state = State::Opening(resend());
            }
            _ => {
                self.error = Some(error);
                self.state = State::Finished;
            }
        }
    }
}

impl Stream for MessageStream {
    type Item = Result<StreamItem, ClientError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(item) = this.queue.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if let Some(error) = this.error.take() {
                this.state = State::Finished;
                return Poll::Ready(Some(Err(error)));
            }
            match std::mem::replace(&mut this.state, State::Finished) {
                State::Finished => return Poll::Ready(None),
                State::Opening(mut opening) => match opening.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::Opening(opening);
                        return Poll::Pending;
                    }
                    Poll::Ready(Ok(body)) => this.state = State::Idle(body),
                    Poll::Ready(Err(error)) => this.drop_body(error),
                },
                State::Idle(mut body) => {
                    // A background run is complete after its usage (or a cancelled stop reason):
                    // Letta may keep the body open, or a resume would wait for nothing.
                    if this.resumable && this.run.complete {
                        body.close();
                        continue;
                    }
                    this.state = State::Reading(Box::pin(async move {
                        let batch = body.next_batch().await;
                        (body, batch)
                    }));
                }
                State::Reading(mut reading) => match reading.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::Reading(reading);
                        return Poll::Pending;
                    }
                    Poll::Ready((body, Ok(Some(batch)))) => {
                        this.take(batch);
                        this.state = State::Idle(body);
                    }
                    Poll::Ready((_, Ok(None))) => {}
                    Poll::Ready((_, Err(error))) => this.drop_body(error),
                },
            }
        }
    }
}
