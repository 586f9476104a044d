// HTTP for the package: `fetch` with the client's headers, a deadline per attempt (timeout, the
// caller's signal, the client's own cancel), and retries with the crate's policy.
import * as wasm from '../letta_wasm.js';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, apiErrorClass, connectionError, invalidResponse, timeoutError } from './errors.js';
import { DEFAULTS } from './options.js';

/**
 * One attempt's abort controller: it aborts on the caller's signal, on a timeout, or when the client
 * cancels, and remembers which, so that the failure it causes is reported as what it was.
 */
export class Deadline {
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

  /** Aborts the request because nothing arrived in time (a stream's idle timeout). */
  expire() {
    this.#fire('timeout');
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
 * Sends a request (`{ method, path, query?, body?, acceptStream? }`), retrying 408, 409 (except a
 * pending approval), 429, 5xx, connection errors and timeouts with the crate's policy (backoff with
 * jitter, or what `retry-after(-ms)` asks). Resolves to the successful response and its deadline
 * (still armed: the caller reads the body under it).
 */
export async function send(config, request, options) {
  const maxRetries = options.maxRetries ?? config.maxRetries;
  const timeoutMs = options.timeoutMs ?? config.timeoutMs;
  const url = config.baseUrl.replace(/\/+$/, '') + request.path + queryString(request.query);
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

/** Sends a request and resolves to the text of its (successful) body. */
export async function sendForText(config, request, options) {
  const { response, deadline } = await send(config, request, options);
  try {
    return await deadline.wait(response.text());
  } finally {
    deadline.release();
  }
}

/** `?key=value&…` of the defined entries of `query`, or ''. */
function queryString(query) {
  if (query === undefined) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.append(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** The `APIError` (of the status's subclass) for an error response. */
export function apiError(status, headers, body) {
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  return new (apiErrorClass(status))(wasm.apiErrorMessage(status, body), status, headers, parsed, body);
}

/** Waits `ms`, unless the caller's signal fires first (then APIUserAbortError). */
export async function sleep(ms, userSignal) {
  if (!(ms > 0)) {
    if (userSignal?.aborted) throw new APIUserAbortError();
    return;
  }
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

const segment = encodeURIComponent;

/** The paths of the API, in one place. */
export const paths = {
  /** Send Message (POST) and history (GET): the agent's own thread, or a conversation's. */
  messages: (agentId, conversationId) =>
    conversationId === undefined ? `/v1/agents/${segment(agentId)}/messages` : `/v1/conversations/${segment(conversationId)}/messages`,
  cancel: (agentId, conversationId) =>
    conversationId === undefined ? `/v1/agents/${segment(agentId)}/messages/cancel` : `/v1/conversations/${segment(conversationId)}/cancel`,
  runStream: (runId) => `/v1/runs/${segment(runId)}/stream`,
  conversations: () => '/v1/conversations/',
};
