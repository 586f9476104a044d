// ChatSession: the state of one chat with an agent, without any DOM: history and live replies
// merged into one list of whole messages, a status, the pending approval, and a snapshot that is
// replaced on every change (for React's useSyncExternalStore and the like). It survives reloads
// (the running run's id is kept in storage and resumed), dropped connections (background streams
// resume by themselves) and Stop (the run is cancelled on the server).
import { MessageAccumulator, NOT_MESSAGES, partKey } from './accumulator.js';
import { BadRequestError, ConflictError, NotFoundError, StreamError } from './errors.js';
import { observeStream } from './stream.js';

/**
 * The key of a message in the list. The server does not echo a user's message in the stream, so the
 * session shows its own copy first; it has the otid the request carried, as the history's copy has.
 */
function messageKey(message) {
  if (message.message_type === 'user_message' && typeof message.otid === 'string') return `user\u0000${message.otid}`;
  return partKey(message);
}

function uuid4() {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 3) | 8).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

function defaultStorage() {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // a sandboxed frame may refuse it
  }
}

const EMPTY = Object.freeze([]);

/** How long `stop()` waits for the server to end a cancelled reply before it stops reading. */
const STOP_GRACE_MS = 5000;

/**
 * One chat with an agent (or with one of its conversations). Create it, `subscribe` to it, `load()`
 * it, then `send`, `approve` / `deny`, `stop`, `retry`, `loadEarlier`. `getSnapshot()` returns the
 * same object until something changes.
 */
export class ChatSession {
  #client;
  #agentId;
  #conversationId;
  #streamTokens;
  #storage;
  #pageSize;
  #listeners = new Set();
  #history = [];
  #live = new MessageAccumulator();
  #liveOrder = [];
  #liveByKey = new Map();
  #lastOwnKeys = [];
  /** Send Message params added to every request the session sends; may be changed between sends. */
  params;
  #onItem;
  #closed = false;
  #stream = undefined;
  #lastSend = undefined;
  #state = { status: 'idle', pendingApproval: null, error: null, stopReason: null, usage: null, hasEarlier: false };
  #snapshot;

  /**
   * @param options `{ client, agentId, conversationId?, streamTokens?, storage?, historyPageSize? }`:
   *   `storage` keeps the running run's id across reloads (default `sessionStorage` where there is
   *   one; `null` for none; anything with `getItem` / `setItem` / `removeItem`). `params` are
   *   Send Message params added to every request (a message or an approval answer), such as
   *   `{ include_pings: true }`; `onItem` is called with every stream item as it arrives (pings,
   *   stop reasons and usage included).
   */
  constructor(options) {
    const { client, agentId } = options ?? {};
    if (client === null || typeof client !== 'object' || typeof client.streamMessage !== 'function') {
      throw new TypeError('option `client` must be a LettaClient');
    }
    if (typeof agentId !== 'string') throw new TypeError('option `agentId` must be a string');
    this.#client = client;
    this.#agentId = agentId;
    this.#conversationId = typeof options.conversationId === 'string' ? options.conversationId : undefined;
    this.#streamTokens = options.streamTokens === true;
    this.#storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.#pageSize = Number.isInteger(options.historyPageSize) && options.historyPageSize > 0 ? options.historyPageSize : 50;
    this.params = options.params ?? {};
    if (this.params === null || typeof this.params !== 'object' || Array.isArray(this.params)) throw new TypeError('option `params` must be an object');
    if (options.onItem !== undefined && typeof options.onItem !== 'function') throw new TypeError('option `onItem` must be a function');
    this.#onItem = options.onItem;
    this.#snapshot = this.#makeSnapshot();
  }

  /**
   * A stable key of a message in `snapshot.messages` (for React's `key`): a user's message keeps
   * its key when the history's copy replaces the one shown when it was sent.
   */
  static messageKey(message) {
    return messageKey(message);
  }

  /** Calls `listener` after every change; returns the function that unsubscribes it. Works unbound. */
  subscribe = (listener) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The current state: an immutable object, replaced on every change. Works unbound. */
  getSnapshot = () => this.#snapshot;

