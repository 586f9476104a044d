// Tests for the "conversations that survive" side of scripts/mock-letta.mjs: background runs and
// their seq numbers, resume, the conversation lock, same-otid re-attach, cancel, history and
// conversations. Run with
//   node --test tests/mock-letta*.test.mjs
// The mock runs in-process on a random port; every check goes through real fetch.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startMockLetta } from '../scripts/mock-letta.mjs';

const SDK = { 'x-stainless-package-version': '1.12.1' };
const CANCELLED = 'data: {"message_type": "stop_reason", "stop_reason": "cancelled"}';

let mock;
before(async () => {
  mock = await startMockLetta({ port: 0 });
});
after(async () => {
  await mock.close();
});

// ───────────── helpers ─────────────

function post(path, body, headers = {}, init = {}) {
  const options = { method: 'POST', headers: { 'content-type': 'application/json', ...SDK, ...headers }, ...init };
  if (body !== undefined) options.body = JSON.stringify(body);
  return fetch(`${mock.url}${path}`, options);
}
const get = async (path) => {
  const res = await fetch(`${mock.url}${path}`);
  return { status: res.status, body: await res.json() };
};
const send = (agent, body, headers) => post(`/v1/agents/${agent}/messages`, body, headers);

async function newAgent() {
  return (await (await post('/v1/agents/', { name: 'survive' })).json()).id;
}

/** Splits SSE text into frames: { data, json, event, raw }. */
function parseSse(text) {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((raw) => {
      const event = /^event: (.*)$/m.exec(raw)?.[1] ?? null;
      const data = /^data: (.*)$/m.exec(raw)?.[1] ?? '';
      let json = null;
      try {
        json = data === '[DONE]' ? null : JSON.parse(data);
      } catch {
        json = undefined;
      }
      return { data, json, event, raw };
    });
}

/** Reads the whole body (or up to a broken connection). */
async function readAll(res) {
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // the connection broke: keep what arrived
  }
  return parseSse(text);
}

/** Reads until `count` frames arrived; returns them and the reader (to go on or cancel). */
async function readFrames(res, count) {
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (parseSse(text).length < count || !text.endsWith('\n\n')) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return { frames: parseSse(text), reader };
}

const label = (f) => (f.data === '[DONE]' ? '[DONE]' : f.event ? `event:${f.event}` : f.json?.message_type);
const labels = (frames) => frames.map(label);
const seqs = (frames) => frames.map((f) => f.json?.seq_id ?? null);
const storedFrames = async (runId) => (await get(`/__mock/runs/${runId}/frames`)).body;

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

/** A request that must get no response at all within `ms` (the resume "hang"). */
async function expectNoResponse(promiseOf, ms = 300) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  await assert.rejects(promiseOf(controller.signal).then((res) => res.text()), (err) => err.name === 'AbortError');
  clearTimeout(timer);
}

// ───────────── background runs and resume ─────────────

