// MessageStream: the async iterable of a streaming call. It reads one body after another — the
// first request's, then, for a background run whose connection dropped, the resumed stream's — and
// hands out every item exactly once, in order.
import * as wasm from '../letta_wasm.js';
import { APIConnectionError, incompleteStream, streamError } from './errors.js';
import { linkSignals, sleep } from './transport.js';

/**
 * Where a stream is. One state, rather than flags:
 * - `connecting`: a request (the first, a re-send or a resume) is under way;
 * - `reading`: a body is open and read chunk by chunk;
 * - `finished`: the server ended the stream; queued items are still to be handed out;
 * - `failed`: an error is to be thrown once the queued items are handed out;
 * - `closed`: nothing more will come (everything handed out, or the stream was aborted).
 */
const CONNECTING = 'connecting';
const READING = 'reading';
const FINISHED = 'finished';
const FAILED = 'failed';
const CLOSED = 'closed';

const DONE = Object.freeze({ done: true, value: undefined });

/** Who is told when a stream starts and stops reconnecting (ChatSession's `reconnecting` status). */
const observers = new WeakMap();

/** Calls `listener(true)` when `stream` loses its connection and resumes, `listener(false)` once it reads again. */
export function observeStream(stream, listener) {
  observers.set(stream, listener);
}

/** Where the decoder stands after a push (`StreamDecoder.state()`), named by the crate. */
const { ErrorWaiting: ERROR_WAITING, Done: SAW_DONE } = wasm.DecoderState;

/**
 * The async iterable that `streamMessage`, `resumeStream` and `sendApproval` return. Items are the
 * server's JSON objects, unchanged. Leaving a `for await` loop early (break, return, throw) aborts
 * the request; `cancel()` also stops the run on the server.
 *
 * A background stream (`background: true`) whose body ends before `[DONE]` for a transport reason
 * (connection reset, idle timeout, a proxy cutting it) resumes from the last sequence number it
 * handed out, so that the caller sees every item once; see `#resumable`.
 */
export class MessageStream {
  #source;
  #settings;
  #controller = new AbortController();
  #unlink;
  #state = CONNECTING;
  #pending;
  #handle = undefined;
  #error = undefined;
  #queue = [];
  /** The sequence number reached once each queued item is handed out (parallel to #queue). */
  #queuedSeqs = [];
  #tail = Promise.resolve();
  #waiting = 0;
  #runId;
  #lastSeq;
  #deliveredSeq;
  #complete = false;
  #cancelled = false;
  #resumes = 0;
  #failures = 0;
  #idle = { timer: undefined, reading: false, since: 0 };

  /**
   * @param source `{ open(signal), resume(runId, startingAfter, signal), cancel(runId) }`: `open`
   *   sends the stream's own request (the same body every time), `resume` the run's stream after a
   *   sequence number; both resolve to `{ reader, decoder, deadline }`.
   * @param settings `{ signal, timeoutMs, maxRetries, yieldPings, resumable, resendable, runId?, startingAfter? }`
   */
  constructor(source, settings) {
    this.#source = source;
    this.#settings = settings;
    this.#runId = settings.runId;
    this.#lastSeq = settings.runId === undefined ? undefined : (settings.startingAfter ?? 0);
    this.#deliveredSeq = this.#lastSeq;
    this.#unlink = linkSignals(settings.signal, this.#controller);
    this.#connect(() => source.open(this.#controller.signal));
  }

  /** The id of the run, from the first item that names it (the first ping); undefined until then. */
  get runId() {
    return this.#runId;
  }

  /**
   * The sequence number of the last item handed out, counting the `stop_reason` and
   * `usage_statistics` frames that the server numbers without showing it: what
   * `resumeStream(runId, { startingAfter })` takes. Undefined for a stream without sequence numbers
   * (not `background`).
   */
  get lastSeqId() {
    return this.#deliveredSeq;
  }

