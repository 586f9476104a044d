// The demo page and <letta-chat> in headless Chromium, against the server `npm start` runs
// (scripts/serve.mjs) and its bundled mock Letta agent. Screenshots go to test-results/.
//   node --test tests/e2e/      (needs pkg/: scripts/build.sh [--debug])
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { chat, demoPagePerTest, mockRequests, say, screenshot, setClientOptions, waitForIdle } from './harness.mjs';

let serve;
let page;
demoPagePerTest((state) => ({ serve, page } = state));

/** The text of every element matching `selector` in the chat's shadow root. */
const texts = (selector) => chat(page).locator(selector).allTextContents();

test('a conversation with step streaming renders each message as it arrives', async () => {
  // 150 ms between frames: the reasoning must be on screen before the turn ends.
  await setClientOptions(page, { headers: { 'X-Mock-Fault': 'drip-ms=150' } });
  await say(page, 'Hello there, agent');
  await page.waitForFunction(() => {
    const root = document.querySelector('letta-chat').shadowRoot;
    return root.querySelector('.reasoning') && !root.querySelector('.stop-reason');
  });
  await waitForIdle(page);
  assert.deepEqual(await texts('.bubble.user'), ['Hello there, agent']);
  const [answer] = await texts('.bubble.assistant');
  assert.match(answer, /Hello there, agent/);
  assert.equal(await chat(page).locator('.reasoning').count(), 1);
  assert.deepEqual(await texts('.stop-reason'), ['Done']);
  assert.match((await texts('.usage'))[0], /^[\d,]+ tokens · [\d,]+ in · [\d,]+ out/);
  await chat(page).locator('.reasoning summary').click();
  assert.ok((await chat(page).locator('.reasoning .text').innerText()).length > 0, 'reasoning text shows when opened');
  await screenshot(page, 'chat-step-streaming');
});

test('with token streaming the answer grows before the turn ends, and equals the JSON reply', async () => {
  await page.locator('#stream-tokens').check();
  await setClientOptions(page, { headers: { 'X-Mock-Fault': 'drip-ms=15' } });
  const prompt = '/long 80 tell me about streams';
  await say(page, prompt);
  const early = await page.waitForFunction(() => {
    const root = document.querySelector('letta-chat').shadowRoot;
    const bubble = root.querySelector('.bubble.assistant');
    return bubble && bubble.textContent.length > 0 && !root.querySelector('.stop-reason') && bubble.textContent.length;
  });
  const earlyLength = await early.jsonValue();
  await waitForIdle(page);
  const [streamed] = await texts('.bubble.assistant');
  assert.ok(streamed.length > earlyLength, `the text grew (${earlyLength} → ${streamed.length})`);
  assert.equal(await chat(page).locator('.bubble.assistant').count(), 1, 'the deltas are folded into one bubble');
  const requests = await mockRequests(serve.target);
  assert.equal(requests.at(-1).body.stream_tokens, true);
  // The same prompt, not streamed, through the package in the page.
  const whole = await page.evaluate(async ([agentId, text]) => {
    const { sendMessage } = await import('/pkg/index.js');
    const response = await sendMessage(agentId, { input: text }, { baseUrl: location.origin });
    return response.messages.find((m) => m.message_type === 'assistant_message').content;
  }, [serve.agentId, prompt]);
  assert.equal(streamed, whole);
  await screenshot(page, 'chat-token-streaming');
});

test('with include pings, the pings are counted in the footer', async () => {
  await page.locator('#include-pings').check();
  await say(page, 'ping me');
  await waitForIdle(page);
  assert.match((await texts('.pings'))[0], /^\d+ pings?$/);
  assert.equal((await mockRequests(serve.target)).at(-1).body.include_pings, true);
  await page.locator('#include-pings').uncheck();
  await say(page, 'no pings please');
  await waitForIdle(page);
  assert.equal(await chat(page).locator('.pings').count(), 1, 'the second turn shows none');
  // A background stream asks for pings anyway (its first frame names the run at once); none are shown.
  assert.equal((await mockRequests(serve.target)).at(-1).body.background, true);
});

