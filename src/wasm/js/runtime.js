// The JavaScript half of letta-wasm, and the package's API: LettaClient, sendMessage, streamMessage,
// validateSendParams, the error classes, MessageStream and MessageAccumulator. It owns the I/O that
// only JavaScript can do (fetch, timers, abort signals); the WebAssembly module does the rest: request
// bodies and their validation, the retry policy, error messages, and decoding stream bodies (SSE
// framing plus a check of every item against its shape). build.sh copies this file into the package.
import * as wasm from './letta_wasm.js';

// ───────────────────────── errors ─────────────────────────

/** The base class of every error letta-wasm throws. */
export class LettaError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The server answered with an error status. */
export class APIError extends LettaError {
  constructor(message, status, headers, error, body) {
    super(message);
    /** The HTTP status. */
    this.status = status;
    /** The response headers. */
    this.headers = headers;
    /** The parsed JSON error body, or undefined when the body is not JSON. */
    this.error = error;
    /** The raw body text. */
    this.body = body;
  }
}

/** The request could not be sent, or the connection broke. */
export class APIConnectionError extends LettaError {}

/** No response, or no stream chunk, arrived within the timeout. */
export class APIConnectionTimeoutError extends APIConnectionError {
  constructor(message = 'Request timed out.') {
    super(message);
  }
}

/** The caller aborted the request (its AbortSignal fired). */
export class APIUserAbortError extends LettaError {
  constructor(message = 'Request was aborted.') {
    super(message);
  }
}

/** The request failed validation; nothing was sent. */
export class ValidationError extends LettaError {
  constructor(message, issues, warnings) {
    super(message);
    /** Every error: `{ path, code, message, severity, location }`. */
    this.issues = issues;
    /** What the server would tolerate. */
    this.warnings = warnings;
  }
}

/** The stream failed after it started: an in-band error event, a bad item, or a cut-off body. */
export class StreamError extends LettaError {
  constructor(message, errorType, error, data) {
    super(message);
    /** The server's `error_type` (`internal_error`, `llm_error`, …), or a client-side kind:
     *  `decode_error`, `incomplete_stream`, `invalid_event_stream`, `invalid_response`. */
    this.errorType = errorType;
    /** The parsed body of the server's `event: error` frame, when there was one. */
    this.error = error;
    /** The raw frame data that could not be decoded, when that is the problem. */
    this.data = data;
  }
}

const timeoutError = (timeoutMs) => new APIConnectionTimeoutError(`request timed out after ${timeoutMs} ms`);

const invalidResponse = (message) => new StreamError(`invalid response: ${message}`, 'invalid_response');

/** A failed `fetch` or read: its message, and the code or message of its cause (`ECONNREFUSED`). */
function connectionError(rejection) {
  const text = (value, key) => {
    try {
      const field = value?.[key];
      return typeof field === 'string' ? field : undefined;
    } catch {
      return undefined;
    }
  };
  let message = text(rejection, 'message') ?? (typeof rejection === 'string' ? rejection : 'fetch failed');
  const cause = rejection !== null && typeof rejection === 'object' ? rejection.cause : undefined;
  const detail = text(cause, 'code') ?? text(cause, 'message');
  if (detail !== undefined) message = `${message} (${detail})`;
  return new APIConnectionError(`connection error: ${message}`);
}

/** A `StreamError` from the decoder's JSON description of it. */
function streamError(description) {
  const { message, errorType, error, data } = JSON.parse(description);
  return new StreamError(message, errorType, error, data);
}

// ───────────────────────── options ─────────────────────────

// Read on first use: this module is evaluated before the entry point instantiates the wasm.
let defaults;
const DEFAULTS = () => (defaults ??= JSON.parse(wasm.clientDefaults()));

function option(object, key) {
  if (object === null || typeof object !== 'object') return undefined;
  const value = object[key];
  return value === null ? undefined : value;
}

const typeError = (key, expected) => new TypeError(`option \`${key}\` must be ${expected}`);

