// Tests for scripts/mock-letta.mjs, the bundled mock Letta server: run with
//   node --test tests/mock-letta.test.mjs
// The mock runs in-process on a random port; every check goes through real fetch / http.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startMockLetta, DEFAULT_AGENT_ID } from '../scripts/mock-letta.mjs';

const SDK = { 'x-stainless-package-version': '1.12.1' };
const BASE_KEYS = ['id', 'date', 'name', 'message_type', 'otid', 'sender_id', 'step_id', 'is_err', 'seq_id', 'run_id'];
const USAGE_KEYS = [
  'message_type',
  'completion_tokens',
  'prompt_tokens',
  'total_tokens',
  'step_count',
  'run_ids',
  'cached_input_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'context_tokens',
];
const DATE_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const ID_RE = (prefix) => new RegExp(`^${prefix}-${UUID}$`);
const PENDING_TEXT =
  'CONFLICT: Cannot send a new message: The agent is waiting for approval on a tool call. Please approve or deny the pending request before continuing.';
const NO_PENDING_TEXT =
  'Cannot process approval response: No tool call is currently awaiting approval. Please send a regular message to interact with the agent.';

let mock;
before(async () => {
  mock = await startMockLetta({ port: 0 });
});
after(async () => {
  await mock.close();
});

// ───────────── helpers ─────────────

function post(path, body, headers = {}, base = mock.url) {
  const init = { method: 'POST', headers: { 'content-type': 'application/json', ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(`${base}${path}`, init);
}

const send = (agentId, body, headers = {}) => post(`/v1/agents/${agentId}/messages`, body, { ...SDK, ...headers });

async function sendJson(agentId, body, headers) {
  const res = await send(agentId, body, headers);
  return { status: res.status, body: await res.json() };
}

async function newAgent(name = 'test') {
  const res = await post('/v1/agents/', { name });
  assert.equal(res.status, 200);
  return (await res.json()).id;
}

/** Reads a body to its end (or until the connection breaks), keeping what arrived. */
async function readAll(res) {
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, error: null };
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    return { text, error };
  }
}

/** Reads until `count` complete frames arrived, or `ms` passed; then cancels. */
async function readFrames(res, count, ms) {
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + ms;
  while (parseSse(text).filter((f) => f.complete).length < count && Date.now() < deadline) {
    const next = await Promise.race([reader.read(), new Promise((r) => setTimeout(() => r({ timeout: true }), deadline - Date.now()))]);
    if (next.timeout || next.done) break;
    text += decoder.decode(next.value, { stream: true });
  }
  return { text, reader };
}

/** SSE events: { event, data, json, complete } (complete = terminated by a blank line). */
function parseSse(text) {
  const blocks = text.split('\n\n');
  return blocks
    .map((block, i) => {
      if (!block) return null;
      let event = null;
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      const joined = data.join('\n');
      let json = null;
      try {
        json = joined === '[DONE]' ? null : JSON.parse(joined);
      } catch {
        json = undefined;
      }
      return { event, data: joined, json, complete: i < blocks.length - 1, raw: block };
    })
    .filter(Boolean);
}

async function stream(agentId, body, headers) {
  const res = await send(agentId, { streaming: true, ...body }, headers);
  assert.equal(res.status, 200);
  const { text, error } = await readAll(res);
  return { res, text, error, frames: parseSse(text) };
}

const types = (frames) => frames.map((f) => (f.data === '[DONE]' ? '[DONE]' : f.event ? `event:${f.event}` : f.json?.message_type));
const messagesOf = (frames) => frames.filter((f) => f.json && !f.event && f.json.id?.startsWith('message-')).map((f) => f.json);

/** Concatenates deltas per (id, otid): what a client does to rebuild messages. */
function fold(messages, field) {
  const parts = new Map();
  for (const m of messages) {
    const key = `${m.id}|${m.otid}`;
    parts.set(key, (parts.get(key) ?? '') + m[field]);
  }
  return [...parts.values()];
}

/** otid = the id's uuid with the low 7 bits of the last byte replaced by the part index. */
function expectOtid(message, index) {
  const hex = message.id.slice('message-'.length);
  const last = (parseInt(hex.slice(-2), 16) & 0x80) | index;
  assert.equal(message.otid, hex.slice(0, -2) + last.toString(16).padStart(2, '0'));
}

async function stats() {
  return (await fetch(`${mock.url}/__mock/stats`)).json();
}

