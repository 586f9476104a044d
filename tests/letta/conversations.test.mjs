// Conversations that survive, against the real Letta 0.16.8 with Redis (the peer of
// scripts/letta-peer/): history pages and cursors, background streams cut by a loopback proxy that
// resume to exactly what the server recorded, cancel that stops the run, a pending approval's 409,
// and conversations. The fake model: `LONG n` answers the n words `w1 … wn`, `DRIP ms` streams slowly,
// `CALL_TOOL name {json}` calls a tool.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { PEER_URL, letta, newAgent } from './harness.mjs';
import { startCutProxy } from './cut-proxy.mjs';

let agentId;
let client;
let proxy;
let cutClient;

before(async () => {
  agentId = newAgent();
  client = new letta.LettaClient({ baseURL: PEER_URL, maxRetries: 3, timeoutMs: 60_000 });
  proxy = await startCutProxy(PEER_URL);
  cutClient = new letta.LettaClient({ baseURL: proxy.url, maxRetries: 3, timeoutMs: 60_000 });
});

after(async () => {
  await proxy.close();
});

const key = (message) => `${message.id}/${message.message_type}`;
const MESSAGE = new Set(['user_message', 'assistant_message', 'reasoning_message', 'tool_call_message', 'tool_return_message', 'approval_request_message']);