test('a background stream numbers every frame: ping 1, messages 2…, hidden numbers for stop_reason, usage and [DONE]', async () => {
  const agent = await newAgent();
  const frames = await readAll(await send(agent, { input: 'weather in Oslo', streaming: true, background: true }));
  assert.deepEqual(labels(frames), ['ping', 'reasoning_message', 'tool_call_message', 'tool_return_message', 'reasoning_message', 'assistant_message', 'stop_reason', 'usage_statistics', '[DONE]']);
  assert.deepEqual(seqs(frames), [1, 2, 3, 4, 5, 6, null, null, null]);
  assert.ok(!('seq_id' in frames[6].json) && !('seq_id' in frames[7].json));
  const runId = frames[0].json.run_id;
  assert.ok(frames.slice(0, 6).every((f) => f.json.run_id === runId));
  const stored = await storedFrames(runId);
  assert.deepEqual(
    stored.frames.map((f) => f.seq),
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.deepEqual(
    stored.frames.map((f) => f.complete),
    [false, false, false, false, false, false, false, false, true],
  );
  assert.equal(stored.frames.map((f) => f.data).join(''), frames.map((f) => `${f.raw}\n\n`).join(''));

  // Without pings there is no ping at all: the first message is seq 1 (measured on 0.16.8).
  const quiet = await readAll(await send(agent, { input: 'quiet', streaming: true, background: true, include_pings: false }));
  assert.deepEqual(labels(quiet), ['reasoning_message', 'assistant_message', 'stop_reason', 'usage_statistics', '[DONE]']);
  assert.deepEqual(seqs(quiet).slice(0, 2), [1, 2]);
  // Token deltas each take a number.
  const tokens = await readAll(await send(agent, { input: 'tokens please', streaming: true, background: true, stream_tokens: true }));
  const numbered = seqs(tokens).filter((s) => s !== null);
  assert.deepEqual(numbered, numbered.map((_, i) => i + 1));
  assert.ok(numbered.length > 5);
});

test('resume from every n of a finished run: seq > n, then [DONE]; at L+3 and beyond no response at all', async () => {
  const agent = await newAgent();
  const full = await readAll(await send(agent, { input: 'resume me', streaming: true, background: true }));
  const runId = full[0].json.run_id;
  const last = Math.max(...seqs(full).filter((s) => s !== null)); // L = 3 (ping, reasoning, assistant)
  assert.equal(last, 3);
  for (let n = 0; n <= last + 2; n++) {
    const res = await post(`/v1/runs/${runId}/stream`, { starting_after: n });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const frames = await readAll(res);
    assert.deepEqual(
      frames.map((f) => f.raw),
      full.slice(n).map((f) => f.raw),
      `starting_after ${n}`,
    );
  }
  assert.deepEqual(labels(await readAll(await post(`/v1/runs/${runId}/stream`, { starting_after: last + 2 }))), ['[DONE]']);
  for (const n of [last + 3, last + 10]) {
    await expectNoResponse((signal) => post(`/v1/runs/${runId}/stream`, { starting_after: n }, {}, { signal }));
  }
  // include_pings:false on the resume only drops keepalive pings: the stored ping seq 1 is replayed.
  const again = await readAll(await post(`/v1/runs/${runId}/stream`, { starting_after: 0, include_pings: false }));
  assert.equal(again[0].json.message_type, 'ping');
  await eventually(async () => assert.equal((await get('/__mock/stats')).body.activeStreams, 0));
});

test('resume of a live run replays what was produced, then follows it; nothing is lost or repeated', async () => {
  const agent = await newAgent();
  const body = { input: '/drip 30 /long 12 live', streaming: true, background: true, stream_tokens: true };
  const cut = await readAll(await send(agent, body, { 'x-mock-fault': 'disconnect-after=3' }));
  assert.deepEqual(seqs(cut), [1, 2, 3]);
  const runId = cut[0].json.run_id;
  assert.equal((await get(`/v1/runs/${runId}`)).body.status, 'running');
  const rest = await readAll(await post(`/v1/runs/${runId}/stream`, { starting_after: 3 }));
  assert.equal(rest.at(-1).data, '[DONE]');
  assert.deepEqual(seqs(rest.filter((f) => f.json?.seq_id)), rest.filter((f) => f.json?.seq_id).map((_, i) => i + 4));
  const stored = await storedFrames(runId);
  assert.deepEqual(
    [...cut, ...rest].map((f) => `${f.raw}\n\n`),
    stored.frames.map((f) => f.data),
  );
});

test('a cut background stream goes on to completion server-side; a cut foreground stream stops its run', async () => {
  const agent = await newAgent();
  const cut = await readAll(await send(agent, { input: '/slow 60 weather in Rome', streaming: true, background: true }, { 'x-mock-fault': 'disconnect-after=2' }));
  assert.equal(cut.length, 2);
  const runId = cut[0].json.run_id;
  await eventually(async () => assert.equal((await get(`/v1/runs/${runId}`)).body.status, 'completed'));
  const stored = await storedFrames(runId);
  assert.equal(stored.frames.at(-1).data, 'data: [DONE]\n\n');
  assert.equal((await get(`/v1/runs/${runId}`)).body.stop_reason, 'end_turn');

  const fg = await readAll(await send(agent, { input: '/slow 60 weather in Rome', streaming: true }, { 'x-mock-fault': 'disconnect-after=2' }));
  const fgRun = fg[0].json.run_id;
  await eventually(async () => assert.equal((await get(`/v1/runs/${fgRun}`)).body.status, 'failed'));
  assert.ok(!(await storedFrames(fgRun)).frames.some((f) => f.data === 'data: [DONE]\n\n'));
});

test('disconnect-after applies to resume requests too (times + key: the second resume is whole)', async () => {
  const agent = await newAgent();
  const full = await readAll(await send(agent, { input: 'weather in Lima', streaming: true, background: true }));
  const runId = full[0].json.run_id;
  const fault = { 'x-mock-fault': `disconnect-after=2; times=1; key=${runId}` };
  const first = await readAll(await post(`/v1/runs/${runId}/stream`, { starting_after: 1 }, fault));
  assert.deepEqual(seqs(first), [2, 3]);
  const second = await readAll(await post(`/v1/runs/${runId}/stream`, { starting_after: 3 }, fault));
  assert.deepEqual([...first, ...second].map((f) => f.raw), full.slice(1).map((f) => f.raw));
});

// ───────────── the lock, re-attach, cancel ─────────────

test('the agent route takes no lock: a second message to a busy agent runs beside the first (measured on 0.16.8)', async () => {
  const agent = await newAgent();
  const res = await send(agent, { input: '/slow 300 hold it', streaming: true });
  const { frames, reader } = await readFrames(res, 1);
  const runId = frames[0].json.run_id;
  const beside = await send(agent, { input: 'me too', streaming: true, background: true });
  assert.equal(beside.status, 200);
  const second = await readAll(beside);
  assert.notEqual(second[0].json.run_id, runId);
  assert.equal(second.at(-1).data, '[DONE]');
  while (!(await reader.read()).done);
});

test('the same otids on the agent route start a second run; on a conversation route they re-attach from its first frame', async () => {
  const agent = await newAgent();
  const otid = randomUUID();
  const body = { messages: [{ role: 'user', content: '/drip 30 /long 8 again', otid }], streaming: true, background: true, stream_tokens: true };
  const first = await send(agent, body);
  const { frames, reader } = await readFrames(first, 2);
  await reader.cancel();
  const again = await readAll(await send(agent, body));
  assert.notEqual(again[0].json.run_id, frames[0].json.run_id, 'the agent route starts another run');

  const conv = await (await post(`/v1/conversations/?agent_id=${agent}`)).json();
  const path = `/v1/conversations/${conv.id}/messages`;
  const attach = { ...body, messages: [{ role: 'user', content: '/drip 30 /long 8 again', otid }] };
  const head = await readFrames(await post(path, attach), 2);
  await head.reader.cancel();
  const runId = head.frames[0].json.run_id;
  const runsBefore = (await get('/__mock/stats')).body.runs;
  const replay = await readAll(await post(path, attach));
  assert.equal(replay[0].json.run_id, runId);
  assert.equal(replay[0].json.seq_id, 1);
  assert.equal(replay.at(-1).data, '[DONE]');
  assert.equal((await get('/__mock/stats')).body.runs, runsBefore, 'no second run');
});

test('cancel: the live stream ends with the spaced cancelled stop_reason, the run is cancelled, the lock is freed', async () => {
  const agent = await newAgent();
  const res = await send(agent, { input: '/drip 40 /long 60 stop me', streaming: true, background: true, stream_tokens: true });
  const { frames, reader } = await readFrames(res, 3);
  const runId = frames[0].json.run_id;
  const cancel = await post(`/v1/agents/${agent}/messages/cancel`, {});
  assert.equal(cancel.status, 200);
  assert.deepEqual(await cancel.json(), { [runId]: 'cancelled' });
  const next = await send(agent, { input: 'after the cancel' });
  assert.equal(next.status, 200, 'the lock is released at once');
  await next.text();
  let rest = '';
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    rest += decoder.decode(value, { stream: true });
  }
  assert.deepEqual(labels(parseSse(rest)).slice(-2), ['stop_reason', '[DONE]']);
  assert.ok(rest.endsWith(`${CANCELLED}\n\ndata: [DONE]\n\n`));
  const run = (await get(`/v1/runs/${runId}`)).body;
  assert.equal(run.status, 'cancelled');
  assert.equal(run.stop_reason, 'cancelled');
  // Cancelling by run id again: idempotent.
  const twice = await post(`/v1/agents/${agent}/messages/cancel`, { run_ids: [runId, 'run-00000000-0000-4000-8000-000000000000'] });
  assert.deepEqual(await twice.json(), { [runId]: 'cancelled', 'run-00000000-0000-4000-8000-000000000000': 'failed' });
});

