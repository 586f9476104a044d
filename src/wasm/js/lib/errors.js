// The error classes of letta-wasm, named as the official Letta SDK (and openai-node) name them, and
// the helpers that make them from what went wrong. Their messages come from the crate
// (`clientErrorMessage`), so that the package and the Rust client word each failure alike.
import * as wasm from '../letta_wasm.js';

/** The base class of every error letta-wasm throws. */
export class LettaError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The server answered with an error status. A subclass per status: `NotFoundError`, `ConflictError`, … */
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

/** 400: the server refused the request as invalid (for example an approval with nothing pending). */
export class BadRequestError extends APIError {}

/** 401: no key, or a wrong one. */
export class AuthenticationError extends APIError {}

/** 403: the key may not do this. */
export class PermissionDeniedError extends APIError {}

/** 404: no such agent, run or conversation. */
export class NotFoundError extends APIError {}

/**
 * 409: the agent (or conversation) is busy with another run, or waits for an approval. Neither is
 * retried when it is a pending approval: answer it (`pendingRequestId`) first.
 */
export class ConflictError extends APIError {
  constructor(message, status, headers, error, body) {
    super(message, status, headers, error, body);
    const detail = error?.detail;
    const pending = detail !== null && typeof detail === 'object' && detail.code === 'PENDING_APPROVAL';
    /** `"PENDING_APPROVAL"` when an approval request waits for an answer, else undefined. */
    this.code = pending ? 'PENDING_APPROVAL' : undefined;
    /** The id of the approval request that waits (`message-…`), when that is the conflict. */
    this.pendingRequestId = pending && typeof detail.pending_request_id === 'string' ? detail.pending_request_id : undefined;
    /** The run that holds the agent or conversation (`run-…`), when the server names it. */
    this.runId = typeof error?.run_id === 'string' ? error.run_id : undefined;
  }
}

/** 422: the server's own validation refused the request. */
export class UnprocessableEntityError extends APIError {}

/** 429: too many requests (retried first, as `retry-after` asks). */
export class RateLimitError extends APIError {}

/** 500 and above: the server failed (retried first). */
export class InternalServerError extends APIError {}

/** The request could not be sent, or the connection broke; `cause` is what failed underneath. */
export class APIConnectionError extends LettaError {}

/** No response, or no stream chunk, arrived within the timeout. */
export class APIConnectionTimeoutError extends APIConnectionError {
  constructor(message = 'request timed out', options) {
    super(message, options);
  }
}

/** The caller aborted the request (its AbortSignal fired). */
export class APIUserAbortError extends LettaError {
  constructor(message = wasm.clientErrorMessage('abort'), options) {
    super(message, options);
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
  constructor(message, errorType, error, data, options) {
    super(message, options);
    /** The server's `error_type` (`internal_error`, `llm_error`, …), or a client-side kind:
     *  `decode_error`, `incomplete_stream`, `invalid_event_stream`, `invalid_response`. */
    this.errorType = errorType;
    /** The parsed body of the server's `event: error` frame, when there was one. */
    this.error = error;
    /** The raw frame data that could not be decoded, when that is the problem. */
    this.data = data;
  }
}

const STATUS_CLASSES = new Map([
  [400, BadRequestError],
  [401, AuthenticationError],
  [403, PermissionDeniedError],
  [404, NotFoundError],
  [409, ConflictError],
  [422, UnprocessableEntityError],
  [429, RateLimitError],
]);

/** The `APIError` subclass for an HTTP status (`APIError` itself for statuses without one). */
export function apiErrorClass(status) {
  return STATUS_CLASSES.get(status) ?? (status >= 500 ? InternalServerError : APIError);
}

export const timeoutError = (timeoutMs) => new APIConnectionTimeoutError(wasm.clientErrorMessage('timeout', undefined, timeoutMs));

export const invalidResponse = (message) => new StreamError(wasm.clientErrorMessage('invalid_response', message), 'invalid_response');

export const incompleteStream = () => new StreamError(wasm.clientErrorMessage('incomplete_stream'), 'incomplete_stream');

/** A failed `fetch` or read, as an `APIConnectionError` that keeps it as `cause`: its message, and
 *  the code or message of its own cause (`ECONNREFUSED`). */
export function connectionError(rejection) {
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
  return new APIConnectionError(wasm.clientErrorMessage('connection', message), { cause: rejection });
}

/** A `StreamError` from the decoder's JSON description of it. */
export function streamError(description) {
  const { message, errorType, error, data } = JSON.parse(description);
  return new StreamError(message, errorType, error, data);
}