async function eventually(check, ms = 2000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

async function noLeaks() {
  await eventually(async () => {
    const s = await stats();
    assert.equal(s.activeStreams, 0, 'streams still open');
    assert.equal(s.activeRuns, 0, 'runs still going');
  });
}

async function requestApproval(agentId, text = 'please delete notes.txt', extra = {}) {
  const { status, body } = await sendJson(agentId, { input: text, ...extra });
  assert.equal(status, 200);
  assert.equal(body.stop_reason.stop_reason, 'requires_approval');
  return body.messages.find((m) => m.message_type === 'approval_request_message');
}

// ───────────── basics ─────────────

test('health, agent list and agent lookup', async () => {
  const health = await fetch(`${mock.url}/v1/health/`);
  assert.equal(await health.text(), '{"version":"0.16.8","status":"ok"}');
  assert.equal(health.headers.get('content-type'), 'application/json');

  assert.match(DEFAULT_AGENT_ID, ID_RE('agent'));
  assert.equal(mock.agentId, DEFAULT_AGENT_ID);
  const list = await (await fetch(`${mock.url}/v1/agents/`)).json();
  assert.ok(list.some((a) => a.id === DEFAULT_AGENT_ID && a.agent_type === 'letta_v1_agent'));
  const one = await fetch(`${mock.url}/v1/agents/${DEFAULT_AGENT_ID}`);
  assert.equal((await one.json()).id, DEFAULT_AGENT_ID);

  const missing = await fetch(`${mock.url}/v1/agents/agent-0b9d6f0e-3c1a-4f7e-9a2b-5d8c7e6f4a31`);
  assert.equal(missing.status, 404);
  assert.equal(await missing.text(), '{"detail":"Agent with ID agent-0b9d6f0e-3c1a-4f7e-9a2b-5d8c7e6f4a31 not found"}');
});

test('a JSON reply has the LettaResponse shape, field order, ids, dates and usage of the real server', async () => {
  const res = await send(DEFAULT_AGENT_ID, { input: 'Héllo wörld 👋' });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/json');
  const text = await res.text();
  assert.ok(text.includes('👋') && !text.includes('\\u'), 'raw UTF-8, compact');
  assert.ok(!/": |", "/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""')), 'compact JSON');
  const body = JSON.parse(text);
  assert.deepEqual(Object.keys(body), ['messages', 'stop_reason', 'usage', 'logprobs', 'turns']);
  assert.equal(body.logprobs, null);
  assert.equal(body.turns, null);
  assert.deepEqual(body.stop_reason, { message_type: 'stop_reason', stop_reason: 'end_turn' });

  const [reasoning, assistant] = body.messages;
  assert.deepEqual(
    body.messages.map((m) => m.message_type),
    ['reasoning_message', 'assistant_message'],
  );
  assert.deepEqual(Object.keys(reasoning), [...BASE_KEYS, 'source', 'reasoning', 'signature']);
  assert.deepEqual(Object.keys(assistant), [...BASE_KEYS, 'content']);
  for (const m of body.messages) {
    assert.match(m.id, ID_RE('message'));
    assert.match(m.step_id, ID_RE('step'));
    assert.match(m.run_id, ID_RE('run'));
    assert.match(m.date, DATE_RE);
    assert.equal(m.name, null);
    assert.equal(m.sender_id, null);
    assert.equal(m.is_err, null);
    assert.equal(m.seq_id, null);
  }
  assert.equal(reasoning.id, assistant.id, 'one LLM call, one id');
  expectOtid(reasoning, 0);
  expectOtid(assistant, 1);
  assert.equal(reasoning.source, 'reasoner_model');
  assert.equal(reasoning.signature, null);
  assert.ok(assistant.content.includes('Héllo wörld 👋'), assistant.content);

  assert.deepEqual(Object.keys(body.usage), USAGE_KEYS);
  assert.equal(body.usage.step_count, 1);
  assert.equal(body.usage.total_tokens, body.usage.prompt_tokens + body.usage.completion_tokens);
  assert.equal(body.usage.context_tokens, body.usage.total_tokens);
  assert.ok(body.usage.prompt_tokens > 1000 && body.usage.completion_tokens > 0);
  for (const key of ['cached_input_tokens', 'cache_write_tokens', 'reasoning_tokens']) assert.equal(body.usage[key], 0);
  assert.equal(body.usage.run_ids, null);
});

test('replies are deterministic functions of the text', async () => {
  const reply = async (input) => (await sendJson(DEFAULT_AGENT_ID, { input })).body.messages.at(-1).content;
  const a = await reply('one two three');
  const b = await reply('something else entirely');
  assert.notEqual(a, b);
  assert.equal(await reply('one two three'), a);
  assert.match(a, /3 words/);
  const parts = await sendJson(DEFAULT_AGENT_ID, { messages: [{ role: 'user', content: [{ type: 'text', text: 'from parts' }] }] });
  assert.match(parts.body.messages.at(-1).content, /from parts/);
  const long = await reply('/long 120');
  assert.equal(long.split(' ').length, 120);
  const { body } = await sendJson(DEFAULT_AGENT_ID, { input: 'with logprobs', return_logprobs: true, top_logprobs: 2 });
  assert.equal(body.logprobs.refusal, null);
  const first = body.logprobs.content[0];
  assert.deepEqual(Object.keys(first), ['token', 'bytes', 'logprob', 'top_logprobs']);
  assert.deepEqual(first.bytes, [...Buffer.from(first.token)]);
  assert.equal(first.top_logprobs.length, 2);
  assert.equal(body.logprobs.content.map((c) => c.token).join(''), body.messages.at(-1).content);
});

test('a weather question is a tool call, a tool return with stdout/stderr, then a second step', async () => {
  const { body } = await sendJson(DEFAULT_AGENT_ID, { input: 'What is the weather in São Paulo?' });
  assert.deepEqual(
    body.messages.map((m) => m.message_type),
    ['reasoning_message', 'tool_call_message', 'tool_return_message', 'reasoning_message', 'assistant_message'],
  );
  const [r1, call, ret, r2, answer] = body.messages;
  assert.equal(call.id, r1.id);
  expectOtid(call, 1);
  assert.deepEqual(call.tool_calls, [call.tool_call]);
  assert.deepEqual(Object.keys(call.tool_call), ['name', 'arguments', 'tool_call_id']);
  assert.equal(call.tool_call.name, 'get_weather');
  assert.equal(call.tool_call.arguments, '{"city": "S\\u00e3o Paulo", "unit": "celsius"}', 'json.dumps style');
  assert.match(call.tool_call.tool_call_id, /^call_[0-9a-f]{24}$/);

  assert.deepEqual(Object.keys(ret), [...BASE_KEYS, 'tool_return', 'status', 'tool_call_id', 'stdout', 'stderr', 'tool_returns']);
  assert.equal(ret.name, 'get_weather');
  assert.equal(ret.status, 'success');
  assert.equal(ret.step_id, call.step_id);
  assert.notEqual(ret.id, call.id);
  expectOtid(ret, 0);
  assert.ok(Array.isArray(ret.stdout) && ret.stdout.length === 1);
  assert.deepEqual(ret.stderr, []);
  assert.deepEqual(ret.tool_returns, [
    { type: 'tool', tool_return: ret.tool_return, status: 'success', tool_call_id: call.tool_call.tool_call_id, stdout: ret.stdout, stderr: [] },
  ]);
  const result = JSON.parse(ret.tool_return);
  assert.equal(result.city, 'São Paulo');

  assert.notEqual(r2.step_id, r1.step_id);
  assert.equal(answer.id, r2.id);
  assert.ok(answer.content.includes('São Paulo') && answer.content.includes(`${result.temperature_c} °C`));
  assert.equal(body.usage.step_count, 2);
  assert.ok(body.usage.context_tokens < body.usage.total_tokens, 'context_tokens is the last step only');
});

// ───────────── streaming ─────────────

test('step streaming: one data line per frame, ping first, stop_reason → usage → [DONE]', async () => {
  const { res, text, frames } = await stream(DEFAULT_AGENT_ID, { input: 'hello stream' });
  assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  assert.equal(res.headers.get('cache-control'), null);
  assert.ok(text.endsWith('data: [DONE]\n\n'));
  assert.ok(frames.every((f) => f.complete && f.event === null && f.raw.split('\n').length === 1 && f.raw.startsWith('data: ')));
  assert.deepEqual(types(frames), ['ping', 'reasoning_message', 'assistant_message', 'stop_reason', 'usage_statistics', '[DONE]']);
  const ping = frames[0].json;
  assert.deepEqual(Object.keys(ping), BASE_KEYS);
  assert.match(ping.id, ID_RE('ping'));
  assert.equal(ping.otid, null);
  assert.match(ping.run_id, ID_RE('run'));
  for (const m of messagesOf(frames)) assert.equal(m.run_id, ping.run_id);
  assert.deepEqual(frames[3].json, { message_type: 'stop_reason', stop_reason: 'end_turn' });
  assert.equal(frames[4].json.cached_input_tokens, 0);
  assert.equal(frames[3].raw, 'data: {"message_type":"stop_reason","stop_reason":"end_turn"}');
});

/** A raw HTTP/1.1 exchange, to see the chunked transfer encoding itself. */
function rawExchange(path, body, headers) {
  return new Promise((resolve, reject) => {
    const { port } = new URL(mock.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    const payload = Buffer.from(JSON.stringify(body));
    const lines = [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', `Content-Length: ${payload.length}`, 'Connection: close'];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    socket.write(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), payload]));
    const parts = [];
    socket.on('data', (d) => parts.push(d));
    socket.on('end', () => resolve(Buffer.concat(parts)));
    socket.on('error', reject);
  });
}

function dechunk(buffer) {
  const split = buffer.indexOf('\r\n\r\n');
  const head = buffer.subarray(0, split).toString();
  const chunks = [];
  let at = split + 4;
  for (;;) {
    const eol = buffer.indexOf('\r\n', at);
    const size = parseInt(buffer.subarray(at, eol).toString(), 16);
    if (size === 0) break;
    chunks.push(buffer.subarray(eol + 2, eol + 2 + size).toString());
    at = eol + 2 + size + 2;
  }
  return { head, chunks };
}

test('every SSE frame is its own HTTP chunk; the headers are those of a Starlette stream', async () => {
  const raw = await rawExchange(`/v1/agents/${DEFAULT_AGENT_ID}/messages`, { input: 'weather in Kyiv', streaming: true }, SDK);
  const { head, chunks } = dechunk(raw);
  assert.match(head, /^HTTP\/1\.1 200 OK\r\n/);
  assert.match(head, /\r\ncontent-type: text\/event-stream; charset=utf-8\r\n/i);
  assert.match(head, /\r\ntransfer-encoding: chunked/i);
  assert.doesNotMatch(head, /content-length|cache-control|x-accel-buffering/i);
  assert.equal(chunks.length, 9);
  for (const chunk of chunks) assert.match(chunk, /^data: [^\n]+\n\n$/);
  assert.equal(chunks.at(-1), 'data: [DONE]\n\n');
  const error = dechunk(await rawExchange(`/v1/agents/${DEFAULT_AGENT_ID}/messages`, { input: '/error', streaming: true }, SDK)).chunks;
  assert.match(error[2], /^event: error\ndata: \{"message_type":"error_message",[^\n]+\n\n$/);
});

test('token streaming: deltas share id/otid and reassemble to the step-mode text', async () => {
  for (const input of ['Tell me about the sea, s’il vous plaît 🌊', 'weather in Lyon please']) {
    const step = messagesOf((await stream(DEFAULT_AGENT_ID, { input })).frames);
    const { frames } = await stream(DEFAULT_AGENT_ID, { input, stream_tokens: true });
    const tokens = messagesOf(frames);
    const of = (list, type) => list.filter((m) => m.message_type === type);
    const deltas = of(tokens, 'assistant_message');
    assert.ok(deltas.length > 3, `several deltas for ${input}`);
    assert.deepEqual(
      fold(deltas, 'content'),
      of(step, 'assistant_message').map((m) => m.content),
    );
    assert.deepEqual(
      fold(of(tokens, 'reasoning_message'), 'reasoning'),
      of(step, 'reasoning_message').map((m) => m.reasoning),
    );
    expectOtid(deltas[0], 1);
    const usage = frames.at(-2).json;
    assert.equal(usage.message_type, 'usage_statistics');
    assert.equal(usage.cached_input_tokens, null);
    assert.equal(usage.reasoning_tokens, null);
  }
  // Tool-call deltas: a single object in tool_calls, null keys left out.
  const { frames } = await stream(DEFAULT_AGENT_ID, { input: 'weather in Oslo', stream_tokens: true });
  const calls = messagesOf(frames).filter((m) => m.message_type === 'tool_call_message');
  assert.ok(calls.length > 2);
  assert.deepEqual(Object.keys(calls[0].tool_call), ['name', 'tool_call_id']);
  for (const c of calls.slice(1)) assert.deepEqual(Object.keys(c.tool_call), ['arguments', 'tool_call_id']);
  for (const c of calls) assert.deepEqual(c.tool_calls, c.tool_call);
  assert.deepEqual(JSON.parse(calls.map((c) => c.tool_call.arguments ?? '').join('')), { city: 'Oslo', unit: 'celsius' });
  expectOtid(calls[0], 1);
  assert.equal(frames.at(-3).json.stop_reason, 'end_turn');
});

test('keepalive pings while the model is slow; include_pings:false removes every ping', async () => {
  const fast = await startMockLetta({ port: 0, keepaliveMs: 40 });
  try {
    const res = await post(`/v1/agents/${fast.agentId}/messages`, { input: '/slow 250 ping me', streaming: true }, SDK, fast.url);
    const frames = parseSse((await readAll(res)).text);
    const kinds = types(frames);
    const firstMessage = kinds.indexOf('reasoning_message');
    assert.ok(firstMessage >= 4, `several pings before the reply: ${kinds}`);
    assert.ok(kinds.slice(0, firstMessage).every((k) => k === 'ping'));
    const pings = frames.filter((f) => f.json?.message_type === 'ping').map((f) => f.json);
    assert.equal(new Set(pings.map((p) => p.run_id)).size, 1);
    assert.equal(new Set(pings.map((p) => p.id)).size, pings.length);
    assert.ok(pings.every((p) => p.seq_id === null));
    assert.match(messagesOf(frames)[1].content, /ping me/);

    const quiet = await post(`/v1/agents/${fast.agentId}/messages`, { input: '/slow 150 quiet', streaming: true, include_pings: false }, SDK, fast.url);
    const quietKinds = types(parseSse((await readAll(quiet)).text));
    assert.deepEqual(quietKinds, ['reasoning_message', 'assistant_message', 'stop_reason', 'usage_statistics', '[DONE]']);
  } finally {
    await fast.close();
  }
});

test('include_return_message_types filters messages only; max_steps is respected', async () => {
  const { body } = await sendJson(DEFAULT_AGENT_ID, { input: 'weather in Rome', include_return_message_types: ['assistant_message'] });
  assert.deepEqual(
    body.messages.map((m) => m.message_type),
    ['assistant_message'],
  );
  assert.equal(body.usage.step_count, 2);
  const { frames } = await stream(DEFAULT_AGENT_ID, { input: 'weather in Rome', include_return_message_types: ['tool_return_message'] });
  assert.deepEqual(types(frames), ['ping', 'tool_return_message', 'stop_reason', 'usage_statistics', '[DONE]']);

  const limited = await sendJson(DEFAULT_AGENT_ID, { input: 'weather in Rome', max_steps: 1 });
  assert.equal(limited.body.stop_reason.stop_reason, 'max_steps');
  assert.equal(limited.body.usage.step_count, 1);
  assert.equal(limited.body.messages.at(-1).message_type, 'tool_return_message');
  const none = await sendJson(DEFAULT_AGENT_ID, { input: 'hi', max_steps: 0 });
  assert.deepEqual(none.body.messages, []);
  assert.equal(none.body.usage.step_count, 0);
  assert.equal(none.body.usage.context_tokens, null);
});

test('the deprecated /messages/stream always streams and has no SDK gate', async () => {
  const res = await post(`/v1/agents/${DEFAULT_AGENT_ID}/messages/stream`, { input: 'legacy' }, { 'user-agent': 'curl/8.5.0' });
  assert.equal(res.status, 200);
  const frames = parseSse((await readAll(res)).text);
  assert.deepEqual(types(frames).slice(-3), ['stop_reason', 'usage_statistics', '[DONE]']);
});

// ───────────── approvals ─────────────

test('approval approved (JSON): approval request, 409 while pending, tool return, then the answer', async () => {
  const agent = await newAgent('approve-json');
  const request = await requestApproval(agent);
  assert.equal(request.otid, request.id, 'approval requests have otid == id');
  assert.deepEqual(request.tool_calls, [request.tool_call]);
  assert.equal(request.tool_call.name, 'delete_file');
  assert.equal(request.tool_call.arguments, '{"path":"notes.txt"}');
  const state = await (await fetch(`${mock.url}/v1/agents/${agent}`)).json();
  assert.equal(state.pending_approval.id, request.id);

  const conflict = await send(agent, { input: 'are you there?' });
  assert.equal(conflict.status, 409);
  assert.deepEqual(await conflict.json(), { detail: { code: 'PENDING_APPROVAL', message: PENDING_TEXT, pending_request_id: request.id } });

  const callId = request.tool_call.tool_call_id;
  const { status, body } = await sendJson(agent, { messages: [{ type: 'approval', approvals: [{ type: 'approval', tool_call_id: callId, approve: true }] }] });
  assert.equal(status, 200);
  assert.deepEqual(
    body.messages.map((m) => m.message_type),
    ['tool_return_message', 'assistant_message'],
  );
  const [ret, answer] = body.messages;
  assert.equal(ret.status, 'success');
  assert.equal(ret.name, 'delete_file');
  assert.equal(ret.tool_call_id, callId);
  assert.equal(ret.step_id, request.step_id, 'the approval request’s step');
  assert.match(ret.tool_return, /Deleted notes\.txt/);
  assert.match(answer.content, /notes\.txt/);
  expectOtid(answer, 0);
  assert.equal(body.stop_reason.stop_reason, 'end_turn');
  assert.equal(body.usage.step_count, 1);
  assert.equal((await (await fetch(`${mock.url}/v1/agents/${agent}`)).json()).pending_approval, null);
});

test('approval denied (streaming): error tool return with the user reason, then the agent acknowledges', async () => {
  const agent = await newAgent('deny-stream');
  const { frames: requestFrames } = await stream(agent, { input: 'delete the file report.pdf' });
  assert.deepEqual(types(requestFrames), ['ping', 'reasoning_message', 'approval_request_message', 'stop_reason', 'usage_statistics', '[DONE]']);
  const request = messagesOf(requestFrames)[1];
  assert.equal(request.id, messagesOf(requestFrames)[0].id);
  assert.equal(requestFrames[3].json.stop_reason, 'requires_approval');

  const reason = 'Keep it — I still need it 📄';
  const approvals = [{ type: 'approval', tool_call_id: request.tool_call.tool_call_id, approve: false, reason }];
  const { frames } = await stream(agent, { messages: [{ type: 'approval', approvals }] });
  assert.deepEqual(types(frames), ['ping', 'tool_return_message', 'assistant_message', 'stop_reason', 'usage_statistics', '[DONE]']);
  const [ret, answer] = messagesOf(frames);
  assert.equal(ret.status, 'error');
  assert.equal(ret.name, null);
  assert.equal(ret.tool_return, `Error: request to call tool denied. User reason: ${reason}`);
  assert.equal(ret.stdout, null);
  assert.ok(answer.content.includes(reason));
});

test('approval denied with token streaming: no tool return is streamed, as on the real server', async () => {
  const agent = await newAgent('deny-tokens');
  const { frames: requestFrames } = await stream(agent, { input: 'delete the file notes.txt', stream_tokens: true });
  const [first] = messagesOf(requestFrames).filter((message) => message.message_type === 'approval_request_message');
  const approvals = [{ type: 'approval', tool_call_id: first.tool_call.tool_call_id, approve: false, reason: 'no' }];
  const { frames } = await stream(agent, { messages: [{ type: 'approval', approvals }], stream_tokens: true });
  const kinds = types(frames);
  assert.ok(!kinds.includes('tool_return_message'), kinds.join(' '));
  assert.ok(kinds.includes('assistant_message'));
  assert.deepEqual(kinds.slice(-3), ['stop_reason', 'usage_statistics', '[DONE]']);
});

test('content that is empty, or an image URL that is not http, https or data, is refused when the message is built', async () => {
  const agent = await newAgent('refused-content');
  const fileImage = { messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'ftp://example.com/a.png' } }] }] };
  for (const [body, detail] of [
    [{ input: '' }, 'Message content is empty or invalid'],
    [{ messages: [{ role: 'system', content: [] }] }, 'Message content is empty or invalid'],
    [fileImage, "INVALID_ARGUMENT: Unsupported image URL scheme 'ftp'. Only 'http', 'https', and 'data' image URLs are supported. Local file paths (file://) are not allowed."],
  ]) {
    const { status, body: answer } = await sendJson(agent, body);
    assert.equal(status, 400);
    assert.deepEqual(answer, { detail });
    const { frames } = await stream(agent, body);
    assert.deepEqual(types(frames), ['ping', 'stop_reason', 'event:error', '[DONE]']);
    assert.equal(frames[2].json.detail, detail);
  }
});

