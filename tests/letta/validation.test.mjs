// validateSendParams agrees with the real server: every payload it accepts, the server accepts, and
// every payload it refuses, the server refuses with a 4xx before running the agent.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { PEER_URL, letta, newAgent } from './harness.mjs';

let agentId;
let client;

before(() => {
  agentId = newAgent();
  client = new letta.LettaClient({ baseUrl: PEER_URL, maxRetries: 0, timeoutMs: 60_000 });
});

const PAYLOADS = [
  ['input as a string', { input: 'plain' }],
  ['input as content parts', { input: [{ type: 'text', text: 'parts' }] }],
  ['a user message with text parts', { messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }] }],
  ['a system message', { messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }] }],
  ['lax booleans and integers', { input: 'lax', max_steps: '3', use_assistant_message: 'true' }],
  ['an unknown top-level key (a warning)', { input: 'extra', some_future_field: 1 }],
  ['a deprecated field (a warning)', { input: 'old', assistant_message_tool_name: 'send_message' }],
  ['neither messages nor input', { max_steps: 3 }],
  ['both messages and input', { input: 'a', messages: [{ role: 'user', content: 'b' }] }],
  ['an empty messages list', { messages: [] }],
  ['an unknown role', { messages: [{ role: 'robot', content: 'beep' }] }],
  ['a text part without text', { messages: [{ role: 'user', content: [{ type: 'text' }] }] }],
  ['an image without media_type', { messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', data: 'AAAA' } }] }] }],
  ['enable_thinking as a boolean', { input: 'x', enable_thinking: true }],
  ['stream_tokens without streaming', { input: 'x', stream_tokens: true }],
  ['an unknown return message type', { input: 'x', include_return_message_types: ['shouting_message'] }],
  ['max_steps that is not an integer', { input: 'x', max_steps: 'many' }],
  ['empty input (refused while the message is built)', { input: '' }],
  ['a message with an empty parts list', { messages: [{ role: 'user', content: [] }] }],
  ['an image URL with the file scheme', { messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'file:///etc/passwd' } }] }] }],
  ['approvals without type approval', { messages: [{ approvals: [{ type: 'approval', tool_call_id: 'c', approve: true }] }] }],
];

for (const [name, params] of PAYLOADS) {
  test(`${name}: the validator and the server agree`, async () => {
    const verdict = letta.validateSendParams(agentId, params);
    let status;
    try {
      await client.sendMessage(agentId, params, { validate: false });
      status = 200;
    } catch (error) {
      assert.ok(error instanceof letta.APIError, `${name}: ${error}`);
      status = error.status;
    }
    if (verdict.ok) assert.equal(status, 200, `${name}: the validator accepts it, the server answered ${status}`);
    else assert.ok(status >= 400 && status < 500, `${name}: the validator refuses it (${verdict.errors.map((e) => `${e.path} ${e.code}`)}), the server answered ${status}`);
  });
}

test('a malformed agent id is refused by both', async () => {
  const verdict = letta.validateSendParams('agent-123', { input: 'x' });
  assert.equal(verdict.ok, false);
  const error = await client.sendMessage('agent-123', { input: 'x' }, { validate: false }).catch((caught) => caught);
  assert.equal(error.status, 422);
});
