// The package, as users install it (see harness.mjs), against a real Letta 0.16.8 server on loopback (the peer
// of scripts/letta-peer/, whose fake model is scripted by the user's text: "CALL_TOOL name {json}",
// "FAIL 500", anything else is echoed as "You said: …").
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { PEER_URL, letta, newAgent } from './harness.mjs';

let agentId;
let client;

before(() => {
  agentId = newAgent();
  client = new letta.LettaClient({ baseUrl: PEER_URL, maxRetries: 0, timeoutMs: 60_000 });
});

const types = (items) => items.map((item) => item.message_type);
const insert = (text) => `CALL_TOOL memory_insert ${JSON.stringify({ label: 'human', new_string: text })}`;

test('sendMessage: the whole turn as one LettaResponse', async () => {
  const response = await client.sendMessage(agentId, { input: 'Hello, real server' });
  assert.deepEqual(types(response.messages), ['assistant_message']);
  assert.equal(response.messages[0].content, 'You said: Hello, real server');
  assert.equal(response.stop_reason.stop_reason, 'end_turn');
  assert.equal(response.usage.message_type, 'usage_statistics');
});

test('streamMessage with step streaming, and pings only when asked for', async () => {
  const stream = client.streamMessage(agentId, { input: 'step by step' });
  const items = await stream.toArray();
  assert.deepEqual(types(items), ['assistant_message', 'stop_reason', 'usage_statistics']);
  assert.match(stream.runId, /^run-/, 'the run id from the ping, which is not yielded');
  const withPings = await client.streamMessage(agentId, { input: 'with pings', include_pings: true }).toArray();
  assert.equal(withPings[0].message_type, 'ping');
  assert.match(withPings[0].run_id, /^run-/);
});

test('token streaming: the folded text equals the reply without streaming', async () => {
  const text = 'the same words either way, token by token';
  const accumulator = new letta.MessageAccumulator();
  const items = await client.streamMessage(agentId, { input: text, stream_tokens: true }).toArray();
  for (const item of items) accumulator.push(item);
  const deltas = items.filter((item) => item.message_type === 'assistant_message');
  assert.ok(deltas.length > 3, `${deltas.length} deltas`);
  const [whole] = accumulator.messages.filter((message) => message.message_type === 'assistant_message');
  const json = await client.sendMessage(agentId, { input: text });
  assert.equal(whole.content, json.messages.at(-1).content);
  accumulator.free();
});

test('a tool call and its return, then the answer', async () => {
  const items = await client
    .streamMessage(agentId, { input: 'CALL_TOOL conversation_search {"query": "tea"}' })
    .toArray();
  assert.deepEqual(types(items), ['tool_call_message', 'tool_return_message', 'assistant_message', 'stop_reason', 'usage_statistics']);
  assert.equal(items[0].tool_call.name, 'conversation_search');
  assert.deepEqual(JSON.parse(items[0].tool_call.arguments), { query: 'tea' });
  assert.equal(items[1].status, 'success');
  assert.equal(items[1].tool_call_id, items[0].tool_call.tool_call_id);
});

test('an approval approved (JSON) and one denied (streamed), with the 409 while one is pending', async () => {
  const asked = await client.sendMessage(agentId, { input: insert('likes tea') });
  assert.equal(asked.stop_reason.stop_reason, 'requires_approval');
  const request = asked.messages.find((message) => message.message_type === 'approval_request_message');
  assert.equal(request.tool_call.name, 'memory_insert');

  const conflict = await client.sendMessage(agentId, { input: 'are you there?' }).catch((error) => error);
  assert.ok(conflict instanceof letta.APIError, String(conflict));
  assert.equal(conflict.status, 409);
  assert.equal(conflict.error.detail.code, 'PENDING_APPROVAL');

  const approved = await client.sendApproval(agentId, { toolCallId: request.tool_call.tool_call_id, approve: true });
  const ret = approved.messages.find((message) => message.message_type === 'tool_return_message');
  assert.equal(ret.status, 'success');
  assert.equal(approved.stop_reason.stop_reason, 'end_turn');

  const streamed = await client.streamMessage(agentId, { input: insert('likes coffee'), stream_tokens: true }).toArray();
  const accumulator = new letta.MessageAccumulator();
  for (const item of streamed) accumulator.push(item);
  const [pending] = accumulator.messages.filter((message) => message.message_type === 'approval_request_message');
  accumulator.free();
  const calls = Array.isArray(pending.tool_calls) ? pending.tool_calls : [pending.tool_calls ?? pending.tool_call];
  assert.deepEqual(JSON.parse(calls[0].arguments), { label: 'human', new_string: 'likes coffee' }, 'the argument deltas fold into the call');
  const denied = await client
    .sendApproval(agentId, { toolCallId: calls[0].tool_call_id, approve: false, reason: 'not now' }, { stream: true })
    .toArray();
  const refusal = denied.find((item) => item.message_type === 'tool_return_message');
  assert.equal(refusal.status, 'error');
  assert.match(refusal.tool_return, /denied.*not now/);
  assert.equal(denied.at(-2).stop_reason, 'end_turn');
});

test('the other way round: an approval approved while streaming and one denied as JSON', async () => {
  const first = await client.streamMessage(agentId, { input: insert('reads at night') }).toArray();
  const request = first.find((item) => item.message_type === 'approval_request_message');
  const approved = await client
    .sendApproval(agentId, { toolCallId: request.tool_calls[0].tool_call_id, approve: true }, { stream: true })
    .toArray();
  assert.deepEqual(types(approved), ['tool_return_message', 'assistant_message', 'stop_reason', 'usage_statistics']);
  assert.equal(approved[0].status, 'success');

  const second = await client.sendMessage(agentId, { input: insert('hates mornings') });
  const pending = second.messages.find((message) => message.message_type === 'approval_request_message');
  const denied = await client.sendApproval(agentId, { toolCallId: pending.tool_calls[0].tool_call_id, approve: false, reason: 'private' });
  const refusal = denied.messages.find((message) => message.message_type === 'tool_return_message');
  assert.equal(refusal.status, 'error');
  assert.match(refusal.tool_return, /User reason: private/);
  assert.equal(denied.stop_reason.stop_reason, 'end_turn');
});

test('an unknown agent is a 404 APIError', async () => {
  const error = await client.sendMessage('agent-00000000-0000-4000-8000-000000000000', { input: 'x' }).catch((caught) => caught);
  assert.ok(error instanceof letta.APIError, String(error));
  assert.equal(error.status, 404);
  assert.match(error.message, /^404 Agent with ID agent-00000000-0000-4000-8000-000000000000 not found/);
});

test('a model error arrives in-band when streaming, and as a 500 APIError when not', async () => {
  const items = [];
  let failure;
  try {
    for await (const item of client.streamMessage(agentId, { input: 'FAIL 500' })) items.push(item);
  } catch (error) {
    failure = error;
  }
  assert.ok(failure instanceof letta.StreamError, String(failure));
  assert.equal(failure.errorType, 'llm_error');
  assert.deepEqual(types(items), ['stop_reason']);
  assert.equal(items[0].stop_reason, 'llm_api_error');
  const error = await client.sendMessage(agentId, { input: 'FAIL 500' }).catch((caught) => caught);
  assert.ok(error instanceof letta.APIError, String(error));
  assert.equal(error.status, 500);
  assert.equal(error.error.error.type, 'llm_error');
});
