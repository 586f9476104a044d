// Deterministic, realistic Letta SSE bodies for the benchmarks (no Node or browser APIs: both use it).
// The events have the real server's shape and field order (see tests/fixtures/sse/): base fields
// with nulls, token deltas of reasoning and assistant text, tool calls streamed argument by argument,
// tool returns of a few hundred bytes, keepalive pings, a stop reason, usage and [DONE].

/** A seeded PRNG (mulberry32): the same seed gives the same body everywhere. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the agent reads memory blocks before it answers and keeps a short plan ' +
  'météo à Lyon ce soir: nuageux, 12 °C — ça va ✨ 東京 überall naïve café 🚀 ' +
  'tool calls stream their arguments as JSON fragments while the text grows token by token'
).split(' ');

function uuid(next) {
  const hex = () => Math.floor(next() * 16).toString(16);
  const part = (n) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

function words(next, count) {
  return Array.from({ length: count }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
}

/**
 * An SSE body of about `events` events (turns of reasoning, assistant text and tool calls, as
 * token deltas or whole step messages), ending with stop reason, usage and `[DONE]`.
 * Returns `{ text, events }` where `events` is the exact count of JSON events (without `[DONE]`).
 */
export function realisticBody({ events = 20_000, seed = 42 } = {}) {
  const next = random(seed);
  const runId = `run-${uuid(next)}`;
  const date = '2026-11-22T23:42:38+00:00';
  const frames = [];
  const base = (id, type, otid, stepId) =>
    `{"id":"${id}","date":"${date}","name":null,"message_type":"${type}","otid":"${otid}","sender_id":null,"step_id":"${stepId}","is_err":null,"seq_id":null,"run_id":"${runId}"`;
  frames.push(`{"id":"ping-${uuid(next)}","date":"${date}","name":null,"message_type":"ping","otid":null,"sender_id":null,"step_id":null,"is_err":null,"seq_id":null,"run_id":"${runId}"}`);
  while (frames.length < events - 2) {
    const stepId = `step-${uuid(next)}`;
    const messageId = `message-${uuid(next)}`;
    const otid = uuid(next).slice(0, -2);
    // Reasoning, token by token.
    for (let i = 0, n = 5 + Math.floor(next() * 20); i < n; i++) {
      frames.push(`${base(messageId, 'reasoning_message', `${otid}00`, stepId)},"source":"reasoner_model","reasoning":${JSON.stringify(` ${words(next, 1 + Math.floor(next() * 3))}`)},"signature":null}`);
    }
    if (next() < 0.35) {
      // A tool call, its arguments in fragments, then its return.
      const callId = `call_${uuid(next).replace(/-/g, '').slice(0, 24)}`;
      const args = JSON.stringify({ query: words(next, 6), limit: 5, page: Math.floor(next() * 9) });
      // Fragments of whole code points, as the server's (Python) strings are.
      const points = Array.from(args);
      const pieces = Array.from({ length: Math.ceil(points.length / 9) }, (_, i) => points.slice(i * 9, i * 9 + 9).join(''));
      pieces.forEach((piece, i) => {
        const call = `{"name":${i === 0 ? '"conversation_search"' : 'null'},"arguments":${JSON.stringify(piece)},"tool_call_id":${i === 0 ? `"${callId}"` : 'null'}}`;
        frames.push(`${base(messageId, 'tool_call_message', `${otid}01`, stepId)},"tool_call":${call},"tool_calls":${call}}`);
      });
      const result = JSON.stringify({ status: 'OK', message: words(next, 40 + Math.floor(next() * 30)), time: date });
      frames.push(`${base(`message-${uuid(next)}`, 'tool_return_message', `${otid}02`, stepId)},"tool_return":${JSON.stringify(result)},"status":"success","tool_call_id":"${callId}","stdout":null,"stderr":null,"tool_returns":[{"type":"tool","tool_return":${JSON.stringify(result)},"status":"success","tool_call_id":"${callId}","stdout":null,"stderr":null}]}`);
    } else {
      // The answer, token by token.
      for (let i = 0, n = 10 + Math.floor(next() * 60); i < n; i++) {
        frames.push(`${base(messageId, 'assistant_message', `${otid}01`, stepId)},"content":${JSON.stringify(` ${words(next, 1 + Math.floor(next() * 2))}`)}}`);
      }
    }
  }
  frames.length = Math.min(frames.length, events - 2);
  frames.push('{"message_type":"stop_reason","stop_reason":"end_turn"}');
  frames.push(
    '{"message_type":"usage_statistics","completion_tokens":4117,"prompt_tokens":28785,"total_tokens":32902,"step_count":12,"run_ids":null,"cached_input_tokens":20480,"cache_write_tokens":0,"reasoning_tokens":0,"context_tokens":8214}',
  );
  return { text: frames.map((frame) => `data: ${frame}\n\n`).join('') + 'data: [DONE]\n\n', events: frames.length };
}

/** `count` assistant messages of `bytes` bytes of content each (ASCII), then stop reason, usage, [DONE]. */
export function largeEventsBody({ count = 4, bytes = 1 << 20 } = {}) {
  const frames = [];
  for (let i = 0; i < count; i++) {
    const prefix = `{"id":"message-${i}","date":"2026-11-22T23:42:38+00:00","name":null,"message_type":"assistant_message","otid":"o-${i}","sender_id":null,"step_id":null,"is_err":null,"seq_id":null,"run_id":null,"content":"`;
    frames.push(prefix + 'abcdefghijklmnopqrstuvwxyz012345'.repeat(bytes / 32) + '"}');
  }
  frames.push('{"message_type":"stop_reason","stop_reason":"end_turn"}');
  return { text: frames.map((frame) => `data: ${frame}\n\n`).join('') + 'data: [DONE]\n\n', events: frames.length };
}

/** One small event (an assistant token delta) of the memory benchmark, numbered `i`. */
export function smallEvent(i) {
  return `data: {"id":"message-${i >> 6}","date":"2026-11-22T23:42:38+00:00","name":null,"message_type":"assistant_message","otid":"o","sender_id":null,"step_id":null,"is_err":null,"seq_id":null,"run_id":null,"content":" token ${i}"}\n\n`;
}

/**
 * A realistic assistant reply in Markdown of at least `bytes` bytes (20 KB by default): headings,
 * paragraphs, lists, code fences, a table, links. What bench/markdown.mjs and bench/chat.mjs render.
 */
export function markdownReply(bytes = 20_000) {
  const parts = [];
  for (let i = 0; parts.join('\n').length < bytes; i++) {
    parts.push(
      `## Part ${i + 1}`,
      '',
      `Here is **what matters** in step ${i + 1}: the *stream* resumes after a drop, and [the docs](https://docs.letta.com/guide/${i}) say how. Use \`resumeStream\` with the run id.`,
      '',
      '- the run id, from the first ping',
      '- the last sequence number, counting stop_reason and usage',
      `- ${i % 2 ? 'a conversation id' : 'nothing else'}`,
      '',
      '```js',
      `const stream = client.resumeStream(runId, { startingAfter: ${i * 3} });`,
      'for await (const item of stream) render(item);',
      '```',
      '',
      '| field | meaning |',
      '|:---|---:|',
      `| seq_id | ${i} |`,
      '',
    );
  }
  return parts.join('\n');
}