  /**
   * Loads the latest page of history; resumes a reply that was still running when the page was left
   * (its run id is in `storage`); restores a pending approval.
   */
  async load() {
    this.#set({ status: 'loading', error: null });
    try {
      this.#history = await this.#latestPage();
    } catch (error) {
      return this.#set({ status: 'error', error });
    }
    if (this.#closed) return;
    this.#set({ hasEarlier: this.#history.length >= this.#pageSize });
    // A message sent while the history loaded streams its reply: that is the state now.
    if (this.#stream !== undefined) return;
    const runId = this.#savedRunId();
    if (runId !== undefined) {
      // From the start: the deltas before the reload are gone with the page, and the history holds
      // only what the run finished; the replay rebuilds the reply whole (each message once).
      const stream = this.#client.resumeStream(runId, { startingAfter: 0, agentId: this.#agentId });
      return this.#follow(stream, { resumed: true });
    }
    this.#settle(pendingApprovalIn(this.#history));
  }

  /** Loads one more page of history, older than what is shown. */
  async loadEarlier() {
    const oldest = this.#history.find((message) => typeof message.id === 'string');
    if (!this.#state.hasEarlier || oldest === undefined) return;
    const query = { limit: this.#pageSize, before: oldest.id, conversationId: this.#historyConversation() };
    let page;
    try {
      page = await this.#client.listMessages(this.#agentId, query);
    } catch (error) {
      return this.#set({ error });
    }
    this.#history = [...[...page].reverse(), ...this.#history];
    this.#set({ hasEarlier: page.length >= this.#pageSize });
  }

  /** Sends a message (text, or whole Send Message params) and streams the reply. */
  async send(input) {
    this.#assertNotStreaming();
    const params = typeof input === 'string' ? { messages: [{ role: 'user', content: input }] } : { ...input };
    if (typeof input === 'string' || Array.isArray(input?.messages)) {
      params.messages = params.messages.map((message) =>
        message !== null && typeof message === 'object' && message.otid === undefined ? { ...message, otid: uuid4() } : message,
      );
    } else if (params.input !== undefined && params.input !== null) {
      params.messages = [{ role: 'user', content: params.input, otid: uuid4() }];
      delete params.input;
    }
    params.background ??= true;
    if (this.#streamTokens) params.stream_tokens ??= true;
    for (const [name, value] of Object.entries(this.params)) params[name] ??= value;
    this.#lastSend = params;
    this.#showOwnMessages(params);
    return this.#follow(this.#client.streamMessage(this.#agentId, params, this.#options()));
  }

  /** Approves a pending tool call (optionally with a reason) and streams the agent's continuation. */
  approve(toolCallId, reason) {
    return this.#answer(toolCallId, true, reason);
  }

  /** Denies a pending tool call (optionally with a reason) and streams the agent's continuation. */
  deny(toolCallId, reason) {
    return this.#answer(toolCallId, false, reason);
  }

  /**
   * Stops the reply: the run is cancelled on the server, which ends the reply with the stop reason
   * `cancelled`; resolves once the reply has ended. Should the cancel fail, or the server not end
   * the reply within 5 seconds, the session stops reading it.
   */
  async stop() {
    const stream = this.#stream;
    if (stream === undefined) return;
    const running = this.#running;
    let timer;
    const grace = new Promise((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)));
    try {
      await stream.cancel();
      await Promise.race([running, grace]);
    } catch {
      // Cancelling failed (the network, say): stop reading below.
    } finally {
      clearTimeout(timer);
    }
    if (this.#stream === stream) stream.abort();
    await running;
  }

  /**
   * Stops following the reply and drops every listener: for a page or component that goes away.
   * The run goes on on the server, and its id stays in `storage`, so that another session's
   * `load()` resumes it.
   */
  close() {
    this.#closed = true;
    this.#listeners.clear();
    this.#stream?.abort();
  }

  /** Sends the last message again after a failure. */
  async retry() {
    if (this.#lastSend === undefined) throw new Error('nothing to retry: no message was sent');
    this.#assertNotStreaming();
    return this.#follow(this.#client.streamMessage(this.#agentId, this.#lastSend, this.#options()));
  }

  // ───────────────────────── internals ─────────────────────────

  #running = Promise.resolve();

  #options() {
    return this.#conversationId === undefined ? {} : { conversationId: this.#conversationId };
  }

  #assertNotStreaming() {
    if (this.#stream !== undefined) throw new Error('a reply is still streaming: stop() it or wait for it to end');
  }

  async #answer(toolCallId, approve, reason) {
    this.#assertNotStreaming();
    const params = { ...this.params, background: true, ...(this.#streamTokens ? { stream_tokens: true } : {}) };
    const answer = { toolCallId, approve, ...(reason === undefined ? {} : { reason }) };
    const stream = this.#client.sendApproval(this.#agentId, answer, { ...this.#options(), stream: true, params });
    this.#set({ pendingApproval: null });
    return this.#follow(stream);
  }

  /** The user's own messages of a request, shown until the history's copies replace them. */
  #showOwnMessages(params) {
    const date = new Date().toISOString().slice(0, 19) + '+00:00';
    this.#lastOwnKeys = [];
    for (const message of params.messages ?? []) {
      if (message?.role !== 'user' || (message.type !== undefined && message.type !== 'message')) continue;
      const own = { id: `local-${message.otid}`, date, message_type: 'user_message', otid: message.otid, content: message.content };
      this.#arrived(own);
      this.#lastOwnKeys.push(messageKey(own));
    }
  }

  /** Reads a reply to its end, folding it into the messages. */
  #follow(stream, { resumed = false } = {}) {
    this.#stream = stream;
    this.#set({ status: 'streaming', error: null, stopReason: null, usage: null, pendingApproval: null });
    const running = this.#read(stream, resumed);
    this.#running = running.catch(() => {});
    return running;
  }

  async #read(stream, resumed) {
    observeStream(stream, (reconnecting) => this.#set({ status: reconnecting ? 'reconnecting' : 'streaming' }));
    let saved = false;
    let stopReason = null;
    try {
      for await (const item of stream) {
        if (this.#closed) break;
        this.#notifyItem(item);
        if (!saved && stream.runId !== undefined) {
          saved = true;
          this.#saveRunId(stream.runId);
        }
        if (item.message_type === 'stop_reason') stopReason = item.stop_reason;
        else if (item.message_type === 'usage_statistics') this.#set({ usage: item });
        else if (!NOT_MESSAGES.has(item.message_type)) this.#arrived(this.#live.push(item) ?? item);
        this.#set({ stopReason });
      }
      this.#stream = undefined;
      if (this.#closed) return;
      this.#forgetRunId();
      // A reply resumed after a reload began before this page: the server stores the user's message
      // of it when the run ends, and only the history can show it now.
      // (It reaches the history a moment after the stream ends: look a few times.)
      for (let attempt = 0; resumed && attempt < 3 && !(await this.#refreshHistory()); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      this.#settle(stopReason === 'requires_approval' ? pendingApprovalIn(this.#messages()) : null);
    } catch (error) {
      this.#stream = undefined;
      if (this.#closed) return;
      if (resumed && (error instanceof NotFoundError || error instanceof BadRequestError)) {
        // The saved run is gone (expired, or not a background run): nothing to resume.
        this.#forgetRunId();
        return this.#settle(pendingApprovalIn(this.#messages()));
      }
      if (waitsForApproval(error)) {
        this.#unshowOwnMessages();
        return this.#restorePendingApproval(error.pendingRequestId);
      }
      this.#forgetRunId();
      this.#set({ status: 'error', error });
    }
  }

  #notifyItem(item) {
    if (this.#onItem === undefined) return;
    try {
      this.#onItem(item);
    } catch (error) {
      // As a listener's: the app's failure, reported, and the reply goes on.
      setTimeout(() => {
        throw error;
      });
    }
  }

  /** The newest page of history, oldest message first. */
  async #latestPage() {
    const page = await this.#client.listMessages(this.#agentId, { limit: this.#pageSize, conversationId: this.#historyConversation() });
    return [...page].reverse();
  }

  /**
   * The conversation whose history the session shows: the agent's own thread is `default` (the
   * agent's history without it holds every conversation's messages too; measured on 0.16.8).
   */
  #historyConversation() {
    return this.#conversationId ?? 'default';
  }

  /** Idle, or awaiting the approval `pending` (an approval request, or null). */
  #settle(pending) {
    this.#set({ status: pending ? 'awaiting_approval' : 'idle', pendingApproval: pending });
  }

  /**
   * The server refused the message because an approval waits: show that approval instead of
   * failing. `pendingRequestId` is known from a 409; a refusal in the stream does not name it, and
   * then the newest history says which it is.
   */
  async #restorePendingApproval(pendingRequestId) {
    const isPending = (message) =>
      message.message_type === 'approval_request_message' && (pendingRequestId === undefined || message.id === pendingRequestId);
    let pending = pendingRequestId === undefined ? undefined : this.#messages().find(isPending);
    if (pending === undefined) {
      try {
        const latest = await this.#latestPage();
        pending = pendingRequestId === undefined ? (pendingApprovalIn(latest) ?? undefined) : latest.find(isPending);
        if (pending !== undefined && !this.#messages().some((message) => messageKey(message) === messageKey(pending))) {
          this.#history = [...this.#history, pending];
        }
      } catch {
        // Shown without the message: the status still says an approval waits.
      }
    }
    this.#set({ status: 'awaiting_approval', pendingApproval: pending ?? null });
  }

  /**
   * Adds the newest page of history's user messages that the list does not show yet, before the
   * reply they asked for; true when it found one.
   */
  async #refreshHistory() {
    try {
      const shown = new Set(this.#messages().map(messageKey));
      const fresh = (await this.#latestPage()).filter((message) => message.message_type === 'user_message' && !shown.has(messageKey(message)));
      if (fresh.length > 0) this.#history = [...this.#history, ...fresh];
      return fresh.length > 0;
    } catch {
      // The reply is shown; only the user's message of it is missing until the next load.
      return true;
    }
  }

  /** Takes back the user's messages of the last send, which the server refused. */
  #unshowOwnMessages() {
    for (const key of this.#lastOwnKeys) {
      this.#liveByKey.delete(key);
      this.#liveOrder = this.#liveOrder.filter((other) => other !== key);
    }
    this.#lastOwnKeys = [];
  }

  #storageKey() {
    const base = typeof this.#client.baseURL === 'string' ? this.#client.baseURL : '';
    return `letta-wasm:run:${base}:${this.#agentId}:${this.#conversationId ?? ''}`;
  }

  #savedRunId() {
    try {
      const text = this.#storage?.getItem(this.#storageKey());
      const runId = text ? JSON.parse(text)?.runId : undefined;
      return typeof runId === 'string' ? runId : undefined;
    } catch {
      return undefined;
    }
  }

  #saveRunId(runId) {
    try {
      this.#storage?.setItem(this.#storageKey(), JSON.stringify({ runId }));
    } catch {
      // Full or refused storage: the reply still streams, it just cannot be resumed after a reload.
    }
  }

  #forgetRunId() {
    try {
      this.#storage?.removeItem(this.#storageKey());
    } catch {
      // as above
    }
  }

  /** History, then what this page saw arrive (the user's own messages and the replies), each once, in order. */
  #messages() {
    const byKey = new Map();
    const order = [];
    for (const message of this.#history) {
      const key = messageKey(message);
      if (!byKey.has(key)) order.push(key);
      byKey.set(key, message);
    }
    for (const key of this.#liveOrder) {
      const message = this.#liveByKey.get(key);
      if (!byKey.has(key)) order.push(key);
      // The history's copy of a user's message has the server's id; a reply's live copy is newer.
      else if (message.message_type === 'user_message') continue;
      byKey.set(key, message);
    }
    return order.map((key) => byKey.get(key));
  }

