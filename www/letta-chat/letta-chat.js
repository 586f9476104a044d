// <letta-chat>: a chat with a Letta agent as one custom element, built on letta-wasm.
//
//   <script type="module" src="…/letta-wasm/chat/letta-chat.js"></script>
//   <letta-chat base-url="https://letta.example.com" agent-id="agent-…"></letta-chat>
//
// Attributes: base-url, agent-id, conversation-id (a conversation of the agent), api-key (visible to anyone who can read the page: prefer a proxy),
// stream-tokens, include-pings, allow-json (a composer mode that sends a whole request body),
// placeholder. Properties: `clientOptions` (extra LettaClient options: headers, timeoutMs,
// maxRetries, fetch). Methods: send(text), stop() (cancels the run on the server; Escape in the
// composer does the same), clear(). Events: `letta-item` (every stream item,
// as received), `letta-turn-end` ({ stopReason, error }). Theme it with the --letta-chat-* custom
// properties (see styles.js) and the parts bubble, card, note, reasoning, log, composer, input.
import { LettaClient, MessageAccumulator, validateSendParams } from '../index.js';

import { describeError, h, messageKey, messageView, stopReasonLabel, usageText } from './render.js';
import { styles } from './styles.js';

/** How long Stop waits for the server to end a cancelled reply before it stops reading. */
const STOP_GRACE_MS = 5000;

const ATTRIBUTES = ['base-url', 'agent-id', 'conversation-id', 'api-key', 'stream-tokens', 'include-pings', 'allow-json', 'placeholder'];

