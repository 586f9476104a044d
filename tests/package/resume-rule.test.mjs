// The rule by which a background MessageStream keeps its place (run id, last sequence number,
// replayed frames skipped, complete after usage or a cancelled stop reason), checked on the cases of
// tests/fixtures/resume/positions.json, which src/client/resume.rs's tests check for the Rust client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import * as letta from '../../pkg/index.node.js';

const { cases } = JSON.parse(readFileSync(new URL('../fixtures/resume/positions.json', import.meta.url), 'utf8'));
const AGENT = 'agent-123e4567-e89b-42d3-a456-426614174000';
const DATE = '2026-12-07T12:00:00+00:00';

/** The fixture's item with the fields its type requires (the package checks every item's shape). */
function whole(item, index) {
  const base = { id: `message-${index}`, date: DATE, ...item };
  switch (item.message_type) {
    case 'ping':
      return { ...base, id: `ping-${index}` };
    case 'reasoning_message':
      return { ...base, reasoning: 'thinking' };
    case 'assistant_message':
      return { ...base, content: `part ${index}` };
    default:
      return item;
  }
}

for (const { name, items, delivered, run_id: runId, last_seq: lastSeq, complete } of cases) {
  test(name, async () => {
    // A complete run's body ends without [DONE] here: the stream must end there by itself, not resume.
    const body = items.map((item, index) => `data: ${JSON.stringify(whole(item, index))}\n\n`).join('') + (complete ? '' : 'data: [DONE]\n\n');
    let requests = 0;
    const client = new letta.LettaClient({
      baseURL: 'http://127.0.0.1:1',
      maxRetries: 0,
      fetch: async () => {
        requests += 1;
        return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
      },
    });
    const stream = client.streamMessage(AGENT, { input: 'hi', background: true, include_pings: true });
    const got = await stream.toArray();
    assert.deepEqual(
      got.map((item) => item.id ?? item.message_type),
      delivered.map((index) => whole(items[index], index).id ?? items[index].message_type),
    );
    assert.equal(stream.runId, runId);
    assert.equal(stream.lastSeqId, lastSeq);
    assert.equal(requests, 1, 'read in one body');
  });
}
