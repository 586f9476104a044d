// <letta-chat> as a conversation that survives: history on connect and Load earlier, a reload
// mid-reply, a connection dropped mid-reply, a pending approval after a reload, and the demo's
// conversation switcher, in headless Chromium against the demo server and its mock Letta agent.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  accessibilityProblems,
  assertReconnected,
  chat,
  demoPagePerTest,
  recordStatuses,
  reloadDemo,
  say,
  screenshot,
  setClientOptions,
  waitForIdle,
} from './harness.mjs';

let serve;
let page;
demoPagePerTest((state) => ({ serve, page } = state));

const texts = (selector) => chat(page).locator(selector).allTextContents();

/** The mock's stored history of the demo's agent (or of `conversationId`), oldest first. */
async function storedHistory(conversationId) {
  const path = conversationId ? `/v1/conversations/${conversationId}/messages?` : `/v1/agents/${serve.agentId}/messages?conversation_id=default&`;
  return (await fetch(`${serve.target}${path}order=asc&limit=1000`)).json();
}

const storedAnswers = async (conversationId) =>
  (await storedHistory(conversationId)).filter((message) => message.message_type === 'assistant_message').map((message) => message.content);

/** Every request that reached the mock. */
async function requestLog() {
  const log = await (await fetch(`${serve.target}/__mock/requests`)).json();
  return Array.isArray(log) ? log : log.requests;
}

const focusedTag = () => page.evaluate(() => document.querySelector('letta-chat').shadowRoot.activeElement?.tagName ?? null);