test('the deprecated approve/approval_request_id form and a ToolReturnCreate for a client tool', async () => {
  const agent = await newAgent('legacy-approval');
  const request = await requestApproval(agent, '/approve');
  const { body } = await sendJson(agent, { messages: [{ approve: true, approval_request_id: request.id, reason: 'ok' }] });
  assert.equal(body.messages[0].status, 'success');
  assert.equal(body.messages[0].tool_call_id, request.tool_call.tool_call_id);

  const clientTools = [{ name: 'get_time', description: 'Local time', parameters: { type: 'object', properties: { tz: { type: 'string' } } } }];
  const { body: asked } = await sendJson(agent, { input: 'call get_time for Paris', client_tools: clientTools });
  const call = asked.messages[0];
  assert.equal(call.message_type, 'approval_request_message');
  assert.equal(call.tool_call.name, 'get_time');
  assert.deepEqual(JSON.parse(call.tool_call.arguments), { tz: 'call get_time for Paris' });
  const toolReturns = [{ tool_return: '12:00 🕛', status: 'success', tool_call_id: call.tool_call.tool_call_id, stdout: ['clock read'], stderr: [] }];
  const { body: done } = await sendJson(agent, { messages: [{ type: 'tool_return', tool_returns: toolReturns }] });
  const [ret, answer] = done.messages;
  assert.equal(ret.tool_return, '12:00 🕛');
  assert.deepEqual(ret.stdout, ['clock read']);
  assert.match(answer.content, /12:00/);
});

