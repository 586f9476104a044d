// The demo's <letta-chat> in headless Chromium against the real Letta 0.16.8 with Redis, through a
// loopback proxy that can cut event streams: a reload mid-reply, a connection dropped mid-reply,
// Stop, history after a reload, a pending approval after a reload, and conversations. The fake
// model: `LONG n` answers `w1 … wn`, `DRIP ms` slowly.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';

import { assertReconnected, chat, closeChecked, launchBrowser, openDemo, recordStatuses, reloadDemo, say, screenshot, startServe, waitForIdle } from '../e2e/harness.mjs';
import { startCutProxy } from './cut-proxy.mjs';
import { PEER_URL, newAgent } from './harness.mjs';

let proxy;
let serve;
let browser;
let page;

before(async () => {
  proxy = await startCutProxy(PEER_URL);
  [serve, browser] = await Promise.all([startServe({ LETTA_BASE_URL: proxy.url, LETTA_AGENT_ID: newAgent() }), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await serve?.stop();
  await proxy?.close();
});

afterEach(async () => {
  await closeChecked(page);
});

const texts = (selector) => chat(page).locator(selector).allTextContents();
const words = (n) => Array.from({ length: n }, (_, i) => `w${i + 1}`).join(' ');
const status = () => page.evaluate(() => document.querySelector('letta-chat').getAttribute('status'));

/** A demo page chatting with a new agent (or `agentId`), token by token when `tokens`. */
async function open({ agentId = newAgent(), tokens = false } = {}) {
  page = await openDemo(browser, serve.url, { query: `?agentId=${agentId}${tokens ? '&streamTokens=1' : ''}` });
  return agentId;
}

/** The server's history of the agent's own thread (or of `conversationId`), oldest first. */
async function stored(agentId, conversationId) {
  const path = conversationId ? `/v1/conversations/${conversationId}/messages?` : `/v1/agents/${agentId}/messages?conversation_id=default&`;
  const messages = await (await fetch(`${PEER_URL}${path}order=asc&limit=200`)).json();
  const of = (type) => messages.filter((message) => message.message_type === type).map((message) => message.content);
  return { user: of('user_message'), assistant: of('assistant_message') };
}

const untilText = (selector, length = 1) =>
  page.waitForFunction(
    ([s, n]) => document.querySelector('letta-chat').shadowRoot.querySelector(s)?.textContent.length >= n,
    [selector, length],
    { timeout: 60_000 },
  );

test('a reload mid-reply: the new page continues the reply, and shows it once, whole, with its question', async () => {
  const agentId = await open({ tokens: true });
  await say(page, 'DRIP 150 LONG 24');
  await untilText('.bubble.assistant', 4);
  await reloadDemo(page, 60_000);
  await page.waitForFunction(() => document.querySelector('letta-chat').shadowRoot.querySelector('.stop-reason'), null, { timeout: 60_000 });
  await waitForIdle(page, 60_000);
  assert.deepEqual(await texts('.bubble.assistant'), [words(24)]);
  assert.deepEqual(await texts('.bubble.user'), ['DRIP 150 LONG 24']);
  assert.deepEqual(await texts('.stop-reason'), ['Done']);
  assert.deepEqual(await stored(agentId), { user: ['DRIP 150 LONG 24'], assistant: [words(24)] });
  await screenshot(page, 'letta-chat-reload-resumed');
});

test('a connection cut mid-reply: "Reconnecting…", then the reply completes once', async () => {
  await open({ tokens: true });
  await recordStatuses(page);
  const cutsBefore = proxy.cuts;
  proxy.cutNext(6, '/messages');
  await say(page, 'DRIP 100 LONG 16');
  await page.waitForFunction(() => document.querySelector('letta-chat').shadowRoot.querySelector('.stop-reason'), null, { timeout: 60_000 });
  await waitForIdle(page, 60_000);
  assert.equal(proxy.cuts, cutsBefore + 1, 'the proxy cut the stream');
  assert.deepEqual(await texts('.bubble.assistant'), [words(16)]);
  assert.deepEqual(await texts('.stop-reason'), ['Done']);
  assert.equal(await chat(page).locator('.error').count(), 0);
  await assertReconnected(page);
});

test('Stop cancels the run on the server, and the next message works', async () => {
  await open({ tokens: true });
  await page.evaluate(() => {
    window.runIds = new Set();
    document.querySelector('letta-chat').addEventListener('letta-item', (event) => event.detail.run_id && window.runIds.add(event.detail.run_id));
  });
  await say(page, 'DRIP 300 LONG 40');
  await untilText('.bubble.assistant', 2);
  await chat(page).locator('button.stop').click();
  await waitForIdle(page, 60_000);
  assert.deepEqual(await texts('.stop-reason'), ['Cancelled']);
  const [runId] = await page.evaluate(() => [...window.runIds]);
  const run = await (await fetch(`${PEER_URL}/v1/runs/${runId}`)).json();
  assert.equal(run.status, 'cancelled');
  const kept = (await texts('.bubble.assistant'))[0];
  assert.ok(kept.length > 0 && kept.split(' ').length < 40, `the partial answer stays: ${kept}`);
  await say(page, 'still there?');
  await waitForIdle(page, 60_000);
  assert.equal((await texts('.bubble.assistant')).at(-1), 'You said: still there?');
  assert.deepEqual(await texts('.stop-reason'), ['Cancelled', 'Done']);
  await screenshot(page, 'letta-chat-stopped');
});

test('history: a new page shows what the server holds, in order', async () => {
  const agentId = await open();
  for (const text of ['first', 'second', 'third']) {
    await say(page, text);
    await waitForIdle(page, 60_000);
  }
  await reloadDemo(page, 60_000);
  const history = await stored(agentId);
  assert.deepEqual(history.user, ['first', 'second', 'third']);
  assert.deepEqual(await texts('.bubble.user'), history.user);
  assert.deepEqual(await texts('.bubble.assistant'), history.assistant);
  assert.equal(await chat(page).locator('.note.system').count(), 0, 'the system prompt is not shown');
  await screenshot(page, 'letta-chat-history');
});

test('a pending approval is shown after a reload; approving continues; a refused message shows it too', async () => {
  await open();
  await say(page, `CALL_TOOL memory_insert ${JSON.stringify({ label: 'human', new_string: 'likes tea' })}`);
  await waitForIdle(page, 60_000);
  await reloadDemo(page, 60_000);
  assert.equal(await status(), 'awaiting_approval');
  assert.deepEqual(await texts('.approval .tool-name'), ['memory_insert']);
  assert.ok(await chat(page).locator('button.approve').isEnabled());
  // A message typed anyway is refused by the server: the approval stays, the message comes back.
  await say(page, 'hello?');
  await waitForIdle(page, 60_000);
  assert.equal(await status(), 'awaiting_approval');
  assert.deepEqual(await texts('.refused'), ['Not sent: answer the approval first']);
  assert.equal(await chat(page).locator('textarea').inputValue(), 'hello?');
  await chat(page).locator('button.approve').click();
  await page.waitForFunction(() => document.querySelector('letta-chat').shadowRoot.querySelector('.tool-return'), null, { timeout: 60_000 });
  await waitForIdle(page, 60_000);
  assert.deepEqual(await texts('.tool-return .status'), ['success']);
  assert.equal(await status(), 'idle');
  await screenshot(page, 'letta-chat-approval-restored');
});

test('conversations: the switcher starts a new one, and each keeps its own history', async () => {
  const agentId = await open();
  await say(page, 'in the agent thread');
  await waitForIdle(page, 60_000);
  await page.locator('#new-conversation').click();
  await page.waitForFunction(() => document.querySelector('letta-chat').hasAttribute('conversation-id'), null, { timeout: 60_000 });
  await page.evaluate(() => document.querySelector('letta-chat').loaded);
  const conversationId = await page.evaluate(() => document.querySelector('letta-chat').getAttribute('conversation-id'));
  assert.equal(await chat(page).locator('.bubble').count(), 0);
  await say(page, 'in a conversation');
  await waitForIdle(page, 60_000);
  assert.deepEqual((await stored(agentId, conversationId)).user, ['in a conversation']);
  await page.locator('#conversation').selectOption('');
  await page.waitForFunction(() => !document.querySelector('letta-chat').hasAttribute('conversation-id'));
  await page.evaluate(() => document.querySelector('letta-chat').loaded);
  assert.deepEqual(await texts('.bubble.user'), ['in the agent thread']);
  await reloadDemo(page, 60_000);
  assert.deepEqual(await texts('.bubble.user'), ['in the agent thread']);
  await page.locator('#conversation').selectOption(conversationId);
  await page.evaluate(() => document.querySelector('letta-chat').loaded);
  assert.deepEqual(await texts('.bubble.user'), ['in a conversation']);
  assert.deepEqual(await texts('.bubble.assistant'), ['You said: in a conversation']);
});
