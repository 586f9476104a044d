// <letta-chat> renders every kind of stream item the server sends: recorded SSE bodies from
// tests/fixtures/sse/ are played through the element's real client (its `fetch` option answers with
// the fixture, in 7-byte chunks), so the package decodes them exactly as it would off the network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { chat, launchBrowser, openDemo, ROOT, say, screenshot, startServe, waitForIdle } from './harness.mjs';

let serve;
let browser;

before(async () => {
  [serve, browser] = await Promise.all([startServe(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

/** A fresh demo page whose chat element answers every request with the fixture `name`. */
async function replay(name) {
  const sse = await readFile(path.join(ROOT, 'tests/fixtures/sse', `${name}.sse`), 'utf8');
  const page = await openDemo(browser, serve.url);
  await page.evaluate((body) => {
    const bytes = new TextEncoder().encode(body);
    document.querySelector('letta-chat').clientOptions = {
      maxRetries: 0,
      fetch: async () =>
        new Response(
          new ReadableStream({
            start(controller) {
              for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
              controller.close();
            },
          }),
          { status: 200, headers: { 'content-type': 'text/event-stream' } },
        ),
    };
  }, sse);
  await say(page, `replay ${name}`);
  await waitForIdle(page);
  return page;
}

const texts = (page, selector) => chat(page).locator(selector).allTextContents();

test('summary and event messages (compaction) render as notes', async () => {
  const page = await replay('compaction');
  assert.equal((await texts(page, '.note.summary .text')).length, 1);
  assert.ok((await texts(page, '.note.summary .text'))[0].length > 20, 'the summary text is shown');
  assert.match((await texts(page, '.note.event .text'))[0], /compaction/);
  assert.equal(await chat(page).locator('.bubble.assistant').count(), 1);
  assert.deepEqual(page.problems, []);
  await screenshot(page, 'fixture-compaction');
  await page.close();
});

test('hidden reasoning renders as a marker, redacted or omitted', async () => {
  for (const [name, text] of [
    ['hidden_reasoning_redacted', 'hidden by the provider'],
    ['hidden_reasoning_omitted', 'not shown'],
  ]) {
    const page = await replay(name);
    assert.deepEqual(await texts(page, '.hidden-reasoning .text'), [text], name);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

test('an unknown message type renders as a generic card with its JSON, and an unknown stop reason by its code', async () => {
  const page = await replay('unknown_message_type');
  assert.deepEqual(await texts(page, '.card.unknown .badge'), ['citation_message']);
  const json = JSON.parse((await texts(page, '.card.unknown .json'))[0]);
  assert.equal(json.citations[0].title, 'Lyon — Wikipédia');
  assert.deepEqual(await texts(page, '.stop-reason'), ['budget_exceeded']);
  assert.match((await texts(page, '.bubble.assistant'))[0], /Bonjour Ana/);
  assert.deepEqual(page.problems, []);
  await screenshot(page, 'fixture-unknown-type');
  await page.close();
});

test('tool-call argument deltas are joined into one pretty-printed call per tool call id', async () => {
  for (const name of ['token_tool_call_deltas', 'token_tool_call_deltas_anthropic']) {
    const page = await replay(name);
    const sse = await readFile(path.join(ROOT, 'tests/fixtures/sse', `${name}.sse`), 'utf8');
    const ids = new Set([...sse.matchAll(/"tool_call_id":"([^"]+)"/g)].map((match) => match[1]));
    const args = await texts(page, '.tool-call .arguments');
    assert.equal(args.length, ids.size, `${name}: one call per tool_call_id`);
    for (const text of args) assert.doesNotThrow(() => JSON.parse(text), `${name}: whole JSON arguments, got ${text}`);
    assert.ok(args.every((text) => text.includes('\n')), 'pretty-printed');
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

test('every stop reason gets a label', async () => {
  const page = await replay('every_stop_reason');
  const codes = await chat(page).locator('.stop-reason').evaluateAll((spans) => spans.map((span) => span.title));
  const labels = await texts(page, '.stop-reason');
  assert.equal(labels.length, 13, 'all 13 stop reasons');
  labels.forEach((label, i) => assert.notEqual(label, codes[i], `${codes[i]} has a human label`));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('clientOptions set before the element is defined still apply', async () => {
  const page = await browser.newPage();
  await page.goto(`${serve.url}pkg/`); // a page of the server's origin on which the element is not defined
  const used = await page.evaluate(async (agentId) => {
    let calls = 0;
    const element = document.createElement('letta-chat');
    element.setAttribute('agent-id', agentId);
    element.clientOptions = {
      maxRetries: 0,
      fetch: async () => {
        calls += 1;
        return new Response('data: [DONE]\n\n', { headers: { 'content-type': 'text/event-stream' } });
      },
    };
    document.body.append(element);
    await import('/pkg/chat/letta-chat.js');
    await element.send('hello');
    return calls;
  }, serve.agentId);
  assert.equal(used, 1, 'the fetch given before the upgrade was the one called');
  await page.close();
});