/** Retries `check` for a moment: a run's messages reach the history just after its stream ends. */
async function eventually(check) {
  let last;
  for (let i = 0; i < 50; i++) {
    try {
      return await check();
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw last;
}

async function runStatus(runId) {
  const response = await fetch(`${PEER_URL}/v1/runs/${runId}`, { headers: { 'X-Stainless-Package-Version': '1.0.0' } });
  return (await response.json()).status;
}

/** Every item of a background run, as the server recorded it: a replay from the start. */
const recorded = (runId) => client.resumeStream(runId, { startingAfter: 0 }).toArray();

test('history: every page in both orders, with pages of 1 and 2, holds what was streamed, in order', async () => {
  const agent = newAgent();
  const streamed = [];
  for (const input of ['first words', 'CALL_TOOL conversation_search {"query": "words"}', 'last words']) {
    streamed.push(...(await client.streamMessage(agent, { input }).toArray()).filter((item) => MESSAGE.has(item.message_type)));
  }
  const all = await eventually(async () => {
    const list = await client.listMessages(agent, { order: 'asc', limit: 1000 });
    const keys = new Set(list.map(key));
    for (const item of streamed) assert.ok(keys.has(key(item)), `${key(item)} in the history`);
    return list;
  });
  assert.deepEqual(
    all.filter((message) => streamed.some((item) => key(item) === key(message))).map(key),
    streamed.map(key),
    'in the order they were streamed',
  );
  assert.equal(all.filter((message) => message.message_type === 'user_message').length, 3);
  const newest = await client.listMessages(agent, { limit: 1 });
  assert.deepEqual(newest.map(key), [key(all.at(-1))], 'desc: the newest first');
  for (const limit of [1, 2]) {
    for (const order of ['asc', 'desc']) {
      const walked = [];
      for await (const message of client.listMessages(agent, { order, limit })) walked.push(key(message));
      const expected = order === 'asc' ? all.map(key) : [...all].reverse().map(key);
      assert.deepEqual([...walked].sort(), [...expected].sort(), `${order}, pages of ${limit}`);
      const rows = (list) => [...new Set(list.map((entry) => entry.split('/')[0]))];
      assert.deepEqual(rows(walked), rows(expected), `${order}, pages of ${limit}: rows in order`);
    }
  }
});

test('a background stream cut by a proxy resumes and yields exactly the frames the server recorded', async () => {
  for (const frames of [1, 2, 5, 12]) {
    proxy.cutNext(frames, '/messages');
    const stream = cutClient.streamMessage(agentId, { input: 'LONG 16', stream_tokens: true, background: true });
    const items = await stream.toArray();
    assert.equal(stream.resumes, 1, `cut after ${frames}`);
    assert.deepEqual(items, await recorded(stream.runId), `cut after ${frames}`);
    assert.equal(items.at(-2).stop_reason, 'end_turn');
  }
});

test('cuts of the resumed streams too, and a cut between the last item and [DONE]', async () => {
  proxy.cutNext(3, '/messages');
  proxy.cutNext(4, '/stream');
  proxy.cutNext(2, '/stream');
  const stream = cutClient.streamMessage(agentId, { input: 'LONG 20', stream_tokens: true, background: true });
  const items = await stream.toArray();
  assert.equal(stream.resumes, 3);
  assert.deepEqual(items, await recorded(stream.runId));

  // The whole reply but [DONE]: ping, the deltas, stop_reason and usage.
  const whole = await client.streamMessage(agentId, { input: 'LONG 3', stream_tokens: true, background: true }).toArray();
  proxy.cutNext(whole.length + 1, '/messages');
  const nearly = cutClient.streamMessage(agentId, { input: 'LONG 3', stream_tokens: true, background: true });
  const got = await nearly.toArray();
  assert.equal(nearly.resumes, 0, 'nothing left to resume: no endless wait');
  assert.equal(got.at(-1).message_type, 'usage_statistics');
});

test('a token stream cut mid-message folds into the same messages as the recorded run', async () => {
  proxy.cutNext(6, '/messages');
  const stream = cutClient.streamMessage(agentId, { input: 'LONG 12', stream_tokens: true, background: true });
  const fold = (items) => {
    const accumulator = new letta.MessageAccumulator();
    for (const item of items) accumulator.push(item);
    return accumulator.messages;
  };
  const messages = fold(await stream.toArray());
  assert.equal(stream.resumes, 1);
  assert.deepEqual(messages, fold(await recorded(stream.runId)));
  assert.equal(messages.find((message) => message.message_type === 'assistant_message').content, Array.from({ length: 12 }, (_, i) => `w${i + 1}`).join(' '));
});

test('stream.cancel() on a slow reply stops the run on the server, and the next message succeeds', async () => {
  const agent = newAgent();
  const stream = client.streamMessage(agent, { input: 'DRIP 300 LONG 40', stream_tokens: true, background: true });
  const items = [];
  let answer;
  for await (const item of stream) {
    items.push(item);
    if (items.length === 3) answer = await stream.cancel();
  }
  assert.deepEqual(answer, { [stream.runId]: 'cancelled' });
  assert.equal(items.at(-1).message_type, 'stop_reason');
  assert.equal(items.at(-1).stop_reason, 'cancelled');
  assert.ok(items.length < 30, `${items.length} items: the reply stopped`);
  assert.equal(await eventually(async () => assert.equal(await runStatus(stream.runId), 'cancelled')), undefined);
  const next = await client.sendMessage(agent, { input: 'still there?' });
  assert.equal(next.stop_reason.stop_reason, 'end_turn');
});

test('stream.cancel() of a foreground stream: the server ends it after the cancelled stop reason, and that is its end', async () => {
  const agent = newAgent();
  const stream = client.streamMessage(agent, { input: 'DRIP 300 LONG 40', stream_tokens: true });
  const items = [];
  for await (const item of stream) {
    items.push(item);
    if (items.length === 3) await stream.cancel();
  }
  assert.equal(items.at(-1).stop_reason, 'cancelled');
  await eventually(async () => assert.equal(await runStatus(stream.runId), 'cancelled'));
});

test('stream.cancel() right after sending waits for the run id and cancels that run, not the one before', async () => {
  const agent = newAgent();
  const earlier = client.streamMessage(agent, { input: 'an earlier run', background: true });
  await earlier.toArray();
  const stream = client.streamMessage(agent, { input: 'DRIP 300 LONG 40', stream_tokens: true, background: true });
  const answer = await stream.cancel();
  assert.deepEqual(answer, { [stream.runId]: 'cancelled' });
  const items = await stream.toArray();
  assert.equal(items.at(-1).stop_reason, 'cancelled');
  assert.equal(await runStatus(earlier.runId), 'completed');
  await eventually(async () => assert.equal(await runStatus(stream.runId), 'cancelled'));
});

test('a pending approval: 409 ConflictError with its id, sent once, not retried', async () => {
  const agent = newAgent();
  const calls = [];
  const counting = new letta.LettaClient({
    baseURL: PEER_URL,
    maxRetries: 2,
    fetch: (url, init) => {
      calls.push(String(url));
      return fetch(url, init);
    },
  });
  const asked = await counting.sendMessage(agent, { input: 'CALL_TOOL memory_insert {"label": "human", "new_string": "likes tea"}' });
  const request = asked.messages.find((message) => message.message_type === 'approval_request_message');
  calls.length = 0;
  await assert.rejects(counting.sendMessage(agent, { input: 'hello?' }), (error) => {
    assert.ok(error instanceof letta.ConflictError, String(error));
    assert.equal(error.code, 'PENDING_APPROVAL');
    assert.equal(error.pendingRequestId, request.id);
    return true;
  });
  assert.equal(calls.length, 1);
  await counting.sendApproval(agent, { toolCallId: request.tool_calls[0].tool_call_id, approve: false, reason: 'tidy up' });
});

test('conversations: create, stream into one (cut before its first frame: sent again, re-attached), its history, list', async () => {
  const agent = newAgent();
  const conversation = await client.createConversation(agent, { summary: 'a thread' });
  assert.match(conversation.id, /^conv-/);
  assert.equal(conversation.agent_id, agent);
  const conversationId = conversation.id;

  proxy.cutNext(0, `/conversations/${conversationId}/messages`);
  const stream = cutClient.streamMessage(agent, { input: 'LONG 6', stream_tokens: true, background: true }, { conversationId });
  const items = await stream.toArray();
  assert.equal(stream.resumes, 1, 'sent again');
  assert.deepEqual(items, await recorded(stream.runId));

  const history = await eventually(async () => {
    const list = await client.listMessages(agent, { conversationId, order: 'asc' });
    assert.ok(list.some((message) => message.message_type === 'assistant_message'));
    return list;
  });
  assert.equal(history.filter((message) => message.message_type === 'user_message').length, 1, 'one run, one user message');
  const newestFirst = await client.listMessages(agent, { conversationId });
  assert.deepEqual(newestFirst.map(key), [...history].reverse().map(key));
  const reply = history.find((message) => message.message_type === 'assistant_message');
  assert.equal(reply.content, 'w1 w2 w3 w4 w5 w6');

  const json = await client.sendMessage(agent, { input: 'and as JSON' }, { conversationId });
  assert.equal(json.stop_reason.stop_reason, 'end_turn');
  const second = await client.createConversation(agent);
  const listed = (await client.listConversations(agent)).map((item) => item.id);
  assert.deepEqual(listed.sort(), [conversationId, second.id].sort());
  assert.deepEqual(await client.cancelRun(agent, { conversationId: second.id }), {}, 'nothing to cancel is not an error');
});
