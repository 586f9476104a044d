// <letta-chat>: a chat with a Letta agent as one custom element, built on letta-wasm's ChatSession.
//
//   <script type="module" src="…/letta-wasm/chat/letta-chat.js"></script>
//   <letta-chat base-url="https://letta.example.com" agent-id="agent-…"></letta-chat>
//
// On connect it shows the last page of the conversation's history ("Load earlier" for more), resumes
// a reply that was still streaming when the page was left, and restores a pending approval. A reply
// cut by the network resumes by itself ("Reconnecting…"); Stop cancels the run on the server.
//
// Attributes: base-url, agent-id, conversation-id (a conversation of the agent), api-key (visible to
// anyone who can read the page: prefer a proxy), storage (`session`, the default: a reply resumes
// after a reload of the tab; `local`: also in a new tab; `none`), history-page-size (messages per
// page of history, default 50), stream-tokens, include-pings,
// allow-json (a composer mode that sends a whole request body), placeholder. Properties:
// `clientOptions` (extra LettaClient options: headers, timeoutMs, maxRetries, fetch), `session` (the
// ChatSession), `loaded` (a promise: the history is shown), `busy`. Methods: send(text), stop()
// (cancels the run on the server; Escape in the composer does the same), clear(). Events:
// `letta-item` (every stream item, as received), `letta-turn-end` ({ stopReason, error }). The host
// reflects the session's state in its `status` attribute. Theme it with the --letta-chat-* custom
// properties (see styles.js) and the parts bubble, card, note, reasoning, log, composer, input.
import { ChatSession, LettaClient, validateSendParams } from '../index.js';

import { approvalAnswers, describeError, h, messageView, stopReasonLabel, usageText } from './render.js';
import { styles } from './styles.js';

const ATTRIBUTES = ['base-url', 'agent-id', 'conversation-id', 'api-key', 'storage', 'history-page-size', 'stream-tokens', 'include-pings', 'allow-json', 'placeholder'];

/** Attributes that make a new session: another server, agent, conversation or storage. */
const SESSION_ATTRIBUTES = new Set(['base-url', 'agent-id', 'conversation-id', 'api-key', 'storage', 'history-page-size']);

const keyOf = ChatSession.messageKey;

/** Whether a reply is coming in. */
const isLive = (status) => status === 'streaming' || status === 'reconnecting';

/**
 * What one action (a load, a message sent, an approval answered, a retry) shows under the messages
 * it brought: while it runs, the typing dots or "Reconnecting…"; then its stop reason, usage, pings
 * and error. It sits at the end of the turn that holds `anchor`, the last message when it ended.
 */
function replyBlock(kind) {
  const activity = h('div.activity');
  const footer = h('div.turn-footer', { part: 'turn-footer' });
  const element = h('div.reply', {}, activity, footer);
  return { kind, element, activity, footer, anchor: null, touched: new Set(), received: 0, pings: 0, pingCounter: null };
}

