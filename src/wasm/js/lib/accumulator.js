// MessageAccumulator: token deltas folded into whole messages, in plain JavaScript (a delta costs no
// trip through WebAssembly); it folds exactly as the crate's Rust MessageAccumulator.

/** Items that are not messages, whatever else they carry. */
export const NOT_MESSAGES = new Set(['ping', 'stop_reason', 'usage_statistics', 'error_message']);

/**
 * The key of one message part: the deltas of a part share `id`, `message_type` and `otid` (and
 * ChatSession keys its list with it, so a message's key is the same in both).
 */
export function partKey(item) {
  return `${item.id}\u0000${item.message_type ?? ''}\u0000${item.otid ?? '\u0001'}`;
}

/**
 * Folds token deltas (`stream_tokens: true`) into whole messages, in the order their first delta
 * arrived; whole messages (step streaming) pass through as the very objects pushed. The deltas of
 * one message part share `id`, `message_type` and `otid`: reasoning and hidden reasoning text,
 * assistant `content` and tool-call `arguments` (per `tool_call_id`) are joined; other fields take
 * the latest value. Written in JavaScript, so that a delta costs no trip through WebAssembly; it folds
 * exactly as the crate's `MessageAccumulator` (both are checked against tests/fixtures/accumulated/).
 * Objects pushed are never modified.
 */
export class MessageAccumulator {
  #messages = [];
  #byKey = new Map();

  /** Folds `item` in and returns the whole message so far; `undefined` for pings, stop reasons and usage. */
  push(item) {
    if (item === null || typeof item !== 'object' || typeof item.id !== 'string' || NOT_MESSAGES.has(item.message_type)) {
      return undefined;
    }
    const key = partKey(item);
    const index = this.#byKey.get(key);
    const message = index === undefined ? normalize(item) : merge(this.#messages[index], item);
    if (index === undefined) {
      this.#byKey.set(key, this.#messages.length);
      this.#messages.push(message);
    } else {
      this.#messages[index] = message;
    }
    return message;
  }

  /** The whole messages so far, in the order their first delta arrived. */
  get messages() {
    return [...this.#messages];
  }

  /** Does nothing: the accumulator holds no WebAssembly memory (there for symmetry with LettaClient.free). */
  free() {}
}

/** `tool_call` / `tool_calls` are a whole call when all three fields are strings, else a delta. */
const isWholeCall = (call) =>
  call !== null && typeof call === 'object' && typeof call.name === 'string' && typeof call.arguments === 'string' && typeof call.tool_call_id === 'string';
const TOOL_CALL_TYPES = new Set(['tool_call_message', 'approval_request_message']);

/** A first delta in the shape of a whole message: a tool-call delta becomes a list of one call. */
function normalize(item) {
  if (!TOOL_CALL_TYPES.has(item.message_type)) return item;
  const merged = mergeToolCalls(null, null, item.tool_call, item.tool_calls);
  if (merged === null || (merged.call === item.tool_call && merged.calls === item.tool_calls)) return item;
  return { ...item, tool_call: merged.call, tool_calls: merged.calls };
}

/** A later delta of the same part folded into the message so far (a new object). */
function merge(whole, part) {
  switch (part.message_type) {
    case 'reasoning_message':
      return { ...whole, date: part.date, reasoning: (whole.reasoning ?? '') + (part.reasoning ?? ''), signature: part.signature ?? whole.signature ?? null };
    case 'hidden_reasoning_message':
      return {
        ...whole,
        state: part.state,
        ...(typeof part.hidden_reasoning === 'string' ? { hidden_reasoning: (whole.hidden_reasoning ?? '') + part.hidden_reasoning } : {}),
      };
    case 'assistant_message':
      return { ...whole, content: appendContent(whole.content, part.content) };
    case 'tool_call_message':
    case 'approval_request_message': {
      const merged = mergeToolCalls(whole.tool_call ?? null, whole.tool_calls ?? null, part.tool_call, part.tool_calls);
      return merged === null ? whole : { ...whole, tool_call: merged.call, tool_calls: merged.calls };
    }
    default:
      return normalize(part);
  }
}

const textPart = (text) => ({ type: 'text', text });

function appendContent(whole, part) {
  if (typeof whole === 'string' && typeof part === 'string') return whole + part;
  const parts = (content) => (typeof content === 'string' ? [textPart(content)] : content);
  return [...parts(whole), ...parts(part)];
}

/**
 * Folds a delta's `tool_call` / `tool_calls` into the calls so far: `{ call, calls }`, or null when
 * nothing changes. A list replaces the calls; a whole call replaces `tool_call`; a delta is added to
 * the call with its `tool_call_id` (else the last call, else a new one).
 */
function mergeToolCalls(wholeCall, wholeCalls, partCall, partCalls) {
  const present = (value) => value !== undefined && value !== null;
  let delta;
  if (present(partCalls) && !Array.isArray(partCalls)) delta = partCalls;
  else if (Array.isArray(partCalls)) return { call: partCall, calls: partCalls };
  else if (present(partCall) && !isWholeCall(partCall)) delta = partCall;
  else if (present(partCall)) return { call: partCall, calls: wholeCalls ?? partCalls };
  else return null;
  const calls = Array.isArray(wholeCalls) ? wholeCalls.map((call) => ({ ...call })) : [];
  const id = typeof delta.tool_call_id === 'string' ? delta.tool_call_id : undefined;
  let index = id !== undefined ? calls.findIndex((call) => call.tool_call_id === id) : calls.length - 1;
  if (index < 0) {
    calls.push({ name: '', arguments: '', tool_call_id: id ?? '' });
    index = calls.length - 1;
  }
  if (typeof delta.name === 'string' && delta.name !== '') calls[index].name = delta.name;
  if (typeof delta.arguments === 'string') calls[index].arguments += delta.arguments;
  return { call: { ...calls[0] }, calls };
}