  /** How many times the stream resumed (or re-sent its request) after its connection dropped. */
  get resumes() {
    return this.#resumes;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /** The next item. Calls are served one after another, in order. */
  next() {
    // Fast path: an item is ready and no earlier call is still waiting, so order cannot change.
    if (this.#waiting === 0 && this.#queue.length > 0) {
      return Promise.resolve({ done: false, value: this.#shift() });
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

  /** Stops reading and ends the iteration. The run goes on on the server: `cancel()` stops it. */
  abort() {
    this.#queue.length = 0;
    this.#queuedSeqs.length = 0;
    this.#close();
  }

  /**
   * Cancels the stream's run on the server and resolves to the server's `{ [runId]: status }`.
   * Before the run's id is known it reads on until the first item names it (items are kept for the
   * iteration), because a cancel without ids stops whatever run the server last started for the
   * agent, which a moment after sending is still the one before. A stream that ended without naming
   * its run cancels nothing and resolves to `{}`. Reading goes on: the stream ends as the server ends
   * the run, with a `stop_reason` of `cancelled` as its last item; a stream that was no longer read
   * stays ended.
   */
  async cancel() {
    if (this.#runId === undefined) {
      const learning = this.#tail.then(() => this.#readUntilRunId());
      this.#tail = learning.catch(() => {});
      await learning;
      if (this.#runId === undefined) return {};
    }
    return this.#source.cancel(this.#runId);
  }

  /** Reads (into the queue) until an item names the run or the body ends. */
  async #readUntilRunId() {
    while (this.#runId === undefined) {
      if (this.#state === CONNECTING) await this.#awaitConnection();
      else if (this.#state === READING) await this.#readChunk();
      else return;
    }
  }

  /** Collects every remaining item into an array. */
  async toArray() {
    const items = [];
    for await (const item of this) items.push(item);
    return items;
  }

  async #step() {
    for (;;) {
      if (this.#queue.length > 0) return { done: false, value: this.#shift() };
      switch (this.#state) {
        case CONNECTING:
          await this.#awaitConnection();
          break;
        case READING: {
          // The read is inline (not #readChunk): this runs once per chunk, so no extra async layer.
          const handle = this.#handle;
          this.#startIdleTimer();
          let result;
          try {
            result = await handle.reader.read();
          } catch (rejection) {
            this.#readFailed(handle, rejection);
            break;
          }
          this.#chunkRead(handle, result);
          break;
        }
        case FAILED: {
          const error = this.#error;
          this.#close();
          throw error;
        }
        default:
          this.#close();
          return DONE;
      }
    }
  }

  /** Starts a request; its body is read once it answers. */
  #connect(open) {
    this.#state = CONNECTING;
    const pending = (async () => open())();
    // A failure is delivered by next(); this keeps it from also being reported as unhandled.
    pending.catch(() => {});
    this.#pending = pending;
  }

  async #awaitConnection() {
    const pending = this.#pending;
    try {
      const handle = await pending;
      if (this.#state !== CONNECTING || this.#pending !== pending) return release(handle);
      this.#handle = handle;
      this.#state = READING;
      if (this.#resumes > 0) observers.get(this)?.(false);
    } catch (error) {
      if (this.#state === CONNECTING && this.#pending === pending) this.#fail(error);
    }
  }

  /** Reads and decodes one chunk. */
  async #readChunk() {
    const handle = this.#handle;
    this.#startIdleTimer();
    let result;
    try {
      result = await handle.reader.read();
    } catch (rejection) {
      return this.#readFailed(handle, rejection);
    }
    this.#chunkRead(handle, result);
  }

  #readFailed(handle, rejection) {
    this.#idle.reading = false;
    if (this.#handle === handle) this.#drop(handle.deadline.errorFor(rejection));
  }

  /** Decodes what one read gave: a chunk, or the end of the body. */
  #chunkRead(handle, result) {
    this.#idle.reading = false;
    if (this.#handle !== handle) return;
    const { decoder } = handle;
    let batch;
    if (result.done) {
      this.#stopIdleTimer();
      // The body ended before [DONE]: everything was delivered, or the connection dropped. A
      // cancelled run's stream is complete after its stop reason: Letta ends a foreground one there.
      if (this.#complete && (this.#settings.resumable || this.#cancelled)) return this.#finishBody(FINISHED);
      if (this.#resumable(incompleteStream())) return this.#drop(incompleteStream());
      decoder.finish();
      batch = '[]';
    } else {
      // `undefined` unless the chunk completed items or changed the decoder's state.
      batch = decoder.push(result.value);
      if (batch === undefined) return;
    }
    this.#take(JSON.parse(batch));
    const state = decoder.state();
    if (state === ERROR_WAITING) {
      // An in-band error (or a bad item) is the run's result: it is not resumed.
      this.#error = streamError(decoder.takeError());
      this.#finishBody(FAILED);
    } else if (state === SAW_DONE) {
      this.#finishBody(FINISHED);
    }
  }

  /** Queues the items of a batch, keeping the run id and the sequence number. */
  #take(items) {
    const yieldPings = this.#settings.yieldPings;
    for (const item of items) {
      const type = item.message_type;
      if (this.#runId === undefined && typeof item.run_id === 'string') this.#runId = item.run_id;
      const seq = item.seq_id;
      if (typeof seq === 'number') {
        // A replayed frame (a re-attached request starts from the run's beginning).
        if (type !== 'ping' && this.#lastSeq !== undefined && seq <= this.#lastSeq) continue;
        this.#lastSeq = Math.max(this.#lastSeq ?? 0, seq);
      } else if (this.#lastSeq !== undefined && type !== 'ping') {
        // stop_reason and usage_statistics: numbered by the server, though the number is not shown.
        this.#lastSeq += 1;
      }
      if (type === 'stop_reason' && item.stop_reason === 'cancelled') this.#cancelled = this.#complete = true;
      else if (type === 'usage_statistics') this.#complete = true;
      this.#failures = 0;
      if (type === 'ping' && !yieldPings) {
        // Not handed out: its number is reached with the item before it (or now, if none waits).
        if (this.#queue.length === 0) this.#deliveredSeq = this.#lastSeq;
        else this.#queuedSeqs[this.#queuedSeqs.length - 1] = this.#lastSeq;
        continue;
      }
      this.#queue.push(item);
      this.#queuedSeqs.push(this.#lastSeq);
    }
  }

  #shift() {
    this.#deliveredSeq = this.#queuedSeqs.shift();
    return this.#queue.shift();
  }

  /**
   * Whether a failed body is resumed: only a background stream (unless `resume: false`), only for a
   * transport failure (a connection error, a timeout, a body cut before `[DONE]`; never an in-band
   * error or the caller's abort), and only while the retry budget lasts (it is spent by failures in
   * a row: a resumed body that delivers something restores it). Before the run id is known, only a
   * conversation's stream is sent again: Letta 0.16.8 re-attaches a request sent again with the same
   * message otids on conversation routes, but starts a second run on the agent route (measured).
   */
  #resumable(error) {
    const { resumable, resendable, maxRetries } = this.#settings;
    // Without a run id only a request that the server recognises when sent again can be re-sent.
    const again = this.#runId !== undefined || resendable;
    return resumable && again && isTransport(error) && !this.#complete && this.#failures < maxRetries;
  }

  /** The body failed: resume, or fail after the items already queued. */
  #drop(error) {
    this.#stopIdleTimer();
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle) release(handle);
    if (this.#state === CLOSED) return;
    // Everything came but [DONE]: a resume would find nothing more (and wait for ever).
    if (this.#settings.resumable && this.#complete && isTransport(error)) return this.#finishBody(FINISHED);
    if (!this.#resumable(error)) return this.#fail(error);
    const failures = this.#failures++;
    this.#resumes++;
    observers.get(this)?.(true);
    const signal = this.#controller.signal;
    this.#connect(async () => {
      if (failures > 0) await sleep(wasm.retryDelayMs(failures - 1, undefined, undefined, 0, Math.random()), signal);
      // Before the run had an id nothing was delivered: send the same request again (the same
      // message otids, which a conversation's route takes for the same request).
      if (this.#runId === undefined) return this.#source.open(signal);
      return this.#source.resume(this.#runId, this.#lastSeq ?? 0, signal);
    });
  }

  #fail(error) {
    this.#error = error;
    this.#finishBody(FAILED);
  }

  /** Nothing more is needed from the connection. */
  #finishBody(state) {
    this.#stopIdleTimer();
    this.#state = state;
    if (this.#handle) closeBody(this.#handle);
  }

  /**
   * The idle timeout between chunks: one timer for the whole stream that only fires while a read has
   * waited `timeoutMs` (the consumer's own pauses between reads do not count), rather than a timer
   * set and cleared for every chunk. It expires the body's request: a background stream resumes.
   */
  #startIdleTimer() {
    const timeoutMs = this.#settings.timeoutMs;
    const idle = this.#idle;
    idle.reading = true;
    idle.since = performance.now();
    if (idle.timer !== undefined || !(timeoutMs > 0 && timeoutMs < Infinity)) return;
    const check = () => {
      idle.timer = undefined;
      // Between reads nothing is timed: the next read starts a new timer.
      if (!idle.reading) return;
      const waited = performance.now() - idle.since;
      if (waited >= timeoutMs) this.#handle?.deadline.expire();
      else idle.timer = setTimeout(check, timeoutMs - waited);
    };
    idle.timer = setTimeout(check, timeoutMs);
  }

  #stopIdleTimer() {
    clearTimeout(this.#idle.timer);
    this.#idle.timer = undefined;
  }

  #close() {
    if (this.#state === CLOSED) return;
    this.#state = CLOSED;
    this.#stopIdleTimer();
    this.#controller.abort();
    this.#unlink();
    if (this.#handle) release(this.#handle);
    else this.#pending?.then(release, () => {});
    this.#handle = undefined;
  }
}

/** A failure of the connection rather than of the run: a connection error, a timeout, a cut body. */
const isTransport = (error) => error instanceof APIConnectionError || error?.errorType === 'incomplete_stream';

/** Stops reading a body and frees its decoder. */
function release(handle) {
  closeBody(handle);
  if (!handle.freed) {
    handle.freed = true;
    handle.decoder.free();
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
