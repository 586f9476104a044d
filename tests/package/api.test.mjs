// The JavaScript API of the built package (pkg/, from `scripts/build.sh`), as users call it, under
// Node against the mock Letta server: run with `node --test tests/package/`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startMockLetta } from '../../scripts/mock-letta.mjs';
import * as letta from '../../pkg/index.node.js';

let mock;
let client;

before(async () => {
  mock = await startMockLetta({ port: 0 });
  client = new letta.LettaClient({ baseUrl: mock.url, apiKey: 'sk-test-key', maxRetries: 0 });
});

after(async () => {
  await mock.close();
});

async function requests(needle) {
  const all = await (await fetch(`${mock.url}/__mock/requests`)).json();
  const list = Array.isArray(all) ? all : all.requests;
  return list.filter((request) => JSON.stringify(request).includes(needle));
}

test('sendMessage resolves to the server JSON, unchanged', async () => {
  const response = await client.sendMessage(mock.agentId, { input: 'Hello from the tests' });
  assert.ok(Array.isArray(response.messages));
  const assistant = response.messages.find((message) => message.message_type === 'assistant_message');
  assert.equal(typeof assistant.content, 'string');
  assert.deepEqual(Object.keys(assistant).slice(0, 4), ['id', 'date', 'name', 'message_type'], 'wire key order');
  assert.equal(response.stop_reason.stop_reason, 'end_turn');
});

test('the top-level functions take the client options in the same object', async () => {
  const response = await letta.sendMessage(mock.agentId, { input: 'top level' }, { baseUrl: mock.url });
  assert.equal(response.stop_reason.message_type, 'stop_reason');
  const items = await letta.streamMessage(mock.agentId, { input: 'top level' }, { baseUrl: mock.url }).toArray();
  assert.equal(items.at(-1).message_type, 'usage_statistics');
});

test('streamMessage is an async iterable of items, without pings unless asked for', async () => {
  const stream = client.streamMessage(mock.agentId, { input: 'stream me' });
  const types = [];
  for await (const item of stream) types.push(item.message_type);
  assert.ok(!types.includes('ping'));
  assert.match(stream.runId, /^run-/);
  assert.deepEqual(types.slice(-2), ['stop_reason', 'usage_statistics']);
  const withPings = await client.streamMessage(mock.agentId, { input: 'pings', include_pings: true }).toArray();
  assert.equal(withPings[0].message_type, 'ping');
});

test('requests carry the SDK header, JSON content type and an otid', async () => {
  const tag = `headers-${Math.random()}`;
  await client.sendMessage(mock.agentId, { input: tag });
  const [request] = await requests(tag);
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  assert.ok(headers.authorization, 'an Authorization header was sent (the mock redacts its value)');
  assert.ok(headers['x-stainless-package-version']);
  assert.equal(headers['content-type'], 'application/json');
  assert.match(request.body.messages[0].otid, /^[0-9a-f-]{36}$/);
});

test('the API key is sent as a bearer token', async () => {
  const secured = await startMockLetta({ port: 0, password: 'sk-right-key' });
  try {
    const right = new letta.LettaClient({ baseUrl: secured.url, apiKey: 'sk-right-key', maxRetries: 0 });
    assert.equal((await right.sendMessage(secured.agentId, { input: 'hi' })).stop_reason.stop_reason, 'end_turn');
    const wrong = new letta.LettaClient({ baseUrl: secured.url, apiKey: 'sk-wrong-key', maxRetries: 0 });
    await assert.rejects(wrong.sendMessage(secured.agentId, { input: 'hi' }), (error) => {
      assert.equal(error.status, 401);
      assert.doesNotMatch(`${error.message} ${String(error)}`, /sk-wrong-key/, 'the key never appears in errors');
      return true;
    });
  } finally {
    await secured.close();
  }
});