test('a tool call shows its name and arguments, and its return shows status and stdout', async () => {
  await say(page, "What's the weather in Paris?");
  await waitForIdle(page);
  assert.deepEqual(await texts('.tool-call .tool-name'), ['get_weather']);
  const args = JSON.parse((await texts('.tool-call .arguments'))[0]);
  assert.equal(args.city, 'Paris');
  assert.match((await texts('.tool-call .arguments'))[0], /\n {2}"city"/, 'arguments are pretty-printed');
  assert.deepEqual(await texts('.tool-return .status'), ['success']);
  assert.match((await texts('.tool-return .tool-return'))[0], /Paris/);
  assert.match((await texts('.tool-return .stdout pre'))[0], /get_weather/);
  assert.match((await texts('.bubble.assistant'))[0], /Paris/);
  await screenshot(page, 'chat-tool-call');
});

test('an approval request is approved with a click, and the continuation streams in', async () => {
  await say(page, 'Please delete notes.txt');
  await waitForIdle(page);
  assert.deepEqual(await texts('.approval .tool-name'), ['delete_file']);
  assert.match((await texts('.approval .arguments'))[0], /notes\.txt/);
  assert.deepEqual(await texts('.stop-reason'), ['Waiting for approval']);
  await screenshot(page, 'chat-approval-request');
  await chat(page).locator('button.approve').click();
  await page.waitForFunction(() => document.querySelector('letta-chat').shadowRoot.querySelectorAll('.stop-reason').length === 2);
  await waitForIdle(page);
  assert.deepEqual(await texts('.approval .outcome'), ['Approved']);
  assert.ok(await chat(page).locator('button.approve').isDisabled());
  assert.ok(await chat(page).locator('button.deny').isDisabled());
  assert.deepEqual(await texts('.turn-label'), ['Approved']);
  assert.deepEqual(await texts('.tool-return .status'), ['success']);
  assert.deepEqual(await texts('.stop-reason'), ['Waiting for approval', 'Done']);
  const sent = (await mockRequests(serve.target)).at(-1).body;
  assert.equal(sent.messages[0].approvals[0].approve, true);
  await screenshot(page, 'chat-approval-approved');
});

test('an approval request is denied with a reason (token streaming, also for the continuation)', async () => {
  await page.locator('#stream-tokens').check();
  await say(page, 'Please delete notes.txt');
  await waitForIdle(page);
  await chat(page).locator('button.deny').click();
  await chat(page).locator('input.reason').fill('keep my notes');
  await chat(page).locator('button.deny-confirm').click();
  await page.waitForFunction(() => document.querySelector('letta-chat').shadowRoot.querySelectorAll('.stop-reason').length === 2);
  await waitForIdle(page);
  assert.deepEqual(await texts('.approval .outcome'), ['Denied: keep my notes']);
  assert.ok(await chat(page).locator('button.deny-confirm').isDisabled());
  // With token streaming, Letta streams no tool return for a denied call (the mock does the same);
  // the agent's answer carries the reason.
  assert.equal(await chat(page).locator('.tool-return').count(), 0);
  assert.match((await texts('.bubble.assistant')).at(-1), /keep my notes/);
  const sent = (await mockRequests(serve.target)).at(-1).body;
  assert.deepEqual([sent.messages[0].approvals[0].approve, sent.messages[0].approvals[0].reason], [false, 'keep my notes']);
  assert.equal(sent.stream_tokens, true, 'the continuation streams tokens too');
  assert.equal(await chat(page).locator('.approval .call').count(), 1, 'the request deltas made one card');
  await screenshot(page, 'chat-approval-denied');
});

