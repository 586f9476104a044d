// Conversations that survive, through the built package under Node against the mock Letta server
// (which behaves as Letta 0.16.8 with Redis): history pages and cursors, cancel, background streams
// that resume after a cut at every frame position, re-sends before the run id is known, 409s, and
// conversations. Run with `node --expose-gc --test tests/package/`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startMockLetta } from '../../scripts/mock-letta.mjs';
import * as letta from '../../pkg/index.node.js';
import { mockHelpers } from './mock-helpers.mjs';

let mock;
let client;

before(async () => {
  mock = await startMockLetta({ port: 0 });
  client = new letta.LettaClient({ baseURL: mock.url, maxRetries: 3, timeoutMs: 5000 });
});

after(async () => {
  await mock.close();
});

const { json, newAgent } = mockHelpers(() => mock);

/** The items a reader of the whole run gets, from the mock's record of it (pings left out). */
async function recordedItems(runId) {
  const { frames } = await json(`/__mock/runs/${runId}/frames`);
  return frames
    .map((frame) => /^data: (.*)$/m.exec(frame.data)?.[1])
    .filter((data) => data !== undefined && data !== '[DONE]')
    .map((data) => JSON.parse(data))
    .filter((item) => item.message_type !== 'ping');
}

let keys = 0;
/** Request options whose fault hits the first `times` requests that carry it (resumes included). */
const cut = (spec, times = 1) => ({ headers: { 'X-Mock-Fault': `${spec}; times=${times}; key=k${++keys}` } });

const requestsTo = async (needle) => (await json('/__mock/requests')).filter((request) => request.path.includes(needle));

async function settle(stream) {
  const items = [];
  try {
    for await (const item of stream) items.push(item);
    return { items, error: undefined };
  } catch (error) {
    return { items, error };
  }
}

// ───────────────────────── history ─────────────────────────

/** Says three things to a new agent; resolves to the agent and every message, oldest first. */
async function agentWithHistory() {
  const agentId = await newAgent();
  for (const text of ['one', 'two', 'weather in Paris']) await client.sendMessage(agentId, { input: text });
  const all = await client.listMessages(agentId, { order: 'asc', limit: 1000 });
  return { agentId, all };
}

test('listMessages: one page, newest first by default, oldest first with order asc', async () => {
  const { agentId, all } = await agentWithHistory();
  const types = all.map((message) => message.message_type);
  assert.equal(types[0], 'system_message');
  for (const type of ['user_message', 'assistant_message', 'tool_call_message', 'tool_return_message']) assert.ok(types.includes(type), type);
  const newest = await client.listMessages(agentId);
  assert.deepEqual(newest.map((m) => m.id + m.message_type), [...all].reverse().map((m) => m.id + m.message_type));
  const assistant = all.filter((message) => message.message_type === 'assistant_message').at(-1);
  assert.match(assistant.content, /Paris/);
});

test('listMessages: for await walks every page in either order, with pages of 1, 2 and 100, fetching each once', async () => {
  const { agentId, all } = await agentWithHistory();
  const key = (message) => `${message.id}/${message.message_type}`;
  for (const limit of [1, 2, 100]) {
    for (const order of ['asc', 'desc']) {
      const before = (await requestsTo(`/agents/${agentId}/messages?`)).length;
      const walked = [];
      for await (const message of client.listMessages(agentId, { order, limit })) walked.push(key(message));
      const expected = order === 'asc' ? all.map(key) : [...all].reverse().map(key);
      // A row of history (one id) may hold several messages; within a row the order is the server's.
      assert.deepEqual([...walked].sort(), [...expected].sort(), `${order} ${limit}`);
      assert.equal(new Set(walked).size, walked.length, `no message twice (${order} ${limit})`);
      const ids = walked.map((entry) => entry.split('/')[0]);
      assert.deepEqual([...new Set(ids)], [...new Set(expected.map((entry) => entry.split('/')[0]))], `${order} ${limit}: rows in order`);
      const sent = (await requestsTo(`/agents/${agentId}/messages?`)).slice(before).map((request) => request.path);
      assert.equal(new Set(sent).size, sent.length, `no page fetched twice (${order} ${limit})`);
    }
  }
});

