// The JavaScript half of letta-wasm's API: the error classes and the async iterator that the Rust
// code constructs. wasm-bindgen copies this file into the package (snippets/…/runtime.js) and the
// package's entry point re-exports the classes.

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

/** Makes `controller` abort when `from` (the caller's signal, if any) does; returns the unhook. */
export function linkSignals(from, controller) {
  if (!from) return () => {};
  if (from.aborted) {
    controller.abort(from.reason);
    return () => {};
  }
  const onAbort = () => controller.abort(from.reason);
  from.addEventListener('abort', onAbort, { once: true });
  return () => from.removeEventListener('abort', onAbort);
}

/**
 * The async iterable that `streamMessage` returns. Items are the server's JSON objects, unchanged.
 * Leaving a `for await` loop early (break, return, throw) aborts the request.
 */
export class MessageStream {
  #start;
  #controller;
  #unlink;
  #yieldPings;
  #handle = undefined;
  #queue = [];
  #done = false;
  #runId = undefined;
  #tail = Promise.resolve();
  #reader = undefined;
  #timeoutMs = undefined;
  #ended = false;
  #failed = false;
  #idle = { timer: undefined, reading: false, since: 0, timedOut: false };

  constructor(start, controller, unlink, yieldPings) {
    this.#start = start;
    this.#controller = controller;
    this.#unlink = unlink;
    this.#yieldPings = yieldPings;
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
    const result = this.#tail.then(() => this.#step());
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
        const handle = this.#handle;
        if (this.#failed) {
          // The failure found in an earlier chunk comes after that chunk's items, delivered by now.
          throw handle.takeError();
        }
        if (this.#ended) {
          this.#finish();
          continue;
        }
        this.#reader ??= handle.reader();
        this.#timeoutMs ??= handle.timeoutMs;
        this.#startIdleTimer(this.#timeoutMs);
        let result;
        try {
          result = await this.#reader.read();
        } catch (rejection) {
          throw handle.readError(rejection, this.#idle.timedOut);
        } finally {
          this.#idle.reading = false;
        }
        if (result.done) {
          this.#ended = true;
          this.#stopIdleTimer();
          handle.finish();
        } else {
          batch = handle.push(result.value);
        }
        const state = handle.state();
        if (state & 1) this.#failed = true;
        if (state & 2 && !this.#ended) {
          // `[DONE]`: nothing more is needed from the connection.
          this.#ended = true;
          this.#stopIdleTimer();
          handle.close();
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
      handle.close();
      handle.free();
    };
    if (this.#handle) release(this.#handle);
    else this.#start.then(release, () => {});
  }
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
