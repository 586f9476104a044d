// LettaClient and the top-level functions: what each API call sends, and how its answer is read.
import * as wasm from '../letta_wasm.js';
import { ConflictError, StreamError, ValidationError, incompleteStream, invalidResponse } from './errors.js';
import { MessageList, messagePage, messageQuery, messageSearch } from './lists.js';
import { boolean, clientConfig, count, number, oneOf, option, paramsJson, requestOptions, string, strings, typeError } from './options.js';
import { MessageStream } from './stream.js';
import { paths, send, sendForText } from './transport.js';

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
  const text = await sendForText(config, { method: 'POST', path: paths.messages(agentId, request.conversationId), body }, request);
  const problem = wasm.checkResponse(text);
  if (problem !== undefined) throw new StreamError(problem, 'invalid_response');
  return JSON.parse(text);
}

/** Sends a streaming request and opens its body: `{ reader, decoder, deadline }` for MessageStream. */
async function openStream(config, request, options) {
  const { response, deadline } = await send(config, request, options);
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
    throw incompleteStream();
  }
  return { reader: response.body.getReader(), decoder: new wasm.StreamDecoder(), deadline };
}

/** What every stream needs: how to resume a run, and how to cancel it. */
function runSource(config, agentId, request, open) {
  // The cancel and the resumes are sent whatever became of the stream's own signal.
  const quiet = { ...request, signal: undefined };
  return {
    open,
    resume: (runId, startingAfter, signal) =>
      openStream(
        config,
        // Pings keep the idle timeout quiet while the run waits on its model; they are not handed out
        // unless asked for.
        { method: 'POST', path: paths.runStream(runId), body: wasm.resumeBody(startingAfter, true), acceptStream: true },
        { ...request, signal },
      ),
    cancel: (runId) =>
      agentId === undefined
        ? Promise.reject(new TypeError('this stream was opened by run id: cancel it with cancelRun(agentId, { runIds })'))
        : cancelWith(config, agentId, { runIds: runId === undefined ? undefined : [runId], conversationId: request.conversationId }, quiet),
  };
}

function streamSettings(config, request, extra) {
  return {
    signal: request.signal,
    timeoutMs: request.timeoutMs ?? config.timeoutMs,
    maxRetries: request.maxRetries ?? config.maxRetries,
    ...extra,
  };
}

function streamWith(config, agentId, params, options) {
  let text = paramsJson(params);
  const request = requestOptions(options);
  const parsed = JSON.parse(text);
  // Pings are items only when the caller asked for them; the run id is taken from them regardless.
  const yieldPings = parsed?.include_pings === true;
  const resumable = parsed?.background === true && request.resume !== false;
  if (resumable && parsed.include_pings === false) {
    // A resumable stream asks for pings anyway (and hands none out): the first one names the run at
    // once, before the model answers, so that a drop in that time can still be resumed, and the
    // keepalives tell a slow run from a dead connection.
    text = JSON.stringify({ ...parsed, include_pings: true });
  }
  // Built once: a request sent again carries the same message otids, so the server knows it.
  let body;
  const open = (signal) => {
    body ??= sendBody(agentId, text, true, request.validate ?? true);
    return openStream(config, { method: 'POST', path: paths.messages(agentId, request.conversationId), body, acceptStream: true }, { ...request, signal });
  };
  const source = runSource(config, agentId, request, open);
  const resendable = request.conversationId !== undefined;
  return new MessageStream(source, streamSettings(config, request, { yieldPings, resumable, resendable }));
}

function resumeWith(config, runId, options) {
  if (typeof runId !== 'string') throw typeError('runId', 'a string');
  const startingAfter = number(options, 'startingAfter');
  const includePings = boolean(options, 'includePings');
  const agentId = string(options, 'agentId');
  const request = requestOptions(options);
  const source = runSource(config, agentId, request, undefined);
  source.open = (signal) => source.resume(runId, startingAfter ?? 0, signal);
  const resumable = request.resume !== false;
  return new MessageStream(source, streamSettings(config, request, { yieldPings: includePings ?? false, resumable, runId, startingAfter }));
}

/**
 * POST …/cancel: the server's `{ [runId]: status }`. Runs named by id are cancelled through the
 * agent's route (which takes ids); otherwise every active run of the conversation, or of the agent.
 * `{}` when a conversation has nothing running.
 */
