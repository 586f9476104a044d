// What the browser and Web Worker checks run, bundled with esbuild from a consumer project that
// installed letta-wasm (see scripts/test-package.sh): `import 'letta-wasm'` resolves to the package's
// browser entry (index.js), which loads letta_wasm_bg.wasm from next to the bundle.
import { LettaClient, MessageAccumulator, ValidationError } from 'letta-wasm';

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
  accumulator.free();
  client.free();
  return { ok: true, items: types.length, assistant: assistant.content };
}
