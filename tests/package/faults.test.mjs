// Every fault of issue 7 against the mock Letta server, through the built package under Node: the
// caller gets every item received before the fault, then exactly one typed error that says what
// happened — no hang, no silent end, no duplicate item after a retry — and the connection is let go.
//   node --expose-gc --test tests/package/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startMockLetta } from '../../scripts/mock-letta.mjs';
import * as letta from '../../pkg/index.node.js';

let mock;
let client;

before(async () => {
  mock = await startMockLetta({ port: 0 });
  client = new letta.LettaClient({ baseUrl: mock.url, maxRetries: 0, timeoutMs: 5000 });
});

after(async () => {
  await mock.close();
});

/** The message types a stream delivered, and the error it ended with (or undefined). */
async function drain(stream) {
  const types = [];
  try {
    for await (const item of stream) types.push(item.message_type);
    return { types, error: undefined };
  } catch (error) {
    return { types, error };
  }
}

const fault = (spec, extra = {}) => ({ headers: { 'X-Mock-Fault': spec }, ...extra });

/** Waits until the mock has no stream open: the client let the connection go. */
async function connectionReleased() {
  for (let i = 0; i < 40; i++) {
    const stats = await (await fetch(`${mock.url}/__mock/stats`)).json();
    if (stats.activeStreams === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail('the mock still has a stream open');
}

/** A client whose fetch records whether each response body was cancelled (its reader let go). */
function trackingClient(options = {}) {
  const bodies = [];
  const tracked = async (...args) => {
    const response = await fetch(...args);
    if (!response.body) return response;
    const reader = response.body.getReader();
    const record = { cancelled: false, aborted: false, finished: false };
    bodies.push(record);
    const body = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read().catch((error) => {
          record.aborted = true; // the fetch was aborted under the body
          throw error;
        });
        if (done) {
          record.finished = true;
          controller.close();
        } else controller.enqueue(value);
      },
      cancel(reason) {
        record.cancelled = true;
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return { client: new letta.LettaClient({ baseUrl: mock.url, maxRetries: 0, ...options, fetch: tracked }), bodies };
}

/** A loopback port nothing listens on. */
async function closedPort() {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('connection refused: APIConnectionError, after the retries, for both calls', async () => {
  const nowhere = new letta.LettaClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, maxRetries: 1 });
  const { types, error } = await drain(nowhere.streamMessage(mock.agentId, { input: 'x' }));
  assert.deepEqual(types, []);
  assert.ok(error instanceof letta.APIConnectionError, String(error));
  assert.match(error.message, /ECONNREFUSED/);
  await assert.rejects(nowhere.sendMessage(mock.agentId, { input: 'x' }), letta.APIConnectionError);
});

test('disconnect mid-stream before [DONE]: the items, then APIConnectionError', async () => {
  const { types, error } = await drain(client.streamMessage(mock.agentId, { input: 'cut' }, fault('disconnect-after=3')));
  assert.deepEqual(types, ['reasoning_message', 'assistant_message']);
  assert.ok(error instanceof letta.APIConnectionError && !(error instanceof letta.APIConnectionTimeoutError), String(error));
});

test('an error event and then a disconnect: the items, then one StreamError with the server body', async () => {
  const { types, error } = await drain(client.streamMessage(mock.agentId, { input: 'err' }, fault('error-after=2')));
  assert.deepEqual(types, ['reasoning_message', 'stop_reason']);
  assert.ok(error instanceof letta.StreamError, String(error));
  assert.equal(error.errorType, 'internal_error');
  assert.match(error.error.message ?? JSON.stringify(error.error), /error occurred/);
});

test('a malformed JSON event in the middle: the items before it, then StreamError decode_error, nothing after', async () => {
  const { client, bodies } = trackingClient();
  const { types, error } = await drain(client.streamMessage(mock.agentId, { input: 'bad' }, fault('malformed-after=2')));
  assert.deepEqual(types, ['reasoning_message']);
  assert.ok(error instanceof letta.StreamError, String(error));
  assert.equal(error.errorType, 'decode_error');
  assert.equal(typeof error.data, 'string');
  assert.equal(bodies[0].cancelled, true, 'the body was cancelled, not left open');
  await connectionReleased();
});

test('a 9 MiB event arrives whole; one over the 16 MiB limit is StreamError invalid_event_stream', async () => {
  const big = await client.streamMessage(mock.agentId, { input: 'big' }, fault('large-event-bytes=9437184')).toArray();
  const answer = big.find((item) => item.message_type === 'assistant_message');
  assert.equal(Buffer.byteLength(answer.content), 9437184);
  const { types, error } = await drain(client.streamMessage(mock.agentId, { input: 'huge' }, fault('large-event-bytes=17825792')));
  assert.deepEqual(types, ['reasoning_message']);
  assert.ok(error instanceof letta.StreamError, String(error));
  assert.equal(error.errorType, 'invalid_event_stream');
  assert.match(error.message, /larger than the 16777216-byte limit/);
});

test('a stream longer than the timeout, with every gap between chunks shorter, completes', async () => {
  // The timeout covers the wait for the headers and each wait between chunks, not the whole stream.
  const started = performance.now();
  const slow = await drain(client.streamMessage(mock.agentId, { input: 'x' }, fault('drip-ms=120', { timeoutMs: 400 })));
  assert.ok(performance.now() - started > 400, 'the stream outlasted the timeout');
  assert.equal(slow.error, undefined, String(slow.error));
  assert.deepEqual(slow.types.slice(-2), ['stop_reason', 'usage_statistics']);
});

test('a server that stalls after the headers, or mid-body: APIConnectionTimeoutError, after the items', async () => {
  const headersOnly = await drain(client.streamMessage(mock.agentId, { input: 'x' }, fault('stall-after-headers', { timeoutMs: 300 })));
  assert.deepEqual(headersOnly.types, []);
  assert.ok(headersOnly.error instanceof letta.APIConnectionTimeoutError, String(headersOnly.error));
  const midBody = await drain(client.streamMessage(mock.agentId, { input: 'x' }, fault('stall-after=3', { timeoutMs: 300 })));
  assert.deepEqual(midBody.types, ['reasoning_message', 'assistant_message']);
  assert.ok(midBody.error instanceof letta.APIConnectionTimeoutError, String(midBody.error));
  await assert.rejects(client.sendMessage(mock.agentId, { input: 'x' }, fault('stall-after-headers', { timeoutMs: 300 })), letta.APIConnectionTimeoutError);
  await connectionReleased();
});

test('429 and 503 with retry-after are retried once, with the same otid and no duplicate item', async () => {
  const retrying = new letta.LettaClient({ baseUrl: mock.url, maxRetries: 2 });
  for (const [spec, tag] of [
    ['status=429; retry-after=0; times=1; key=k429', 'after-429'],
    ['status=503; retry-after-ms=40; times=1; key=k503', 'after-503'],
  ]) {
    const items = await retrying.streamMessage(mock.agentId, { input: tag }, fault(spec)).toArray();
    assert.equal(items.filter((item) => item.message_type === 'assistant_message').length, 1, `${tag}: one answer`);
    assert.equal(items.filter((item) => item.message_type === 'stop_reason').length, 1, `${tag}: one stop reason`);
    const log = await (await fetch(`${mock.url}/__mock/requests`)).json();
    const attempts = log.filter((request) => JSON.stringify(request.body ?? '').includes(tag));
    assert.equal(attempts.length, 2, `${tag}: the failed attempt and the retry`);
    assert.equal(attempts[0].body.messages[0].otid, attempts[1].body.messages[0].otid, `${tag}: the same otid`);
  }
  // Without retries the caller sees the status and the header.
  const { error } = await drain(client.streamMessage(mock.agentId, { input: 'x' }, fault('status=429; retry-after=3')));
  assert.ok(error instanceof letta.APIError && error.status === 429, String(error));
  assert.equal(error.headers.get('retry-after'), '3');
});

test('500 with an HTML body: APIError with the status and the page title, the body kept', async () => {
  const { error } = await drain(client.streamMessage(mock.agentId, { input: 'x' }, fault('html-500')));
  assert.ok(error instanceof letta.APIError, String(error));
  assert.equal(error.status, 500);
  assert.equal(error.error, undefined, 'no JSON body');
  assert.match(error.body, /<html>/);
  assert.equal(error.message, '500 500 Internal Server Error (an HTML page, not a Letta error body)');
});

test('a wrong content type and an empty 200 body: StreamError saying so', async () => {
  const wrongType = await drain(client.streamMessage(mock.agentId, { input: 'x' }, fault('content-type=text/plain')));
  assert.equal(wrongType.error?.errorType, 'invalid_response', String(wrongType.error));
  assert.match(wrongType.error.message, /expected an event stream \(text\/event-stream\), got content type text\/plain/);
  const empty = await drain(client.streamMessage(mock.agentId, { input: 'x' }, fault('empty-body')));
  assert.deepEqual(empty.types, []);
  assert.equal(empty.error?.errorType, 'incomplete_stream', String(empty.error));
  await assert.rejects(client.sendMessage(mock.agentId, { input: 'x' }, fault('empty-body')), (error) => error.errorType === 'invalid_response');
});

test('abort at every stage: before sending, waiting for headers, mid-body, and after the end', async () => {
  const aborted = AbortSignal.abort();
  await assert.rejects(client.sendMessage(mock.agentId, { input: 'x' }, { signal: aborted }), letta.APIUserAbortError);
  assert.ok((await drain(client.streamMessage(mock.agentId, { input: 'x' }, { signal: aborted }))).error instanceof letta.APIUserAbortError);

  const waiting = new AbortController();
  const pending = client.sendMessage(mock.agentId, { input: 'x' }, fault('stall-after-headers', { signal: waiting.signal }));
  setTimeout(() => waiting.abort(), 100);
  await assert.rejects(pending, letta.APIUserAbortError);

  // While waiting out a retry-after of 30 s between attempts.
  const backingOff = new AbortController();
  const retrying = new letta.LettaClient({ baseUrl: mock.url, maxRetries: 2 });
  const started = Date.now();
  const waitingRetry = retrying.sendMessage(mock.agentId, { input: 'x' }, fault('status=503; retry-after=30', { signal: backingOff.signal }));
  setTimeout(() => backingOff.abort(), 150);
  await assert.rejects(waitingRetry, letta.APIUserAbortError);
  assert.ok(Date.now() - started < 5000, 'the abort cut the backoff short');

  const midBody = new AbortController();
  const tracking = trackingClient();
  const stream = tracking.client.streamMessage(mock.agentId, { input: '/long 300 go' }, fault('drip-ms=30', { signal: midBody.signal }));
  const types = [];
  let error;
  try {
    for await (const item of stream) {
      types.push(item.message_type);
      if (types.length === 2) midBody.abort();
    }
  } catch (caught) {
    error = caught;
  }
  assert.deepEqual(types, ['reasoning_message', 'assistant_message'], 'nothing after the abort');
  assert.ok(error instanceof letta.APIUserAbortError, String(error));
  assert.equal(tracking.bodies[0].aborted, true, 'the fetch under the body was aborted');
  await connectionReleased();

  const finished = new AbortController();
  const all = await client.streamMessage(mock.agentId, { input: 'x' }, { signal: finished.signal }).toArray();
  finished.abort();
  assert.equal(all.at(-1).message_type, 'usage_statistics', 'an abort after the end changes nothing');
});

test('break, a timeout and an error each cancel the body and release the connection', async () => {
  for (const [label, options, stop] of [
    ['break', fault('drip-ms=30'), 'break'],
    ['timeout', fault('stall-after=2', { timeoutMs: 200 }), 'error'],
    ['error', fault('malformed-after=1'), 'error'],
  ]) {
    const { client, bodies } = trackingClient();
    const stream = client.streamMessage(mock.agentId, { input: '/long 200 x' }, options);
    try {
      for await (const item of stream) if (stop === 'break' && item.message_type === 'reasoning_message') break;
    } catch {
      // The error is what the other tests check; here only what happens to the connection.
    }
    await connectionReleased();
    const [body] = bodies;
    assert.ok(body.cancelled || body.aborted, `${label}: the body was cancelled or its fetch aborted`);
    assert.equal(body.finished, false, `${label}: it was not read to its end`);
  }
});

test('200 concurrent streams all complete, and memory returns to where it was', async () => {
  const gc = globalThis.gc;
  const heap = () => {
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const round = async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => client.streamMessage(mock.agentId, { input: `load ${i}` }).toArray()),
    );
    for (const [i, items] of results.entries()) {
      const answer = items.find((item) => item.message_type === 'assistant_message');
      assert.match(answer.content, new RegExp(`load ${i}\\b`));
      assert.equal(items.at(-1).message_type, 'usage_statistics');
    }
  };
  await round(); // warm-up: the wasm memory grows to what 200 streams need once
  const before = heap();
  await round();
  await round();
  const afterwards = heap();
  await connectionReleased();
  assert.ok(gc, 'run with node --expose-gc (as scripts/test.sh does) to measure the heap');
  assert.ok(afterwards - before < 8 * 2 ** 20, `the heap grew by ${((afterwards - before) / 2 ** 20).toFixed(1)} MiB`);
});
