// ChatSession, headless, through the built package under Node against the mock Letta server:
// snapshots, history with load-earlier, a reply that resumes after a cut, a reload mid-reply, Stop,
// approvals restored after a reload or a 409, retry. Run with `node --expose-gc --test tests/package/`.
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

/** A Storage-like object in memory (as sessionStorage is in a page). */
function memoryStorage() {
  const map = new Map();
  return {
    getItem: (key) => (map.has(key) ? map.get(key) : null),
    setItem: (key, value) => map.set(key, String(value)),
    removeItem: (key) => map.delete(key),
    map,
  };
}

/** Every snapshot a session goes through. */
function record(session) {
  const snapshots = [];
  session.subscribe(() => snapshots.push(session.getSnapshot()));
  return snapshots;
}

const texts = (snapshot) =>
  snapshot.messages
    .filter((message) => message.message_type === 'user_message' || message.message_type === 'assistant_message')
    .map((message) => `${message.message_type === 'user_message' ? 'user' : 'agent'}: ${typeof message.content === 'string' ? message.content : ''}`);

let keys = 0;
const cutClient = (spec, times = 1) =>
  new letta.LettaClient({ baseURL: mock.url, maxRetries: 3, timeoutMs: 5000, headers: { 'X-Mock-Fault': `${spec}; times=${times}; key=s${++keys}` } });

test('send: the user message at once, the reply as it streams, then idle; each snapshot a new frozen object', async () => {
  const agentId = await newAgent();
  const session = new letta.ChatSession({ client, agentId, streamTokens: true, storage: null });
  const snapshots = record(session);
  const { getSnapshot, subscribe } = session;
  assert.equal(getSnapshot().status, 'idle');
  assert.equal(typeof subscribe(() => {}), 'function', 'works unbound');
  await session.load();
  await session.send('Hello there');
  const last = getSnapshot();
  assert.equal(last.status, 'idle');
  assert.equal(last.stopReason, 'end_turn');
  assert.equal(last.usage.message_type, 'usage_statistics');
  assert.deepEqual(texts(last).slice(0, 1), ['user: Hello there']);
  assert.match(texts(last)[1], /^agent: You said: .*Hello there/);
  assert.ok(snapshots.some((snapshot) => snapshot.status === 'streaming'));
  assert.ok(Object.isFrozen(last) && Object.isFrozen(last.messages));
  assert.equal(new Set(snapshots).size, snapshots.length, 'a new object for every change');
  const streaming = snapshots.filter((snapshot) => snapshot.status === 'streaming').map((snapshot) => texts(snapshot).at(-1));
  assert.ok(new Set(streaming).size > 2, 'the reply grows delta by delta');
});

test('load: the last page of history, then loadEarlier until there is none; no message twice', async () => {
  const agentId = await newAgent();
  for (const text of ['one', 'two', 'three', 'four']) await client.sendMessage(agentId, { input: text });
  const session = new letta.ChatSession({ client, agentId, historyPageSize: 3, storage: null });
  await session.load();
  assert.equal(session.getSnapshot().hasEarlier, true);
  const first = session.getSnapshot().messages.length;
  while (session.getSnapshot().hasEarlier) await session.loadEarlier();
  const all = session.getSnapshot().messages;
  assert.ok(all.length > first);
  const history = await client.listMessages(agentId, { order: 'asc', limit: 1000 });
  assert.deepEqual(all.map((m) => `${m.id}/${m.message_type}`), history.map((m) => `${m.id}/${m.message_type}`));
  await session.send('five');
  const again = new letta.ChatSession({ client, agentId, historyPageSize: 100, storage: null });
  await again.load();
  assert.deepEqual(texts(again.getSnapshot()).filter((line) => line.startsWith('user')), ['user: one', 'user: two', 'user: three', 'user: four', 'user: five']);
  assert.deepEqual(texts(session.getSnapshot()), texts(again.getSnapshot()), 'what the page built equals what the history says');
});

test('a cut reply: status reconnecting, then the reply completes once', async () => {
  const agentId = await newAgent();
  const session = new letta.ChatSession({ client: cutClient('disconnect-after=4'), agentId, streamTokens: true, storage: null });
  const snapshots = record(session);
  await session.send('/long 20 a reply that gets cut');
  assert.ok(snapshots.some((snapshot) => snapshot.status === 'reconnecting'));
  const last = session.getSnapshot();
  assert.equal(last.status, 'idle');
  const fresh = new letta.ChatSession({ client, agentId, storage: null });
  await fresh.load();
  assert.deepEqual(texts(last), texts(fresh.getSnapshot()));
});