test('token streaming an approval request: id = otid = the call id minus one, null keys kept', async () => {
  const agent = await newAgent('approval-tokens');
  const { frames } = await stream(agent, { input: 'delete old.log', stream_tokens: true });
  const messages = messagesOf(frames);
  const reasoningId = messages.find((m) => m.message_type === 'reasoning_message').id;
  const deltas = messages.filter((m) => m.message_type === 'approval_request_message');
  assert.ok(deltas.length > 1);
  const expectedId = `message-${(BigInt(`0x${reasoningId.slice(8).replace(/-/g, '')}`) - 1n).toString(16).padStart(32, '0').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')}`;
  for (const d of deltas) {
    assert.equal(d.id, expectedId);
    assert.equal(d.otid, d.id);
    assert.ok(!Array.isArray(d.tool_calls));
    assert.deepEqual(Object.keys(d.tool_call), ['name', 'arguments', 'tool_call_id']);
  }
  assert.equal(deltas[0].tool_call.arguments, null);
  assert.equal(deltas[0].tool_call.name, 'delete_file');
  assert.ok(deltas.slice(1).every((d) => d.tool_call.name === null));
  assert.equal(deltas.map((d) => d.tool_call.arguments ?? '').join(''), '{"path":"old.log"}');
  // The legacy form accepts the id the client saw.
  const { body } = await sendJson(agent, { messages: [{ approve: false, approval_request_id: expectedId }] });
  assert.equal(body.messages[0].tool_return, 'Error: request to call tool denied. User reason: None');
});