export class LettaChatElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #clientOptions = {};
  #session = null;
  #unsubscribe = null;
  #renewal = false;
  #generation = 0;
  #loaded = Promise.resolve();
  #queue = Promise.resolve();
  #pending = 0;
  #reply = null;
  #replies = [];
  #views = new Map();
  #turns = new Map();
  #labels = new Map();
  #nextLabel = null;
  #following = true;
  #renderScheduled = false;
  #approvalActions = { answer: (answer) => this.#answer(answer) };
  #log;
  #earlier;
  #loading;
  #input;
  #issues;
  #send;
  #stop;
  #jsonToggle;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.append(h('style', {}, styles));
    this.#log = h('div.log', { part: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: 0 });
    // Follow new items while the reader is at the bottom; stay put once they scroll up to read.
    this.#log.addEventListener('scroll', () => {
      const log = this.#log;
      this.#following = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
    });
    this.#earlier = h('button.earlier.ghost', { type: 'button', onclick: () => this.#loadEarlier() }, 'Load earlier messages');
    this.#loading = h('div.loading', { role: 'status' }, 'Loading the conversation…');
    this.#input = h('textarea.input', { part: 'input', rows: 1, 'aria-label': 'Message', onkeydown: (e) => this.#onKey(e), oninput: () => this.#fit() });
    this.#issues = h('div.issues', { role: 'alert', hidden: true });
    this.#send = h('button.send.primary', { type: 'submit' }, 'Send');
    this.#stop = h('button.stop', { type: 'button', hidden: true, onclick: () => this.stop() }, 'Stop');
    this.#jsonToggle = h('input', { type: 'checkbox', onchange: () => this.#onModeChange() });
    const composer = h(
      'form.composer',
      { part: 'composer', onsubmit: (event) => (event.preventDefault(), this.send()) },
      this.#issues,
      h('div.row', {}, this.#input, this.#send, this.#stop),
      h('label.mode', {}, this.#jsonToggle, ' Edit the request as JSON'),
    );
    root.append(h('div.chat', { part: 'chat' }, this.#log, composer));
    this.#applyAttributes();
    // A property set before this element was defined is an own property that hides the accessor.
    if (Object.hasOwn(this, 'clientOptions')) {
      const options = this.clientOptions;
      delete this.clientOptions;
      this.clientOptions = options;
    }
  }

  connectedCallback() {
    if (this.#session === null) this.#scheduleRenewal();
  }

  disconnectedCallback() {
    // Nothing keeps running for a chat that left the page; the reply resumes if it comes back.
    this.#scheduleRenewal();
  }

  attributeChangedCallback(name, before, after) {
    if (before === after) return;
    if (SESSION_ATTRIBUTES.has(name)) this.#scheduleRenewal();
    this.#applyAttributes();
  }

  /** Extra `LettaClient` options (headers, timeoutMs, maxRetries, fetch), merged over the attributes. */
  get clientOptions() {
    return this.#clientOptions;
  }

  set clientOptions(options) {
    this.#clientOptions = { ...options };
    this.#scheduleRenewal();
  }

  /** The `ChatSession` behind the element (null without an `agent-id`). */
  get session() {
    this.#renewNow();
    return this.#session;
  }

  /** Resolves once the conversation's history is shown (a reply left running goes on resuming). */
  get loaded() {
    this.#renewNow();
    return this.#loaded;
  }

  /** Whether the element is loading or a reply is streaming. */
  get busy() {
    return this.#pending > 0;
  }

  /** Sends `text` (or the composer's text) as a user message and streams the reply. */
  async send(text = this.#input.value) {
    this.#renewNow();
    const session = this.#session;
    // A message written while the history loads is sent once it is shown.
    if (this.busy && !(this.#pending === 1 && session?.getSnapshot().status === 'loading')) return;
    const params = this.#params(text);
    if (!params) return;
    const agentId = this.getAttribute('agent-id') ?? '';
    const result = validateSendParams(agentId, { streaming: true, ...this.#extraParams(), ...params });
    this.#showIssues(result.errors, result.warnings);
    if (!result.ok || session === null) return;
    this.#input.value = '';
    this.#fit();
    this.#following = true;
    await this.#run(() => session.send(params), { draft: text });
  }

  /**
   * Stops the reply that is streaming: the run is cancelled on the server, and the reply ends with
   * the stop reason `cancelled`; what arrived stays. Should the server not end it within a few
   * seconds (or the cancel fail), the element stops reading.
   */
  async stop() {
    if (!isLive(this.#session?.getSnapshot().status)) return;
    if (this.shadowRoot.activeElement === this.#stop) this.#input.focus();
    await this.#session.stop();
  }

  /** Empties the conversation shown and stops the reply (the agent keeps its memory and history). */
  clear() {
    const session = this.#session;
    if (session && isLive(session.getSnapshot().status)) session.stop().finally(() => session.close());
    this.#renew({ load: false });
  }

  // ───────────────────────── the session ─────────────────────────

  #scheduleRenewal() {
    if (this.#renewal) return;
    this.#renewal = true;
    queueMicrotask(() => this.#renewNow());
  }

  #renewNow() {
    if (this.#renewal) this.#renew();
  }

  /** A new session for the attributes as they are now (none when disconnected or without an agent). */
  #renew({ load = true } = {}) {
    this.#renewal = false;
    this.#generation += 1;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#session?.close();
    this.#session = null;
    this.#queue = Promise.resolve();
    this.#pending = 0;
    this.#reply = null;
    this.#replies = [];
    this.#views.clear();
    this.#turns.clear();
    this.#labels.clear();
    this.#nextLabel = null;
    this.#following = true;
    this.#log.replaceChildren();
    this.#loaded = Promise.resolve();
    const agentId = this.getAttribute('agent-id');
    if (this.isConnected && agentId) {
      try {
        this.#session = new ChatSession({
          client: new LettaClient({
            baseUrl: this.getAttribute('base-url') || (typeof location === 'object' ? location.origin : undefined),
            apiKey: this.getAttribute('api-key') || undefined,
            ...this.#clientOptions,
          }),
          agentId,
          conversationId: this.getAttribute('conversation-id') || undefined,
          storage: this.#storage(),
          historyPageSize: Number(this.getAttribute('history-page-size')) || undefined,
          onItem: (item) => this.#onItem(item),
        });
      } catch (error) {
        this.#session = null;
        const reply = replyBlock('load');
        this.#replies.push(reply);
        this.#showError(reply, error, null);
      }
    }
    const session = this.#session;
    if (session) {
      this.#unsubscribe = session.subscribe(() => this.#scheduleRender());
      if (load) {
        let shown;
        this.#loaded = new Promise((resolve) => (shown = resolve));
        const start = () => {
          const loading = session.load();
          whenShown(session).then(() => {
            if (this.#session === session) this.#render();
            shown();
          });
          return loading;
        };
        this.#run(start, { kind: 'load' }).finally(shown);
      }
    }
    this.#render();
  }

  /** The storage of run ids the `storage` attribute asks for (`undefined`: the session's default). */
  #storage() {
    const kind = this.getAttribute('storage');
    if (kind === 'none') return null;
    if (kind === 'local') {
      try {
        return typeof localStorage === 'undefined' ? null : localStorage;
      } catch {
        return null;
      }
    }
    return undefined;
  }

  /** Params the attributes add to every request. */
  #extraParams() {
    return {
      ...(this.hasAttribute('stream-tokens') ? { stream_tokens: true } : {}),
      ...(this.hasAttribute('include-pings') ? { include_pings: true } : {}),
    };
  }

  /**
   * Runs `start` (a session call) as one action, after the ones before it: its messages, stop
   * reason, usage and any error show under a reply block; `label` names the turn its first new
   * message begins.
   */
  #run(start, { kind = 'reply', label = null, draft = null } = {}) {
    const generation = this.#generation;
    this.#pending += 1;
    this.#syncControls();
    const run = async () => {
      if (generation !== this.#generation) return;
      const session = this.#session;
      const reply = replyBlock(kind);
      this.#reply = reply;
      this.#replies.push(reply);
      this.#nextLabel = label;
      session.params = this.#extraParams();
      let error = null;
      try {
        await start();
      } catch (thrown) {
        error = thrown;
      }
      if (generation !== this.#generation) return;
      // What arrived since the last frame is this action's (its turn label, its place).
      this.#render();
      const snapshot = session.getSnapshot();
      if (error === null && snapshot.status === 'error') error = snapshot.error;
      this.#reply = null;
      this.#nextLabel = null;
      // Markdown rendered block by block while it streamed is rendered whole once.
      for (const view of reply.touched) view.finish?.();
      if (error) this.#showError(reply, error, { start, kind, label });
      if (draft !== null && snapshot.status === 'awaiting_approval' && snapshot.stopReason !== 'requires_approval') {
        // The server refused the message because an approval waits: it shows instead, and the
        // message goes back to the composer for after the answer.
        reply.footer.replaceChildren(h('span.refused', { role: 'status' }, 'Not sent: answer the approval first'));
        if (this.#input.value === '') {
          this.#input.value = draft;
          this.#fit();
        }
      }
      this.#pending -= 1;
      this.#render();
      // A load is a turn when it resumed a reply or failed.
      if (kind !== 'load' || error || reply.anchor !== null) {
        this.dispatchEvent(new CustomEvent('letta-turn-end', { detail: { stopReason: snapshot.stopReason, error } }));
      }
    };
    const done = this.#queue.then(run, run);
    this.#queue = done.catch(() => {});
    return done.finally(() => generation === this.#generation && this.#syncControls());
  }

  #onItem(item) {
    this.dispatchEvent(new CustomEvent('letta-item', { detail: item }));
    const reply = this.#reply;
    if (reply === null) return;
    reply.received += 1;
    if (item.message_type === 'ping') {
      reply.pings += 1;
      reply.pingCounter ??= reply.footer.appendChild(h('span.pings', { title: 'Keepalive pings received' }));
      reply.pingCounter.textContent = `${reply.pings} ping${reply.pings === 1 ? '' : 's'}`;
    } else if (item.message_type === 'stop_reason') {
      reply.footer.append(h(`span.stop-reason.${item.stop_reason}`, { title: item.stop_reason }, stopReasonLabel(item.stop_reason)));
    } else if (item.message_type === 'usage_statistics') {
      reply.footer.append(h('span.usage', {}, usageText(item)));
    }
  }

  /** Sends an approval answer and streams the agent's continuation as a new turn. */
  async #answer({ toolCallId, approve, reason }) {
    const session = this.#session;
    if (!session) return;
    this.#input.focus();
    const start = () => (approve ? session.approve(toolCallId, reason) : session.deny(toolCallId, reason));
    await this.#run(start, { label: approve ? 'Approved' : 'Denied' });
  }

  async #loadEarlier() {
    const session = this.#session;
    if (!session) return;
    const log = this.#log;
    const fromBottom = log.scrollHeight - log.scrollTop;
    this.#earlier.disabled = true;
    await session.loadEarlier();
    if (this.#session !== session) return;
    this.#render();
    this.#earlier.disabled = false;
    // Keep the messages the reader was looking at where they were.
    log.scrollTop = log.scrollHeight - fromBottom;
    if (!session.getSnapshot().hasEarlier) log.focus();
  }

  // ───────────────────────── rendering ─────────────────────────

  /**
   * Renders at the next animation frame: a reply streamed token by token changes the snapshot for
   * every delta, and the page needs to show only the last state of each frame. (A hidden page has
   * no animation frames: a timer then.)
   */
  #scheduleRender() {
    if (this.#renderScheduled) return;
    this.#renderScheduled = true;
    const render = () => this.#renderScheduled && this.#render();
    if (typeof requestAnimationFrame === 'function' && !document.hidden) requestAnimationFrame(render);
    else setTimeout(render, 50);
  }

  /** Shows the session's snapshot: each message in its view, turns, reply blocks, controls. */
  #render() {
    this.#renderScheduled = false;
    const session = this.#session;
    const snapshot = session?.getSnapshot();
    const messages = (snapshot?.messages ?? []).filter((message) => message.message_type !== 'system_message');
    const live = isLive(snapshot?.status);
    const answers = approvalAnswers(messages);
    const pendingKey = snapshot?.status === 'awaiting_approval' && snapshot.pendingApproval ? keyOf(snapshot.pendingApproval) : null;
    const reply = this.#reply;
    const groups = [];
    const shownKeys = new Set();
    for (const message of messages) {
      const key = keyOf(message);
      shownKeys.add(key);
      let shown = this.#views.get(key);
      if (shown === undefined) {
        if (reply && this.#nextLabel !== null) {
          this.#labels.set(key, this.#nextLabel);
          this.#nextLabel = null;
        }
        const streaming = live && reply !== null;
        shown = { view: messageView(message, this.#approvalActions, { settled: !streaming }), message };
        this.#views.set(key, shown);
        if (streaming) reply.touched.add(shown.view);
      } else if (shown.message !== message) {
        shown.message = message;
        shown.view.update(message);
        if (live && reply) reply.touched.add(shown.view);
        else shown.view.finish?.();
      }
      shown.view.sync?.(key === pendingKey, answers);
      const begins = groups.length === 0 || message.message_type === 'user_message' || message.message_type === 'approval_response_message' || this.#labels.has(key);
      if (begins) groups.push({ id: key, keys: [], views: [] });
      groups.at(-1).keys.push(key);
      groups.at(-1).views.push(shown.view.element);
    }
    for (const key of this.#views.keys()) if (!shownKeys.has(key)) this.#views.delete(key);
    // The running action's block follows the last message (a load's only when it resumed a reply).
    if (reply && messages.length > 0 && (reply.kind !== 'load' || live)) reply.anchor = keyOf(messages.at(-1));

    const turnOf = new Map();
    const turns = groups.map((group) => {
      let turn = this.#turns.get(group.id);
      if (turn === undefined) {
        const label = this.#labels.get(group.id);
        const body = h('div.turn-body');
        const head = label ? [h('div.turn-label', {}, label), body] : [body];
        turn = { body, head, element: h('section.turn', {}, ...head) };
        this.#turns.set(group.id, turn);
      }
      syncChildren(turn.body, group.views);
      turn.blocks = [];
      for (const key of group.keys) turnOf.set(key, turn);
      return turn;
    });
    for (const [id, turn] of this.#turns) if (!turns.includes(turn)) this.#turns.delete(id);

    const loose = [];
    for (const block of this.#replies) {
      const running = block === reply;
      block.activity.hidden = !(running && live);
      if (running && live) {
        const reconnecting = snapshot.status === 'reconnecting';
        if (block.activity.dataset.state !== snapshot.status) {
          block.activity.dataset.state = snapshot.status;
          block.activity.replaceChildren(
            reconnecting
              ? h('div.reconnecting', { role: 'status' }, 'Reconnecting…')
              : h('div.typing', { role: 'status', 'aria-label': 'The agent is replying' }, h('span'), h('span'), h('span')),
          );
        }
      }
      const empty = block.activity.hidden && block.footer.childElementCount === 0 && !block.element.querySelector('.error');
      if (empty) continue;
      const turn = block.anchor === null ? undefined : turnOf.get(block.anchor);
      if (turn) turn.blocks.push(block.element);
      else loose.push(block.element);
    }
    for (const turn of turns) syncChildren(turn.element, [...turn.head, ...turn.blocks]);

    const top = [];
    if (snapshot?.hasEarlier) top.push(this.#earlier);
    if (snapshot?.status === 'loading') top.push(this.#loading);
    syncChildren(this.#log, [...top, ...turns.map((turn) => turn.element), ...loose]);
    this.#syncControls();
    this.#scroll();
  }

  #syncControls() {
    const status = this.#session?.getSnapshot().status ?? 'idle';
    const live = isLive(status);
    this.#send.hidden = live;
    this.#stop.hidden = !live;
    this.toggleAttribute('busy', this.busy);
    if (this.getAttribute('status') !== status) this.setAttribute('status', status);
  }

  /** Shows what failed under `reply`, with Retry when it may work another time. */
  #showError(reply, error, action) {
    const { title, detail, retry, stopped } = describeError(error, { received: reply.received });
    const retryButton =
      retry &&
      action &&
      h(
        'button.retry',
        {
          type: 'button',
          onclick: () => {
            retryButton.disabled = true;
            this.#input.focus();
            if (this.busy) return;
            const session = this.#session;
            // A message again (as sent, the same otid); an approval answer or a load as it was.
            const start = action.kind === 'reply' && action.label === null ? () => session.retry() : action.start;
            this.#run(start, { kind: action.kind, label: action.kind === 'load' ? null : 'Retry' });
          },
        },
        'Retry',
      );
    reply.element.insertBefore(
      h(
        `div.error${stopped ? '.stopped' : ''}`,
        { role: stopped ? 'status' : 'alert', 'data-error': error?.name ?? 'Error' },
        h('div.error-title', {}, title),
        detail ? h('div.error-detail', {}, detail) : null,
        retryButton,
      ),
      reply.footer,
    );
  }

  // ───────────────────────── the composer ─────────────────────────

  #applyAttributes() {
    this.#input.placeholder = this.getAttribute('placeholder') ?? 'Message the agent…';
    const allowJson = this.hasAttribute('allow-json');
    this.#jsonToggle.parentElement && (this.#jsonToggle.parentElement.hidden = !allowJson);
    if (!allowJson && this.#jsonToggle.checked) {
      this.#jsonToggle.checked = false;
      this.#onModeChange();
    }
  }

  /** The request for `text`: a user message, or in JSON mode the parsed body. */
  #params(text) {
    if (!this.#jsonToggle.checked) {
      if (text.trim() === '') return null;
      return { messages: [{ role: 'user', content: text }] };
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      this.#showIssues([{ path: '', code: 'invalid_json', message: `This is not JSON: ${error.message}` }], []);
      return null;
    }
  }

  #onModeChange() {
    const json = this.#jsonToggle.checked;
    this.#input.classList.toggle('json', json);
    if (json && this.#input.value.trim() === '') {
      this.#input.value = JSON.stringify({ messages: [{ role: 'user', content: this.#input.value || 'Hello!' }] }, null, 2);
    }
    this.#fit();
  }

  #onKey(event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !this.#jsonToggle.checked) {
      event.preventDefault();
      this.send();
    } else if (event.key === 'Escape' && isLive(this.#session?.getSnapshot().status)) {
      event.preventDefault();
      this.stop();
    }
  }

  #fit() {
    this.#input.style.height = 'auto';
    this.#input.style.height = `${Math.min(this.#input.scrollHeight, 240)}px`;
  }

  #showIssues(errors, warnings) {
    const list = [...errors.map((i) => ['error', i]), ...warnings.map((i) => ['warning', i])];
    this.#issues.hidden = list.length === 0;
    this.#issues.replaceChildren(
      h('div.issues-title', {}, errors.length ? 'Not sent: the request has problems' : 'Sent, with warnings'),
      h(
        'ul',
        {},
        list.map(([severity, issue]) =>
          h(
            `li.issue-${severity}`,
            { 'data-code': issue.code },
            h('code.path', {}, issue.location === 'path' ? 'agent id' : issue.path || '(request)'),
            ' ',
            h('span.message', {}, issue.message),
          ),
        ),
      ),
    );
  }

  #scroll() {
    if (this.#following) this.#log.scrollTop = this.#log.scrollHeight;
  }
}

/** Resolves once `session` is no longer loading its history. */
function whenShown(session) {
  return new Promise((resolve) => {
    const unsubscribe = session.subscribe(() => {
      if (session.getSnapshot().status === 'loading') return;
      unsubscribe();
      resolve();
    });
    if (session.getSnapshot().status !== 'loading') {
      unsubscribe();
      resolve();
    }
  });
}

/** Makes `parent`'s children exactly `wanted`, in order, moving only what is out of place. */
function syncChildren(parent, wanted) {
  let node = parent.firstChild;
  for (const child of wanted) {
    if (node === child) {
      node = node.nextSibling;
      continue;
    }
    parent.insertBefore(child, node);
  }
  while (node) {
    const next = node.nextSibling;
    node.remove();
    node = next;
  }
}

if (!customElements.get('letta-chat')) customElements.define('letta-chat', LettaChatElement);