test('listMessages: the promise and the iteration share the first page', async () => {
  const { agentId } = await agentWithHistory();
  const before = (await requestsTo(`/agents/${agentId}/messages?`)).length;
  const list = client.listMessages(agentId, { limit: 100 });
  const page = await list;
  const walked = [];
  for await (const message of list) walked.push(message);
  assert.deepEqual(walked, page);
  assert.equal((await requestsTo(`/agents/${agentId}/messages?`)).length - before, 1);
  assert.ok(list instanceof Promise);
});

test('listMessages: an unknown agent is a NotFoundError; a bad query is a TypeError', async () => {
  const missing = 'agent-0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f';
  await assert.rejects(client.listMessages(missing), letta.NotFoundError);
  assert.throws(() => client.listMessages(missing, { order: 'up' }), TypeError);
});

// ───────────────────────── cancel ─────────────────────────

const SLOW_REPLY = { input: '/drip 40 /long 60 tell me a long story', stream_tokens: true, background: true };

async function runStatus(runId) {
  for (let i = 0; i < 40; i++) {
    const run = await json(`/v1/runs/${runId}`);
    if (run.status !== 'running' && run.status !== 'created') return run.status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return 'running';
}

test('stream.cancel() during a reply: the server cancels the run, the stream ends with it, the next message works', async () => {
  const agentId = await newAgent();
  const stream = client.streamMessage(agentId, SLOW_REPLY);
  const items = [];
  let cancelled;
  for await (const item of stream) {
    items.push(item);
    if (items.length === 3) cancelled = await stream.cancel();
  }
  assert.deepEqual(cancelled, { [stream.runId]: 'cancelled' });
  assert.equal(items.at(-1).message_type, 'stop_reason');
  assert.equal(items.at(-1).stop_reason, 'cancelled');
  assert.equal(await runStatus(stream.runId), 'cancelled');
  const next = await client.sendMessage(agentId, { input: 'are you there?' });
  assert.equal(next.stop_reason.stop_reason, 'end_turn');
});

test('stream.cancel() of a foreground stream: it ends after its cancelled stop reason, without an error', async () => {
  const agentId = await newAgent();
  const stream = client.streamMessage(agentId, { ...SLOW_REPLY, background: false });
  const items = [];
  for await (const item of stream) {
    items.push(item);
    if (items.length === 2) await stream.cancel();
  }
  assert.equal(items.at(-1).stop_reason, 'cancelled');
  assert.equal(await runStatus(stream.runId), 'cancelled');
});

test('stream.cancel() before the run id is known cancels the run that the request starts', async () => {
  const agentId = await newAgent();
  const stream = client.streamMessage(agentId, SLOW_REPLY);
  assert.equal(stream.runId, undefined);
  const cancelling = stream.cancel();
  const { items, error } = await settle(stream);
  await cancelling;
  assert.equal(error, undefined);
  assert.match(stream.runId, /^run-/);
  assert.equal(items.at(-1).stop_reason, 'cancelled');
  assert.equal(await runStatus(stream.runId), 'cancelled');
});

test('stream.cancel() after the stream ended answers and throws nothing; cancelRun with nothing running neither', async () => {
  const agentId = await newAgent();
  const stream = client.streamMessage(agentId, { input: 'short', background: true });
  await stream.toArray();
  const answer = await stream.cancel();
  assert.equal(typeof answer, 'object');
  assert.equal(await runStatus(stream.runId), 'completed');
  assert.equal(typeof (await client.cancelRun(agentId)), 'object');
  const conversation = await client.createConversation(agentId);
  assert.deepEqual(await client.cancelRun(agentId, { conversationId: conversation.id }), {});
});

test('cancelRun by run id stops a running reply read by another stream', async () => {
  const agentId = await newAgent();
  const stream = client.streamMessage(agentId, SLOW_REPLY);
  const first = await stream.next();
  assert.equal(first.done, false);
  assert.deepEqual(await client.cancelRun(agentId, { runIds: [stream.runId] }), { [stream.runId]: 'cancelled' });
  const rest = await stream.toArray();
  assert.equal(rest.at(-1).stop_reason, 'cancelled');
});

// ───────────────────────── resume ─────────────────────────

test('a background stream cut after every frame position resumes and yields every item exactly once', async () => {
  const agentId = await newAgent();
  const params = { input: 'weather in Lisbon', background: true };
  const whole = client.streamMessage(agentId, params);
  const expected = await whole.toArray();
  assert.equal(whole.resumes, 0);
  assert.deepEqual(expected, await recordedItems(whole.runId));
  // From 1: a cut before the first frame (the ping that names the run) is not resumed on this route.
  for (let n = 1; n <= expected.length + 1; n++) {
    const stream = client.streamMessage(agentId, params, cut(`disconnect-after=${n}`));
    const { items, error } = await settle(stream);
    assert.equal(error, undefined, `cut after ${n}: ${error}`);
    const recorded = await recordedItems(stream.runId);
    assert.deepEqual(items, recorded, `cut after ${n}`);
    assert.deepEqual(items.map((item) => item.message_type), expected.map((item) => item.message_type), `cut after ${n}`);
    assert.equal(stream.resumes, n < expected.length + 1 ? 1 : 0, `cut after ${n}: resumes`);
  }
});

test('cuts during the resumed streams too: every item once, as long as each resume makes progress', async () => {
  const agentId = await newAgent();
  const stream = client.streamMessage(agentId, { input: '/long 30 many words', stream_tokens: true, background: true }, cut('disconnect-after=3', 8));
  const { items, error } = await settle(stream);
  assert.equal(error, undefined, String(error));
  assert.deepEqual(items, await recordedItems(stream.runId));
  assert.ok(stream.resumes >= 5, `resumed ${stream.resumes} times`);
  const resumes = await requestsTo(`/runs/${stream.runId}/stream`);
  assert.deepEqual(
    resumes.map((request) => request.body.starting_after),
    [...resumes.map((request) => request.body.starting_after)].sort((a, b) => a - b),
  );
});

test('a token stream cut mid-message folds into the same messages as one that was not cut', async () => {
  const agentId = await newAgent();
  const params = { input: '/long 12 a few words to fold', stream_tokens: true, background: true };
  const fold = (items) => {
    const accumulator = new letta.MessageAccumulator();
    for (const item of items) accumulator.push(item);
    return accumulator.messages;
  };
  const whole = fold(await client.streamMessage(agentId, params).toArray());
  for (const n of [2, 5, 9]) {
    const stream = client.streamMessage(agentId, params, cut(`disconnect-after=${n}`));
    const messages = fold(await stream.toArray());
    assert.equal(stream.resumes, 1);
    const text = (list) => list.map((message) => [message.message_type, message.content ?? message.reasoning ?? '']);
    assert.deepEqual(text(messages), text(whole), `cut after ${n}`);
  }
});

test('a cut before the first frame: a conversation stream is sent again with the same otids and re-attaches to its run', async () => {
  const agentId = await newAgent();
  const { id: conversationId } = await client.createConversation(agentId);
  const stream = client.streamMessage(agentId, { input: '/drip 20 /long 8 hello', background: true }, { conversationId, ...cut('disconnect-after=0') });
  const { items, error } = await settle(stream);
  assert.equal(error, undefined, String(error));
  assert.equal(stream.resumes, 1);
  const sends = await requestsTo(`/conversations/${conversationId}/messages`);
  assert.equal(sends.length, 2);
  assert.equal(sends[0].body.messages[0].otid, sends[1].body.messages[0].otid);
  assert.deepEqual(items, await recordedItems(stream.runId));
  const history = await client.listMessages(agentId, { conversationId, order: 'asc' });
  assert.equal(history.filter((message) => message.message_type === 'user_message').length, 1, 'one run, one user message');
});

test('a cut before the first frame on the agent route is not sent again (the server would start a second run)', async () => {
  const agentId = await newAgent();
  const stream = client.streamMessage(agentId, { input: 'hello', background: true }, cut('disconnect-after=0'));
  const { items, error } = await settle(stream);
  assert.ok(error instanceof letta.APIConnectionError || error?.errorType === 'incomplete_stream', String(error));
  assert.deepEqual(items, []);
  assert.equal(stream.resumes, 0);
  assert.equal((await requestsTo(`/agents/${agentId}/messages`)).length, 1);
});

test('a resumable stream asks for pings even with include_pings: false (the first names the run) and hands none out', async () => {
  const agentId = await newAgent();
  const stream = client.streamMessage(agentId, { input: 'quiet please', background: true, include_pings: false }, cut('disconnect-after=1'));
  const { items, error } = await settle(stream);
  assert.equal(error, undefined, String(error));
  assert.equal(stream.resumes, 1);
  assert.ok(!items.some((item) => item.message_type === 'ping'));
  assert.deepEqual(items, await recordedItems(stream.runId));
  const [sent] = await requestsTo(`/agents/${agentId}/messages`);
  assert.equal(sent.body.include_pings, true);
});

test('no resume without background, with resume: false, or past the retry budget: the items, then one typed error', async () => {
  const agentId = await newAgent();
  // A cut reaches the reader as a broken connection or as a body that ended early, by timing.
  const transport = (error) => error instanceof letta.APIConnectionError || error?.errorType === 'incomplete_stream';
  // Two frames: the first ping (not handed out) and one message.
  const foreground = await settle(client.streamMessage(agentId, { input: 'hi there' }, cut('disconnect-after=2')));
  assert.ok(transport(foreground.error), String(foreground.error));
  assert.equal(foreground.items.length, 1);

  const off = client.streamMessage(agentId, { input: 'hi there', background: true }, { ...cut('disconnect-after=2'), resume: false });
  const refused = await settle(off);
  assert.ok(transport(refused.error), String(refused.error));
  assert.equal(off.resumes, 0);

  // The network goes away after the first cut: the resume is tried with the client's retries, then fails.
  const calls = [];
  const flaky = (url, init) => {
    calls.push(String(url));
    if (calls.length === 1) return fetch(url, init);
    return Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('network down'), { code: 'ENETDOWN' }) }));
  };
  const budget = new letta.LettaClient({ baseURL: mock.url, maxRetries: 2, timeoutMs: 5000, fetch: flaky });
  const stream = budget.streamMessage(agentId, { input: 'hi there', background: true }, cut('disconnect-after=2'));
  const spent = await settle(stream);
  assert.ok(spent.error instanceof letta.APIConnectionError, String(spent.error));
  assert.match(spent.error.message, /ENETDOWN/);
  assert.equal(stream.resumes, 1);
  assert.equal(spent.items.length, 1, 'the item before the cut, once');
  assert.deepEqual(calls.slice(1).map((url) => new URL(url).pathname), Array(3).fill(`/v1/runs/${stream.runId}/stream`));
});

