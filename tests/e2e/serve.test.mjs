// `npm start` against a real Letta server (here: the mock with a password, standing in for one): the
// demo server proxies /v1/ so that the page stays same-origin, adds LETTA_API_KEY on the way, and
// stops everything on Ctrl-C. Also the <letta-chat> element dropped into another site's page with one
// script tag, and themed from outside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';

import { startMockLetta } from '../../scripts/mock-letta.mjs';
import { chat, launchBrowser, mockRequests, openDemo, say, screenshot, startServe, waitForIdle } from './harness.mjs';

test('with LETTA_BASE_URL the page talks to that server through the proxy, and the key stays on the server', async (t) => {
  const secret = 'sk-letta-proxy-secret-0123456789';
  const upstream = await startMockLetta({ port: 0, password: secret });
  const serve = await startServe({ LETTA_BASE_URL: upstream.url, LETTA_API_KEY: secret });
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await serve.stop();
    await upstream.close();
  });
  assert.equal(serve.target, upstream.url);
  assert.equal(serve.agentId, upstream.agentId, "the server's first agent is the default");

  const page = await openDemo(browser, serve.url);
  const browserRequests = [];
  page.on('request', (request) => browserRequests.push(request));
  assert.match(await page.locator('#target').textContent(), /Letta server http:\/\/127\.0\.0\.1:\d+, proxied/);
  assert.equal(await page.locator('#agent-id').inputValue(), upstream.agentId);
  await say(page, 'Hello through the proxy');
  await waitForIdle(page);
  assert.match((await chat(page).locator('.bubble.assistant').allTextContents())[0], /Hello through the proxy/);
  assert.deepEqual(page.problems, []);

  const sent = browserRequests.filter((request) => request.url().includes('/v1/agents/'));
  assert.equal(sent.length, 1);
  assert.ok(sent[0].url().startsWith(serve.url), 'the page called its own origin');
  assert.equal(sent[0].headers().authorization, undefined, 'the browser never held the key');
  const [arrived] = (await mockRequests(upstream.url)).filter((request) => request.method === 'POST');
  assert.ok(arrived.headers.authorization ?? arrived.headers.Authorization, 'the proxy added the key');
  const html = await page.content();
  assert.ok(!html.includes(secret), 'the key is nowhere in the page');
  await screenshot(page, 'serve-proxy');
  await page.close();
});

test('Ctrl-C stops the demo server and the mock agent it started', async () => {
  const serve = await startServe();
  assert.equal((await fetch(`${serve.target}/v1/health/`)).status, 200);
  await serve.stop();
  await assert.rejects(fetch(serve.url), 'the demo server is gone');
  await assert.rejects(fetch(`${serve.target}/v1/health/`), 'the mock agent is gone');
});

test('<letta-chat> drops into another site with one script tag, and takes its theme from CSS properties', async (t) => {
  const serve = await startServe();
  // Another origin: a page that knows nothing of letta-wasm but the script's address.
  const site = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><meta charset="utf-8"><title>Someone's site</title>
<style>letta-chat { height: 520px; --letta-chat-accent: rgb(220, 38, 38); --letta-chat-radius: 2px; }</style>
<script type="module" src="${serve.url}pkg/chat/letta-chat.js"></script>
<h1>Support</h1>
<letta-chat base-url="${serve.target}" agent-id="${serve.agentId}"></letta-chat>
<script>customElements.whenDefined('letta-chat').then(() => (document.body.dataset.ready = 'true'))</script>`);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    site.close();
    await serve.stop();
  });
  const page = await openDemo(browser, `http://127.0.0.1:${site.address().port}/`);
  await say(page, 'Hi from an embedded widget');
  await waitForIdle(page);
  assert.match((await chat(page).locator('.bubble.assistant').allTextContents())[0], /embedded widget/);
  const send = await chat(page).locator('button.send').evaluate((button) => getComputedStyle(button).backgroundColor);
  assert.equal(send, 'rgb(220, 38, 38)', 'the accent colour comes from --letta-chat-accent');
  assert.equal(await chat(page).locator('.chat').evaluate((el) => getComputedStyle(el).borderTopLeftRadius), '2px');
  assert.equal(await page.locator('letta-chat').evaluate((el) => el.shadowRoot.mode), 'open');
  assert.equal(await page.locator('h1').evaluate((h1) => getComputedStyle(h1).color !== ''), true);
  assert.deepEqual(page.problems, []);
  await screenshot(page, 'widget-embedded');
});