function typed(object, key, type, expected) {
  const value = option(object, key);
  if (value !== undefined && typeof value !== type) throw typeError(key, expected);
  return value;
}

const string = (object, key) => typed(object, key, 'string', 'a string');
const number = (object, key) => typed(object, key, 'number', 'a number');
const boolean = (object, key) => typed(object, key, 'boolean', 'a boolean');

function count(object, key) {
  const value = number(object, key);
  if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 0xffffffff)) {
    throw typeError(key, 'a whole number ≥ 0');
  }
  return value;
}

/** Header options as `[name, value]` pairs: a `Headers` object or a plain object of strings. */
function headerPairs(object, key) {
  const value = option(object, key);
  if (value === undefined) return [];
  if (typeof Headers !== 'undefined' && value instanceof Headers) return [...value];
  if (typeof value !== 'object') throw typeError(key, 'an object of strings');
  return Object.entries(value).map(([name, text]) => {
    if (typeof text !== 'string') throw typeError(key, 'an object of strings');
    return [name, text];
  });
}

/** Send Message params as JSON text (through `JSON.stringify`, so they go exactly as JSON sees them). */
function paramsJson(params) {
  if (params === undefined) return '{}';
  const text = JSON.stringify(params);
  if (typeof text !== 'string') throw new TypeError('params are not JSON');
  return text;
}

function clientConfig(options) {
  const fetchOption = option(options, 'fetch');
  if (fetchOption !== undefined && typeof fetchOption !== 'function') throw typeError('fetch', 'a function');
  return {
    baseUrl: string(options, 'baseUrl') ?? DEFAULTS().baseUrl,
    apiKey: string(options, 'apiKey'),
    timeoutMs: number(options, 'timeoutMs') ?? DEFAULTS().timeoutMs,
    maxRetries: count(options, 'maxRetries') ?? DEFAULTS().maxRetries,
    headers: headerPairs(options, 'headers'),
    fetch: fetchOption,
  };
}

function requestOptions(options) {
  const signal = option(options, 'signal');
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw typeError('signal', 'an AbortSignal');
  return {
    signal,
    timeoutMs: number(options, 'timeoutMs'),
    maxRetries: count(options, 'maxRetries'),
    headers: headerPairs(options, 'headers'),
    validate: boolean(options, 'validate'),
  };
}

// ───────────────────────── transport ─────────────────────────

/**
 * One attempt's abort controller: it aborts on the caller's signal, on a timeout, or when the client
 * cancels, and remembers which, so that the failure it causes is reported as what it was.
 */
class Deadline {
  constructor(userSignal, timeoutMs) {
    if (userSignal?.aborted) throw new APIUserAbortError();
    this.controller = new AbortController();
    this.timeoutMs = timeoutMs;
    this.cause = undefined;
    this.timer = undefined;
    this.userSignal = userSignal;
    this.onUserAbort = () => this.#fire('user');
    userSignal?.addEventListener('abort', this.onUserAbort, { once: true });
  }

  #fire(cause) {
    this.cause ??= cause;
    this.controller.abort();
  }

  /** Starts (or restarts) the timer. */
  arm() {
    this.disarm();
    if (Number.isFinite(this.timeoutMs) && this.timeoutMs > 0) {
      this.timer = setTimeout(() => this.#fire('timeout'), this.timeoutMs);
    }
  }

  disarm() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Aborts the request on the client's own account (a stream that is done or dropped). */
  cancel() {
    this.#fire('cancelled');
  }

  /** Stops listening to the caller's signal and clears the timer. */
  release() {
    this.disarm();
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
  }

  /** The error a rejected `fetch` or read stands for. */
  errorFor(rejection) {
    if (this.cause === 'timeout') return timeoutError(this.timeoutMs);
    if (this.cause !== undefined) return new APIUserAbortError();
    return connectionError(rejection);
  }

  async wait(promise) {
    try {
      return await promise;
    } catch (rejection) {
      throw this.errorFor(rejection);
    }
  }
}