export class LettaChatElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #clientOptions = {};
  #client = null;
  #running = null;
  #stream = null;
  #cancelling = false;
  #views = new Map();
  #following = true;
  #log;
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

  attributeChangedCallback(name) {
    if (name === 'base-url' || name === 'api-key') this.#client = null;
    this.#applyAttributes();
  }

  /** Extra `LettaClient` options (headers, timeoutMs, maxRetries, fetch), merged over the attributes. */
  get clientOptions() {
    return this.#clientOptions;
  }

  set clientOptions(options) {
    this.#clientOptions = { ...options };
    this.#client = null;
  }

  /** Whether a reply is streaming. */
  get busy() {
    return this.#running !== null;
  }

  /** Sends `text` (or the composer's text) as a user message and streams the reply. */
  async send(text = this.#input.value) {
    if (this.busy) return;
    const params = this.#params(text);
    if (!params) return;
    const agentId = this.getAttribute('agent-id') ?? '';
    const result = validateSendParams(agentId, params);
    this.#showIssues(result.errors, result.warnings);
    if (!result.ok) return;
    this.#input.value = '';
    this.#fit();
    this.#following = true;
    const turn = this.#turn();
    const shown = typeof params.input === 'string' ? params.input : params.messages?.length === 1 ? params.messages[0] : null;
    if (shown) turn.body.append(messageView({ message_type: 'user_message', content: shown.content ?? shown }, {}).element);
    else turn.body.append(h('div.note.request', {}, h('span.label', {}, 'Request'), h('span.text', {}, 'sent as JSON')));
    await this.#run(turn, (client, signal) => client.streamMessage(agentId, params, { signal, ...this.#conversation() }));
  }

  /**
   * Stops the reply that is streaming: the run is cancelled on the server, and the reply ends with
   * the stop reason `cancelled`; what arrived stays. Should the server not end it within a few
   * seconds (or the cancel fail), the element stops reading.
   */
  stop() {
    const controller = this.#running;
    const stream = this.#stream;
    if (!controller) return;
    if (!stream || this.#cancelling) return controller.abort();
    this.#cancelling = true;
    stream.cancel().catch(() => controller.abort());
    setTimeout(() => this.#running === controller && controller.abort(), STOP_GRACE_MS);
  }

  /** Empties the conversation shown (the agent keeps its memory). */
  clear() {
    this.#stream?.cancel().catch(() => {});
    this.#running?.abort();
    this.#views.clear();
    this.#log.replaceChildren();
  }

  #applyAttributes() {
    this.#input.placeholder = this.getAttribute('placeholder') ?? 'Message the agent…';
    const allowJson = this.hasAttribute('allow-json');
    this.#jsonToggle.parentElement && (this.#jsonToggle.parentElement.hidden = !allowJson);
    if (!allowJson && this.#jsonToggle.checked) {
      this.#jsonToggle.checked = false;
      this.#onModeChange();
    }
  }

  #clientFor() {
    this.#client ??= new LettaClient({
      baseUrl: this.getAttribute('base-url') || (typeof location === 'object' ? location.origin : undefined),
      apiKey: this.getAttribute('api-key') || undefined,
      ...this.#clientOptions,
    });
    return this.#client;
  }

  /** The request for `text`: a user message, or in JSON mode the parsed body. */
  #params(text) {
    const options = {
      streaming: true,
      ...(this.hasAttribute('stream-tokens') ? { stream_tokens: true } : {}),
      ...(this.hasAttribute('include-pings') ? { include_pings: true } : {}),
    };
    if (!this.#jsonToggle.checked) {
      if (text.trim() === '') return null;
      return { messages: [{ role: 'user', content: text }], ...options };
    }
    try {
      const body = JSON.parse(text);
      return body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...options, ...body } : body;
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
    } else if (event.key === 'Escape' && this.busy) {
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

  /** A new turn in the log: `{ element, body, footer }`. */
  #turn(label) {
    const body = h('div.turn-body');
    const footer = h('div.turn-footer', { part: 'turn-footer' });
    const element = h('section.turn', {}, label ? h('div.turn-label', {}, label) : null, body, footer);
    this.#log.append(element);
    this.#scroll();
    return { element, body, footer, views: [] };
  }

  /** Streams one reply into `turn`, and shows how it ended. */
  async #run(turn, start) {
    const controller = new AbortController();
    this.#running = controller;
    this.#setBusy(true);
    turn.element.classList.add('streaming');
    const typing = h('div.typing', { 'aria-label': 'The agent is replying' }, h('span'), h('span'), h('span'));
    turn.body.after(typing);
    const accumulator = new MessageAccumulator();
    const approvals = [];
    const actions = {
      register: (setReady) => approvals.push(setReady),
      answer: (answer) => this.#answer(answer),
    };
    let stopReason = null;
    let pings = 0;
    const pingCounter = h('span.pings', { title: 'Keepalive pings received' });
    let failure = null;
    let received = 0;
    try {
      const stream = start(this.#clientFor(), controller.signal);
      this.#stream = stream;
      this.#cancelling = false;
      for await (const item of stream) {
        received += 1;
        this.dispatchEvent(new CustomEvent('letta-item', { detail: item }));
        if (item.message_type === 'ping') {
          pings += 1;
          pingCounter.textContent = `${pings} ping${pings === 1 ? '' : 's'}`;
          if (!pingCounter.isConnected) turn.footer.append(pingCounter);
        } else if (item.message_type === 'stop_reason') {
          stopReason = item.stop_reason;
          turn.footer.append(h(`span.stop-reason.${item.stop_reason}`, { title: item.stop_reason }, stopReasonLabel(item.stop_reason)));
        } else if (item.message_type === 'usage_statistics') {
          turn.footer.append(h('span.usage', {}, usageText(item)));
        } else {
          // The accumulator answers for messages (folding deltas) and leaves anything else as it is.
          const message = accumulator.push(item);
          this.#show(turn, message ?? item, message && messageKey(message), actions);
        }
        this.#scroll();
      }
    } catch (error) {
      failure = error;
    } finally {
      // Markdown rendered block by block while it streamed is rendered whole once.
      for (const view of turn.views) view.finish?.();
      accumulator.free();
      typing.remove();
      turn.element.classList.remove('streaming');
      if (this.#running === controller) {
        this.#running = null;
        this.#stream = null;
      }
      this.#setBusy(false);
    }
    for (const setReady of approvals) setReady(true);
    if (failure) this.#showError(turn, failure, start, received);
    this.dispatchEvent(new CustomEvent('letta-turn-end', { detail: { stopReason, error: failure } }));
    this.#scroll();
  }

  /** Shows `message` in `turn`, or updates its view when `key` (a message part's) was seen before. */
  #show(turn, message, key, actions) {
    const existing = key && this.#views.get(key);
    if (existing) return existing.update(message);
    const view = messageView(message, actions);
    turn.views.push(view);
    if (key) this.#views.set(key, view);
    turn.body.append(view.element);
  }

  #showError(turn, error, start, received) {
    const { title, detail, retry, stopped } = describeError(error, { received });
    const retryButton =
      retry &&
      h(
        'button.retry',
        {
          type: 'button',
          onclick: () => {
            retryButton.disabled = true;
            if (!this.busy) this.#run(this.#turn('Retry'), start);
          },
        },
        'Retry',
      );
    turn.footer.before(
      h(`div.error${stopped ? '.stopped' : ''}`, { role: stopped ? 'status' : 'alert', 'data-error': error?.name ?? 'Error' }, h('div.error-title', {}, title), detail ? h('div.error-detail', {}, detail) : null, retryButton),
    );
  }

  /** Sends an approval answer and streams the agent's continuation as a new turn. */
  async #answer({ toolCallId, approve, reason }) {
    if (this.busy) await new Promise((resolve) => this.addEventListener('letta-turn-end', resolve, { once: true }));
    const agentId = this.getAttribute('agent-id') ?? '';
    const params = {
      ...(this.hasAttribute('stream-tokens') ? { stream_tokens: true } : {}),
      ...(this.hasAttribute('include-pings') ? { include_pings: true } : {}),
    };
    const label = approve ? 'Approved' : 'Denied';
    await this.#run(this.#turn(label), (client, signal) =>
      client.sendApproval(agentId, { toolCallId, approve, reason }, { stream: true, signal, params, ...this.#conversation() }),
    );
  }

  /** `{ conversationId }` when the `conversation-id` attribute names a conversation of the agent. */
  #conversation() {
    const conversationId = this.getAttribute('conversation-id');
    return conversationId ? { conversationId } : {};
  }

  #setBusy(busy) {
    this.#send.hidden = busy;
    this.#stop.hidden = !busy;
    this.toggleAttribute('busy', busy);
  }

  #scroll() {
    if (this.#following) this.#log.scrollTop = this.#log.scrollHeight;
  }
}

if (!customElements.get('letta-chat')) customElements.define('letta-chat', LettaChatElement);