test('cancelling a run that waits for approval denies the call in the history and frees the agent', async () => {
  const agent = await newAgent();
  const first = await (await send(agent, { input: 'delete notes.txt' })).json();
  assert.equal(first.stop_reason.stop_reason, 'requires_approval');
  const runId = first.messages[0].run_id;
  assert.equal((await send(agent, { input: 'blocked' })).status, 409);
  assert.deepEqual(await (await post(`/v1/agents/${agent}/messages/cancel`, { run_ids: [runId] })).json(), { [runId]: 'cancelled' });
  const history = (await get(`/v1/agents/${agent}/messages?limit=2`)).body;
  assert.deepEqual(history.map((m) => m.message_type), ['approval_response_message', 'tool_return_message']);
  assert.equal(history[0].approvals[0].approve, false);
  assert.match(history[1].tool_return, /cancelled the request/);
  assert.equal((await get(`/v1/runs/${runId}`)).body.status, 'cancelled');
  assert.equal((await send(agent, { input: 'free' })).status, 200);
});

// ───────────── history ─────────────

test('history: whole messages per row, desc picks the newest rows oldest first, asc the oldest; cursors page', async () => {
  const agent = await newAgent();
  const otids = [];
  for (const word of ['one', 'two', 'three']) {
    const otid = randomUUID();
    otids.push(otid);
    const res = await send(agent, { messages: [{ role: 'user', content: word, otid }] });
    assert.equal(res.status, 200);
    await res.text();
  }
  const all = (await get(`/v1/agents/${agent}/messages`)).body;
  assert.deepEqual(
    all.map((m) => m.message_type),
    ['system_message', 'user_message', 'reasoning_message', 'assistant_message', 'user_message', 'reasoning_message', 'assistant_message', 'user_message', 'reasoning_message', 'assistant_message'],
  );
  assert.deepEqual(all.filter((m) => m.message_type === 'user_message').map((m) => m.otid), otids);
  assert.deepEqual(all.filter((m) => m.message_type === 'user_message').map((m) => m.content), ['one', 'two', 'three']);
  assert.ok(all.every((m) => m.seq_id === null));
  assert.deepEqual((await get(`/v1/agents/${agent}/messages?limit=100&order=asc`)).body, all);
  // A row is one LLM call: reasoning + assistant share an id and count once.
  const ids = (list) => list.map((m) => m.id);
  assert.deepEqual(ids((await get(`/v1/agents/${agent}/messages?limit=1`)).body), ids(all.slice(8)));
  const two = (await get(`/v1/agents/${agent}/messages?limit=2`)).body;
  assert.deepEqual(ids(two), ids(all.slice(7)));
  const older = (await get(`/v1/agents/${agent}/messages?limit=2&before=${two[0].id}`)).body;
  assert.deepEqual(ids(older), ids(all.slice(4, 7)));
  assert.deepEqual(ids((await get(`/v1/agents/${agent}/messages?limit=1&order=asc`)).body), ids(all.slice(0, 1)));
  const asc = (await get(`/v1/agents/${agent}/messages?limit=2&order=asc&after=${all[1].id}`)).body;
  assert.deepEqual(ids(asc), ids(all.slice(2, 5)));
  // Errors.
  const missing = await get('/v1/agents/agent-00000000-0000-4000-8000-000000000000/messages');
  assert.deepEqual(missing, { status: 404, body: { detail: 'Agent not found' } });
  const bad = await get(`/v1/agents/${agent}/messages?limit=abc`);
  assert.equal(bad.status, 422);
  assert.equal(bad.body.detail, "[{'type': 'int_parsing', 'loc': ('query', 'limit'), 'msg': 'Input should be a valid integer, unable to parse string as an integer', 'input': 'abc'}]");
});

