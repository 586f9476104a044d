// The mock Letta server against the real one, shape for shape: the same kinds of request go to both
// (each with its own script for the same situation) and every item, body and error is compared by
// its keys, their order and the JSON type of each value. Contents differ (different scripted
// agents); shapes must not. All differences are listed at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startMockLetta } from '../../scripts/mock-letta.mjs';
import { PEER_URL, letta, newAgent } from './harness.mjs';

let real;
let mock;
const sides = {};

before(async () => {
  mock = await startMockLetta({ port: 0 });
  sides.real = { client: new letta.LettaClient({ baseUrl: PEER_URL, maxRetries: 0, timeoutMs: 60_000 }), agent: newAgent(), base: PEER_URL };
  sides.mock = { client: new letta.LettaClient({ baseUrl: mock.url, maxRetries: 0 }), agent: mock.agentId, base: mock.url };
  real = sides.real;
});

after(async () => {
  await mock?.close();
});

const kind = (value) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Fields whose type depends on the tool, not the server: `Optional[List[str]]`, null for core tools. */
const EITHER_NULL_OR_ARRAY = new Set(['stdout', 'stderr']);

/** `{ key: type, … }` in key order, one level deep (nested objects by their own keys). */
function shape(value) {
  if (kind(value) !== 'object') return kind(value);
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      if (EITHER_NULL_OR_ARRAY.has(key) && ['null', 'array'].includes(kind(inner))) return [key, 'null|array'];
      return [key, kind(inner) === 'object' ? shape(inner) : kind(inner)];
    }),
  );
}

const differences = [];
function compare(what, realValue, mockValue) {
  const [a, b] = [JSON.stringify(shape(realValue)), JSON.stringify(shape(mockValue))];
  if (a !== b) differences.push(`${what}\n    real: ${a}\n    mock: ${b}`);
}

/** Compares the first item of each message type both sides sent. */
function compareItems(what, realItems, mockItems) {
  const first = (items) => new Map([...items].reverse().map((item) => [item.message_type, item]));
  const [r, m] = [first(realItems), first(mockItems)];
  for (const [type, item] of r) if (m.has(type)) compare(`${what}: ${type}`, item, m.get(type));
}

const insert = (text) => `CALL_TOOL memory_insert ${JSON.stringify({ label: 'human', new_string: text })}`;
const APPROVAL = { real: insert('likes tea'), mock: 'Please delete notes.txt' };
const ERROR = { real: 'FAIL 500', mock: '/error' };

async function both(run) {
  return { real: await run('real', sides.real), mock: await run('mock', sides.mock) };
}

