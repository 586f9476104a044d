// Run inside a throwaway consumer project that installed the packed letta-wasm tarball (see
// scripts/test-package.sh): the bare specifier resolves through the installed package's `exports`
// (the `node` condition, index.node.js). MOCK_LETTA is the absolute path of scripts/mock-letta.mjs.
import { LettaClient, MessageAccumulator, ValidationError } from 'letta-wasm';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const failures = [];
function check(condition, message) {
  if (!condition) throw new Error(message);
}
async function step(name, body) {
  try {
    await body();
    console.log(`node-smoke: ok   ${name}`);
  } catch (error) {
    failures.push(name);
    console.error(`node-smoke: FAIL ${name}: ${error?.stack ?? error}`);
  }
}

const resolved = createRequire(import.meta.url).resolve('letta-wasm');
check(resolved.includes('node_modules/letta-wasm/'), `letta-wasm resolved outside node_modules: ${resolved}`);

const mockPath = process.env.MOCK_LETTA;
if (!mockPath) {
  console.error('node-smoke: set MOCK_LETTA to the absolute path of scripts/mock-letta.mjs');
  process.exit(2);
}
const { startMockLetta } = await import(pathToFileURL(mockPath).href);
const mock = await startMockLetta({ port: 0 });
const client = new LettaClient({ baseUrl: mock.url, apiKey: 'sk-consumer', maxRetries: 0 });

try {
  await step('sendMessage', async () => {
    const response = await client.sendMessage(mock.agentId, { input: 'Hello from the installed package' });
    const assistant = response.messages.find((m) => m.message_type === 'assistant_message');
    check(assistant && typeof assistant.content === 'string', `no assistant message in ${JSON.stringify(response)}`);
    check(response.stop_reason?.stop_reason === 'end_turn', `stop_reason ${JSON.stringify(response.stop_reason)}`);
  });

  await step('streamMessage with MessageAccumulator', async () => {
    const accumulator = new MessageAccumulator();
    const types = [];
    for await (const item of client.streamMessage(mock.agentId, { input: 'stream tokens please', stream_tokens: true })) {
      types.push(item.message_type);
      accumulator.push(item);
    }
    check(types.length > 3, `only ${types.length} items: ${types}`);
    check(types.at(-1) === 'usage_statistics', `last item ${types.at(-1)}`);
    const assistant = accumulator.messages.find((m) => m.message_type === 'assistant_message');
    check(assistant && typeof assistant.content === 'string' && assistant.content.includes('stream tokens please'),
      `accumulated assistant message: ${JSON.stringify(assistant)}`);
    accumulator.free();
  });

  await step('sendApproval (streamed)', async () => {
    const items = await client.streamMessage(mock.agentId, { input: 'please delete stale-cache.bin' }).toArray();
    const request = items.find((item) => item.message_type === 'approval_request_message');
    check(request, `no approval_request_message in ${items.map((i) => i.message_type)}`);
    const stop = items.find((item) => item.message_type === 'stop_reason');
    check(stop?.stop_reason === 'requires_approval', `stop_reason ${JSON.stringify(stop)}`);
    const toolCallId = request.tool_calls[0].tool_call_id;
    const after = await client.sendApproval(mock.agentId, { toolCallId, approve: true }, { stream: true }).toArray();
    const ret = after.find((item) => item.message_type === 'tool_return_message');
    check(ret?.status === 'success', `tool return ${JSON.stringify(ret)}`);
    check(after.some((item) => item.message_type === 'assistant_message'), 'no assistant answer after the approval');
  });

  await step('ValidationError', async () => {
    let caught;
    try {
      await client.sendMessage(mock.agentId, { input: 'x', stream_tokens: true });
    } catch (error) {
      caught = error;
    }
    check(caught instanceof ValidationError, `expected ValidationError, got ${caught}`);
    check(caught.issues[0]?.code === 'requires_streaming', `issues ${JSON.stringify(caught.issues)}`);
  });
} finally {
  client.free();
  await mock.close();
}

if (failures.length) {
  console.error(`node-smoke: ${failures.length} failed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('node-smoke: all passed');