  /** Adds or updates a message that arrived on this page. */
  #arrived(message) {
    const key = messageKey(message);
    if (!this.#liveByKey.has(key)) this.#liveOrder.push(key);
    this.#liveByKey.set(key, message);
  }

  #makeSnapshot() {
    const state = this.#state;
    const messages = this.#messages();
    return Object.freeze({
      messages: messages.length === 0 ? EMPTY : Object.freeze(messages),
      status: state.status,
      pendingApproval: state.pendingApproval,
      error: state.error,
      stopReason: state.stopReason,
      usage: state.usage,
      hasEarlier: state.hasEarlier,
    });
  }

  #set(change) {
    if (this.#closed) return;
    this.#state = { ...this.#state, ...change };
    this.#snapshot = this.#makeSnapshot();
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        // A listener's failure is the app's; it must not stop the others or the session.
        setTimeout(() => {
          throw error;
        });
      }
    }
  }
}

/**
 * Whether the server refused a message because an approval waits: a 409 `PENDING_APPROVAL` (JSON),
 * or, when streaming, an in-band error with the same words (Letta 0.16.8 streams that refusal).
 */
function waitsForApproval(error) {
  if (error instanceof ConflictError) return error.code === 'PENDING_APPROVAL';
  if (!(error instanceof StreamError)) return false;
  const text = typeof error.error?.message === 'string' ? error.error.message : error.message;
  return /waiting for approval/i.test(text) || /PENDING_APPROVAL/.test(text);
}

/** The approval request that waits for an answer: the last message, when it is one. */
function pendingApprovalIn(messages) {
  const last = [...messages].reverse().find((message) => message.message_type !== 'system_message');
  return last?.message_type === 'approval_request_message' ? last : null;
}