/** Streams a slow reply, stops it with `stop` once some of it arrived, and checks what a user sees. */
async function stopMidway(stop) {
  await page.locator('#stream-tokens').check();
  // The model itself is slow (not only the writer): the run is still going when Stop comes.
  await say(page, '/drip 100 /long 200 a long story');
  await page.waitForFunction(() => document.querySelector('letta-chat').shadowRoot.querySelector('.bubble.assistant')?.textContent.length > 0);
  await stop();
  await waitForIdle(page);
  assert.deepEqual(await texts('.stop-reason'), ['Cancelled'], 'the server ended the reply as cancelled');
  assert.equal(await chat(page).locator('.error').count(), 0);
  const kept = (await texts('.bubble.assistant'))[0];
  assert.ok(kept.length > 0 && kept.split(' ').length < 200, 'the partial answer stays');
  assert.ok(await chat(page).locator('button.send').isVisible(), 'Send is back');
  // The stop reached the server: the run was cancelled by id, and nothing runs any more.
  const cancels = (await mockRequests(serve.target)).filter((request) => request.path.endsWith('/messages/cancel'));
  assert.equal(cancels.length, 1);
  assert.match(cancels[0].body.run_ids[0], /^run-/);
  const stats = await (await fetch(`${serve.target}/__mock/stats`)).json();
  assert.equal(stats.activeRuns, 0, JSON.stringify(stats));
  assert.equal(await chat(page).evaluate((element) => element.shadowRoot.activeElement?.tagName), 'TEXTAREA', 'focus is in the composer');
  // The agent is free again: the next message gets its reply.
  await say(page, 'Are you still there?');
  await waitForIdle(page);
  assert.deepEqual(await texts('.stop-reason'), ['Cancelled', 'Done']);
}

test('Stop cancels the run on the server mid-way and keeps what arrived', async () => {
  await stopMidway(() => chat(page).locator('button.stop').click());
  await screenshot(page, 'chat-stopped', { docs: true });
});

test('Escape in the composer stops a reply too', async () => {
  await stopMidway(() => chat(page).locator('textarea').press('Escape'));
});

test('keyboard: Shift+Enter breaks the line, Enter sends, focus stays in the composer; the log is a live region', async () => {
  const input = chat(page).locator('textarea');
  await input.focus();
  await page.keyboard.type('first line');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('second line');
  assert.equal(await input.inputValue(), 'first line\nsecond line');
  assert.equal((await mockRequests(serve.target)).length, 0, 'nothing is sent before Enter');
  await page.keyboard.press('Enter');
  await waitForIdle(page);
  assert.deepEqual(await texts('.bubble.user'), ['first line\nsecond line']);
  assert.equal(await input.inputValue(), '');
  assert.equal(await chat(page).evaluate((element) => element.shadowRoot.activeElement?.tagName), 'TEXTAREA');
  const log = chat(page).locator('.log');
  assert.deepEqual([await log.getAttribute('role'), await log.getAttribute('aria-live')], ['log', 'polite']);
});

test('an HTTP error shows the status and detail, and Retry sends again', async () => {
  await setClientOptions(page, { maxRetries: 0, headers: { 'X-Mock-Fault': 'status=503; times=1; key=retry-button; method=POST' } });
  await say(page, 'Are you there?');
  await waitForIdle(page);
  assert.deepEqual(await texts('.error .error-title'), ['The server answered 503']);
  assert.deepEqual(await texts('.bubble.user'), ['Are you there?']);
  await screenshot(page, 'chat-http-error', { docs: true });
  await chat(page).locator('button.retry').click();
  await page.waitForFunction(() => document.querySelector('letta-chat').shadowRoot.querySelector('.stop-reason'));
  await waitForIdle(page);
  assert.match((await texts('.bubble.assistant'))[0], /Are you there\?/);
  assert.deepEqual(await texts('.turn-label'), ['Retry']);
  assert.equal(await chat(page).locator('.error').count(), 1, 'the first failure stays on screen');
});

test('an in-band model error shows after the items before it', async () => {
  await say(page, '/error');
  await waitForIdle(page);
  assert.deepEqual(await texts('.error .error-title'), ['The reply broke off']);
  assert.match((await texts('.error .error-detail'))[0], /llm_error/);
  assert.deepEqual(await texts('.stop-reason'), ['The model provider failed'], 'the stop reason before the error is shown');
  await screenshot(page, 'chat-stream-error');
});

test('a disconnect mid-stream keeps the messages received and says the connection was lost', async () => {
  await setClientOptions(page, { maxRetries: 0, headers: { 'X-Mock-Fault': 'disconnect-after=3; method=POST' } });
  await say(page, 'Hello before the cable is cut');
  await waitForIdle(page);
  assert.deepEqual(await texts('.error .error-title'), ['The connection was lost']);
  assert.ok((await chat(page).locator('.reasoning, .bubble.assistant').count()) >= 1, 'messages before the cut stay');
  assert.equal(await chat(page).locator('.stop-reason').count(), 0);
  await screenshot(page, 'chat-disconnect');
});