test('pending approval while streaming is an in-band error; approvals with nothing pending are refused', async () => {
  const agent = await newAgent('pending-stream');
  const request = await requestApproval(agent);
  const { frames } = await stream(agent, { input: 'hello?' });
  assert.deepEqual(types(frames), ['ping', 'stop_reason', 'event:error', '[DONE]']);
  assert.equal(frames[1].json.stop_reason, 'error');
  assert.deepEqual(frames[2].json, {
    message_type: 'error_message',
    run_id: frames[0].json.run_id,
    error_type: 'internal_error',
    message: PENDING_TEXT,
    detail: PENDING_TEXT,
    seq_id: null,
  });

  const wrong = await sendJson(agent, { messages: [{ type: 'approval', approvals: [{ type: 'approval', tool_call_id: 'call_nope', approve: true }] }] });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.detail, `Invalid tool call IDs. Expected '['${request.tool_call.tool_call_id}']', but received '['call_nope']'.`);

  const approve = { messages: [{ type: 'approval', approvals: [{ type: 'approval', tool_call_id: request.tool_call.tool_call_id, approve: true }] }] };
  assert.equal((await sendJson(agent, approve)).status, 200);
  const retry = await sendJson(agent, approve);
  assert.equal(retry.status, 200, 'a retried approval is idempotent');

  const other = { messages: [{ type: 'approval', approvals: [{ type: 'approval', tool_call_id: 'call_other', approve: true }] }] };
  const refused = await send(agent, other);
  assert.equal(refused.status, 400);
  assert.equal(await refused.text(), JSON.stringify({ detail: NO_PENDING_TEXT }));
  const inBand = await stream(agent, other);
  assert.deepEqual(types(inBand.frames), ['ping', 'stop_reason', 'event:error', '[DONE]']);
  assert.equal(inBand.frames[2].json.message, 'An unknown error occurred with the LLM streaming request.');
  assert.equal(inBand.frames[2].json.detail, NO_PENDING_TEXT);
});

// ───────────── errors ─────────────

