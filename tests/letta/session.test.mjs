// ChatSession against the real Letta 0.16.8 with Redis: a reload mid-reply completes the reply once,
// Stop cancels the run on the server, history after a reload, and a pending approval restored after
// a reload and on a refused message. The fake model: `LONG n` answers `w1 … wn`, `DRIP ms` slowly.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { PEER_URL, letta, newAgent } from './harness.mjs';

let client;

before(() => {
  client = new letta.LettaClient({ baseURL: PEER_URL, maxRetries: 3, timeoutMs: 60_000 });
});

function memoryStorage() {
  const map = new Map();
  return { getItem: (key) => map.get(key) ?? null, setItem: (key, value) => map.set(key, String(value)), removeItem: (key) => map.delete(key), map };
}

const words = (n) => Array.from({ length: n }, (_, i) => `w${i + 1}`).join(' ');
const assistantTexts = (snapshot) => snapshot.messages.filter((m) => m.message_type === 'assistant_message').map((m) => m.content);
const userTexts = (snapshot) => snapshot.messages.filter((m) => m.message_type === 'user_message').map((m) => m.content);

async function until(check) {
  for (let i = 0; i < 300; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('timed out waiting');
}

async function runStatus(runId) {
  const response = await fetch(`${PEER_URL}/v1/runs/${runId}`, { headers: { 'X-Stainless-Package-Version': '1.0.0' } });
  return (await response.json()).status;
}

test('a reload mid-reply: the new page resumes the run and shows the reply once, whole', async () => {
  const agentId = newAgent();
  const storage = memoryStorage();
  const page1 = new letta.ChatSession({ client, agentId, streamTokens: true, storage });
  const sending = page1.send('DRIP 150 LONG 24');
  await until(() => storage.map.size > 0 && assistantTexts(page1.getSnapshot()).length > 0);
  const page2 = new letta.ChatSession({ client: new letta.LettaClient({ baseURL: PEER_URL, maxRetries: 3 }), agentId, streamTokens: true, storage });
  await page2.load();
  const snapshot = page2.getSnapshot();
  assert.equal(snapshot.status, 'idle', String(snapshot.error));
  assert.deepEqual(assistantTexts(snapshot), [words(24)]);
  assert.deepEqual(userTexts(snapshot), ['DRIP 150 LONG 24']);
  assert.equal(storage.map.size, 0);
  await sending;
  assert.deepEqual(assistantTexts(page1.getSnapshot()), [words(24)]);
});

test('Stop cancels the run on the server; the next message works; a new page shows the same history', async () => {
  const agentId = newAgent();
  const session = new letta.ChatSession({ client, agentId, streamTokens: true, storage: null });
  let runId;
  const unsubscribe = session.subscribe(() => {
    runId ??= session.getSnapshot().messages.find((m) => typeof m.run_id === 'string')?.run_id;
  });
  const sending = session.send('DRIP 300 LONG 40');
  await until(() => assistantTexts(session.getSnapshot()).length > 0);
  await session.stop();
  await sending;
  unsubscribe();
  assert.equal(session.getSnapshot().stopReason, 'cancelled');
  assert.equal(session.getSnapshot().status, 'idle');
  assert.equal(await runStatus(runId), 'cancelled');
  await session.send('still there?');
  assert.equal(session.getSnapshot().stopReason, 'end_turn');
  assert.equal(assistantTexts(session.getSnapshot()).at(-1), 'You said: still there?');
  const reloaded = new letta.ChatSession({ client, agentId, storage: null });
  await reloaded.load();
  assert.ok(userTexts(reloaded.getSnapshot()).includes('still there?'));
  assert.equal(assistantTexts(reloaded.getSnapshot()).at(-1), 'You said: still there?');
});

test('a pending approval is restored after a reload and when a message is refused for it', async () => {
  const agentId = newAgent();
  const session = new letta.ChatSession({ client, agentId, storage: null });
  await session.send('CALL_TOOL memory_insert {"label": "human", "new_string": "likes tea"}');
  assert.equal(session.getSnapshot().status, 'awaiting_approval');
  const pending = session.getSnapshot().pendingApproval;

  const reloaded = new letta.ChatSession({ client, agentId, storage: null });
  await reloaded.load();
  assert.equal(reloaded.getSnapshot().status, 'awaiting_approval');
  assert.equal(reloaded.getSnapshot().pendingApproval.id, pending.id);

  const unaware = new letta.ChatSession({ client, agentId, storage: null });
  await unaware.send('hello?');
  assert.equal(unaware.getSnapshot().status, 'awaiting_approval', String(unaware.getSnapshot().error));
  assert.equal(unaware.getSnapshot().pendingApproval.id, pending.id);

  await reloaded.deny(pending.tool_calls[0].tool_call_id, 'not now');
  assert.equal(reloaded.getSnapshot().status, 'idle', String(reloaded.getSnapshot().error));
  assert.equal(reloaded.getSnapshot().pendingApproval, null);
});
