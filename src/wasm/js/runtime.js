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