test('an invalid request rejects with ValidationError and sends nothing', async () => {
  const tag = `invalid-${Math.random()}`;
  await assert.rejects(client.sendMessage(mock.agentId, { input: tag, stream_tokens: true }), (error) => {
    assert.ok(error instanceof letta.ValidationError);
    assert.ok(error instanceof letta.LettaError);
    assert.equal(error.name, 'ValidationError');
    assert.equal(error.issues[0].path, '/stream_tokens');
    assert.equal(error.issues[0].code, 'requires_streaming');
    return true;
  });
  assert.equal((await requests(tag)).length, 0);
});

test('validateSendParams reports every issue with its path', () => {
  const result = letta.validateSendParams(mock.agentId, {
    messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', data: 'x' } }] }],
    temperature: 1,
  });
  assert.equal(result.ok, false);
  assert.deepEqual(result.errors.map((issue) => issue.path), ['/messages/0/content/0/source/media_type']);
  assert.deepEqual(result.warnings.map((issue) => issue.code), ['unknown_field']);
});

test('an HTTP error rejects with the APIError subclass of its status, carrying status, headers and the parsed body', async () => {
  const missing = 'agent-0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f';
  await assert.rejects(client.sendMessage(missing, { input: 'hi' }), (error) => {
    assert.ok(error instanceof letta.NotFoundError);
    assert.ok(error instanceof letta.APIError);
    assert.equal(error.name, 'NotFoundError');
    assert.equal(error.status, 404);
    assert.match(error.message, /^404 Agent with ID/);
    assert.match(error.error.detail, /not found/);
    assert.ok(error.headers instanceof Headers);
    return true;
  });
});

test('an in-band error rejects the iteration with StreamError after the items before it', async () => {
  const seen = [];
  const stream = client.streamMessage(mock.agentId, { input: 'hi' }, { headers: { 'X-Mock-Fault': 'error-after=2' } });
  await assert.rejects(
    (async () => {
      for await (const item of stream) seen.push(item.message_type);
    })(),
    (error) => {
      assert.ok(error instanceof letta.StreamError);
      assert.equal(error.errorType, 'internal_error');
      assert.equal(error.error.message_type, 'error_message');
      return true;
    },
  );
  assert.ok(seen.length >= 1, 'items before the error were delivered');
  assert.equal(seen.at(-1), 'stop_reason');
});

