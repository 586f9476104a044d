// The demo (`LETTA_BASE_URL=<peer> npm start`) in headless Chromium against the real Letta server:
// its proxy, streaming in both modes, and the Approve / Deny buttons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { chat, launchBrowser, openDemo, say, screenshot, startServe, waitForIdle } from '../e2e/harness.mjs';
import { PEER_URL, newAgent } from './harness.mjs';

let serve;
let browser;
let page;

before(async () => {
  [serve, browser] = await Promise.all([startServe({ LETTA_BASE_URL: PEER_URL, LETTA_AGENT_ID: newAgent() }), launchBrowser()]);
  page = await openDemo(browser, serve.url);
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

const texts = (selector) => chat(page).locator(selector).allTextContents();
const insert = (text) => `CALL_TOOL memory_insert ${JSON.stringify({ label: 'human', new_string: text })}`;
const turnsDone = (count) =>
  page.waitForFunction((n) => document.querySelector('letta-chat').shadowRoot.querySelectorAll('.stop-reason').length >= n, count, { timeout: 60_000 });

test('the page talks to the real server through the proxy, step by step and token by token', async () => {
  assert.match(await page.locator('#target').textContent(), /Letta server http:\/\/127\.0\.0\.1:\d+, proxied/);
  await say(page, 'Hello from Chromium');
  await waitForIdle(page, 60_000);
  assert.deepEqual(await texts('.bubble.assistant'), ['You said: Hello from Chromium']);
  await page.locator('#stream-tokens').check();
  await say(page, 'and now token by token');
  await waitForIdle(page, 60_000);
  assert.equal((await texts('.bubble.assistant'))[1], 'You said: and now token by token');
  assert.deepEqual(await texts('.stop-reason'), ['Done', 'Done']);
  assert.deepEqual(page.problems, []);
  await screenshot(page, 'letta-real-server-chat');
});

test('Approve and Deny answer real approval requests, and the continuation streams in', async () => {
  await say(page, insert('likes tea'));
  await waitForIdle(page, 60_000);
  assert.deepEqual((await texts('.approval .tool-name')).at(-1), 'memory_insert');
  await chat(page).locator('button.approve').last().click();
  await turnsDone(4);
  await waitForIdle(page, 60_000);
  assert.deepEqual((await texts('.tool-return .status')).at(-1), 'success');

  await say(page, insert('likes coffee'));
  await waitForIdle(page, 60_000);
  await chat(page).locator('button.deny').last().click();
  await chat(page).locator('input.reason').last().fill('keep it to tea');
  await chat(page).locator('button.deny-confirm').last().click();
  await turnsDone(6);
  await waitForIdle(page, 60_000);
  // Token streaming is on: Letta streams no tool return for a denied call, only the agent's answer,
  // which the fake model makes from the tool result it was given.
  assert.equal(await chat(page).locator('.card.tool-return').count(), 1, 'only the approved call returned');
  assert.match((await texts('.bubble.assistant')).at(-1), /denied\. User reason: keep it to tea/);
  assert.deepEqual((await texts('.approval .outcome')), ['Approved', 'Denied: keep it to tea']);
  assert.deepEqual(page.problems, []);
  await screenshot(page, 'letta-real-server-approvals');
});