test('a stalled server times out, and an unreachable one says so', async () => {
  await setClientOptions(page, { maxRetries: 0, timeoutMs: 800, headers: { 'X-Mock-Fault': 'stall-after=2; method=POST' } });
  await say(page, 'Hello to a server that stops talking');
  await waitForIdle(page);
  assert.deepEqual(await texts('.error .error-title'), ['Timed out']);
  assert.ok((await chat(page).locator('.reasoning').count()) === 1, 'the item before the stall stays');
  // Nothing listens on port 9 (discard) of the loopback interface.
  await page.locator('#base-url').fill('http://127.0.0.1:9');
  await page.locator('#base-url').dispatchEvent('change');
  await setClientOptions(page, { maxRetries: 0 });
  await say(page, 'Anybody home?');
  await waitForIdle(page);
  assert.deepEqual((await texts('.error .error-title')).at(-1), 'Could not reach the Letta server');
  await screenshot(page, 'chat-timeout-unreachable');
});

test('validation issues are shown with their paths, and nothing is sent', async () => {
  const before = (await mockRequests(serve.target)).length;
  await chat(page).locator('label.mode input').check();
  const body = {
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'look' }, { type: 'image', source: { type: 'base64', data: 'iVBORw0KGgo=' } }] },
    ],
    max_steps: 'lots',
  };
  await chat(page).locator('textarea').fill(JSON.stringify(body, null, 2));
  await chat(page).locator('button.send').click();
  await chat(page).locator('.issues li').first().waitFor();
  const paths = await texts('.issues li.issue-error .path');
  assert.deepEqual(paths.sort(), ['/max_steps', '/messages/0/content/1/source/media_type']);
  const messages = await texts('.issues li.issue-error .message');
  assert.ok(messages.every((message) => message.length > 10), 'each issue says what is wrong');
  // A bad agent id is caught too.
  await page.locator('#agent-id').fill('agent-123');
  await page.locator('#agent-id').dispatchEvent('change');
  await chat(page).locator('textarea').fill('{"input": "hi"}');
  await chat(page).locator('button.send').click();
  await page.waitForFunction(() => document.querySelector('letta-chat').shadowRoot.querySelector('.issues li .path')?.textContent === 'agent id');
  await screenshot(page, 'chat-validation');
  assert.equal((await mockRequests(serve.target)).length, before, 'no request reached the server');
  assert.equal(await chat(page).locator('.turn').count(), 0);
});

test('hostile text is rendered as text, and no script runs', async () => {
  const hostile = '<img src=x onerror="window.__xss = 1"><script>window.__xss = 2</script>';
  await say(page, hostile);
  await waitForIdle(page);
  assert.deepEqual(await texts('.bubble.user'), [hostile]);
  assert.ok((await texts('.bubble.assistant'))[0].includes('<img src=x onerror="window.__xss = 1">'));
  const found = await page.evaluate(() => ({
    xss: window.__xss,
    elements: document.querySelector('letta-chat').shadowRoot.querySelectorAll('img, script').length,
  }));
  assert.deepEqual(found, { xss: undefined, elements: 0 });
  await screenshot(page, 'chat-hostile-text');
});

test('an assistant reply in Markdown: emphasis, code, a fenced block with Copy, a table, a link', async () => {
  const markdown = [
    '/verbatim Markdown test',
    '',
    '**bold** and *em* and `inline code` and [the docs](https://docs.letta.com/guide)',
    '',
    '```js',
    'const answer = 42;',
    '```',
    '',
    '| tool | calls |',
    '|:---|---:|',
    '| search | 2 |',
    '',
    '- one',
    '- two',
    '',
    'end',
  ].join('\n');
  await say(page, markdown);
  await waitForIdle(page);
  const seen = await page.evaluate(() => {
    const bubble = document.querySelector('letta-chat').shadowRoot.querySelector('.bubble.assistant');
    const link = bubble.querySelector('a');
    return {
      strong: bubble.querySelector('strong')?.textContent,
      em: bubble.querySelector('em')?.textContent,
      inline: bubble.querySelector('p code')?.textContent,
      block: bubble.querySelector('pre code')?.textContent,
      language: bubble.querySelector('pre code')?.dataset.language,
      copy: bubble.querySelector('.code-block button.copy')?.textContent,
      cells: [...bubble.querySelectorAll('table td')].map((cell) => [cell.textContent, cell.style.textAlign]),
      items: [...bubble.querySelectorAll('ul li')].map((item) => item.textContent),
      link: link && { href: link.href, target: link.target, rel: link.rel, text: link.textContent },
      asterisks: bubble.textContent.includes('**'),
    };
  });
  assert.deepEqual(seen, {
    strong: 'bold',
    em: 'em',
    inline: 'inline code',
    block: 'const answer = 42;',
    language: 'js',
    copy: 'Copy',
    cells: [
      ['search', 'left'],
      ['2', 'right'],
    ],
    items: ['one', 'two'],
    link: { href: 'https://docs.letta.com/guide', target: '_blank', rel: 'noopener noreferrer', text: 'the docs' },
    asterisks: false,
  });
  await screenshot(page, 'chat-markdown', { docs: true });
});

