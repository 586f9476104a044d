// How <letta-chat> shows each stream item. Every view is built with createElement and textContent:
// server text is never parsed as HTML.
import { APIError } from '../index.js';

import { MarkdownView } from './markdown.js';

/** A DOM element: `h('div.card.tool', { title: 'x' }, child, 'text', …)`. Strings become text nodes. */
export function h(tag, attributes = {}, ...children) {
  const [name, ...classes] = tag.split('.');
  const element = document.createElement(name || 'div');
  if (classes.length) element.className = classes.join(' ');
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'part') element.setAttribute('part', value);
    else if (key in element && typeof value !== 'string') element[key] = value;
    else element.setAttribute(key, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** The plain text of a `content` field: a string, or the text of its parts (other parts as markers). */
export function contentText(content) {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => {
      if (part?.type === 'text') return part.text ?? '';
      if (part?.type === 'image') return '[image]';
      if (part?.type === 'reasoning') return part.reasoning ?? '';
      return `[${part?.type ?? 'part'}]`;
    })
    .join('');
}

/** Arguments as the model streamed them: pretty JSON once they parse, the raw text until then. */
export function prettyArguments(text) {
  if (typeof text !== 'string' || text === '') return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The tool calls of a tool_call or approval_request message, whichever field carries them. */
export function toolCallsOf(message) {
  const calls = message.tool_calls ?? message.tool_call;
  if (Array.isArray(calls)) return calls;
  return calls ? [calls] : [];
}

const STOP_REASONS = {
  end_turn: 'Done',
  requires_approval: 'Waiting for approval',
  max_steps: 'Stopped at the step limit',
  max_tokens_exceeded: 'Stopped at the token limit',
  context_window_overflow_in_system_prompt: 'The system prompt overflows the context window',
  no_tool_call: 'The model made no tool call',
  tool_rule: 'Stopped by a tool rule',
  cancelled: 'Cancelled',
  error: 'Ended with an error',
  invalid_llm_response: 'The model gave an invalid response',
  invalid_tool_call: 'The model made an invalid tool call',
  llm_api_error: 'The model provider failed',
  insufficient_credits: 'Out of credits',
};

/** A human label for a stop reason, with the code itself for unknown ones. */
export function stopReasonLabel(reason) {
  return STOP_REASONS[reason] ?? reason;
}

/**
 * A view of one message: `{ element, update(message) }`. `update` is called with the whole message
 * so far each time a delta for it arrives. `actions` carries the approval callbacks.
 */
export function messageView(message, actions, { settled = false } = {}) {
  const make = VIEWS[message.message_type] ?? unknownView;
  const view = make(message, actions);
  view.element.dataset.messageType = message.message_type ?? 'unknown';
  // A message that is not streaming (from the history) is rendered whole, once.
  if (settled && view.show) view.show(message);
  else view.update(message);
  return view;
}

const VIEWS = {
  user_message: (message) => bubbleView('user', (m) => contentText(m.content)),
  assistant_message: () => markdownBubbleView('assistant', (m) => contentText(m.content)),
  system_message: () => noteView('system', 'System', (m) => contentText(m.content)),
  reasoning_message: reasoningView,
  hidden_reasoning_message: hiddenReasoningView,
  tool_call_message: toolCallView,
  tool_return_message: toolReturnView,
  approval_request_message: approvalRequestView,
  approval_response_message: approvalResponseView,
  summary_message: () => noteView('summary', 'Summary', (m) => m.summary ?? ''),
  event_message: () =>
    noteView('event', 'Event', (m) => {
      const data = m.event_data && Object.keys(m.event_data).length ? ` ${JSON.stringify(m.event_data)}` : '';
      return `${m.event_type ?? 'event'}${data}`;
    }),
};

/** A bubble whose text is Markdown (the model's): rendered safely, and incrementally while it grows. */
function markdownBubbleView(who, textOf) {
  const text = h('div.text.markdown');
  const markdown = new MarkdownView(text);
  const element = h(`div.bubble.${who}`, { part: `bubble ${who}` }, text);
  return { element, update: (m) => markdown.update(textOf(m)), show: (m) => markdown.show(textOf(m)), finish: () => markdown.finish() };
}

function bubbleView(who, textOf) {
  const text = h('div.text');
  const element = h(`div.bubble.${who}`, { part: `bubble ${who}` }, text);
  return { element, update: (m) => (text.textContent = textOf(m)) };
}

function noteView(kind, label, textOf) {
  const text = h('span.text');
  const element = h(`div.note.${kind}`, { part: 'note' }, h('span.label', {}, label), text);
  return { element, update: (m) => (text.textContent = textOf(m)) };
}

function reasoningView() {
  const text = h('div.text.markdown');
  const markdown = new MarkdownView(text);
  const preview = h('span.preview');
  const element = h('details.reasoning', { part: 'reasoning' }, h('summary', {}, 'Reasoning', preview), text);
  return {
    element,
    update(m) {
      markdown.update(m.reasoning ?? '');
      preview.textContent = (m.reasoning ?? '').replace(/\s+/g, ' ').trim();
    },
    show(m) {
      markdown.show(m.reasoning ?? '');
      preview.textContent = (m.reasoning ?? '').replace(/\s+/g, ' ').trim();
    },
    finish: () => markdown.finish(),
  };
}

function hiddenReasoningView() {
  const label = h('span.text');
  const element = h('div.note.hidden-reasoning', { part: 'note' }, h('span.label', {}, 'Reasoning'), label);
  return {
    element,
    update: (m) => (label.textContent = m.state === 'redacted' ? 'hidden by the provider' : 'not shown'),
  };
}

function toolCallView() {
  const calls = h('div.calls');
  const element = h('div.card.tool-call', { part: 'card tool-call' }, calls);
  return {
    element,
    update(m) {
      calls.replaceChildren(
        ...toolCallsOf(m).map((call) =>
          h(
            'div.call',
            {},
            h('div.card-title', {}, h('span.badge', {}, 'Tool call'), h('code.tool-name', {}, call.name ?? '…')),
            h('pre.arguments', { tabindex: 0 }, prettyArguments(call.arguments)),
          ),
        ),
      );
    },
  };
}

function toolReturnView() {
  const status = h('span.status');
  const name = h('code.tool-name');
  const body = h('pre.tool-return', { tabindex: 0 });
  const streams = h('div.streams');
  const element = h(
    'div.card.tool-return',
    { part: 'card tool-return' },
    h('div.card-title', {}, h('span.badge', {}, 'Tool return'), name, status),
    body,
    streams,
  );
  return {
    element,
    update(m) {
      const ok = m.status !== 'error';
      element.classList.toggle('error', !ok);
      status.className = `status ${ok ? 'success' : 'error'}`;
      status.textContent = m.status ?? 'success';
      name.textContent = m.name ?? '';
      body.textContent = m.tool_return ?? '';
      streams.replaceChildren(
        ...[
          ['stdout', m.stdout],
          ['stderr', m.stderr],
        ]
          .filter(([, lines]) => Array.isArray(lines) && lines.length)
          .map(([label, lines]) => h(`div.stream.${label}`, {}, h('span.label', {}, label), h('pre', { tabindex: 0 }, lines.join('\n')))),
      );
    },
  };
}

function approvalRequestView(message, actions) {
  const calls = h('div.calls');
  const element = h(
    'div.card.approval',
    { part: 'card approval' },
    h('div.card-title', {}, h('span.badge.attention', {}, 'Approval needed')),
    calls,
  );
  const rendered = new Map();
  let state = { ready: false, answers: new Map() };
  return {
    element,
    update(m) {
      for (const call of toolCallsOf(m)) {
        const id = call.tool_call_id ?? '';
        let entry = rendered.get(id);
        if (!entry) {
          entry = approvalCall(id, actions);
          rendered.set(id, entry);
          calls.append(entry.element);
          entry.sync(state.ready, state.answers.get(id));
        }
        entry.name.textContent = call.name ?? '…';
        entry.args.textContent = prettyArguments(call.arguments);
      }
    },
    /** `ready`: this request waits for an answer now; `answers`: tool call id → the answer the chat holds. */
    sync(ready, answers) {
      state = { ready, answers };
      for (const [id, entry] of rendered) entry.sync(ready, answers.get(id));
    },
  };
}

/** The words for an answer: "Approved", "Denied", "Denied: reason". */
function verdict(approve, reason) {
  return approve ? 'Approved' : reason ? `Denied: ${reason}` : 'Denied';
}

/** One call of an approval request: its name, arguments and the Approve / Deny controls. */
function approvalCall(toolCallId, actions) {
  const name = h('code.tool-name');
  const args = h('pre.arguments', { tabindex: 0 });
  const outcome = h('span.outcome', { role: 'status' });
  const reason = h('input.reason', { type: 'text', placeholder: 'Reason (optional)', 'aria-label': 'Reason for denying' });
  const showOutcome = (approve, why) => {
    for (const button of element.querySelectorAll('button')) button.disabled = true;
    reason.disabled = true;
    element.classList.add('decided');
    outcome.textContent = verdict(approve, why);
    outcome.className = `outcome ${approve ? 'approved' : 'denied'}`;
  };
  const decide = async (approve) => {
    const why = approve ? undefined : reason.value || undefined;
    showOutcome(approve, why);
    await actions.answer({ toolCallId, approve, reason: why });
  };
  const denyForm = h(
    'form.deny-form',
    { hidden: true, onsubmit: (event) => (event.preventDefault(), decide(false)) },
    reason,
    h('button.deny-confirm.danger', { type: 'submit' }, 'Deny'),
    h('button.deny-cancel.ghost', { type: 'button', onclick: () => ((denyForm.hidden = true), (buttons.hidden = false), buttons.querySelector('.deny').focus()) }, 'Cancel'),
  );
  const buttons = h(
    'div.buttons',
    {},
    h('button.approve.primary', { type: 'button', onclick: () => decide(true) }, 'Approve'),
    h(
      'button.deny.danger',
      {
        type: 'button',
        onclick: () => {
          buttons.hidden = true;
          denyForm.hidden = false;
          reason.focus();
        },
      },
      'Deny',
    ),
  );
  const element = h('div.call', { 'data-tool-call-id': toolCallId }, h('div.card-title', {}, name), args, h('div.actions', {}, buttons, denyForm, outcome));
  /** Enabled while the request waits for its answer; once answered (here or before), the answer shows. */
  const sync = (ready, answer) => {
    if (element.classList.contains('decided')) return;
    if (answer) return showOutcome(answer.approve, answer.reason);
    for (const button of element.querySelectorAll('button')) button.disabled = !ready;
  };
  return { element, name, args, sync };
}

/** Tool call id → `{ approve, reason }` for every answer among `messages` (approval responses). */
export function approvalAnswers(messages) {
  const answers = new Map();
  const byRequest = new Map();
  for (const message of messages) {
    if (message.message_type !== 'approval_response_message') continue;
    const list = Array.isArray(message.approvals) && message.approvals.length ? message.approvals : null;
    if (list) {
      for (const answer of list) {
        if (typeof answer?.tool_call_id !== 'string') continue;
        answers.set(answer.tool_call_id, answer.type === 'tool' ? { approve: true } : { approve: answer.approve === true, reason: answer.reason ?? undefined });
      }
    } else if (typeof message.approval_request_id === 'string') {
      byRequest.set(message.approval_request_id, { approve: message.approve === true, reason: message.reason ?? undefined });
    }
  }
  // The deprecated form names the request message, not the call: it answers each of its calls.
  for (const message of messages) {
    const answer = message.message_type === 'approval_request_message' && byRequest.get(message.id);
    if (answer) for (const call of toolCallsOf(message)) if (call.tool_call_id && !answers.has(call.tool_call_id)) answers.set(call.tool_call_id, answer);
  }
  return answers;
}

function approvalResponseView() {
  const text = h('span.text');
  const element = h('div.note.approval-response', { part: 'note' }, h('span.label', {}, 'Approval'), text);
  return {
    element,
    update(m) {
      const answers = m.approvals?.length
        ? m.approvals
        : [{ approve: m.approve, reason: m.reason, tool_call_id: m.approval_request_id }];
      text.textContent = answers
        .map((a) => {
          if (a.type === 'tool') return `client tool returned (${a.status ?? 'success'})`;
          const verdict = a.approve ? 'approved' : 'denied';
          return a.reason ? `${verdict}: ${a.reason}` : verdict;
        })
        .join('; ');
    },
  };
}

/** An item of a type this version does not know: shown as its JSON, never dropped. */
function unknownView(message) {
  const body = h('pre.json', { tabindex: 0 });
  const element = h('div.card.unknown', { part: 'card unknown' }, h('div.card-title', {}, h('span.badge', {}, message.message_type ?? 'item')), body);
  return { element, update: (m) => (body.textContent = JSON.stringify(m, null, 2)) };
}

/** `1234` → `"1,234"`. */
export function count(n) {
  return typeof n === 'number' ? n.toLocaleString('en-US') : '–';
}

/** The usage line shown at the end of a turn. */
export function usageText(usage) {
  const parts = [`${count(usage.total_tokens)} tokens`, `${count(usage.prompt_tokens)} in`, `${count(usage.completion_tokens)} out`];
  if (usage.step_count != null) parts.push(`${usage.step_count} step${usage.step_count === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/**
 * What to tell the user about a failed turn: `{ title, detail, retry, stopped }`. `received` is how
 * many items arrived before the failure (a connection that breaks after them was lost, not refused).
 */
export function describeError(error, { received = 0 } = {}) {
  const name = error?.name ?? 'Error';
  if (name === 'APIUserAbortError') return { title: 'Stopped', detail: 'You stopped this reply.', retry: true, stopped: true };
  if (name === 'APIConnectionTimeoutError') return { title: 'Timed out', detail: error.message, retry: true };
  if (name === 'APIConnectionError') {
    return { title: received ? 'The connection was lost' : 'Could not reach the Letta server', detail: error.message, retry: true };
  }
  // APIError or its subclass for the status (NotFoundError, ConflictError, …).
  if (error instanceof APIError) return { title: `The server answered ${error.status}`, detail: error.message, retry: true };
  if (name === 'StreamError') {
    return { title: 'The reply broke off', detail: `${error.message}${error.errorType ? ` (${error.errorType})` : ''}`, retry: true };
  }
  if (name === 'ValidationError') {
    return { title: 'The request is not valid', detail: (error.issues ?? []).map((i) => `${i.path || '(request)'}: ${i.message}`).join('\n'), retry: false };
  }
  return { title: 'Something went wrong', detail: String(error?.message ?? error), retry: true };
}