function requestInit(config, request, options, signal) {
  const headers = new Headers();
  const set = (name, value) => {
    try {
      headers.set(name, value);
    } catch {
      throw invalidResponse(`the header \`${name}\` has a value that is not allowed`);
    }
  };
  set('Accept', request.acceptStream ? 'text/event-stream' : 'application/json');
  if (request.body !== undefined) set('Content-Type', 'application/json');
  // The server refuses `streaming: true` from clients it does not take for its v1 SDK; this header
  // is how it recognizes one (see README, "Why the X-Stainless-Package-Version header").
  set('X-Stainless-Package-Version', DEFAULTS().version);
  if (config.apiKey !== undefined) set('Authorization', `Bearer ${config.apiKey}`);
  for (const [name, value] of [...config.headers, ...options.headers]) set(name, value);
  return { method: request.method, headers, signal, body: request.body };
}

function callFetch(config, url, init) {
  if (config.fetch === undefined) return fetch(url, init);
  return new Promise((resolve) => resolve(config.fetch(url, init)));
}

/**
 * Sends a request, retrying 408, 409 (except a pending approval), 429, 5xx, connection errors and
 * timeouts with the crate's policy (backoff with jitter, or what `retry-after(-ms)` asks). Resolves to
 * the successful response and its deadline (still armed: the caller reads the body under it).
 */
async function send(config, request, options) {
  const maxRetries = options.maxRetries ?? config.maxRetries;
  const timeoutMs = options.timeoutMs ?? config.timeoutMs;
  const url = config.baseUrl.replace(/\/+$/, '') + request.path;
  for (let retry = 0; ; retry++) {
    const deadline = new Deadline(options.signal, timeoutMs);
    let error;
    let delay;
    try {
      const init = requestInit(config, request, options, deadline.controller.signal);
      deadline.arm();
      const response = await deadline.wait(callFetch(config, url, init));
      if (response.ok) return { response, deadline };
      const body = await deadline.wait(response.text()).catch(() => '');
      const header = (name) => response.headers.get(name) ?? undefined;
      const wait = wasm.retryDelayMs(retry, header('retry-after-ms'), header('retry-after'), Date.now(), Math.random());
      error = apiError(response.status, response.headers, body);
      delay = wasm.isRetryableStatus(response.status, body) ? wait : undefined;
    } catch (thrown) {
      deadline.release();
      if (!(thrown instanceof APIConnectionError)) throw thrown;
      error = thrown;
      delay = wasm.retryDelayMs(retry, undefined, undefined, 0, Math.random());
    }
    deadline.release();
    if (delay === undefined || retry >= maxRetries) throw error;
    await sleep(delay, options.signal);
  }
}

function apiError(status, headers, body) {
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  return new APIError(wasm.apiErrorMessage(status, body), status, headers, parsed, body);
}

/** Waits `ms`, unless the caller's signal fires first (then APIUserAbortError). */
async function sleep(ms, userSignal) {
  if (!(ms > 0)) return;
  const deadline = new Deadline(userSignal, ms);
  try {
    await deadline.wait(
      new Promise((_, reject) => {
        deadline.controller.signal.addEventListener('abort', reject, { once: true });
        deadline.arm();
      }),
    );
  } catch (error) {
    if (!(error instanceof APIConnectionTimeoutError)) throw error;
  } finally {
    deadline.release();
  }
}

const messagesPath = (agentId) => `/v1/agents/${encodeURIComponent(agentId)}/messages`;

/** The request body, or the ValidationError that stops it from being sent. */
function sendBody(agentId, paramsText, streaming, validate) {
  try {
    return wasm.prepareSend(agentId, paramsText, streaming, validate);
  } catch (thrown) {
    if (typeof thrown !== 'string') throw thrown;
    const { message, errors, warnings } = JSON.parse(thrown);
    throw new ValidationError(message, errors, warnings);
  }
}