test('hostile Markdown is inert: raw HTML is text, unsafe links are text, images are links, nothing loads', async () => {
  const hostile = [
    '/verbatim Hostile',
    '',
    '<img src=x onerror="window.__xss = 1"> <script>window.__xss = 2</script>',
    '',
    '[click](javascript:window.__xss=3) [data](data:text/html,<script>window.__xss=4</script>) [vb](vbscript:msgbox) [rel](/relative)',
    '',
    '[obfuscated](jav&#x09;ascript:window.__xss=5) [spaces]( javascript:window.__xss=6 ) [upper](JAVASCRIPT:window.__xss=7)',
    '',
    '![tracking pixel](http://127.0.0.1:9/pixel.png) ![inline](data:image/png;base64,iVBORw0KGgo=)',
    '',
    '<a href="javascript:window.__xss=8">html link</a> [ok](mailto:someone@example.com)',
  ].join('\n');
  await say(page, hostile);
  await waitForIdle(page);
  const seen = await page.evaluate(() => {
    const bubble = document.querySelector('letta-chat').shadowRoot.querySelector('.bubble.assistant');
    return {
      xss: window.__xss,
      elements: bubble.querySelectorAll('img, script, iframe, object, embed, svg').length,
      hrefs: [...bubble.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      htmlAsText: bubble.textContent.includes('<script>window.__xss = 2</script>'),
      images: [...bubble.querySelectorAll('a.image-link')].map((a) => a.textContent),
    };
  });
  assert.equal(seen.xss, undefined);
  assert.equal(seen.elements, 0);
  assert.ok(seen.htmlAsText, 'raw HTML shows as text');
  for (const href of seen.hrefs) assert.ok(href === null || /^(https?:|mailto:)/.test(href), `unsafe href ${href}`);
  assert.ok(seen.hrefs.includes('mailto:someone@example.com'));
  assert.ok(seen.hrefs.includes('http://127.0.0.1:9/pixel.png'), 'an image is a link to its source');
  assert.equal(seen.images.length, 1, 'a data: image is not even a link');
  await screenshot(page, 'chat-markdown-hostile');
});

test('with conversation-id the chat talks in that conversation', async () => {
  const agentId = await page.evaluate(() => document.querySelector('letta-chat').getAttribute('agent-id'));
  const conversation = await (await fetch(`${serve.target}/v1/conversations/?agent_id=${agentId}`, { method: 'POST' })).json();
  await page.evaluate((id) => document.querySelector('letta-chat').setAttribute('conversation-id', id), conversation.id);
  await say(page, 'in a thread of its own');
  await waitForIdle(page);
  assert.match((await texts('.bubble.assistant'))[0], /in a thread of its own/);
  const paths = (await mockRequests(serve.target)).map((request) => request.path);
  assert.ok(paths.some((path) => path.startsWith(`/v1/conversations/${conversation.id}/messages`)), paths.join(', '));
  const thread = await (await fetch(`${serve.target}/v1/conversations/${conversation.id}/messages?order=asc`)).json();
  assert.ok(thread.some((message) => message.message_type === 'assistant_message' && /in a thread of its own/.test(message.content)));
});

test('on a phone-sized screen the chat fits without sideways scrolling', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await say(page, "What's the weather in Lyon?");
  await waitForIdle(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  const box = await chat(page).locator('.card.tool-return').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, 'cards fit the screen');
  await screenshot(page, 'chat-phone');
});
