// The API key stays where it belongs: in the Authorization header, and nowhere else — not in a URL,
// a log line, an error message, an error's JSON, the client's string forms, or a validation issue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';

import { startMockLetta } from '../../scripts/mock-letta.mjs';
import * as letta from '../../pkg/index.node.js';

const SECRET = 'sk-let-3f9c2a7e5b1d4c8fa0e6b2d9c7a1f4e8';
let mock;
let logged;
const originals = {};

before(async () => {
  // A server that expects another password: every call fails with 401 and its error paths run.
  mock = await startMockLetta({ port: 0, password: 'the-right-password' });
  logged = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    originals[level] = console[level];
    console[level] = (...args) => logged.push(args.map((arg) => inspect(arg, { depth: 5 })).join(' '));
  }
});

after(async () => {
  Object.assign(console, originals);
  await mock.close();
});

/** Every string form of `value` that could end up in a log or on a screen. */
function forms(value) {
  return [String(value), inspect(value, { depth: 6, showHidden: true }), JSON.stringify(value) ?? '', value?.stack ?? '', value?.message ?? ''].join('\n');
}

test('the key is sent as a bearer token and appears in no URL, error, log or string form', async () => {
  const client = new letta.LettaClient({ baseUrl: mock.url, apiKey: SECRET, maxRetries: 0, headers: { 'X-Trace': 'visible' } });
  assert.ok(!forms(client).includes(SECRET), 'the client');

  const failures = [];
  await client.sendMessage(mock.agentId, { input: 'hi' }).catch((error) => failures.push(error));
  await client.streamMessage(mock.agentId, { input: 'hi' }).toArray().catch((error) => failures.push(error));
  await client.resumeStream('run-00000000-0000-4000-8000-000000000000').toArray().catch((error) => failures.push(error));
  await client.sendApproval(mock.agentId, { toolCallId: 'call_1', approve: true }).catch((error) => failures.push(error));
  const offline = new letta.LettaClient({ baseUrl: 'http://127.0.0.1:1', apiKey: SECRET, maxRetries: 0 });
  await offline.sendMessage(mock.agentId, { input: 'hi' }).catch((error) => failures.push(error));
  // A server that never answers.
  const silent = (await import('node:http')).createServer(() => {});
  await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const slow = new letta.LettaClient({ baseUrl: `http://127.0.0.1:${silent.address().port}`, apiKey: SECRET, maxRetries: 0, timeoutMs: 100 });
  await slow.sendMessage(mock.agentId, { input: 'hi' }).catch((error) => failures.push(error));
  silent.closeAllConnections();
  silent.close();

  assert.equal(failures.length, 6, 'every call failed');
  assert.ok(failures.slice(0, 4).every((error) => error instanceof letta.APIError && error.status === 401));
  assert.ok(failures[4] instanceof letta.APIConnectionError && failures[5] instanceof letta.APIConnectionTimeoutError);
  for (const error of failures) {
    assert.ok(!forms(error).includes(SECRET), `${error.name}: ${error.message}`);
    assert.ok(![...(error.headers?.values?.() ?? [])].some((value) => value.includes(SECRET)), 'response headers');
  }

  const requests = await (await fetch(`${mock.url}/__mock/requests`)).json();
  assert.ok(requests.length >= 4);
  for (const request of requests) {
    assert.ok(!request.path.includes(SECRET), `the URL ${request.path}`);
    assert.ok(!JSON.stringify(request.body ?? '').includes(SECRET), 'the body');
    assert.ok(request.headers.authorization || request.headers.Authorization, 'an Authorization header was sent');
  }
  assert.ok(!logged.some((line) => line.includes(SECRET)), `a log line: ${logged.find((line) => line.includes(SECRET))}`);
});

test('a secret pasted into the wrong field is not repeated by the validation issues', async () => {
  const body = { input: 'hi', streaming: SECRET, enable_thinking: false, otid: 5, include_return_message_types: [SECRET] };
  const result = letta.validateSendParams(SECRET, body);
  assert.equal(result.ok, false);
  assert.ok(result.errors.length >= 3);
  assert.ok(!JSON.stringify(result).includes(SECRET), JSON.stringify(result.errors.map((issue) => issue.message)));
  const client = new letta.LettaClient({ baseUrl: mock.url, maxRetries: 0 });
  const error = await client.sendMessage(SECRET, body).catch((caught) => caught);
  assert.ok(error instanceof letta.ValidationError);
  assert.ok(!forms(error).includes(SECRET), error.message);
});