test('an in-band error of a background run is its result: not resumed', async () => {
  const agentId = await newAgent();
  const stream = client.streamMessage(agentId, { input: '/error please', background: true });
  const { error } = await settle(stream);
  assert.ok(error instanceof letta.StreamError);
  assert.equal(stream.resumes, 0);
});

test('resumeStream: a finished run from the start and from the middle; lastSeqId resumes where a reader stopped', async () => {
  const agentId = await newAgent();
  const first = client.streamMessage(agentId, { input: 'weather in Oslo', background: true });
  const items = [];
  for await (const item of first) {
    items.push(item);
    if (items.length === 2) break;
  }
  const rest = await client.resumeStream(first.runId, { startingAfter: first.lastSeqId }).toArray();
  assert.deepEqual([...items, ...rest], await recordedItems(first.runId));
  assert.deepEqual(await client.resumeStream(first.runId).toArray(), await recordedItems(first.runId));
  await assert.rejects(client.resumeStream('run-00000000-0000-4000-8000-000000000000').toArray(), letta.NotFoundError);
});

// ───────────────────────── conflicts ─────────────────────────

test('a 409 for a pending approval is not retried, and names the pending request', async () => {
  const agentId = await newAgent();
  const asked = await client.sendMessage(agentId, { input: 'delete notes.txt' });
  assert.equal(asked.stop_reason.stop_reason, 'requires_approval');
  const pending = asked.messages.find((message) => message.message_type === 'approval_request_message');
  const before = (await requestsTo(`/agents/${agentId}/messages`)).length;
  await assert.rejects(client.sendMessage(agentId, { input: 'something else' }), (error) => {
    assert.ok(error instanceof letta.ConflictError);
    assert.ok(error instanceof letta.APIError);
    assert.equal(error.status, 409);
    assert.equal(error.code, 'PENDING_APPROVAL');
    assert.equal(error.pendingRequestId, pending.id);
    return true;
  });
  assert.equal((await requestsTo(`/agents/${agentId}/messages`)).length - before, 1, 'sent once');
});