test('connection, timeout and abort failures have their own classes, worded as the Rust client words them', async () => {
  const refused = new letta.LettaClient({ baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
  await assert.rejects(
    refused.sendMessage(mock.agentId, { input: 'x' }),
    (error) => error instanceof letta.APIConnectionError && /^connection error: fetch failed \(.+\)$/.test(error.message),
  );
  const stalled = client.streamMessage(mock.agentId, { input: 'x' }, { timeoutMs: 200, headers: { 'X-Mock-Fault': 'stall-after-headers' } });
  await assert.rejects(
    stalled.toArray(),
    (error) => error instanceof letta.APIConnectionTimeoutError && error.name === 'APIConnectionTimeoutError' && error.message === 'request timed out after 200 ms',
  );
  const controller = new AbortController();
  const promise = client.sendMessage(mock.agentId, { input: 'x' }, { signal: controller.signal, headers: { 'X-Mock-Fault': 'stall-after-headers' } });
  controller.abort();
  // src/client/error.rs: ClientError::UserAbort's Display.
  await assert.rejects(promise, (error) => error instanceof letta.APIUserAbortError && error.name === 'APIUserAbortError' && error.message === 'request was aborted');
  assert.equal(new letta.APIUserAbortError().message, 'request was aborted');
});

test('leaving a for-await loop early aborts the request', async () => {
  const stream = client.streamMessage(mock.agentId, { input: '/long 400' }, { headers: { 'X-Mock-Fault': 'drip-ms=20' } });
  let count = 0;
  for await (const item of stream) {
    count += 1;
    if (count === 2) break;
  }
  assert.equal(count, 2);
  assert.deepEqual(await stream.next(), { done: true, value: undefined });
  // The server sees the connection go away: no stream stays open.
  let stats;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    stats = await (await fetch(`${mock.url}/__mock/stats`)).json();
    if (stats.activeStreams === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.equal(stats.activeStreams, 0, JSON.stringify(stats));
});

test('MessageAccumulator folds token deltas into the step-mode text', async () => {
  const params = { input: 'Tell me something nice' };
  const step = await client.sendMessage(mock.agentId, params);
  const stepText = step.messages.filter((m) => m.message_type === 'assistant_message').map((m) => m.content).join('');
  const accumulator = new letta.MessageAccumulator();
  let deltas = 0;
  for await (const item of client.streamMessage(mock.agentId, { ...params, stream_tokens: true })) {
    if (item.message_type === 'assistant_message') deltas += 1;
    accumulator.push(item);
  }
  assert.ok(deltas > 1);
  const text = accumulator.messages.filter((m) => m.message_type === 'assistant_message').map((m) => m.content).join('');
  assert.equal(text, stepText);
});

test('an approval request is answered with sendApproval, streamed and not', async () => {
  const request = (await client.sendMessage(mock.agentId, { input: 'please delete old-notes.txt' })).messages.find(
    (message) => message.message_type === 'approval_request_message',
  );
  assert.ok(request, 'an approval request');
  const toolCallId = request.tool_calls[0].tool_call_id;
  const items = await client.sendApproval(mock.agentId, { toolCallId, approve: false, reason: 'keep it' }, { stream: true }).toArray();
  const denied = items.find((item) => item.message_type === 'tool_return_message');
  assert.equal(denied.status, 'error');
  assert.match(denied.tool_return, /keep it/);

  const again = (await client.sendMessage(mock.agentId, { input: 'please delete older-notes.txt' })).messages.find(
    (message) => message.message_type === 'approval_request_message',
  );
  const response = await client.sendApproval(mock.agentId, { toolCallId: again.tool_calls[0].tool_call_id, approve: true });
  assert.equal(response.messages.find((m) => m.message_type === 'tool_return_message').status, 'success');
});

test('resumeStream replays a background run after a seq_id', async () => {
  const stream = client.streamMessage(mock.agentId, { input: 'background please', background: true });
  const first = await stream.toArray();
  const seqs = first.map((item) => item.seq_id).filter((seq) => typeof seq === 'number');
  assert.ok(seqs.length >= 2, JSON.stringify(first.map((item) => [item.message_type, item.seq_id])));
  const resumed = await client.resumeStream(stream.runId, { startingAfter: seqs[0] }).toArray();
  const resumedSeqs = resumed.map((item) => item.seq_id).filter((seq) => typeof seq === 'number');
  assert.deepEqual(resumedSeqs, seqs.slice(1));
});

/** Iterates `stream`, returning the message types received and the error it ended with. */
async function drain(stream, pauseMs = 0) {
  const types = [];
  try {
    for await (const item of stream) {
      types.push(item.message_type);
      if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    return { types, error: undefined };
  } catch (error) {
    return { types, error };
  }
}

test('a body that stalls mid-way times out after the items before the stall', async () => {
  const stream = client.streamMessage(mock.agentId, { input: 'stall' }, { timeoutMs: 300, headers: { 'X-Mock-Fault': 'stall-after=2' } });
  const { types, error } = await drain(stream);
  assert.deepEqual(types, ['reasoning_message'], 'the frame after the ping arrived first');
  assert.ok(error instanceof letta.APIConnectionTimeoutError, String(error));
  assert.match(error.message, /timed out after 300 ms/);
});

test('the idle timeout counts only time spent waiting for the server, not the consumer', async () => {
  const stream = client.streamMessage(mock.agentId, { input: 'a slow reader' }, { timeoutMs: 150 });
  const { types, error } = await drain(stream, 200);
  assert.equal(error, undefined);
  assert.deepEqual(types.slice(-2), ['stop_reason', 'usage_statistics']);
});