test('422 bodies: the pydantic repr strings and the route’s own texts', async () => {
  const cases = [
    [
      'agent-123',
      { input: 'hi' },
      '{"trace_id":"","detail":"[{\'type\': \'string_pattern_mismatch\', \'loc\': (\'path\', \'agent_id\'), \'msg\': \\"String should match pattern \'agent-{uuid4}\'\\", \'input\': \'agent-123\', \'ctx\': {\'pattern\': \'^agent-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$\'}}]","examples":["agent-123e4567-e89b-42d3-8456-426614174000"]}',
    ],
    [DEFAULT_AGENT_ID, { messages: [] }, '{"detail":"Messages must not be empty"}'],
    [
      DEFAULT_AGENT_ID,
      { input: 'hi', stream_tokens: true, include_pings: false, background: true },
      '{"detail":"Streaming options set without streaming enabled. stream_tokens can only be true when streaming=true; include_pings can only be set to false when streaming=true; background can only be true when streaming=true. Either set streaming=true or use default values for streaming options."}',
    ],
    [
      DEFAULT_AGENT_ID,
      { streaming: false },
      '{"trace_id":"","detail":"[{\'type\': \'value_error\', \'loc\': (\'body\',), \'msg\': \\"Value error, Must specify either \'input\' or \'messages\'.\\", \'input\': {\'streaming\': False}, \'ctx\': {\'error\': ValueError(\\"Must specify either \'input\' or \'messages\'.\\")}}]"}',
    ],
    [
      DEFAULT_AGENT_ID,
      { input: 'hi', enable_thinking: true },
      '{"trace_id":"","detail":"[{\'type\': \'string_type\', \'loc\': (\'body\', \'enable_thinking\'), \'msg\': \'Input should be a valid string\', \'input\': True}]"}',
    ],
    [
      DEFAULT_AGENT_ID,
      { messages: 'hi' },
      '{"trace_id":"","detail":"[{\'type\': \'list_type\', \'loc\': (\'body\', \'messages\'), \'msg\': \'Input should be a valid list\', \'input\': \'hi\'}]"}',
    ],
    [
      DEFAULT_AGENT_ID,
      { input: 'hi', max_steps: 'ten', include_pings: 'maybe' },
      '{"trace_id":"","detail":"[{\'type\': \'int_parsing\', \'loc\': (\'body\', \'max_steps\'), \'msg\': \'Input should be a valid integer, unable to parse string as an integer\', \'input\': \'ten\'}, {\'type\': \'bool_parsing\', \'loc\': (\'body\', \'include_pings\'), \'msg\': \'Input should be a valid boolean, unable to interpret input\', \'input\': \'maybe\'}]"}',
    ],
    [
      DEFAULT_AGENT_ID,
      { messages: [{ role: 'robot', content: 'hi' }], max_steps: 'ten' },
      '{"trace_id":"","detail":"[{\'type\': \'literal_error\', \'loc\': (\'body\', \'messages\', 0, \'function-after[generate_otid_if_missing(), MessageCreate]\', \'role\'), \'msg\': \\"Input should be <MessageRole.user: \'user\'>, <MessageRole.system: \'system\'> or <MessageRole.assistant: \'assistant\'>\\", \'input\': \'robot\', \'ctx\': {\'expected\': \\"<MessageRole.user: \'user\'>, <MessageRole.system: \'system\'> or <MessageRole.assistant: \'assistant\'>\\"}}, {\'type\': \'literal_error\', \'loc\': (\'body\', \'messages\', 0, \'function-after[migrate_deprecated_fields(), function-after[generate_otid_if_missing(), ApprovalCreate]]\', \'type\'), \'msg\': \\"Input should be <MessageCreateType.approval: \'approval\'>\\", \'input\': \'message\', \'ctx\': {\'expected\': \\"<MessageCreateType.approval: \'approval\'>\\"}}, {\'type\': \'literal_error\', \'loc\': (\'body\', \'messages\', 0, \'function-after[generate_otid_if_missing(), ToolReturnCreate]\', \'type\'), \'msg\': \\"Input should be <MessageCreateType.tool_return: \'tool_return\'>\\", \'input\': \'message\', \'ctx\': {\'expected\': \\"<MessageCreateType.tool_return: \'tool_return\'>\\"}}, {\'type\': \'missing\', \'loc\': (\'body\', \'messages\', 0, \'function-after[generate_otid_if_missing(), ToolReturnCreate]\', \'tool_returns\'), \'msg\': \'Field required\', \'input\': {\'role\': \'robot\', \'content\': \'hi\', \'type\': \'message\'}}, {\'type\': \'int_parsing\', \'loc\': (\'body\', \'max_steps\'), \'msg\': \'Input should be a valid integer, unable to parse string as an integer\', \'input\': \'ten\'}]"}',
    ],
    [
      DEFAULT_AGENT_ID,
      '{"input": "hi",}',
      '{"trace_id":"","detail":"[{\'type\': \'json_invalid\', \'loc\': (\'body\', 15), \'msg\': \'JSON decode error\', \'input\': {}, \'ctx\': {\'error\': \'Expecting property name enclosed in double quotes\'}}]"}',
    ],
  ];
  for (const [agentId, body, expected] of cases) {
    const res = await send(agentId, body);
    assert.equal(res.status, 422, expected);
    assert.equal(await res.text(), expected);
  }
  // An approvals-only entry needs an explicit "type": "approval".
  const untyped = await send(DEFAULT_AGENT_ID, { messages: [{ approvals: [{ type: 'approval', tool_call_id: 'c', approve: true }] }] });
  const detail = (await untyped.json()).detail;
  assert.match(detail, /^\[\{'type': 'missing', 'loc': \('body', 'messages', 0, 'function-after\[generate_otid_if_missing\(\), MessageCreate\]', 'role'\)/);
  // Both messages and input.
  const both = await (await send(DEFAULT_AGENT_ID, { messages: [{ role: 'user', content: 'a' }], input: 'b' })).json();
  assert.match(both.detail, /Cannot specify both 'input' and 'messages'/);
  // Unknown keys are ignored; lax conversions are accepted.
  assert.equal((await send(DEFAULT_AGENT_ID, { input: 'hi', temperature: 0.2, max_steps: '5', streaming: 'false' })).status, 200);
});

test('the streaming gate: 422 for other clients, passes for 1.x SDKs and without a User-Agent', async () => {
  const gate = '{"detail":"streaming=true is only supported for SDK v1.0+ clients."}';
  for (const ua of ['curl/8.5.0', 'Mozilla/5.0 (X11; Linux x86_64)', 'node', 'letta-client/0.9.1']) {
    const res = await post(`/v1/agents/${DEFAULT_AGENT_ID}/messages`, { input: 'hi', streaming: true }, { 'user-agent': ua });
    assert.equal(res.status, 422, ua);
    assert.equal(await res.text(), gate);
  }
  for (const headers of [{ 'user-agent': 'letta-client/1.3.0' }, { 'user-agent': '@letta-ai/letta-client/1.12.1' }, { 'user-agent': 'curl/8', ...SDK }]) {
    const res = await post(`/v1/agents/${DEFAULT_AGENT_ID}/messages`, { input: 'hi', streaming: true }, headers);
    assert.equal(res.status, 200, JSON.stringify(headers));
    await res.text();
  }
  const bare = await new Promise((resolve) => {
    const req = http.request(`${mock.url}/v1/agents/${DEFAULT_AGENT_ID}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' } }, resolve);
    req.end(JSON.stringify({ input: 'hi', streaming: true }));
  });
  assert.equal(bare.statusCode, 200, 'no User-Agent passes');
  bare.resume();
  // The gate comes before the agent lookup, the lookup after validation.
  const unknown = 'agent-0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f';
  assert.equal((await post(`/v1/agents/${unknown}/messages`, { input: 'hi', streaming: true }, { 'user-agent': 'curl/8' })).status, 422);
  assert.equal((await send(unknown, { input: 'hi' })).status, 404);
});

test('model failures: HTTP envelopes without streaming, in-band errors with streaming', async () => {
  const res = await send(DEFAULT_AGENT_ID, { input: 'please fail /error' });
  assert.equal(res.status, 500);
  const body = await res.json();
  assert.deepEqual(Object.keys(body.error), ['type', 'message', 'detail']);
  assert.equal(body.error.type, 'llm_error');
  assert.equal(body.error.message, 'An error occurred with the LLM request.');
  assert.equal((await send(DEFAULT_AGENT_ID, { input: '/rate-limit' })).status, 429);

  const before = await stream(DEFAULT_AGENT_ID, { input: '/error' });
  assert.deepEqual(types(before.frames), ['ping', 'stop_reason', 'event:error', '[DONE]']);
  assert.equal(before.frames[1].json.stop_reason, 'llm_api_error');
  assert.equal(before.frames[2].json.error_type, 'llm_error');
  assert.equal(before.frames[2].json.detail, body.error.detail);

  const mid = await stream(DEFAULT_AGENT_ID, { input: 'weather in Paris /error' });
  assert.deepEqual(types(mid.frames), ['ping', 'reasoning_message', 'tool_call_message', 'tool_return_message', 'stop_reason', 'event:error']);
  assert.equal(mid.frames[4].json.stop_reason, 'llm_api_error');
  assert.equal(mid.frames[5].json.error_type, 'internal_error');
  assert.equal(mid.frames[5].json.message, 'An error occurred during agent execution.');
  assert.ok(!mid.text.includes('[DONE]'));
});

test('password auth: Bearer or X-BARE-PASSWORD, health exempt, secrets never logged', async () => {
  const secure = await startMockLetta({ port: 0, password: 's3cret-pw' });
  try {
    const url = `${secure.url}/v1/agents/${secure.agentId}/messages`;
    const none = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"input":"hi"}' });
    assert.equal(none.status, 401);
    assert.equal(await none.text(), '{"detail":"Unauthorized"}');
    const wrong = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer nope' }, body: '{"input":"hi"}' });
    assert.equal(wrong.status, 401);
    for (const headers of [{ authorization: 'Bearer s3cret-pw' }, { 'x-bare-password': 'password s3cret-pw' }]) {
      const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"input":"hi"}' });
      assert.equal(ok.status, 200);
    }
    assert.equal((await fetch(`${secure.url}/v1/health/`)).status, 200);
    const log = await (await fetch(`${secure.url}/__mock/requests`)).text();
    assert.ok(!log.includes('s3cret-pw'), 'the password is not in the log');
    assert.ok(log.includes('"authorization":"[redacted]"'));
  } finally {
    await secure.close();
  }
});

test('CORS: preflights answered, local origins echoed, headers exposed, other origins refused', async () => {
  const pre = await fetch(`${mock.url}/v1/agents/${DEFAULT_AGENT_ID}/messages`, {
    method: 'OPTIONS',
    headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-mock-fault,x-stainless-package-version' },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), 'http://localhost:5173');
  assert.equal(pre.headers.get('access-control-allow-headers'), 'content-type,x-mock-fault,x-stainless-package-version');
  assert.match(pre.headers.get('access-control-allow-methods'), /POST/);

  const res = await send(DEFAULT_AGENT_ID, { input: 'hi' }, { origin: 'http://127.0.0.1:8000', 'x-mock-fault': 'status=429; retry-after=1' });
  assert.equal(res.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8000');
  assert.match(res.headers.get('access-control-expose-headers'), /retry-after/);
  await res.text();

  const foreign = await send(DEFAULT_AGENT_ID, { input: 'hi' }, { origin: 'http://evil.example' });
  assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  await foreign.text();
  const foreignPre = await fetch(`${mock.url}/v1/health/`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
  assert.equal(foreignPre.status, 400);
  await foreignPre.text();
});

// ───────────── faults ─────────────

test('fault disconnect-after=N: N frames, then the connection drops without [DONE]', async () => {
  for (const [fault, query] of [['disconnect-after=2', ''], ['', '?disconnect-after=2']]) {
    const res = await post(`/v1/agents/${DEFAULT_AGENT_ID}/messages${query}`, { input: 'hi', streaming: true }, { ...SDK, 'x-mock-fault': fault });
    const { text, error } = await readAll(res);
    assert.ok(error, 'the body breaks off');
    const frames = parseSse(text);
    assert.deepEqual(types(frames), ['ping', 'reasoning_message']);
    assert.ok(frames.every((f) => f.complete));
  }
  await noLeaks();
});

test('fault malformed-after=N: one broken frame, then the stream goes on', async () => {
  const { frames } = await stream(DEFAULT_AGENT_ID, { input: 'hi' }, { 'x-mock-fault': 'malformed-after=1' });
  assert.equal(frames[0].json.message_type, 'ping');
  assert.equal(frames[1].json, undefined, 'not JSON');
  assert.deepEqual(types(frames).slice(2), ['reasoning_message', 'assistant_message', 'stop_reason', 'usage_statistics', '[DONE]']);
});

test('fault error-after=N: stop_reason error and an internal_error event, no [DONE]', async () => {
  const { frames, text } = await stream(DEFAULT_AGENT_ID, { input: 'hi' }, { 'x-mock-fault': 'error-after=2' });
  assert.deepEqual(types(frames), ['ping', 'reasoning_message', 'stop_reason', 'event:error']);
  assert.equal(frames[2].json.stop_reason, 'error');
  assert.equal(frames[3].json.error_type, 'internal_error');
  assert.equal(frames[3].json.run_id, frames[0].json.run_id);
  assert.ok(!text.includes('[DONE]'));
  await noLeaks();
});

test('fault drip-ms=M: frames are spaced out', async () => {
  const started = Date.now();
  const { frames } = await stream(DEFAULT_AGENT_ID, { input: 'hi' }, { 'x-mock-fault': 'drip-ms=40' });
  assert.equal(frames.length, 6);
  assert.ok(Date.now() - started >= 5 * 40, `took ${Date.now() - started} ms`);
});

test('faults status / retry-after / retry-after-ms, and times + key for retries', async () => {
  const unavailable = await send(DEFAULT_AGENT_ID, { input: 'hi' }, { 'x-mock-fault': 'status=503; retry-after=2' });
  assert.equal(unavailable.status, 503);
  assert.equal(unavailable.headers.get('retry-after'), '2');
  assert.deepEqual(await unavailable.json(), { detail: 'Service Unavailable' });
  const limited = await send(DEFAULT_AGENT_ID, { input: 'hi' }, { 'x-mock-fault': 'status=429, retry-after-ms=150' });
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after-ms'), '150');
  assert.equal((await limited.json()).error.type, 'llm_rate_limit');
  const broken = await send(DEFAULT_AGENT_ID, { input: 'hi' }, { 'x-mock-fault': 'status=500' });
  assert.equal(await broken.text(), '{"detail":"An unknown error occurred"}');

  const fault = { 'x-mock-fault': `status=503; times=2; key=retry-${Date.now()}` };
  const statuses = [];
  for (let i = 0; i < 3; i++) {
    const res = await send(DEFAULT_AGENT_ID, { input: 'retry me' }, fault);
    statuses.push(res.status);
    await res.text();
  }
  assert.deepEqual(statuses, [503, 503, 200]);
  const bad = await send(DEFAULT_AGENT_ID, { input: 'hi' }, { 'x-mock-fault': 'explode=1' });
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).detail, /unknown option 'explode'/);
});

test('faults html-500, content-type, empty-body', async () => {
  const html = await send(DEFAULT_AGENT_ID, { input: 'hi' }, { 'x-mock-fault': 'html-500' });
  assert.equal(html.status, 500);
  assert.equal(html.headers.get('content-type'), 'text/html');
  assert.match(await html.text(), /^<html>/);

  const plain = await send(DEFAULT_AGENT_ID, { input: 'hi', streaming: true }, { 'x-mock-fault': 'content-type=text/plain' });
  assert.equal(plain.status, 200);
  assert.equal(plain.headers.get('content-type'), 'text/plain');
  assert.ok((await plain.text()).endsWith('data: [DONE]\n\n'));

  for (const streaming of [false, true]) {
    const empty = await send(DEFAULT_AGENT_ID, { input: 'hi', streaming }, { 'x-mock-fault': 'empty-body' });
    assert.equal(empty.status, 200);
    assert.equal(empty.headers.get('content-type'), streaming ? 'text/event-stream; charset=utf-8' : 'application/json');
    assert.equal(await empty.text(), '');
  }
});

test('faults stall-after-headers and stall-after=N hold the socket until the client leaves, leaking nothing', async () => {
  const idle = await stats();
  const res = await send(DEFAULT_AGENT_ID, { input: 'hi', streaming: true }, { 'x-mock-fault': 'stall-after-headers' });
  assert.equal(res.status, 200);
  const first = await readFrames(res, 1, 150);
  assert.equal(first.text, '', 'nothing after the headers');
  await first.reader.cancel();

  const stalled = await send(DEFAULT_AGENT_ID, { input: 'hi', streaming: true }, { 'x-mock-fault': 'stall-after=2' });
  const { text, reader } = await readFrames(stalled, 3, 200);
  assert.deepEqual(types(parseSse(text)), ['ping', 'reasoning_message']);
  await reader.cancel();

  const json = await send(DEFAULT_AGENT_ID, { input: 'hi' }, { 'x-mock-fault': 'stall-after=10' });
  const partial = await readFrames(json, 1, 150);
  assert.equal(partial.text, '{"messages');
  await partial.reader.cancel();

  await noLeaks();
  await eventually(async () => assert.ok((await stats()).openSockets <= idle.openSockets + 1));
});

test('fault large-event-bytes=B: an assistant message of exactly B bytes', async () => {
  const size = 300_000;
  const { frames } = await stream(DEFAULT_AGENT_ID, { input: 'big' }, { 'x-mock-fault': `large-event-bytes=${size}` });
  const assistant = messagesOf(frames).find((m) => m.message_type === 'assistant_message');
  assert.equal(Buffer.byteLength(assistant.content), size);
  assert.ok(/[^\x00-\x7f]/.test(assistant.content), 'multi-byte text');
  const { body } = await sendJson(DEFAULT_AGENT_ID, { input: 'big' }, { 'x-mock-fault': 'large-event-bytes=1000' });
  assert.equal(Buffer.byteLength(body.messages.at(-1).content), 1000);
  const tokens = await stream(DEFAULT_AGENT_ID, { input: 'big', stream_tokens: true }, { 'x-mock-fault': 'large-event-bytes=5000' });
  assert.equal(messagesOf(tokens.frames).filter((m) => m.message_type === 'assistant_message').length, 1);
});

// ───────────── background runs, cancellation, introspection ─────────────

test('background runs: seq ids, resume with starting_after after a disconnect, live follow', async () => {
  const res = await send(DEFAULT_AGENT_ID, { input: 'weather in Berlin', streaming: true, background: true }, { 'x-mock-fault': 'disconnect-after=3' });
  const cut = parseSse((await readAll(res)).text);
  assert.deepEqual(
    cut.map((f) => f.json.seq_id),
    [1, 2, 3],
  );
  const runId = cut[0].json.run_id;
  await eventually(async () => assert.equal((await (await fetch(`${mock.url}/v1/runs/${runId}`)).json()).status, 'completed'));

  const resumed = await post(`/v1/runs/${runId}/stream`, { starting_after: 3 });
  assert.equal(resumed.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const frames = parseSse((await readAll(resumed)).text);
  assert.deepEqual(types(frames), ['tool_return_message', 'reasoning_message', 'assistant_message', 'stop_reason', 'usage_statistics', '[DONE]']);
  assert.deepEqual(
    messagesOf(frames).map((m) => m.seq_id),
    [4, 5, 6],
  );
  assert.ok(messagesOf(frames).every((m) => m.run_id === runId));
  assert.ok(!('seq_id' in frames[3].json));

  const full = parseSse((await readAll(await post(`/v1/runs/${runId}/stream`, {}))).text);
  assert.equal(full[0].json.message_type, 'ping');
  assert.equal(full[0].json.seq_id, 1);
  assert.deepEqual(types(full), ['ping', 'reasoning_message', 'tool_call_message', 'tool_return_message', 'reasoning_message', 'assistant_message', 'stop_reason', 'usage_statistics', '[DONE]']);

  // Resuming while the run is still going follows it live.
  const slow = await send(DEFAULT_AGENT_ID, { input: '/slow 150 live one', streaming: true, background: true }, { 'x-mock-fault': 'disconnect-after=1' });
  const ping = parseSse((await readAll(slow)).text)[0].json;
  const live = parseSse((await readAll(await post(`/v1/runs/${ping.run_id}/stream`, { starting_after: 1, include_pings: false }))).text);
  assert.deepEqual(types(live), ['reasoning_message', 'assistant_message', 'stop_reason', 'usage_statistics', '[DONE]']);
  assert.equal(live[0].json.seq_id, 2);
  await noLeaks();
});

test('resume errors: 400 for a foreground run, 404 for an unknown one, 500 without a body', async () => {
  const { frames } = await stream(DEFAULT_AGENT_ID, { input: 'foreground' });
  const foreground = await post(`/v1/runs/${frames[0].json.run_id}/stream`, { starting_after: 0 });
  assert.equal(foreground.status, 400);
  assert.equal(await foreground.text(), '{"detail":"INVALID_ARGUMENT: Run was not created in background mode, so it cannot be retrieved."}');
  const unknown = await post('/v1/runs/run-00000000-0000-4000-8000-000000000000/stream', {});
  assert.equal(unknown.status, 404);
  await unknown.text();
  const bg = await stream(DEFAULT_AGENT_ID, { input: 'bg', background: true });
  const noBody = await post(`/v1/runs/${bg.frames[0].json.run_id}/stream`);
  assert.equal(noBody.status, 500);
  assert.equal(await noBody.text(), '{"detail":"An unknown error occurred"}');
});

test('cancel: the stream gets the spaced cancelled stop_reason; cancelling again names the last run, as Letta does', async () => {
  const agent = await newAgent('cancel');
  const res = await send(agent, { input: '/slow 3000 never mind', streaming: true });
  const { text, reader } = await readFrames(res, 1, 1000);
  const runId = parseSse(text)[0].json.run_id;
  const cancel = await post(`/v1/agents/${agent}/messages/cancel`, {});
  assert.deepEqual(await cancel.json(), { [runId]: 'cancelled' });
  let rest = text;
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    rest += decoder.decode(value, { stream: true });
  }
  assert.ok(rest.endsWith('data: {"message_type": "stop_reason", "stop_reason": "cancelled"}\n\n'), rest);
  assert.ok(!rest.includes('[DONE]'));
  // Without run_ids the server cancels the run stored as the agent's last one, even when it has ended.
  const again = await post(`/v1/agents/${agent}/messages/cancel`, { run_ids: null });
  assert.equal(again.status, 200);
  assert.deepEqual(await again.json(), { [runId]: 'cancelled' });
  const fresh = await newAgent('never ran');
  const none = await post(`/v1/agents/${fresh}/messages/cancel`, {});
  assert.equal(none.status, 409);
  assert.equal(await none.text(), `{"detail":"CONFLICT: No active runs to cancel for agent ${fresh}"}`);
  await noLeaks();
});

test('/__mock/requests logs method, path, redacted headers and the parsed body; /__mock/reset clears state', async () => {
  const marker = `log-${Date.now()}`;
  await (await send(DEFAULT_AGENT_ID, { input: marker }, { authorization: 'Bearer whatever' })).text();
  const log = await (await fetch(`${mock.url}/__mock/requests`)).json();
  assert.ok(log.length <= 100);
  const entry = log.find((r) => r.body?.input === marker);
  assert.equal(entry.method, 'POST');
  assert.equal(entry.path, `/v1/agents/${DEFAULT_AGENT_ID}/messages`);
  assert.equal(entry.headers.authorization, '[redacted]');
  assert.equal(entry.headers['x-stainless-package-version'], '1.12.1');

  for (let i = 0; i < 105; i++) await (await fetch(`${mock.url}/v1/health/`)).text();
  assert.equal((await (await fetch(`${mock.url}/__mock/requests`)).json()).length, 100);

  await requestApproval(DEFAULT_AGENT_ID);
  assert.equal((await send(DEFAULT_AGENT_ID, { input: 'blocked' })).status, 409);
  const reset = await post('/__mock/reset');
  assert.equal(reset.status, 200);
  await reset.text();
  assert.deepEqual(await (await fetch(`${mock.url}/__mock/requests`)).json(), []);
  assert.equal((await send(DEFAULT_AGENT_ID, { input: 'free again' })).status, 200);
});

test('CLI: prints one JSON line with the url and agent id, serves, stops on SIGTERM', async () => {
  const script = fileURLToPath(new URL('../scripts/mock-letta.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, '--port', '0', '--password', 'cli-pw'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const line = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const info = JSON.parse(line);
    assert.deepEqual(Object.keys(info), ['url', 'agentId']);
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(info.agentId, DEFAULT_AGENT_ID);
    assert.ok(!line.includes('cli-pw'));
    assert.equal((await fetch(`${info.url}/v1/health/`)).status, 200);
    assert.equal((await fetch(`${info.url}/v1/agents/`)).status, 401);
  } finally {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});