test('history keeps token-streamed messages whole, with the ids and otids of the stream, and tool calls and returns', async () => {
  const agent = await newAgent();
  const frames = await readAll(await send(agent, { input: 'weather in Paris', streaming: true, stream_tokens: true }));
  const streamed = frames.filter((f) => f.json?.id?.startsWith('message-')).map((f) => f.json);
  const history = (await get(`/v1/agents/${agent}/messages?limit=100`)).body.slice(2);
  assert.deepEqual(
    history.map((m) => m.message_type),
    ['reasoning_message', 'tool_call_message', 'tool_return_message', 'reasoning_message', 'assistant_message'],
  );
  for (const m of history) assert.ok(streamed.some((s) => s.id === m.id && s.otid === m.otid), m.message_type);
  const text = streamed.filter((m) => m.message_type === 'assistant_message').map((m) => m.content).join('');
  assert.equal(history.at(-1).content, text);
  assert.equal(JSON.parse(history[1].tool_call.arguments).city, 'Paris');
});

// ───────────── conversations ─────────────

test('conversations: create, list, stream into, history, cancel, resume; locked per conversation', async () => {
  const agent = await newAgent();
  const created = await post(`/v1/conversations/?agent_id=${agent}`);
  assert.equal(created.status, 200);
  const conv = await created.json();
  assert.match(conv.id, /^conv-[0-9a-f-]{36}$/);
  assert.deepEqual(Object.keys(conv), [
    'created_by_id',
    'last_updated_by_id',
    'created_at',
    'updated_at',
    'id',
    'agent_id',
    'summary',
    'in_context_message_ids',
    'isolated_block_ids',
    'model',
    'model_settings',
    'last_message_at',
  ]);
  assert.equal(conv.agent_id, agent);
  const second = await (await post(`/v1/conversations/?agent_id=${agent}`)).json();
  const listed = (await get(`/v1/conversations/?agent_id=${agent}`)).body;
  assert.deepEqual(listed.map((c) => c.id), [second.id, conv.id]);
  assert.deepEqual((await get(`/v1/conversations/?agent_id=${agent}&order=asc&limit=1`)).body.map((c) => c.id), [conv.id]);
  // Creating a conversation adds a system message to the agent's history.
  const agentHistory = (await get(`/v1/agents/${agent}/messages`)).body;
  assert.deepEqual(agentHistory.map((m) => m.message_type), ['system_message', 'system_message', 'system_message']);

  // Streams by default, with a ping first even without include_pings.
  const frames = await readAll(await post(`/v1/conversations/${conv.id}/messages`, { input: 'hello thread', include_pings: false }, { 'user-agent': 'curl/8.5.0' }));
  assert.deepEqual(labels(frames), ['ping', 'reasoning_message', 'assistant_message', 'stop_reason', 'usage_statistics', '[DONE]']);
  const json = await (await post(`/v1/conversations/${conv.id}/messages`, { input: 'as json', streaming: false })).json();
  assert.equal(json.stop_reason.stop_reason, 'end_turn');
  const thread = (await get(`/v1/conversations/${conv.id}/messages?order=asc`)).body;
  assert.deepEqual(thread.map((m) => m.message_type), ['system_message', 'user_message', 'reasoning_message', 'assistant_message', 'user_message', 'reasoning_message', 'assistant_message']);
  // A conversation's own route gives a desc page newest first (the agent route, oldest first).
  assert.deepEqual((await get(`/v1/conversations/${conv.id}/messages`)).body, [...thread].reverse());
  assert.equal((await get(`/v1/conversations/${second.id}/messages`)).body.length, 1);
  assert.equal((await get(`/v1/agents/${agent}/messages?conversation_id=default`)).body.length, 1);
  assert.equal((await get(`/v1/agents/${agent}/messages?conversation_id=${conv.id}`)).body.length, 7);
  assert.ok((await get(`/v1/conversations/${conv.id}`)).body.last_message_at);

  // Nothing running: 409.
  const idle = await post(`/v1/conversations/${conv.id}/cancel?agent_id=${agent}`);
  assert.equal(idle.status, 409);
  assert.equal(await idle.text(), `{"detail":"CONFLICT: No active runs to cancel for conversation ${conv.id}"}`);

  // A background run: the other conversation and the agent itself stay free; this one is busy.
  const cut = await readAll(
    await post(`/v1/conversations/${conv.id}/messages`, { input: '/drip 30 /long 10 bg', background: true, stream_tokens: true }, { 'x-mock-fault': 'disconnect-after=2' }),
  );
  const runId = cut[0].json.run_id;
  const busy = await post(`/v1/conversations/${conv.id}/messages`, { input: 'busy?' });
  assert.equal(busy.status, 409);
  assert.equal((await busy.json()).run_id, runId);
  const free = await post(`/v1/conversations/${second.id}/messages`, { input: 'other thread' });
  assert.equal(free.status, 200);
  await free.text();
  const resumed = await readAll(await post(`/v1/conversations/${conv.id}/stream`, { starting_after: 2 }));
  assert.equal(resumed[0].json.seq_id, 3);
  assert.equal(resumed.at(-1).data, '[DONE]');
  assert.deepEqual([...cut, ...resumed].map((f) => `${f.raw}\n\n`), (await storedFrames(runId)).frames.map((f) => f.data));
  const none = await post(`/v1/conversations/${conv.id}/stream`, {});
  assert.equal(none.status, 400);
  assert.deepEqual(await none.json(), { detail: 'INVALID_ARGUMENT: No active runs found for this conversation.' });

  // Cancel a live conversation run.
  const live = await post(`/v1/conversations/${conv.id}/messages`, { input: '/drip 40 /long 50 cancel me', stream_tokens: true });
  const { frames: head, reader } = await readFrames(live, 2);
  const cancel = await post(`/v1/conversations/${conv.id}/cancel?agent_id=${agent}`);
  assert.deepEqual(await cancel.json(), { [head[0].json.run_id]: 'cancelled' });
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    rest += new TextDecoder().decode(value);
  }
  assert.ok(rest.includes(CANCELLED), rest);
  assert.equal((await get(`/v1/runs/${head[0].json.run_id}`)).body.status, 'cancelled');
});

