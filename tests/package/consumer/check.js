// What the browser and Web Worker checks run, bundled with esbuild from a consumer project that
// installed letta-wasm (see scripts/test-package.sh): `import 'letta-wasm'` resolves to the package's
// browser entry (index.js), which loads letta_wasm_bg.wasm from next to the bundle.
import { APIConnectionError, APIConnectionTimeoutError, LettaClient, MessageAccumulator, StreamError, ValidationError } from 'letta-wasm';

/** Streams with token deltas folded, checks a ValidationError; resolves to what it saw. */
export async function run(baseUrl, agentId, text) {
  const client = new LettaClient({ baseUrl, apiKey: 'sk-browser', maxRetries: 0 });
  const accumulator = new MessageAccumulator();
  const types = [];
  for await (const item of client.streamMessage(agentId, { input: text, stream_tokens: true })) {
    types.push(item.message_type);
    accumulator.push(item);
  }
  const assistant = accumulator.messages.find((m) => m.message_type === 'assistant_message');
  if (!assistant || !String(assistant.content).includes(text)) {
    throw new Error(`accumulated assistant message: ${JSON.stringify(assistant)}`);
  }
  if (types.at(-1) !== 'usage_statistics') throw new Error(`last item ${types.at(-1)}`);

  let invalid;
  try {
    await client.sendMessage(agentId, { input: 'x', stream_tokens: true });
  } catch (error) {
    invalid = error;
  }
  if (!(invalid instanceof ValidationError)) throw new Error(`expected ValidationError, got ${invalid}`);
  const faultsSeen = await faults(client, agentId);
  faultsSeen.push(await cutAndResume(baseUrl, agentId));
  accumulator.free();
  client.free();
  return { ok: true, items: types.length, assistant: assistant.content, faults: faultsSeen };
}

/** The message types a stream delivered, and the error it ended with. */
async function drain(stream) {
  const types = [];
  try {
    for await (const item of stream) types.push(item.message_type);
  } catch (error) {
    return { types, error };
  }
  return { types, error: undefined };
}

/** Faults through this platform's own fetch: the items before each, then one typed error. */
async function faults(client, agentId) {
  const fault = (spec, extra = {}) => ({ headers: { 'X-Mock-Fault': spec }, ...extra });
  const cases = [
    ['a cut connection', fault('disconnect-after=3'), ['reasoning_message', 'assistant_message'], (e) => e instanceof APIConnectionError && !(e instanceof APIConnectionTimeoutError)],
    ['a malformed event', fault('malformed-after=2'), ['reasoning_message'], (e) => e instanceof StreamError && e.errorType === 'decode_error'],
    ['a stall mid-body', fault('stall-after=2', { timeoutMs: 300 }), ['reasoning_message'], (e) => e instanceof APIConnectionTimeoutError],
  ];
  for (const [what, options, expected, isRight] of cases) {
    const { types, error } = await drain(client.streamMessage(agentId, { input: what }, options));
    if (JSON.stringify(types) !== JSON.stringify(expected)) throw new Error(`${what}: items ${types}, expected ${expected}`);
    if (!error || !isRight(error)) throw new Error(`${what}: ended with ${error?.name}: ${error?.message}`);
  }
  return cases.map(([what]) => what);
}

/** A background stream cut mid-body resumes through this platform's fetch: every item, once. */
async function cutAndResume(baseUrl, agentId) {
  const client = new LettaClient({ baseUrl, maxRetries: 2 });
  const params = { input: 'weather in Rome', background: true };
  const key = (item) => `${item.message_type}:${item.id ?? ''}:${item.seq_id ?? ''}`;
  const whole = await client.streamMessage(agentId, params).toArray();
  const spec = `disconnect-after=3; times=1; key=resume-${Math.random()}`;
  const stream = client.streamMessage(agentId, params, { headers: { 'X-Mock-Fault': spec } });
  const { types, error } = await drain(stream);
  if (error) throw new Error(`cut and resumed: ended with ${error.name}: ${error.message}`);
  if (stream.resumes !== 1) throw new Error(`cut and resumed: ${stream.resumes} resumes`);
  if (JSON.stringify(types) !== JSON.stringify(whole.map((item) => item.message_type))) {
    throw new Error(`cut and resumed: items ${types}, expected ${whole.map((item) => item.message_type)}`);
  }
  const replay = await client.resumeStream(stream.runId).toArray();
  const seen = new Set(replay.map(key));
  if (JSON.stringify(replay.map((item) => item.message_type)) !== JSON.stringify(types) || seen.size !== replay.length) {
    throw new Error(`cut and resumed: the run recorded ${replay.map(key)}, the stream gave ${types}`);
  }
  return 'a cut background stream, resumed';
}
