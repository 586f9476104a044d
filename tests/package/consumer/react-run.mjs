// The React example (examples/react), built by Vite against the installed package, driven in
// headless Chromium as a user would against the mock Letta server: a message and its streamed reply,
// a reply cut by the network (it completes), an approval answered, and a reload that shows the
// history. Fails on any page error, console error, HTTP error or failed request.
//   node tests/package/consumer/react-run.mjs <served-dir>
import assert from 'node:assert/strict';
import path from 'node:path';

import { runInChromium } from './browser-harness.mjs';

await runInChromium('react', path.resolve(process.argv[2] ?? ''), async ({ mock, origin, page }) => {
  const agentId = (await (await fetch(`${mock.url}/v1/agents/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()).id;
  await page.goto(`${origin}/?` + new URLSearchParams({ baseUrl: mock.url, agentId }));
  const send = async (text) => {
    await page.getByLabel('Message').fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
  };
  const idle = () => page.waitForSelector('.status[data-status="idle"]', { state: 'attached', timeout: 15_000 });
  /** Sends `text` and waits for the reply to end: one more assistant message (or tool line), idle again. */
  const exchange = async (text, selector = 'li.assistant') => {
    const count = await page.locator(selector).count();
    await send(text);
    await page.waitForFunction(
      ([selector, count]) => document.querySelectorAll(selector).length > count && document.querySelector('.status')?.dataset.status !== 'streaming',
      [selector, count],
      { timeout: 15_000 },
    );
  };

  await idle();
  await exchange('Hello from React');
  await idle();
  assert.match(await page.locator('li.assistant').last().textContent(), /Hello from React/);

  // The network cuts the next reply after a few frames: the session resumes it.
  await page.route('**/v1/agents/*/messages', (route) =>
    route.continue({ headers: { ...route.request().headers(), 'x-mock-fault': 'disconnect-after=4; times=1; key=react-cut' } }),
  );
  await exchange('/long 24 through a cut');
  await idle();
  await page.unroute('**/v1/agents/*/messages');
  const cut = await page.locator('li.assistant').last().textContent();
  assert.equal(cut.split(' ').length, 24, cut);
  const log = await (await fetch(`${mock.url}/__mock/requests`)).json();
  assert.ok(log.some((request) => /^\/v1\/runs\/[^/]+\/stream/.test(request.path)), 'the reply was resumed');

  await send('delete notes.txt');
  await page.getByRole('button', { name: 'Approve' }).click({ timeout: 15_000 });
  await page.waitForSelector('li.tool:has-text("Tool answered")', { timeout: 15_000 });
  await idle();

  const before = await page.locator('li.user, li.assistant').allTextContents();
  await page.reload();
  await idle();
  const after = await page.locator('li.user, li.assistant').allTextContents();
  assert.deepEqual(after, before, 'the history after a reload is what the page showed');
  console.log(`react: ok   ${after.length} messages; a streamed reply, a cut reply resumed, an approval, a reload`);
});
