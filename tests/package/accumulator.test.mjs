// The package's MessageAccumulator (JavaScript) folds every SSE fixture exactly as the crate's
// MessageAccumulator (Rust) does: tests/fixtures/accumulated/ holds the Rust folds (kept current by
// `cargo test --test accumulate_fixtures`); here the same bytes go through the package's own
// streamMessage and the JavaScript fold, and the results must be deep-equal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

import * as letta from '../../pkg/index.node.js';

const FIXTURES = new URL('../fixtures/', import.meta.url);

/** The items the package yields for a recorded body, up to its first error. */
async function itemsOf(name) {
  const body = readFileSync(new URL(`sse/${name}.sse`, FIXTURES));
  const fetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  const items = [];
  let failed = false;
  try {
    for await (const item of letta.streamMessage('agent-123e4567-e89b-42d3-a456-426614174000', { input: 'x', include_pings: true }, { fetch, maxRetries: 0 })) {
      items.push(item);
    }
  } catch {
    failed = true;
  }
  return { items, failed };
}

const names = readdirSync(new URL('sse/', FIXTURES))
  .filter((file) => file.endsWith('.sse'))
  .map((file) => file.slice(0, -4))
  .sort();

test('every fixture folds to the messages the Rust accumulator made', async () => {
  let compared = 0;
  for (const name of names) {
    const { items, failed } = await itemsOf(name);
    // The Rust fold also takes the items after a failure; the stream stops there.
    if (failed) continue;
    const accumulator = new letta.MessageAccumulator();
    for (const item of items) accumulator.push(item);
    const expected = JSON.parse(readFileSync(new URL(`accumulated/${name}.json`, FIXTURES), 'utf8'));
    assert.deepStrictEqual(accumulator.messages, expected, name);
    compared += 1;
  }
  assert.ok(compared >= 20, `${compared} fixtures compared (those that end without an error)`);
});

test('whole messages come back as the very objects pushed, and pushed objects are never changed', async () => {
  const { items } = await itemsOf('step_streaming');
  const accumulator = new letta.MessageAccumulator();
  for (const item of items.filter((item) => item.message_type.endsWith('_message'))) {
    assert.equal(accumulator.push(item), item);
  }
  const { items: deltas } = await itemsOf('token_tool_call_deltas');
  const copies = structuredClone(deltas);
  const folding = new letta.MessageAccumulator();
  for (const item of deltas) folding.push(item);
  assert.deepStrictEqual(deltas, copies, 'the deltas pushed are unchanged');
  assert.equal(folding.push({ message_type: 'ping', id: 'ping-1' }), undefined);
  assert.equal(folding.push({ message_type: 'stop_reason', stop_reason: 'end_turn' }), undefined);
});