async function sendWith(config, agentId, params, options) {
  const request = requestOptions(options);
  const body = sendBody(agentId, paramsJson(params), false, request.validate ?? true);
  const { response, deadline } = await send(config, { method: 'POST', path: messagesPath(agentId), body }, request);
  try {
    const text = await deadline.wait(response.text());
    const problem = wasm.checkResponse(text);
    if (problem !== undefined) throw new StreamError(problem, 'invalid_response');
    return JSON.parse(text);
  } finally {
    deadline.release();
  }
}

/** Sends a streaming request and opens its body: `{ reader, decoder, deadline }` for MessageStream. */
async function openStream(config, makeRequest, options) {
  const { response, deadline } = await send(config, makeRequest(), options);
  // From here on the stream's idle timeout (in MessageStream) is what times out.
  deadline.disarm();
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('text/event-stream')) {
    deadline.cancel();
    deadline.release();
    throw invalidResponse(`expected an event stream (text/event-stream), got content type ${contentType || 'none'}`);
  }
  if (!response.body) {
    deadline.release();
    throw new StreamError('the stream ended before [DONE]', 'incomplete_stream');
  }
  return { reader: response.body.getReader(), decoder: new wasm.StreamDecoder(), deadline };
}

/** Makes `controller` abort when `from` (the caller's signal, if any) does; returns the unhook. */
function linkSignals(from, controller) {
  if (!from) return () => {};
  if (from.aborted) {
    controller.abort(from.reason);
    return () => {};
  }
  const onAbort = () => controller.abort(from.reason);
  from.addEventListener('abort', onAbort, { once: true });
  return () => from.removeEventListener('abort', onAbort);
}

function startStream(request, yieldPings, open) {
  const controller = new AbortController();
  const unlink = linkSignals(request.signal, controller);
  const started = (async () => open({ ...request, signal: controller.signal }))();
  return new MessageStream(started, controller, unlink, yieldPings, request.timeoutMs);
}

function streamWith(config, agentId, params, options) {
  const text = paramsJson(params);
  const request = requestOptions(options);
  // Pings are items only when the caller asked for them; the run id is taken from them regardless.
  const yieldPings = JSON.parse(text)?.include_pings === true;
  const timeoutMs = request.timeoutMs ?? config.timeoutMs;
  return startStream({ ...request, timeoutMs }, yieldPings, (request) =>
    openStream(
      config,
      () => ({
        method: 'POST',
        path: messagesPath(agentId),
        body: sendBody(agentId, text, true, request.validate ?? true),
        acceptStream: true,
      }),
      request,
    ),
  );
}

// ───────────────────────── the API ─────────────────────────

/** A client for one Letta server: its address, key, timeout, retries and headers. */
export class LettaClient {
  #config;

  constructor(options) {
    this.#config = clientConfig(options);
  }