test('a busy conversation answers 409 with the run that holds it; the agent route takes a second message', async () => {
  const agentId = await newAgent();
  const { id: conversationId } = await client.createConversation(agentId);
  const stream = client.streamMessage(agentId, SLOW_REPLY, { conversationId });
  await stream.next();
  const once = new letta.LettaClient({ baseURL: mock.url, maxRetries: 0 });
  await assert.rejects(once.streamMessage(agentId, { input: 'me too' }, { conversationId }).toArray(), (error) => {
    assert.ok(error instanceof letta.ConflictError);
    assert.equal(error.runId, stream.runId);
    assert.equal(error.pendingRequestId, undefined);
    return true;
  });
  const beside = await once.streamMessage(agentId, { input: 'me too' }).toArray();
  assert.equal(beside.at(-2).stop_reason, 'end_turn');
  await stream.cancel();
  await stream.toArray();
});

// ───────────────────────── conversations ─────────────────────────

test('conversations: create, stream into one, its history, list them', async () => {
  const agentId = await newAgent();
  const conversation = await client.createConversation(agentId, { summary: 'trip planning' });
  assert.match(conversation.id, /^conv-/);
  assert.equal(conversation.agent_id, agentId);
  const options = { conversationId: conversation.id };
  const items = await client.streamMessage(agentId, { input: 'in a thread', background: true }, options).toArray();
  const reply = items.find((item) => item.message_type === 'assistant_message');
  assert.match(reply.content, /in a thread/);
  const json = await client.sendMessage(agentId, { input: 'and as JSON' }, options);
  assert.equal(json.stop_reason.stop_reason, 'end_turn');
  const history = await client.listMessages(agentId, { conversationId: conversation.id, order: 'asc' });
  const ids = history.map((message) => message.id);
  assert.ok(ids.includes(reply.id));
  assert.ok(history.some((message) => message.message_type === 'user_message'));
  const agentThread = await client.listMessages(agentId, { conversationId: 'default' });
  assert.ok(!agentThread.some((message) => message.id === reply.id), 'the thread is its own');
  const listed = await client.listConversations(agentId, { order: 'asc' });
  assert.deepEqual(listed.map((item) => item.id), [conversation.id]);
  const second = await client.createConversation(agentId);
  assert.deepEqual((await client.listConversations(agentId)).map((item) => item.id).sort(), [conversation.id, second.id].sort());
});

