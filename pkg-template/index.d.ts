// letta-wasm: a typed, validating client for Letta's Send Message API, compiled from Rust to WebAssembly.
//
// This file declares the JavaScript API and is written by hand, to match src/wasm (the exports) and
// src/wasm/js/runtime.js (the API, MessageStream and the error classes). The payload types it uses are in
// ./types.d.ts, which is generated from the Rust types and re-exported from here.

import type {
  ErrorResponse,
  JsonValue,
  LettaErrorMessage,
  LettaMessage,
  LettaResponse,
  MessageSendParams,
  StreamItem,
  ValidationIssue,
} from './types.js';

export * from './types.js';

/** Options of a `LettaClient`, and the client half of the options of the top-level functions. */
export interface ClientOptions {
  /** The server's base URL (default `http://localhost:8283`). */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer …`, and nowhere else. */
  apiKey?: string;
  /** Milliseconds to wait for a response, and for each stream chunk after it (default 60 000). */
  timeoutMs?: number;
  /** How many times to retry a failed attempt: 408, 409, 429, 5xx and connection errors (default 2). */
  maxRetries?: number;
  /** Extra headers for every request. */
  headers?: Record<string, string> | Headers;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
}

/** Options of one call; each overrides the client's default. */
export interface RequestOptions {
  /** Aborts the call (and the stream) when it fires. */
  signal?: AbortSignal;
  /** Milliseconds to wait for a response, and for each stream chunk after it. */
  timeoutMs?: number;
  /** How many times to retry a failed attempt. */
  maxRetries?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string> | Headers;
  /** Validate the request before sending it (default `true`); an invalid one rejects with `ValidationError`. */
  validate?: boolean;
}

/** Options of `resumeStream`. */
export interface ResumeStreamOptions extends RequestOptions {
  /** Replay the items after this `seq_id` (default: from the start). */
  startingAfter?: number;
  /** Deliver the keepalive pings as items (default `false`). */
  includePings?: boolean;
}

/** The answer to one approval request, for `sendApproval`. */
export interface ApprovalAnswer {
  /** The id of the tool call being answered (`tool_calls[i].tool_call_id` of the approval request). */
  toolCallId: string;
  /** Whether the call may run. */
  approve: boolean;
  /** Why, typically given when denying. */
  reason?: string;
}

/** Options of `sendApproval`: `stream: true` answers with a `MessageStream` of the continuation. */
export interface SendApprovalOptions extends RequestOptions {
  /** Stream the continuation instead of resolving to one `LettaResponse` (default `false`). */
  stream?: boolean;
  /** Other Send Message fields to send with the answer, such as `stream_tokens` or `include_pings`. */
  params?: Omit<MessageSendParams, 'messages' | 'input' | 'streaming'>;
}

/** What `validateSendParams` finds. */
export type ValidationResult =
  | {
      /** The server would accept the request. */
      ok: true;
      /** Empty. */
      errors: ValidationIssue[];
      /** What the server tolerates but probably not as meant (unknown keys, deprecated fields, conversions). */
      warnings: ValidationIssue[];
      /** The request with the server's conversions applied (`"5"` becomes `5`), as it would be sent. */
      params: MessageSendParams;
    }
  | {
      /** The server would refuse the request. */
      ok: false;
      /** Every problem that makes the server refuse it, each with a JSON Pointer `path`. */
      errors: ValidationIssue[];
      /** What the server tolerates but probably not as meant. */
      warnings: ValidationIssue[];
      params?: undefined;
    };

/** A client for one Letta server. */
export declare class LettaClient {
  constructor(options?: ClientOptions);
  /**
   * Sends a message and resolves to the whole turn. The request is validated first (an invalid one
   * rejects with `ValidationError` and sends nothing); failed attempts are retried.
   */
  sendMessage(agentId: string, params: MessageSendParams, options?: RequestOptions): Promise<LettaResponse>;
  /** Sends a message with `streaming: true`; the items arrive as the server sends them. */
  streamMessage(agentId: string, params: MessageSendParams, options?: RequestOptions): MessageStream;
  /** Resumes the stream of a background run (`background: true`) after `startingAfter`. */
  resumeStream(runId: string, options?: ResumeStreamOptions): MessageStream;
  /** Answers an approval request and streams the continuation. */
  sendApproval(agentId: string, answer: ApprovalAnswer, options: SendApprovalOptions & { stream: true }): MessageStream;
  /** Answers an approval request (`stop_reason: "requires_approval"`) and resolves to the continuation. */
  sendApproval(
    agentId: string,
    answer: ApprovalAnswer,
    options?: SendApprovalOptions & { stream?: false },
  ): Promise<LettaResponse>;
  /** Answers an approval request: a `MessageStream` with `stream: true`, otherwise the whole continuation. */
  sendApproval(
    agentId: string,
    answer: ApprovalAnswer,
    options?: SendApprovalOptions,
  ): MessageStream | Promise<LettaResponse>;
  /** Does nothing: the client holds no WebAssembly memory (kept so that code calling it still runs). */
  free(): void;
}

/** `new LettaClient(options).sendMessage(agentId, params, options)` in one call. */
export declare function sendMessage(
  agentId: string,
  params: MessageSendParams,
  options?: ClientOptions & RequestOptions,
): Promise<LettaResponse>;

/** `new LettaClient(options).streamMessage(agentId, params, options)` in one call. */
export declare function streamMessage(
  agentId: string,
  params: MessageSendParams,
  options?: ClientOptions & RequestOptions,
): MessageStream;

/**
 * Checks a request the way the server would, without sending it: every problem at once, each with a
 * JSON Pointer `path`, a stable `code` and a message. `params` may be anything JSON (say, a parsed form).
 * Throws a `TypeError` only when `params` cannot be turned into JSON.
 */
export declare function validateSendParams(agentId: string, params: unknown): ValidationResult;

/**
 * The items of a Send Message stream, as the server sends them: `for await (const item of stream)`.
 * Leaving the loop early (`break`, `return`, a throw) aborts the request. Pings are delivered only when
 * asked for (`include_pings: true`, `includePings`). A failure after the stream started rejects with
 * `StreamError` once every item before it has been delivered.
 */
export declare class MessageStream implements AsyncIterableIterator<StreamItem> {
  /** Streams are made by `streamMessage`, `resumeStream` and `sendApproval`. */
  private constructor();
  /** The id of the run, from the first item that names it (the first ping); `undefined` until then. */
  get runId(): string | undefined;
  [Symbol.asyncIterator](): MessageStream;
  /** The next item. Calls are served one after another, in order. */
  next(): Promise<IteratorResult<StreamItem, undefined>>;
  /** Aborts the request and ends the iteration (what `for await` calls when the loop is left early). */
  return(value?: unknown): Promise<IteratorReturnResult<unknown>>;
  /** Aborts the request and ends the iteration. */
  abort(): void;
  /** Collects every remaining item. */
  toArray(): Promise<StreamItem[]>;
}

/**
 * Folds token deltas (`stream_tokens: true`) into whole messages, in the order their first delta
 * arrived. Items that need no folding are returned as the very objects that were pushed; pushed
 * objects are never changed. Plain JavaScript: a delta costs no trip through WebAssembly.
 */
export declare class MessageAccumulator {
  constructor();
  /** Folds `item` in and returns the whole message so far; `undefined` for pings, stop reasons and usage. */
  push(item: StreamItem): LettaMessage | undefined;
  /** The whole messages so far. */
  readonly messages: LettaMessage[];
  /** Does nothing: the accumulator holds no WebAssembly memory (there for symmetry with `LettaClient.free`). */
  free(): void;
}

/** The base class of every error letta-wasm throws. */
export declare class LettaError extends Error {
  constructor(message?: string, options?: { cause?: unknown });
}

/** The server answered with an error status (after the retries, for a retried status). */
export declare class APIError extends LettaError {
  constructor(message: string, status: number, headers: Headers, error: ErrorResponse | undefined, body: string);
  /** The HTTP status. */
  readonly status: number;
  /** The response headers. */
  readonly headers: Headers;
  /** The parsed JSON error body, or `undefined` when the body is not JSON. */
  readonly error: ErrorResponse | undefined;
  /** The raw body text. */
  readonly body: string;
}

/** The request could not be sent, or the connection broke. */
export declare class APIConnectionError extends LettaError {
  constructor(message?: string);
}

/** No response, or no stream chunk, arrived within `timeoutMs`. */
export declare class APIConnectionTimeoutError extends APIConnectionError {
  constructor(message?: string);
}

/** The caller aborted the request (its `AbortSignal` fired). */
export declare class APIUserAbortError extends LettaError {
  constructor(message?: string);
}

/** The request failed validation; nothing was sent. */
export declare class ValidationError extends LettaError {
  constructor(message: string, issues: ValidationIssue[], warnings: ValidationIssue[]);
  /** Every error, each with a JSON Pointer `path`, a stable `code` and a message. */
  readonly issues: ValidationIssue[];
  /** What the server would tolerate. */
  readonly warnings: ValidationIssue[];
}

/** The stream failed after it started: an in-band error event, an undecodable item, or a cut-off body. */
export declare class StreamError extends LettaError {
  constructor(message: string, errorType: string, error?: LettaErrorMessage | JsonValue, data?: string);
  /**
   * The server's `error_type` (`internal_error`, `llm_error`, … or `server_error` when it gave none), or a
   * client-side kind: `decode_error`, `incomplete_stream`, `invalid_event_stream`, `invalid_response`.
   */
  readonly errorType:
    | 'internal_error'
    | 'llm_error'
    | 'llm_timeout'
    | 'llm_rate_limit'
    | 'server_error'
    | 'decode_error'
    | 'incomplete_stream'
    | 'invalid_event_stream'
    | 'invalid_response'
    | (string & {});
  /**
   * The body of the server's `event: error` frame: usually a `LettaErrorMessage`, other JSON as sent
   * (such as `{ error, code }`), or its text when it is not JSON. `undefined` for client-side kinds.
   */
  readonly error: LettaErrorMessage | JsonValue | undefined;
  /** The raw frame data that could not be decoded (`decode_error`). */
  readonly data: string | undefined;
}
