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
  /** The server's base URL (default `http://localhost:8283`); the SDKs' spelling of `baseUrl`. */
  baseURL?: string;
  /** The server's base URL (default `http://localhost:8283`); `baseURL` wins when both are given. */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer …`, and nowhere else. */
  apiKey?: string;
  /** Milliseconds to wait for a response, and for each stream chunk after it (default 60 000). */
  timeoutMs?: number;
  /**
   * How many times to retry a failed attempt: 408, 409 (but not a pending approval), 429, 5xx and
   * connection errors (default 2). A background stream also resumes up to this many times in a row
   * after its connection drops.
   */
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
  /**
   * Send to this conversation (`conv-…`, from `createConversation`) instead of the agent's own thread:
   * `POST /v1/conversations/{conversationId}/messages`. Also for `sendApproval` and `cancelRun`.
   */
  conversationId?: string;
  /**
   * Resume a background stream (`background: true`) whose connection drops before `[DONE]`
   * (default `true`). See `MessageStream`.
   */
  resume?: boolean;
}

/** Options of `resumeStream`. */
export interface ResumeStreamOptions extends RequestOptions {
  /** Replay the items after this sequence number, a stream's `lastSeqId` (default: from the start). */
  startingAfter?: number | undefined;
  /** Deliver the keepalive pings as items (default `false`). */
  includePings?: boolean;
  /** The run's agent: needed only for the stream's `cancel()`. */
  agentId?: string;
}

/** What `listMessages` asks for. */
export interface ListMessagesQuery {
  /** Messages per page: the server counts stored rows, and one row may hold several messages (default 100). */
  limit?: number;
  /** Only messages older than this message id. */
  before?: string | undefined;
  /** Only messages newer than this message id. */
  after?: string | undefined;
  /** `desc` (default): newest first; `asc`: oldest first. Pages and iteration both follow it. */
  order?: 'asc' | 'desc';
  /** A conversation's own history instead of the agent's (`"default"` is the agent's own thread). */
  conversationId?: string;
  /** Include messages of failed runs (the server's `include_err`, for debugging). */
  includeErr?: boolean;
  /** Only the messages of this group. */
  groupId?: string;
}

/** What `listConversations` asks for. */
export interface ListConversationsQuery {
  /** Conversations per page (the server's default is 50). */
  limit?: number;
  /** The conversation id after which the page starts, in the chosen order. */
  after?: string | undefined;
  /** `desc` (default): newest first; `asc`: oldest first. */
  order?: 'asc' | 'desc';
}

/** What `cancelRun` cancels. */
export interface CancelRunParams {
  /** These runs; without them, the active runs of the agent (or of `conversationId`). */
  runIds?: string[];
  /** Cancel this conversation's active runs. */
  conversationId?: string;
}

/**
 * The server's answer to a cancel: each run's id and what became of it, `"cancelled"` or `"failed"`
 * (an unknown id). Without `runIds` the agent route names the run it last started even when that
 * run had already ended (it stays as it was); a conversation with nothing running gives `{}`.
 */
export type CancelRunResult = Record<string, 'cancelled' | 'failed' | (string & {})>;

/** A conversation: one thread of messages with an agent (`POST /v1/conversations/`). */
export interface Conversation {
  /** `conv-<uuid4>`. */
  id: string;
  /** The agent the conversation is with. */
  agent_id: string;
  /** What the conversation is about, if anyone said. */
  summary: string | null;
  /** ISO-8601. */
  created_at?: string | null;
  /** ISO-8601. */
  updated_at?: string | null;
  /** ISO-8601, when known. */
  last_message_at?: string | null;
  /** The ids of the messages in the agent's context for this conversation. */
  in_context_message_ids?: string[];
  created_by_id?: string | null;
  last_updated_by_id?: string | null;
  isolated_block_ids?: string[];
  /** A model handle that overrides the agent's for this conversation. */
  model?: string | null;
  model_settings?: JsonValue;
  /** Fields newer than this package. */
  [key: string]: unknown;
}

/**
 * The value of `listMessages`: a promise of one page, and an async iterable of every message of
 * every page, following the `before` / `after` cursors in the requested order until a short page.
 * The first page is fetched once, on first use, for both.
 */
export declare class MessageList extends Promise<LettaMessage[]> implements AsyncIterable<LettaMessage> {
  private constructor();
  [Symbol.asyncIterator](): AsyncIterator<LettaMessage>;
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
  /** The server's base URL, as configured. */
  get baseURL(): string;
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
  /**
   * The agent's messages (or a conversation's): `await` it for one page, `for await` it for all of
   * them. Newest first unless `order: 'asc'`. Every message is checked against the message union; a
   * message type newer than this package arrives as the server sent it.
   */
  listMessages(agentId: string, query?: ListMessagesQuery, options?: RequestOptions): MessageList;
  /**
   * Cancels runs on the server (`POST /v1/agents/{id}/messages/cancel`, or the conversation's cancel).
   * Resolves to the server's `{ [runId]: status }`; with nothing running it does not reject.
   */
  cancelRun(agentId: string, params?: CancelRunParams, options?: RequestOptions): Promise<CancelRunResult>;
  /** Starts a conversation with the agent: a thread of its own, addressed with `{ conversationId }`. */
  createConversation(agentId: string, params?: { summary?: string }, options?: RequestOptions): Promise<Conversation>;
  /** One page of the agent's conversations. */
  listConversations(agentId: string, query?: ListConversationsQuery, options?: RequestOptions): Promise<Conversation[]>;
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
 * Leaving the loop early (`break`, `return`, a throw) aborts the request; the run goes on on the
 * server unless `cancel()` stops it. Pings are delivered only when asked for (`include_pings: true`,
 * `includePings`). A failure after the stream started rejects with one error once every item before
 * it has been delivered.
 *
 * A background stream (`background: true`) survives a dropped connection: when its body ends before
 * `[DONE]` for a transport reason (a reset, the idle timeout, a proxy cutting it) it resumes from the
 * last sequence number it received (`POST /v1/runs/{runId}/stream`), up to `maxRetries` times in a
 * row, and every item still arrives exactly once, in order. An in-band error is the run's result and
 * is not resumed. A drop before the run's id is known is sent again only to a conversation, which
 * recognises the message otids; the agent route would start a second run, so there it is an error.
 */
export declare class MessageStream implements AsyncIterableIterator<StreamItem> {
  /** Streams are made by `streamMessage`, `resumeStream` and `sendApproval`. */
  private constructor();
  /** The id of the run, from the first item that names it (the first ping); `undefined` until then. */
  get runId(): string | undefined;
  /**
   * The sequence number of the last item handed out, counting the `stop_reason` and
   * `usage_statistics` frames the server numbers without showing it: persist it with `runId` and
   * pass it to `resumeStream(runId, { startingAfter })` after a reload. `undefined` for a stream
   * without sequence numbers (not `background`).
   */
  get lastSeqId(): number | undefined;
  /** How many times the stream resumed (or was sent again) after its connection dropped. */
  get resumes(): number;
  /**
   * Cancels this stream's run on the server and resolves to the server's answer. Before the run's id
   * is known it reads on (keeping the items) until an item names it. Reading goes on: the stream ends
   * as the server ends the run, with `stop_reason: "cancelled"` as its last item.
   */
  cancel(): Promise<CancelRunResult>;
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

/** Where a `ChatSession` stands. */
export type ChatStatus = 'idle' | 'loading' | 'streaming' | 'reconnecting' | 'awaiting_approval' | 'error';

/** The state of a `ChatSession`: an immutable object, replaced on every change. */
export interface ChatSnapshot {
  /**
   * Every message of the chat in order, each once: the history loaded so far, the user's own
   * messages (shown when sent) and the replies as they stream, token deltas folded.
   */
  readonly messages: readonly LettaMessage[];
  readonly status: ChatStatus;
  /** The approval request that waits for `approve` or `deny`, while `status` is `awaiting_approval`. */
  readonly pendingApproval: LettaMessage | null;
  /** What failed, while `status` is `error`. */
  readonly error: Error | null;
  /** The last reply's stop reason (`end_turn`, `requires_approval`, `cancelled`, …). */
  readonly stopReason: string | null;
  /** The last reply's usage. */
  readonly usage: Extract<StreamItem, { message_type: 'usage_statistics' }> | null;
  /** Whether `loadEarlier()` may find older messages. */
  readonly hasEarlier: boolean;
}

/** Something that keeps strings, as `sessionStorage` and `localStorage` do. */
export interface ChatStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Options of a `ChatSession`. */
export interface ChatSessionOptions {
  client: LettaClient;
  agentId: string;
  /** Chat in this conversation instead of the agent's own thread. */
  conversationId?: string;
  /** Ask for token deltas (`stream_tokens: true`). */
  streamTokens?: boolean;
  /**
   * Where the running reply's run id is kept, so that `load()` after a reload resumes it (default:
   * `sessionStorage` where there is one; `null` for none). Keyed by server, agent and conversation;
   * never holds the key.
   */
  storage?: ChatStorage | null;
  /** Messages per page of history (default 50). */
  historyPageSize?: number;
  /** Send Message params added to every request (a message or an approval answer), e.g. `{ include_pings: true }`. */
  params?: Partial<MessageSendParams>;
  /** Called with every stream item as it arrives (pings, stop reasons and usage included). */
  onItem?: (item: StreamItem) => void;
}

/**
 * The state of one chat, without any DOM, for any framework: history and live replies merged,
 * replies that resume after a dropped connection or a reload, Stop that cancels on the server, and
 * approvals restored after a reload or a refused message.
 *
 * ```ts
 * const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
 * ```
 */
export declare class ChatSession {
  constructor(options: ChatSessionOptions);
  /** A stable key of a message in `snapshot.messages` (React's `key`), kept when the history's copy of a sent message replaces it. */
  static messageKey(message: LettaMessage): string;
  /** Send Message params added to every request the session sends; may be changed between sends. */
  params: Partial<MessageSendParams>;
  /** Calls `listener` after every change; returns the unsubscribe function. Works unbound. */
  readonly subscribe: (listener: () => void) => () => void;
  /** The current snapshot (the same object until something changes). Works unbound. */
  readonly getSnapshot: () => ChatSnapshot;
  /** Loads the last page of history, resumes a reply still running, restores a pending approval. */
  load(): Promise<void>;
  /** Loads one more page of history, older than what is shown. */
  loadEarlier(): Promise<void>;
  /** Sends text (or whole Send Message params, sent as a background stream) and streams the reply. */
  send(input: string | MessageSendParams): Promise<void>;
  /** Approves the pending tool call and streams the continuation. */
  approve(toolCallId: string, reason?: string): Promise<void>;
  /** Denies the pending tool call and streams the continuation. */
  deny(toolCallId: string, reason?: string): Promise<void>;
  /**
   * Cancels the reply on the server; resolves once it has ended (should the server not end it
   * within 5 seconds, the session stops reading).
   */
  stop(): Promise<void>;
  /**
   * Stops following the reply and drops every listener, for a component that goes away. The run
   * goes on on the server and its id stays in `storage`: another session's `load()` resumes it.
   */
  close(): void;
  /** Sends the last message again (after a failure). */
  retry(): Promise<void>;
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

/** 400: the server refused the request (for example an approval with nothing pending). */
export declare class BadRequestError extends APIError {}
/** 401: no key, or a wrong one. */
export declare class AuthenticationError extends APIError {}
/** 403: the key may not do this. */
export declare class PermissionDeniedError extends APIError {}
/** 404: no such agent, run or conversation. */
export declare class NotFoundError extends APIError {}
/**
 * 409: the conversation is busy with another run (retried first), or an approval request waits for
 * its answer (not retried: answer it, `pendingRequestId`, first).
 */
export declare class ConflictError extends APIError {
  /** `"PENDING_APPROVAL"` when an approval request waits for an answer. */
  readonly code: 'PENDING_APPROVAL' | undefined;
  /** The id of the approval request that waits (`message-…`), when that is the conflict. */
  readonly pendingRequestId: string | undefined;
  /** The run that holds the conversation (`run-…`), when the server names it. */
  readonly runId: string | undefined;
}
/** 422: the server's own validation refused the request. */
export declare class UnprocessableEntityError extends APIError {}
/** 429: too many requests (after the retries). */
export declare class RateLimitError extends APIError {}
/** 500 and above: the server failed (after the retries). */
export declare class InternalServerError extends APIError {}

/**
 * The server answered with an error status (after the retries, for a retried status). Each status
 * has its subclass: `BadRequestError` (400), `AuthenticationError` (401), `PermissionDeniedError` (403),
 * `NotFoundError` (404), `ConflictError` (409), `UnprocessableEntityError` (422), `RateLimitError`
 * (429), `InternalServerError` (≥ 500).
 */
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

/** The request could not be sent, or the connection broke; `cause` is what failed underneath. */
export declare class APIConnectionError extends LettaError {
  constructor(message?: string, options?: { cause?: unknown });
}

/** No response, or no stream chunk, arrived within `timeoutMs`. */
export declare class APIConnectionTimeoutError extends APIConnectionError {
  constructor(message?: string, options?: { cause?: unknown });
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
