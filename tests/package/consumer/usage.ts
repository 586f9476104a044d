// Type-checked inside a consumer project that installed the packed letta-wasm tarball (see
// scripts/test-package.sh), with --strict --module nodenext: it checks the declarations as installed
// (the `types` export), not pkg-template/. Never run.
import { APIError, LettaClient, MessageAccumulator, ValidationError } from 'letta-wasm';
import type { LettaMessage, LettaResponse, MessageSendParams, StreamItem } from 'letta-wasm';
import { LettaChatElement } from 'letta-wasm/chat';

const client = new LettaClient({ baseUrl: 'http://localhost:8283', apiKey: 'sk-…', maxRetries: 0 });
const agentId = 'agent-123e4567-e89b-42d3-a456-426614174000';
const params: MessageSendParams = { input: 'Hello!', stream_tokens: true };

const accumulator = new MessageAccumulator();
for await (const item of client.streamMessage(agentId, params)) {
  const narrowed: StreamItem = item;
  switch (item.message_type) {
    case 'assistant_message':
    case 'reasoning_message': {
      const whole: LettaMessage | undefined = accumulator.push(narrowed);
      console.log(whole?.id);
      break;
    }
    case 'approval_request_message': {
      const calls = item.tool_calls;
      if (!Array.isArray(calls) || calls.length === 0) break; // a token-streaming fragment
      const toolCallId: string = calls[0].tool_call_id;
      const continuation: LettaResponse = await client.sendApproval(agentId, { toolCallId, approve: true });
      console.log(continuation.stop_reason);
      for await (const next of client.sendApproval(agentId, { toolCallId, approve: false, reason: 'no' }, { stream: true })) {
        console.log(next.message_type);
      }
      break;
    }
    case 'stop_reason':
      console.log(item.stop_reason);
      break;
    default:
      break;
  }
}

try {
  await client.sendMessage(agentId, { input: 'x' });
} catch (error) {
  if (error instanceof ValidationError) console.log(error.issues.map((issue) => issue.path));
  else if (error instanceof APIError) console.log(error.status);
}

// @ts-expect-error: input is a string or content parts, not a number
client.sendMessage(agentId, { input: 42 });

// The <letta-chat> element: typed by tag name, with its properties, methods and events.
const widget = document.querySelector('letta-chat');
if (widget) {
  const element: LettaChatElement = widget;
  element.clientOptions = { headers: { 'X-Trace': '1' }, maxRetries: 0 };
  element.addEventListener('letta-item', (event) => console.log(event.detail.message_type));
  element.addEventListener('letta-turn-end', (event) => console.log(event.detail.stopReason));
  await element.send('Hello!');
  element.stop();
  // @ts-expect-error: busy is read-only
  element.busy = true;
}

// Other Send Message fields travel with an approval answer.
client.sendApproval(agentId, { toolCallId: 'call_1', approve: true }, { stream: true, params: { stream_tokens: true } });
// @ts-expect-error: the approval is the message; params cannot carry others
client.sendApproval(agentId, { toolCallId: 'call_1', approve: true }, { params: { input: 'x' } });
