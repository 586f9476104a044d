// <letta-chat> renders every kind of stream item the server sends: recorded SSE bodies from
// tests/fixtures/sse/ are played through the element's real client (its `fetch` option answers with
// the fixture, in 7-byte chunks), so the package decodes them exactly as it would off the network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { chat, closeChecked, launchBrowser, openDemo, ROOT, say, screenshot, startServe, waitForIdle } from './harness.mjs';

let serve;
let browser;

before(async () => {
  [serve, browser] = await Promise.all([startServe(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

/**
 * A fresh demo page whose chat element answers every message sent with the fixture `name` (and the
 * history it loads with no messages). The message goes as a foreground stream (JSON mode,
 * `background: false`): the fixture is read as recorded, with no resume.
 */
async function replay(name) {
  const sse = await readFile(path.join(ROOT, 'tests/fixtures/sse', `${name}.sse`), 'utf8');
  const page = await openDemo(browser, serve.url);
  await page.evaluate(async (body) => {
    const bytes = new TextEncoder().encode(body);
    const chat = document.querySelector('letta-chat');
    chat.clientOptions = {
      maxRetries: 0,
      fetch: async (url, init) =>
        (init?.method ?? 'GET') === 'GET'
          ? new Response('[]', { headers: { 'content-type': 'application/json' } })
          : new Response(
          new ReadableStream({
            start(controller) {
              for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
              controller.close();
            },
          }),
          { status: 200, headers: { 'content-type': 'text/event-stream' } },
        ),
    };
    await chat.loaded;
  }, sse);
  await chat(page).locator('label.mode input').check();
  await say(page, JSON.stringify({ messages: [{ role: 'user', content: `replay ${name}` }], background: false }));
  await chat(page).locator('button.send').click();
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
  await screenshot(page, 'fixture-compaction');
  await closeChecked(page);
});

test('hidden reasoning renders as a marker, redacted or omitted', async () => {
  for (const [name, text] of [
    ['hidden_reasoning_redacted', 'hidden by the provider'],
    ['hidden_reasoning_omitted', 'not shown'],
  ]) {
    const page = await replay(name);
    assert.deepEqual(await texts(page, '.hidden-reasoning .text'), [text], name);
    await closeChecked(page);
  }
});

test('an unknown message type renders as a generic card with its JSON, and an unknown stop reason by its code', async () => {
  const page = await replay('unknown_message_type');
  assert.deepEqual(await texts(page, '.card.unknown .badge'), ['citation_message']);
  const json = JSON.parse((await texts(page, '.card.unknown .json'))[0]);
  assert.equal(json.citations[0].title, 'Lyon — Wikipédia');
  assert.deepEqual(await texts(page, '.stop-reason'), ['budget_exceeded']);
  assert.match((await texts(page, '.bubble.assistant'))[0], /Bonjour Ana/);
  await screenshot(page, 'fixture-unknown-type');
  await closeChecked(page);
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
    await closeChecked(page);
  }
});

test('every stop reason gets a label', async () => {
  const page = await replay('every_stop_reason');
  const codes = await chat(page).locator('.stop-reason').evaluateAll((spans) => spans.map((span) => span.title));
  const labels = await texts(page, '.stop-reason');
  assert.equal(labels.length, 13, 'all 13 stop reasons');
  labels.forEach((label, i) => assert.notEqual(label, codes[i], `${codes[i]} has a human label`));
  await closeChecked(page);
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
      fetch: async (url, init) => {
        if ((init?.method ?? 'GET') === 'GET') return new Response('[]', { headers: { 'content-type': 'application/json' } });
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

test('hostile text in every field the chat shows is rendered as text, and no script runs', async () => {
  const hostile = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  const base = (type, otid) => ({ id: 'message-1', date: '2026-11-22T23:42:38+00:00', name: null, message_type: type, otid, run_id: 'run-1' });
  const call = (id) => ({ name: hostile, arguments: JSON.stringify({ path: hostile }), tool_call_id: id });
  const items = [
    { ...base('reasoning_message', 'o1'), source: 'reasoner_model', reasoning: hostile, signature: null },
    { ...base('hidden_reasoning_message', 'o2'), state: 'redacted', hidden_reasoning: hostile },
    { ...base('tool_call_message', 'o3'), tool_call: call('call_a'), tool_calls: [call('call_a')] },
    { ...base('tool_return_message', 'o4'), name: hostile, tool_return: hostile, status: 'error', tool_call_id: 'call_a', stdout: [hostile], stderr: [hostile] },
    { ...base('summary_message', 'o5'), summary: hostile },
    { ...base('event_message', 'o6'), event_type: 'compaction', event_data: { note: hostile } },
    { ...base('assistant_message', 'o7'), content: [{ type: 'text', text: hostile }] },
    { ...base(hostile, 'o8'), extra: hostile },
    { ...base('approval_request_message', 'o9'), tool_call: call('call_b'), tool_calls: [call('call_b')] },
    { message_type: 'stop_reason', stop_reason: hostile },
  ];
  const sse =
    items.map((item) => `data: ${JSON.stringify(item)}\n\n`).join('') +
    `event: error\ndata: ${JSON.stringify({ message_type: 'error_message', run_id: 'run-1', error_type: 'internal_error', message: hostile, detail: hostile, seq_id: null })}\n\n`;
  const page = await openDemo(browser, serve.url);
  await page.evaluate((body) => {
    document.querySelector('letta-chat').clientOptions = {
      maxRetries: 0,
      fetch: async (url, init) =>
        (init?.method ?? 'GET') === 'GET'
          ? new Response('[]', { headers: { 'content-type': 'application/json' } })
          : new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    };
  }, sse);
  await say(page, hostile);
  await waitForIdle(page);
  const seen = await page.evaluate((text) => {
    const root = document.querySelector('letta-chat').shadowRoot;
    return {
      xss: window.__xss,
      elements: root.querySelectorAll('img, script, iframe, object, embed').length,
      literal: root.querySelector('.log').textContent.split(text).length - 1,
      types: [...root.querySelectorAll('[data-message-type]')].map((el) => el.dataset.messageType),
      error: root.querySelector('.error .error-detail')?.textContent ?? '',
    };
  }, hostile);
  assert.deepEqual([seen.xss, seen.elements], [undefined, 0], 'no element was made from the text, no script ran');
  // The user bubble, reasoning, tool name ×3, tool return, stdout, stderr, summary, assistant, the
  // unknown card's badge: each shows the text literally.
  assert.ok(seen.literal >= 10, `shown literally ${seen.literal} times`);
  assert.ok(seen.types.includes(hostile), 'the unknown type is a card named by its type');
  assert.ok(seen.error.includes(hostile), `the error detail is shown as text: ${seen.error}`);
  await screenshot(page, 'fixture-hostile-fields');
  await closeChecked(page);
});