test('on connect the last page of history shows; Load earlier shows the rest, in order, each once', async () => {
  for (const text of ['first question', 'second question', 'third question']) {
    const response = await fetch(`${serve.target}/v1/agents/${serve.agentId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: text }),
    });
    assert.equal(response.status, 200);
  }
  await page.evaluate(async () => {
    const element = document.querySelector('letta-chat');
    element.setAttribute('history-page-size', '4');
    await element.loaded;
  });
  const firstPage = await texts('.bubble.user');
  assert.ok(firstPage.length < 3 && firstPage.at(-1) === 'third question', firstPage.join(' | '));
  assert.equal((await texts('.bubble.assistant')).at(-1), (await storedAnswers()).at(-1));
  await screenshot(page, 'chat-history', { docs: true });
  let clicks = 0;
  while (await chat(page).locator('button.earlier').isVisible()) {
    await chat(page).locator('button.earlier').click();
    await page.waitForFunction(() => !document.querySelector('letta-chat').shadowRoot.querySelector('button.earlier')?.disabled);
    clicks += 1;
    assert.ok(clicks < 10, 'Load earlier ends');
  }
  assert.deepEqual(await texts('.bubble.user'), ['first question', 'second question', 'third question']);
  assert.deepEqual(await texts('.bubble.assistant'), await storedAnswers());
  assert.equal(await focusedTag(), 'DIV', 'focus goes to the log once the button is gone');
  // A reply after the history joins it at the end.
  await say(page, 'fourth question');
  await waitForIdle(page);
  assert.deepEqual((await texts('.bubble.user')).at(-1), 'fourth question');
  assert.deepEqual(await texts('.bubble.assistant'), await storedAnswers());
});

test('a reload mid-reply: the new page continues the reply, and shows it once, whole, with its question', async () => {
  await page.locator('#stream-tokens').check();
  await say(page, '/drip 60 /long 60 a story across a reload');
  await page.waitForFunction(() => document.querySelector('letta-chat').shadowRoot.querySelector('.bubble.assistant')?.textContent.length > 20);
  const before = (await texts('.bubble.assistant'))[0];
  await reloadDemo(page);
  await page.waitForFunction(() => document.querySelector('letta-chat').shadowRoot.querySelector('.stop-reason'), null, { timeout: 20_000 });
  await waitForIdle(page);
  const [answer] = await storedAnswers();
  assert.deepEqual(await texts('.bubble.assistant'), [answer], 'the reply once, whole');
  assert.ok(answer.startsWith(before.trim().slice(0, 20)) && answer.length > before.length);
  assert.deepEqual(await texts('.bubble.user'), ['/drip 60 /long 60 a story across a reload']);
  assert.deepEqual(await texts('.stop-reason'), ['Done']);
  const resumes = (await requestLog()).filter((request) => /\/runs\/[^/]+\/stream$/.test(request.path));
  assert.equal(resumes.length, 1, 'the new page resumed the run once');
  assert.equal(resumes[0].body.starting_after, 0, 'from its start: the deltas shown before were gone with the old page');
  await screenshot(page, 'chat-reload-resumed', { docs: true });
});

test('a connection dropped mid-reply: "Reconnecting…", then the reply completes once', async () => {
  await page.locator('#stream-tokens').check();
  await setClientOptions(page, { headers: { 'X-Mock-Fault': 'disconnect-after=6; times=1; key=cut; method=POST' } });
  await recordStatuses(page);
  // The reconnect waits a moment, so that a reader (and the screenshot) sees it.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/\/v1\/runs\/[^/]+\/stream$/, async (route) => {
    await held;
    await route.continue();
  });
  await say(page, '/drip 80 /long 40 a reply across a dropped connection');
  await chat(page).locator('.reconnecting').waitFor();
  assert.equal(await page.evaluate(() => document.querySelector('letta-chat').getAttribute('status')), 'reconnecting');
  assert.deepEqual(await accessibilityProblems(page), [], 'no serious or critical axe-core violation while reconnecting');
  await screenshot(page, 'chat-reconnecting', { docs: true });
  release();
  await waitForIdle(page);
  assert.equal(await chat(page).locator('.reconnecting').count(), 0);
  assert.deepEqual(await texts('.bubble.assistant'), await storedAnswers(), 'the reply once, whole');
  assert.deepEqual(await texts('.stop-reason'), ['Done']);
  assert.equal(await chat(page).locator('.error').count(), 0);
  await assertReconnected(page);
});

test('a pending approval is shown with Approve / Deny after a reload, and approving continues', async () => {
  await say(page, 'Please delete notes.txt');
  await waitForIdle(page);
  assert.deepEqual(await texts('.approval .tool-name'), ['delete_file']);
  await reloadDemo(page);
  assert.deepEqual(await texts('.approval .tool-name'), ['delete_file'], 'the request is back');
  assert.equal(await page.evaluate(() => document.querySelector('letta-chat').getAttribute('status')), 'awaiting_approval');
  assert.ok(await chat(page).locator('button.approve').isEnabled());
  assert.deepEqual(await texts('.bubble.user'), ['Please delete notes.txt']);
  await screenshot(page, 'chat-approval-restored', { docs: true });
  await chat(page).locator('button.approve').click();
  assert.equal(await focusedTag(), 'TEXTAREA', 'focus goes back to the composer');
  await page.waitForFunction(() => document.querySelector('letta-chat').shadowRoot.querySelector('.stop-reason'));
  await waitForIdle(page);
  assert.deepEqual(await texts('.tool-return .status'), ['success']);
  assert.deepEqual(await texts('.turn-label'), ['Approved']);
  assert.deepEqual(await texts('.approval .outcome'), ['Approved']);
  // And once more after a reload: the answered request shows its answer, with nothing to click.
  await reloadDemo(page);
  assert.deepEqual(await texts('.approval .outcome'), ['Approved']);
  assert.ok(await chat(page).locator('button.approve').isDisabled());
  assert.equal(await page.evaluate(() => document.querySelector('letta-chat').getAttribute('status')), 'idle');
});

test('a message refused for a pending approval shows that approval instead of an error', async () => {
  await say(page, 'Please delete notes.txt');
  await waitForIdle(page);
  // A second tab, say: the element's state is gone, the approval still waits on the server.
  await page.evaluate(() => document.querySelector('letta-chat').clear());
  assert.equal(await chat(page).locator('.approval').count(), 0);
  await say(page, 'Hello?');
  await waitForIdle(page);
  assert.deepEqual(await texts('.error'), [], 'no error');
  assert.deepEqual(await texts('.approval .tool-name'), ['delete_file']);
  assert.equal(await page.evaluate(() => document.querySelector('letta-chat').getAttribute('status')), 'awaiting_approval');
  assert.deepEqual(await texts('.bubble.user'), [], 'the refused message is taken back');
  assert.deepEqual(await texts('.refused'), ['Not sent: answer the approval first']);
  assert.equal(await chat(page).locator('textarea').inputValue(), 'Hello?', 'and put back in the composer');
  await screenshot(page, 'chat-approval-refused', { docs: true });
});

test('the demo switches conversations: a new one starts empty, each keeps its history, a reload keeps the choice', async () => {
  await say(page, 'in the agent thread');
  await waitForIdle(page);
  await page.locator('#new-conversation').click();
  await page.waitForFunction(() => document.querySelector('letta-chat').hasAttribute('conversation-id'));
  await page.evaluate(() => document.querySelector('letta-chat').loaded);
  const conversationId = await page.evaluate(() => document.querySelector('letta-chat').getAttribute('conversation-id'));
  assert.match(conversationId, /^conv-/);
  assert.equal(await chat(page).locator('.bubble').count(), 0, 'a new conversation starts empty');
  await say(page, 'in a conversation of its own');
  await waitForIdle(page);
  assert.match(page.url(), new RegExp(`conversation=${conversationId}`));
  assert.deepEqual(await storedAnswers(conversationId), await texts('.bubble.assistant'));
  await page.locator('#conversation').selectOption('');
  await page.waitForFunction(() => !document.querySelector('letta-chat').hasAttribute('conversation-id'));
  await page.evaluate(() => document.querySelector('letta-chat').loaded);
  assert.deepEqual(await texts('.bubble.user'), ['in the agent thread']);
  await page.locator('#conversation').selectOption(conversationId);
  await page.evaluate(() => document.querySelector('letta-chat').loaded);
  assert.deepEqual(await texts('.bubble.user'), ['in a conversation of its own']);
  await reloadDemo(page);
  assert.equal(await page.locator('#conversation').inputValue(), conversationId);
  assert.deepEqual(await texts('.bubble.user'), ['in a conversation of its own']);
  await screenshot(page, 'chat-conversations');
});

test('a chat taken out of the page stops reading; put back, it resumes the reply, once', async () => {
  await page.locator('#stream-tokens').check();
  await page.evaluate(() => {
    window.items = 0;
    document.querySelector('letta-chat').addEventListener('letta-item', () => (window.items += 1));
  });
  await say(page, '/drip 60 /long 50 a reply across a detach');
  await page.waitForFunction(() => document.querySelector('letta-chat').shadowRoot.querySelector('.bubble.assistant')?.textContent.length > 10);
  const atRemoval = await page.evaluate(async () => {
    const element = document.querySelector('letta-chat');
    window.parked = element;
    element.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    return window.items;
  });
  await new Promise((resolve) => setTimeout(resolve, 600));
  assert.equal(await page.evaluate(() => window.items), atRemoval, 'no item is read once the element is out of the page');
  await page.evaluate(async () => {
    document.querySelector('main').prepend(window.parked);
    await window.parked.loaded;
  });
  await page.waitForFunction(() => document.querySelector('letta-chat').shadowRoot.querySelector('.stop-reason'), null, { timeout: 20_000 });
  await waitForIdle(page);
  assert.deepEqual(await texts('.bubble.assistant'), await storedAnswers(), 'the reply once, whole');
  assert.deepEqual(await texts('.bubble.user'), ['/drip 60 /long 50 a reply across a detach']);
});