test('a stream in a conversation cancels and resumes in that conversation', async () => {
  const agentId = await newAgent();
  const conversation = await client.createConversation(agentId);
  const options = { conversationId: conversation.id };
  const stream = client.streamMessage(agentId, SLOW_REPLY, { ...options, ...cut('disconnect-after=4') });
  const items = [];
  for await (const item of stream) {
    items.push(item);
    if (items.length === 6) await stream.cancel();
  }
  assert.equal(stream.resumes, 1);
  assert.equal(items.at(-1).stop_reason, 'cancelled');
  assert.deepEqual(items, await recordedItems(stream.runId));
});

// ───────────────────────── errors and options ─────────────────────────

test('APIConnectionError keeps what failed underneath as its cause', async () => {
  const closed = new letta.LettaClient({ baseURL: 'http://127.0.0.1:9', maxRetries: 0 });
  await assert.rejects(closed.sendMessage('agent-0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f', { input: 'hi' }), (error) => {
    assert.ok(error instanceof letta.APIConnectionError);
    assert.ok(error.cause instanceof Error, String(error.cause));
    return true;
  });
});

test('every status class extends APIError and is named for its status', async () => {
  const cases = [
    [400, letta.BadRequestError],
    [401, letta.AuthenticationError],
    [403, letta.PermissionDeniedError],
    [404, letta.NotFoundError],
    [409, letta.ConflictError],
    [422, letta.UnprocessableEntityError],
    [429, letta.RateLimitError],
    [500, letta.InternalServerError],
    [503, letta.InternalServerError],
  ];
  const once = new letta.LettaClient({ baseURL: mock.url, maxRetries: 0 });
  for (const [status, kind] of cases) {
    await assert.rejects(once.sendMessage(mock.agentId, { input: 'hi' }, { headers: { 'X-Mock-Fault': `status=${status}` } }), (error) => {
      assert.ok(error instanceof kind, `${status}: ${error.name}`);
      assert.ok(error instanceof letta.APIError);
      assert.equal(error.name, kind.name);
      assert.equal(error.status, status);
      return true;
    });
  }
});