test('a reload mid-reply: the new page resumes the run from its storage and shows the reply once, whole', async () => {
  const agentId = await newAgent();
  const storage = memoryStorage();
  const page1 = new letta.ChatSession({ client, agentId, streamTokens: true, storage });
  const sending = page1.send('/drip 30 /long 30 keep going after the reload');
  while (storage.map.size === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  // The page goes away mid-reply: close() stops its reading, the run goes on on the server.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const seen = page1.getSnapshot();
  page1.close();
  await sending;
  assert.equal(page1.getSnapshot(), seen, 'a closed session changes no more');
  assert.equal(storage.map.size, 1, 'close() keeps the run id for the next page');
  const reloaded = new letta.LettaClient({ baseURL: mock.url, maxRetries: 3, timeoutMs: 5000 });
  const page2 = new letta.ChatSession({ client: reloaded, agentId, streamTokens: true, storage });
  await page2.load();
  const last = page2.getSnapshot();
  assert.equal(last.status, 'idle');
  assert.equal(storage.map.size, 0, 'the run id is forgotten once the reply ended');
  const agentLines = texts(last).filter((line) => line.startsWith('agent'));
  assert.equal(agentLines.length, 1, agentLines.join('\n'));
  assert.equal(agentLines[0].split(' ').length > 30, true, 'the whole reply, not its tail');
});

test('params go with every request, onItem sees every item, messageKey stays when the history copy replaces the sent one', async () => {
  const agentId = await newAgent();
  const items = [];
  const session = new letta.ChatSession({ client, agentId, storage: null, params: { include_pings: true }, onItem: (item) => items.push(item.message_type) });
  await session.send('Please delete notes.txt');
  assert.ok(items.includes('ping') && items.includes('stop_reason') && items.includes('usage_statistics'), items.join());
  assert.equal(session.getSnapshot().status, 'awaiting_approval');
  const sent = session.getSnapshot().messages[0];
  session.params = { include_pings: false };
  items.length = 0;
  await session.approve(session.getSnapshot().pendingApproval.tool_calls[0].tool_call_id);
  assert.ok(!items.includes('ping'), 'params changed between sends apply to the next one');
  const log = await json('/__mock/requests');
  const bodies = log.filter((request) => request.method === 'POST' && request.path.endsWith('/messages')).slice(-2).map((request) => request.body.include_pings);
  assert.deepEqual(bodies, [true, true], 'a background stream asks for pings either way (none handed out when not asked)');
  const page2 = new letta.ChatSession({ client, agentId, storage: null });
  await page2.load();
  const stored = page2.getSnapshot().messages.find((message) => message.message_type === 'user_message');
  assert.notEqual(stored.id, sent.id, 'the history copy has the server id');
  assert.equal(letta.ChatSession.messageKey(stored), letta.ChatSession.messageKey(sent));
  assert.throws(() => new letta.ChatSession({ client, agentId, params: [] }), TypeError);
  assert.throws(() => new letta.ChatSession({ client, agentId, onItem: 1 }), TypeError);
});

test('stop: the run is cancelled on the server, the session is idle, and the next message works', async () => {
  const agentId = await newAgent();
  const session = new letta.ChatSession({ client, agentId, streamTokens: true, storage: null });
  const sending = session.send('/drip 40 /long 60 a long story');
  while (!session.getSnapshot().messages.some((m) => m.message_type === 'assistant_message')) await new Promise((r) => setTimeout(r, 10));
  await session.stop();
  await sending;
  assert.equal(session.getSnapshot().status, 'idle');
  assert.equal(session.getSnapshot().stopReason, 'cancelled');
  await session.send('and now?');
  assert.equal(session.getSnapshot().stopReason, 'end_turn');
});

test('an approval: awaiting_approval, restored after a reload and on a 409; approving streams the continuation', async () => {
  const agentId = await newAgent();
  const session = new letta.ChatSession({ client, agentId, storage: null });
  await session.send('delete notes.txt');
  const waiting = session.getSnapshot();
  assert.equal(waiting.status, 'awaiting_approval');
  assert.equal(waiting.pendingApproval.message_type, 'approval_request_message');

  const reloaded = new letta.ChatSession({ client, agentId, storage: null });
  await reloaded.load();
  assert.equal(reloaded.getSnapshot().status, 'awaiting_approval');
  assert.equal(reloaded.getSnapshot().pendingApproval.id, waiting.pendingApproval.id);

  // Streaming, the server refuses in-band; as JSON, with a 409. Neither fails the session.
  const unaware = new letta.ChatSession({ client, agentId, storage: null });
  await unaware.send('hello?');
  assert.equal(unaware.getSnapshot().status, 'awaiting_approval', String(unaware.getSnapshot().error));
  assert.equal(unaware.getSnapshot().pendingApproval.id, waiting.pendingApproval.id);
  assert.ok(!texts(unaware.getSnapshot()).includes('user: hello?'), 'the refused message is not shown as sent');

  const call = waiting.pendingApproval.tool_calls[0];
  await reloaded.approve(call.tool_call_id);
  const done = reloaded.getSnapshot();
  assert.equal(done.status, 'idle');
  assert.equal(done.pendingApproval, null);
  assert.ok(done.messages.some((m) => m.message_type === 'tool_return_message' && m.tool_call_id === call.tool_call_id));
});

test('an error: status error with the error, then retry sends the same message again', async () => {
  const agentId = await newAgent();
  const failing = new letta.LettaClient({ baseURL: mock.url, maxRetries: 0, headers: { 'X-Mock-Fault': `status=503; times=1; key=s${++keys}` } });
  const session = new letta.ChatSession({ client: failing, agentId, storage: null });
  await session.send('try me');
  assert.equal(session.getSnapshot().status, 'error');
  assert.ok(session.getSnapshot().error instanceof letta.InternalServerError);
  await session.retry();
  assert.equal(session.getSnapshot().status, 'idle');
  assert.deepEqual(texts(session.getSnapshot()).filter((line) => line.startsWith('user')), ['user: try me'], 'shown once');
});

test('a conversation session keeps to its thread', async () => {
  const agentId = await newAgent();
  await client.sendMessage(agentId, { input: 'on the agent thread' });
  const { id: conversationId } = await client.createConversation(agentId);
  const session = new letta.ChatSession({ client, agentId, conversationId, storage: null });
  await session.load();
  await session.send('in the thread');
  assert.ok(!texts(session.getSnapshot()).some((line) => line.includes('on the agent thread')));
  const again = new letta.ChatSession({ client, agentId, conversationId, storage: null });
  await again.load();
  assert.deepEqual(texts(again.getSnapshot()), texts(session.getSnapshot()));
  assert.deepEqual(texts(again.getSnapshot()).filter((line) => line.startsWith('user')), ['user: in the thread']);
});