  /** Sends a message and resolves to the whole `LettaResponse`. */
  sendMessage(agentId, params, options) {
    return sendWith(this.#config, agentId, params, options);
  }

  /** Sends a message and streams the answer: an async iterable of stream items. */
  streamMessage(agentId, params, options) {
    return streamWith(this.#config, agentId, params, options);
  }

  /** Streams a background run again, from after `startingAfter`. */
  resumeStream(runId, options) {
    const startingAfter = number(options, 'startingAfter');
    const includePings = boolean(options, 'includePings');
    const request = requestOptions(options);
    const config = this.#config;
    const timeoutMs = request.timeoutMs ?? config.timeoutMs;
    return startStream({ ...request, timeoutMs }, includePings ?? false, (request) =>
      openStream(
        config,
        () => ({
          method: 'POST',
          path: `/v1/runs/${encodeURIComponent(runId)}/stream`,
          body: wasm.resumeBody(startingAfter, includePings),
          acceptStream: true,
        }),
        request,
      ),
    );
  }

  /** Answers an approval request: approve or deny one tool call, optionally with a reason. */
  sendApproval(agentId, approval, options) {
    const toolCallId = string(approval, 'toolCallId');
    if (toolCallId === undefined) throw new TypeError('`toolCallId` is required');
    const approve = boolean(approval, 'approve');
    if (approve === undefined) throw new TypeError('`approve` is required');
    const reason = string(approval, 'reason');
    const extra = option(options, 'params');
    if (extra !== undefined && (typeof extra !== 'object' || Array.isArray(extra))) throw typeError('params', 'an object');
    const params = JSON.parse(wasm.approvalParams(toolCallId, approve, reason, extra && paramsJson(extra)));
    if (boolean(options, 'stream')) return this.streamMessage(agentId, params, options);
    return this.sendMessage(agentId, params, options);
  }

  /** Nothing to free: kept so that code written for earlier versions still runs. */
  free() {}
}

/** `new LettaClient(options).sendMessage(agentId, params, options)`. */
export async function sendMessage(agentId, params, options) {
  return sendWith(clientConfig(options), agentId, params, options);
}

/** `new LettaClient(options).streamMessage(agentId, params, options)`. */
export function streamMessage(agentId, params, options) {
  return streamWith(clientConfig(options), agentId, params, options);
}

/** Validates Send Message params as the server would, without sending them: every issue at once. */
export function validateSendParams(agentId, params) {
  return JSON.parse(wasm.checkSendParams(agentId, paramsJson(params)));
}

// ───────────────────────── MessageStream ─────────────────────────

/**
 * The async iterable that `streamMessage` returns. Items are the server's JSON objects, unchanged.
 * Leaving a `for await` loop early (break, return, throw) aborts the request.
 */
export class MessageStream {
  #start;
  #controller;
  #unlink;
  #yieldPings;
  #timeoutMs;
  #handle = undefined;
  #queue = [];
  #done = false;
  #runId = undefined;
  #tail = Promise.resolve();
  #waiting = 0;
  #ended = false;
  #failed = false;
  #idle = { timer: undefined, reading: false, since: 0, timedOut: false };

  constructor(start, controller, unlink, yieldPings, timeoutMs) {
    this.#start = start;
    this.#controller = controller;
    this.#unlink = unlink;
    this.#yieldPings = yieldPings;
    this.#timeoutMs = timeoutMs;
    // A failure to start is delivered by next(); this keeps it from also being reported as unhandled.
    start.catch(() => {});
  }

  /** The id of the run, from the first item that names it (the first ping); undefined until then. */
  get runId() {
    return this.#runId;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /** The next item. Calls are served one after another, in order. */
  next() {
    // Fast path: an item is ready and no earlier call is still waiting, so order cannot change.
    if (this.#waiting === 0 && this.#queue.length > 0) {
      return Promise.resolve({ done: false, value: this.#queue.shift() });
    }
    this.#waiting++;
    const result = this.#tail.then(() => this.#step()).finally(() => this.#waiting--);
    this.#tail = result.catch(() => {});
    return result;
  }

  async return(value) {
    this.abort();
    return { done: true, value };
  }

  /** Aborts the request and ends the iteration. */
  abort() {
    this.#queue.length = 0;
    this.#finish();
  }

  /** Collects every remaining item into an array. */
  async toArray() {
    const items = [];
    for await (const item of this) items.push(item);
    return items;
  }

  async #step() {
    while (this.#queue.length === 0) {
      if (this.#done) return { done: true, value: undefined };
      let batch;
      try {
        this.#handle ??= await this.#start;
        if (this.#done) continue;
        // Read and decode one chunk (inline: this runs once per chunk, so no extra async layer).
        const { reader, decoder, deadline } = this.#handle;
        if (this.#failed) {
          // The failure found in an earlier chunk comes after that chunk's items, delivered by now.
          throw streamError(decoder.takeError());
        }
        if (this.#ended) {
          this.#finish();
          continue;
        }
        this.#startIdleTimer(this.#timeoutMs);
        let result;
        try {
          result = await reader.read();
        } catch (rejection) {
          throw this.#idle.timedOut ? timeoutError(this.#timeoutMs) : deadline.errorFor(rejection);
        } finally {
          this.#idle.reading = false;
        }
        if (result.done) {
          this.#ended = true;
          this.#stopIdleTimer();
          decoder.finish();
        } else {
          // `undefined` unless the chunk completed items or changed the decoder's state.
          batch = decoder.push(result.value);
        }
        const state = result.done || batch !== undefined ? decoder.state() : 0;
        if (state & 1) this.#failed = true;
        if (state & 3 && !this.#ended) {
          // An error or `[DONE]`: nothing more is needed from the connection.
          this.#ended = true;
          this.#stopIdleTimer();
          closeBody(this.#handle);
        }
      } catch (error) {
        this.#finish();
        throw error;
      }
      if (batch === undefined) continue;
      for (const item of JSON.parse(batch)) {
        if (this.#runId === undefined && typeof item.run_id === 'string') this.#runId = item.run_id;
        if (item.message_type === 'ping' && !this.#yieldPings) continue;
        this.#queue.push(item);
      }
    }
    return { done: false, value: this.#queue.shift() };
  }

  /**
   * The idle timeout between chunks: one timer for the whole stream that only fires while a read has
   * waited `timeoutMs` (the consumer's own pauses between reads do not count), rather than a timer
   * set and cleared for every chunk.
   */
  #startIdleTimer(timeoutMs) {
    const idle = this.#idle;
    idle.reading = true;
    idle.since = performance.now();
    if (idle.timer !== undefined || !(timeoutMs > 0 && timeoutMs < Infinity)) return;
    const check = () => {
      idle.timer = undefined;
      // Between reads nothing is timed: the next read starts a new timer.
      if (!idle.reading) return;
      const waited = performance.now() - idle.since;
      if (waited >= timeoutMs) {
        idle.timedOut = true;
        this.#controller.abort();
      } else {
        idle.timer = setTimeout(check, timeoutMs - waited);
      }
    };
    idle.timer = setTimeout(check, timeoutMs);
  }

  #stopIdleTimer() {
    clearTimeout(this.#idle.timer);
    this.#idle.timer = undefined;
  }

  #finish() {
    if (this.#done) return;
    this.#done = true;
    this.#stopIdleTimer();
    this.#controller.abort();
    this.#unlink();
    const release = (handle) => {
      closeBody(handle);
      handle.decoder.free();
    };
    if (this.#handle) release(this.#handle);
    else this.#start.then(release, () => {});
  }
}

/** Stops reading a stream's body: cancels it and aborts its request. */
function closeBody(handle) {
  if (handle.closed) return;
  handle.closed = true;
  // Abort the request first, so that a read already under way fails rather than ends cleanly; then
  // cancel the body, swallowing the outcome so it never surfaces as an unhandled rejection.
  handle.deadline.cancel();
  handle.reader.cancel().catch(() => {});
  handle.deadline.release();
}

/** Items that are not messages, whatever else they carry. */
const NOT_MESSAGES = new Set(['ping', 'stop_reason', 'usage_statistics', 'error_message']);

/**
 * Folds token deltas (`stream_tokens: true`) into whole messages, in the order their first delta
 * arrived; whole messages (step streaming) pass through as the very objects pushed. The deltas of
 * one message part share `id`, `message_type` and `otid`: reasoning and hidden reasoning text,
 * assistant `content` and tool-call `arguments` (per `tool_call_id`) are joined; other fields take
 * the latest value. Written in JavaScript, so that a delta costs no trip through WebAssembly; it folds
 * exactly as the crate's `MessageAccumulator` (both are checked against tests/fixtures/accumulated/).
 * Objects pushed are never modified.
 */
export class MessageAccumulator {
  #messages = [];
  #byKey = new Map();

  /** Folds `item` in and returns the whole message so far; `undefined` for pings, stop reasons and usage. */
  push(item) {
    if (item === null || typeof item !== 'object' || typeof item.id !== 'string' || NOT_MESSAGES.has(item.message_type)) {
      return undefined;
    }
    const key = `${item.id}\u0000${item.message_type ?? ''}\u0000${item.otid ?? '\u0001'}`;
    const index = this.#byKey.get(key);
    const message = index === undefined ? normalize(item) : merge(this.#messages[index], item);
    if (index === undefined) {
      this.#byKey.set(key, this.#messages.length);
      this.#messages.push(message);
    } else {
      this.#messages[index] = message;
    }
    return message;
  }

  /** The whole messages so far, in the order their first delta arrived. */
  get messages() {
    return [...this.#messages];
  }

  /** Does nothing: the accumulator holds no WebAssembly memory (there for symmetry with LettaClient.free). */
  free() {}
}

/** `tool_call` / `tool_calls` are a whole call when all three fields are strings, else a delta. */
const isWholeCall = (call) =>
  call !== null && typeof call === 'object' && typeof call.name === 'string' && typeof call.arguments === 'string' && typeof call.tool_call_id === 'string';
const TOOL_CALL_TYPES = new Set(['tool_call_message', 'approval_request_message']);

/** A first delta in the shape of a whole message: a tool-call delta becomes a list of one call. */
function normalize(item) {
  if (!TOOL_CALL_TYPES.has(item.message_type)) return item;
  const merged = mergeToolCalls(null, null, item.tool_call, item.tool_calls);
  if (merged === null || (merged.call === item.tool_call && merged.calls === item.tool_calls)) return item;
  return { ...item, tool_call: merged.call, tool_calls: merged.calls };
}

/** A later delta of the same part folded into the message so far (a new object). */
function merge(whole, part) {
  switch (part.message_type) {
    case 'reasoning_message':
      return { ...whole, date: part.date, reasoning: (whole.reasoning ?? '') + (part.reasoning ?? ''), signature: part.signature ?? whole.signature ?? null };
    case 'hidden_reasoning_message':
      return {
        ...whole,
        state: part.state,
        ...(typeof part.hidden_reasoning === 'string' ? { hidden_reasoning: (whole.hidden_reasoning ?? '') + part.hidden_reasoning } : {}),
      };
    case 'assistant_message':
      return { ...whole, content: appendContent(whole.content, part.content) };
    case 'tool_call_message':
    case 'approval_request_message': {
      const merged = mergeToolCalls(whole.tool_call ?? null, whole.tool_calls ?? null, part.tool_call, part.tool_calls);
      return merged === null ? whole : { ...whole, tool_call: merged.call, tool_calls: merged.calls };
    }
    default:
      return normalize(part);
  }
}

const textPart = (text) => ({ type: 'text', text });

function appendContent(whole, part) {
  if (typeof whole === 'string' && typeof part === 'string') return whole + part;
  const parts = (content) => (typeof content === 'string' ? [textPart(content)] : content);
  return [...parts(whole), ...parts(part)];
}

/**
 * Folds a delta's `tool_call` / `tool_calls` into the calls so far: `{ call, calls }`, or null when
 * nothing changes. A list replaces the calls; a whole call replaces `tool_call`; a delta is added to
 * the call with its `tool_call_id` (else the last call, else a new one).
 */
function mergeToolCalls(wholeCall, wholeCalls, partCall, partCalls) {
  const present = (value) => value !== undefined && value !== null;
  let delta;
  if (present(partCalls) && !Array.isArray(partCalls)) delta = partCalls;
  else if (Array.isArray(partCalls)) return { call: partCall, calls: partCalls };
  else if (present(partCall) && !isWholeCall(partCall)) delta = partCall;
  else if (present(partCall)) return { call: partCall, calls: wholeCalls ?? partCalls };
  else return null;
  const calls = Array.isArray(wholeCalls) ? wholeCalls.map((call) => ({ ...call })) : [];
  const id = typeof delta.tool_call_id === 'string' ? delta.tool_call_id : undefined;
  let index = id !== undefined ? calls.findIndex((call) => call.tool_call_id === id) : calls.length - 1;
  if (index < 0) {
    calls.push({ name: '', arguments: '', tool_call_id: id ?? '' });
    index = calls.length - 1;
  }
  if (typeof delta.name === 'string' && delta.name !== '') calls[index].name = delta.name;
  if (typeof delta.arguments === 'string') calls[index].arguments += delta.arguments;
  return { call: { ...calls[0] }, calls };
}
