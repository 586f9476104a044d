// The benchmarks that run the same way in Node and in Chromium: stream throughput at three chunk
// sizes, large events, time to the first item, and validation. Every figure is a median over
// interleaved rounds (each round runs every competitor once, in the same order).
import { chunkedFetch, competitors } from './competitors.mjs';
import { largeEventsBody, realisticBody } from './fixture.mjs';

const now = () => performance.now();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs every benchmark; `log` reports progress. Returns plain JSON. */
export async function runSuite(modules, { rounds = 5, log = () => {} } = {}) {
  const decoders = competitors(modules);
  const results = {};

  // 1. Throughput on a realistic stream.
  const body = realisticBody();
  const bytes = new TextEncoder().encode(body.text);
  results.stream = { events: body.events, bytes: bytes.length, chunks: {} };
  for (const size of [64, 1024, 65536]) {
    const times = Object.fromEntries(Object.keys(decoders).map((name) => [name, []]));
    for (let round = -1; round < rounds; round++) {
      for (const [name, decode] of Object.entries(decoders)) {
        const start = now();
        const count = await decode(chunkedFetch(bytes, size));
        const ms = now() - start;
        if (count !== body.events) throw new Error(`${name} delivered ${count} of ${body.events} events at ${size} B chunks`);
        if (round >= 0) times[name].push(ms);
      }
    }
    results.stream.chunks[size] = Object.fromEntries(
      Object.entries(times).map(([name, ms]) => [name, { ms: median(ms), eventsPerSecond: Math.round(body.events / (median(ms) / 1000)) }]),
    );
    log(`stream ${size} B: ${JSON.stringify(results.stream.chunks[size])}`);
  }

  // 2. Large events: 4 × 1 MiB in 1 KiB chunks.
  const large = largeEventsBody();
  const largeBytes = new TextEncoder().encode(large.text);
  results.large = { events: large.events, bytes: largeBytes.length, chunk: 1024, ms: {} };
  const largeTimes = Object.fromEntries(Object.keys(decoders).map((name) => [name, []]));
  for (let round = 0; round < 3; round++) {
    for (const [name, decode] of Object.entries(decoders)) {
      const start = now();
      const count = await decode(chunkedFetch(largeBytes, 1024));
      largeTimes[name].push(now() - start);
      if (count !== large.events) throw new Error(`${name} delivered ${count} of ${large.events} large events`);
    }
  }
  for (const [name, ms] of Object.entries(largeTimes)) results.large.ms[name] = median(ms);
  log(`large: ${JSON.stringify(results.large.ms)}`);

  // 3. Time to the first item after its bytes arrive (a fresh stream each time, after warm-up).
  const firstEvent = new TextEncoder().encode(body.text.slice(0, body.text.indexOf('\n\n') + 2));
  const done = new TextEncoder().encode('data: [DONE]\n\n');
  results.firstItem = {};
  for (const [name, decode] of Object.entries(decoders)) {
    const samples = [];
    for (let i = 0; i < 60; i++) {
      let firstByte = 0;
      let finish;
      const fetch = async () =>
        new Response(
          new ReadableStream({
            start(controller) {
              firstByte = now();
              controller.enqueue(firstEvent);
              finish = () => {
                controller.enqueue(done);
                controller.close();
              };
            },
          }),
          { status: 200, headers: { 'content-type': 'text/event-stream' } },
        );
      await decode(fetch, () => {
        samples.push(now() - firstByte);
        finish();
      });
    }
    results.firstItem[name] = { ms: +median(samples.slice(10)).toFixed(3) };
  }
  log(`first item: ${JSON.stringify(results.firstItem)}`);

  // 4. Validation.
  const { validateSendParams } = modules.letta;
  const agentId = 'agent-123e4567-e89b-42d3-a456-426614174000';
  const small = { messages: [{ role: 'user', content: 'What is the weather in Lyon?' }], max_steps: 10 };
  const bigParts = [];
  for (let i = 0; i < 100; i++) {
    bigParts.push({
      role: i % 2 ? 'assistant' : 'user',
      content: [
        { type: 'text', text: `message ${i}: ${'lorem ipsum '.repeat(20)}` },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo='.repeat(8) } },
      ],
      otid: `otid-${i}`,
    });
  }
  const big = { messages: bigParts, include_return_message_types: ['assistant_message', 'tool_call_message'], max_steps: 25 };
  results.validation = {};
  for (const [name, params] of [
    ['small', small],
    ['large', big],
  ]) {
    const bytes = JSON.stringify(params).length;
    if (!validateSendParams(agentId, params).ok) throw new Error(`the ${name} payload is not valid`);
    let count = 0;
    const start = now();
    while (now() - start < 1000) {
      for (let i = 0; i < 20; i++) validateSendParams(agentId, params);
      count += 20;
    }
    const seconds = (now() - start) / 1000;
    results.validation[name] = { bytes, payloadsPerSecond: Math.round(count / seconds), mbPerSecond: +((count * bytes) / seconds / 1e6).toFixed(1) };
  }
  log(`validation: ${JSON.stringify(results.validation)}`);
  return results;
}