test('conversation errors: unknown conversation 404, empty messages 422, resume by otid', async () => {
  const agent = await newAgent();
  const unknown = await post('/v1/conversations/conv-00000000-0000-4000-8000-000000000000/messages', { input: 'x' });
  assert.equal(unknown.status, 404);
  await unknown.text();
  const empty = await post(`/v1/conversations/?agent_id=${agent}`);
  const conv = await empty.json();
  const noMessages = await post(`/v1/conversations/${conv.id}/messages`, { messages: [] });
  assert.equal(noMessages.status, 422);
  assert.deepEqual(await noMessages.json(), { detail: 'Messages must not be empty' });
  const otid = randomUUID();
  const frames = await readAll(await post(`/v1/conversations/${conv.id}/messages`, { messages: [{ role: 'user', content: 'find me', otid }], background: true }));
  const byOtid = await readAll(await post(`/v1/conversations/${conv.id}/stream`, { otid, starting_after: 0 }));
  assert.deepEqual(byOtid.map((f) => f.raw), frames.map((f) => f.raw));
  const byRun = await readAll(await post(`/v1/conversations/${conv.id}/stream`, { run_id: frames[0].json.run_id, starting_after: 1 }));
  assert.deepEqual(byRun.map((f) => f.raw), frames.slice(1).map((f) => f.raw));
});