test('replies, streams, approvals and errors have the same shapes on the mock as on Letta 0.16.8', async () => {
  // A JSON reply.
  const json = await both((_, s) => s.client.sendMessage(s.agent, { input: 'hello' }));
  compare('LettaResponse', { ...json.real, messages: null }, { ...json.mock, messages: null });
  compareItems('LettaResponse.messages', json.real.messages, json.mock.messages);

  // Step and token streams, with pings.
  for (const tokens of [false, true]) {
    const streamed = await both((_, s) => s.client.streamMessage(s.agent, { input: 'hello', include_pings: true, stream_tokens: tokens }).toArray());
    compareItems(tokens ? 'token stream' : 'step stream', streamed.real, streamed.mock);
  }

  // An approval request and each answer, in each mode.
  for (const [mode, approve] of [['json', true], ['json', false], ['step', true], ['step', false], ['token', true], ['token', false]]) {
    const asked = await both(async (name, s) => {
      const params = { input: APPROVAL[name], ...(mode === 'token' ? { stream_tokens: true } : {}) };
      return mode === 'json' ? (await s.client.sendMessage(s.agent, params)).messages : s.client.streamMessage(s.agent, params).toArray();
    });
    compareItems(`approval request (${mode})`, asked.real, asked.mock);
    const answered = await both(async (name, s) => {
      const accumulator = new letta.MessageAccumulator();
      for (const item of asked[name]) accumulator.push(item);
      const request = accumulator.messages.find((message) => message.message_type === 'approval_request_message');
      accumulator.free();
      const call = [request.tool_calls].flat()[0] ?? request.tool_call;
      const answer = { toolCallId: call.tool_call_id, approve, reason: 'shape check' };
      if (mode === 'json') return (await s.client.sendApproval(s.agent, answer)).messages;
      return s.client.sendApproval(s.agent, answer, { stream: true, params: mode === 'token' ? { stream_tokens: true } : {} }).toArray();
    });
    const verdict = approve ? 'approved' : 'denied';
    compareItems(`approval ${verdict} (${mode})`, answered.real, answered.mock);
    // The kinds of item in order (a run of token deltas counts once: their number is the script's).
    const sameTypes = (items) =>
      items.map((item) => item.message_type).filter((type, i, all) => type !== 'reasoning_message' && type !== all[i - 1]);
    if (JSON.stringify(sameTypes(answered.real)) !== JSON.stringify(sameTypes(answered.mock))) {
      differences.push(`approval ${verdict} (${mode}): item types\n    real: ${sameTypes(answered.real)}\n    mock: ${sameTypes(answered.mock)}`);
    }
  }

  // A model error, in-band and as JSON.
  const inBand = await both(async (name, s) => {
    const items = [];
    try {
      for await (const item of s.client.streamMessage(s.agent, { input: ERROR[name] })) items.push(item);
    } catch (error) {
      return { items, error: error.error, errorType: error.errorType };
    }
    return { items };
  });
  compareItems('in-band error', inBand.real.items, inBand.mock.items);
  compare('event: error body', inBand.real.error, inBand.mock.error);
  const failed = await both((name, s) => s.client.sendMessage(s.agent, { input: ERROR[name] }).catch((error) => error));
  compare(`HTTP ${failed.real.status} error body`, failed.real.error, failed.mock.error);

  // Refused while the message is built, after the route accepted the request: the same status and
  // the same text, as JSON and in a stream.
  const REFUSED = [
    ['empty content', { input: '' }],
    ['a file: image URL', { messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'file:///etc/passwd' } }] }] }],
  ];
  for (const [what, params] of REFUSED) {
    const refused = await both((_, s) => s.client.sendMessage(s.agent, params, { validate: false }).catch((error) => error));
    if (refused.real.status !== refused.mock.status) differences.push(`${what}: real status ${refused.real.status}, mock ${refused.mock.status}`);
    if (JSON.stringify(refused.real.error) !== JSON.stringify(refused.mock.error)) {
      differences.push(`${what}: body\n    real: ${JSON.stringify(refused.real.error)}\n    mock: ${JSON.stringify(refused.mock.error)}`);
    }
    const streamed = await both(async (_, s) => {
      const items = [];
      try {
        for await (const item of s.client.streamMessage(s.agent, params, { validate: false })) items.push(item);
      } catch (error) {
        return { items, error: error.error };
      }
      return { items };
    });
    compareItems(`${what} (stream)`, streamed.real.items, streamed.mock.items);
    const text = (side) => JSON.stringify({ ...side.error, run_id: undefined });
    if (text(streamed.real) !== text(streamed.mock)) differences.push(`${what} (stream): error\n    real: ${text(streamed.real)}\n    mock: ${text(streamed.mock)}`);
  }

  // HTTP errors before a run starts: 404, 409, 422.
  const missing = await both((_, s) => s.client.sendMessage('agent-00000000-0000-4000-8000-000000000000', { input: 'x' }).catch((error) => error));
  compare('404 body', missing.real.error, missing.mock.error);
  const conflict = await both(async (name, s) => {
    await s.client.sendMessage(s.agent, { input: APPROVAL[name] });
    return s.client.sendMessage(s.agent, { input: 'again' }).catch((error) => error);
  });
  compare(`${conflict.real.status} body`, conflict.real.error, conflict.mock.error);
  const invalid = await both((_, s) => s.client.sendMessage(s.agent, { messages: [{ role: 'robot', content: 'x' }] }, { validate: false }).catch((error) => error));
  compare(`${invalid.real.status} body`, invalid.real.error, invalid.mock.error);
  for (const [what, pair] of Object.entries({ 404: missing, 409: conflict, 422: invalid })) {
    if (pair.real.status !== pair.mock.status) differences.push(`${what}: real status ${pair.real.status}, mock ${pair.mock.status}`);
    const type = (error) => error.headers.get('content-type');
    if (type(pair.real) !== type(pair.mock)) differences.push(`${what}: content-type real ${type(pair.real)}, mock ${type(pair.mock)}`);
  }

  assert.deepEqual(differences, [], `the mock differs from Letta 0.16.8:\n  ${differences.join('\n  ')}`);
});
