// Creates the peer's test agent and prints its id: the default letta_v1_agent on the fake model,
// with memory_insert made to need approval. Usage: node create-agent.mjs http://127.0.0.1:18284
const [base] = process.argv.slice(2);
const headers = { 'content-type': 'application/json', 'x-stainless-package-version': '1.0.0' };
async function call(method, path, body) {
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
const agent = await call('POST', '/v1/agents/', {
  name: `letta-wasm-peer-${Date.now()}`,
  model: 'openai-proxy/gpt-4o-mini',
  embedding: 'openai/text-embedding-3-small',
  memory_blocks: [
    { label: 'human', value: 'The user is testing letta-wasm against a real Letta server.' },
    { label: 'persona', value: 'You are a terse test agent.' },
  ],
});
await call('PATCH', `/v1/agents/${agent.id}/tools/approval/memory_insert`, { requires_approval: true });
console.log(agent.id);