async function cancelWith(config, agentId, { runIds, conversationId: conversation }, request) {
  const conversationId = runIds === undefined ? conversation : undefined;
  const body = runIds === undefined ? '{}' : JSON.stringify({ run_ids: runIds });
  const query = conversationId === undefined ? undefined : { agent_id: agentId };
  try {
    const text = await sendForText(config, { method: 'POST', path: paths.cancel(agentId, conversationId), query, body }, request);
    return JSON.parse(text);
  } catch (error) {
    // A conversation answers 409 "No active runs to cancel" where the agent route answers 200.
    if (error instanceof ConflictError && /no active runs/i.test(error.body ?? '')) return {};
    throw error;
  }
}

/** Whether a history route reads the agent's own thread (where the server's desc pages are turned). */
const agentRecall = (conversationId) => conversationId === undefined || conversationId === 'default' || conversationId.startsWith('agent-');

function listWith(config, agentId, query, options) {
  if (typeof agentId !== 'string') throw typeError('agentId', 'a string');
  const request = requestOptions(options);
  const parsed = messageQuery(query);
  parsed.conversationId ??= request.conversationId;
  const path = paths.messages(agentId, parsed.conversationId);
  const fetchPage = async (cursor) => {
    const text = await sendForText(config, { method: 'GET', path, query: messageSearch(parsed, agentId, cursor) }, request);
    return messagePage(text, parsed.order, agentRecall(parsed.conversationId));
  };
  return new MessageList(fetchPage, parsed);
}

/** A JSON array of objects with string ids, or the StreamError that says it is not. */
function objectList(text, what) {
  const list = JSON.parse(text);
  const ok = Array.isArray(list) && list.every((item) => item !== null && typeof item === 'object' && typeof item.id === 'string');
  if (!ok) throw new StreamError(`invalid response: the body is not a list of ${what}`, 'invalid_response');
  return list;
}

function conversationObject(text) {
  const conversation = JSON.parse(text);
  if (conversation === null || typeof conversation !== 'object' || typeof conversation.id !== 'string') {
    throw new StreamError('invalid response: the body is not a Conversation', 'invalid_response');
  }
  return conversation;
}

/** A client for one Letta server: its address, key, timeout, retries and headers. */
export class LettaClient {
  #config;

  constructor(options) {
    this.#config = clientConfig(options);
  }

  /** The server's base URL, as configured (never the key). */
  get baseURL() {
    return this.#config.baseUrl;
  }

  /** Sends a message and resolves to the whole `LettaResponse`. */
  sendMessage(agentId, params, options) {
    return sendWith(this.#config, agentId, params, options);
  }

  /** Sends a message and streams the answer: an async iterable of stream items. */
  streamMessage(agentId, params, options) {
    return streamWith(this.#config, agentId, params, options);
  }

  /** Streams a background run again, from after `startingAfter`; it resumes by itself if it drops. */
  resumeStream(runId, options) {
    return resumeWith(this.#config, runId, options);
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

  /**
   * The agent's (or a conversation's) messages: `await` gives one page, `for await` every message,
   * following the cursors. `order` is `desc` (newest first) unless asked otherwise.
   */
  listMessages(agentId, query, options) {
    return listWith(this.#config, agentId, query, options);
  }

  /**
   * Cancels runs on the server: `runIds`, or else every active run of the agent (or of
   * `conversationId`). Resolves to the server's `{ [runId]: status }`; with nothing to cancel, the
   * agent route still answers (and a conversation gives `{}`), so there is nothing to catch.
   */
  cancelRun(agentId, params, options) {
    if (typeof agentId !== 'string') return Promise.reject(typeError('agentId', 'a string'));
    try {
      const request = requestOptions(options);
      const runIds = strings(params, 'runIds');
      const conversationId = string(params, 'conversationId') ?? request.conversationId;
      return cancelWith(this.#config, agentId, { runIds, conversationId }, request);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Starts a new conversation (a thread of its own) with an agent. */
  async createConversation(agentId, params, options) {
    if (typeof agentId !== 'string') throw typeError('agentId', 'a string');
    const summary = string(params, 'summary');
    const body = JSON.stringify(summary === undefined ? {} : { summary });
    const request = requestOptions(options);
    const text = await sendForText(this.#config, { method: 'POST', path: paths.conversations(), query: { agent_id: agentId }, body }, request);
    return conversationObject(text);
  }

  /** The agent's conversations: one page (`limit` 50 and `order` desc by default, as the server). */
  async listConversations(agentId, query, options) {
    if (typeof agentId !== 'string') throw typeError('agentId', 'a string');
    const search = {
      agent_id: agentId,
      limit: count(query, 'limit'),
      after: string(query, 'after'),
      order: oneOf(query, 'order', ['asc', 'desc']),
    };
    const request = requestOptions(options);
    const text = await sendForText(this.#config, { method: 'GET', path: paths.conversations(), query: search }, request);
    return objectList(text, 'conversations');
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
