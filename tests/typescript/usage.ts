// Every call of the package's TypeScript API, as a user writes it. Never run, only type-checked
// (`node tests/typescript/check.mjs`, or `npx tsc -p tests/typescript` for this file alone): it fails
// when pkg-template/index.d.ts or the generated pkg-template/types.d.ts stop allowing what is written
// here, or start allowing what the `@ts-expect-error` lines say they must not.

import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  ChatSession,
  ConflictError,
  LettaClient,
  MessageList,
  NotFoundError,
  LettaError,
  MessageAccumulator,
  MessageStream,
  StreamError,
  ValidationError,
  sendMessage,
  streamMessage,
  validateSendParams,
} from 'letta-wasm';
import type {
  CancelRunResult,
  ChatSnapshot,
  ChatStatus,
  Conversation,
  ApprovalItem,
  ContentPart,
  ErrorResponse,
  ImageSource,
  JsonValue,
  LettaErrorMessage,
  LettaMessage,
  LettaResponse,
  MessageInput,
  MessageSendParams,
  StopReasonType,
  StreamItem,
  ToolCallDelta,
  ValidationIssue,
} from 'letta-wasm';

/** `true` only when `A` and `B` are the same type. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<A, B>(_proof: Equals<A, B>): void {}
function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}

const agentId = 'agent-123e4567-e89b-42d3-a456-426614174000';

// ---- Requests ----------------------------------------------------------------------------------------

const every: MessageSendParams = {
  messages: [
    { role: 'user', content: 'Hello!', otid: 'b3e5a853-0000-4000-8000-000000000000' },
    {
      type: 'message',
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this picture?' },
        { type: 'image', source: { type: 'url', url: 'https://example.test/cat.png' } },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=', detail: 'low' } },
        { type: 'image', source: { type: 'letta', file_id: 'file-1', media_type: null } },
      ],
    },
    {
      type: 'approval',
      approvals: [
        { type: 'approval', tool_call_id: 'call_1', approve: false, reason: 'Ask me first.' },
        { type: 'tool', tool_call_id: 'call_2', tool_return: '{"ok":true}', status: 'success', stdout: [] },
      ],
    },
    { approve: true, approval_request_id: 'message-1' },
    { type: 'tool_return', tool_returns: [{ tool_call_id: 'call_3', tool_return: 'done', status: 'error' }] },
  ],
  max_steps: 5,
  include_return_message_types: ['assistant_message', 'tool_call_message'],
  client_tools: [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
  client_skills: [{ name: 'maps', description: 'Find places', location: 'skills/maps/SKILL.md' }],
  override_model: null,
  top_logprobs: 2,
  streaming: true,
  stream_tokens: true,
  include_pings: true,
  background: false,
};
const shorthand: MessageSendParams = { input: [{ type: 'text', text: 'Hi' }] };
const nothing: MessageSendParams = {};

// @ts-expect-error: max_steps may be absent but not null.
const nullSteps: MessageSendParams = { input: 'Hi', max_steps: null };
// @ts-expect-error: a role the server does not know.
const badRole: MessageInput = { role: 'robot', content: 'Hi' };
// @ts-expect-error: include_return_message_types is a closed set; the server refuses other names.
const badType: MessageSendParams = { input: 'Hi', include_return_message_types: ['citation_message'] };
// @ts-expect-error: an entry of `approvals` needs its `type`.
const untypedApproval: ApprovalItem = { tool_call_id: 'call_1', approve: true };
// @ts-expect-error: keys are snake_case, as on the wire.
const camel: MessageSendParams = { input: 'Hi', maxSteps: 5 };

expectType<MessageSendParams['messages'], MessageInput[] | null | undefined>(true);
expectType<MessageSendParams['max_steps'], number | undefined>(true);

// ---- Responses and stream items -------------------------------------------------------------------------

function text(content: string | ContentPart[]): string {
  if (typeof content === 'string') return content;
  return content.map(part).join('');
}

function part(p: ContentPart): string {
  switch (p.type) {
    case 'text':
      return p.text;
    case 'image':
      return `[image: ${source(p.source)}]`;
    case 'tool_call':
      return `${p.name}(${JSON.stringify(p.input)})`;
    case 'tool_return':
      return p.is_error ? `error: ${p.content}` : p.content;
    case 'reasoning':
      return p.reasoning;
    case 'redacted_reasoning':
      return p.data;
    case 'omitted_reasoning':
      return p.signature ?? '';
    case 'summarized_reasoning':
      return p.summary.map((s) => s.text).join('\n');
    default:
      return assertNever(p);
  }
}

function source(s: ImageSource): string {
  switch (s.type) {
    case 'url':
      return s.url;
    case 'base64':
      return `${s.media_type}, ${s.data.length} base64 characters`;
    case 'letta':
      return s.file_id;
    default:
      return assertNever(s);
  }
}

function calls(toolCalls: { name: string }[] | ToolCallDelta | null): string {
  if (toolCalls === null) return '';
  if (Array.isArray(toolCalls)) return toolCalls.map((call) => call.name).join(', ');
  return toolCalls.name ?? '';
}

/** Every message type narrows on `message_type`; `never` proves the switch is exhaustive. */
function render(m: LettaMessage): string {
  switch (m.message_type) {
    case 'system_message':
      return m.content;
    case 'user_message':
      return text(m.content);
    case 'reasoning_message':
      return `${m.source ?? 'non_reasoner_model'}: ${m.reasoning}`;
    case 'hidden_reasoning_message':
      return m.state === 'redacted' ? (m.hidden_reasoning ?? '') : m.state;
    case 'tool_call_message':
      return calls(m.tool_calls);
    case 'tool_return_message':
      return (m.tool_returns ?? []).map((r) => `${r.tool_call_id} ${r.status}: ${text(r.tool_return)}`).join('\n');
    case 'assistant_message':
      return text(m.content);
    case 'approval_request_message':
      return `approve ${calls(m.tool_calls)}?`;
    case 'approval_response_message':
      return (m.approvals ?? [])
        .map((a) => (a.type === 'approval' ? `${a.tool_call_id}: ${a.approve}` : `${a.tool_call_id}: ${a.status}`))
        .join('\n');
    case 'summary_message':
      return `${m.summary} (${m.compaction_stats?.messages_count_after ?? '?'} messages left)`;
    case 'event_message':
      return `${m.event_type}: ${JSON.stringify(m.event_data)}`;
    default:
      return assertNever(m);
  }
}

/** Stream items narrow the same way: the 11 message types, pings, errors, stop reasons and usage. */
function onItem(item: StreamItem): string {
  switch (item.message_type) {
    case 'ping':
      return item.run_id ?? '';
    case 'error_message':
      return `${item.error_type}: ${item.message} ${item.detail ?? ''}`;
    case 'stop_reason':
      return stopped(item.stop_reason);
    case 'usage_statistics':
      return `${item.total_tokens ?? 0} tokens in ${item.step_count ?? 0} steps`;
    case 'assistant_message':
      return text(item.content);
    case 'system_message':
    case 'user_message':
    case 'reasoning_message':
    case 'hidden_reasoning_message':
    case 'tool_call_message':
    case 'tool_return_message':
    case 'approval_request_message':
    case 'approval_response_message':
    case 'summary_message':
    case 'event_message':
      return render(item);
    default:
      return assertNever(item);
  }
}

/** Stop reasons are open: a newer server's value type-checks and lands in `default`. */
function stopped(reason: StopReasonType): string {
  switch (reason) {
    case 'end_turn':
      return 'done';
    case 'requires_approval':
      return 'waiting for approval';
    default:
      return reason;
  }
}
const future: StopReasonType = 'budget_exceeded';

function summary(response: LettaResponse): string {
  const logprob = response.logprobs?.content?.[0]?.top_logprobs[0]?.logprob ?? 0;
  const ids = response.turns?.flatMap((turn) => (turn.role === 'assistant' ? (turn.output_ids ?? []) : [])) ?? [];
  return `${response.messages.map(render).join('\n')} [${response.stop_reason.stop_reason}, ${logprob}, ${ids}]`;
}

expectType<LettaMessage['otid'], string | null>(true);
expectType<LettaResponse['logprobs'], import('letta-wasm').ChoiceLogprobs | null>(true);

// ---- The client -------------------------------------------------------------------------------------

async function client(signal: AbortSignal): Promise<void> {
  const letta = new LettaClient({
    baseUrl: 'http://localhost:8283',
    apiKey: 'sk-…',
    timeoutMs: 30_000,
    maxRetries: 1,
    headers: { 'X-Trace': '1' },
    fetch: globalThis.fetch,
  });
  new LettaClient();
  new LettaClient({ headers: new Headers({ 'X-Trace': '1' }) });

  const response = await letta.sendMessage(agentId, { input: 'Hello!' }, { signal, timeoutMs: 5_000, validate: true });
  summary(response);

  const messages = new MessageAccumulator();
  const stream = letta.streamMessage(agentId, every, { signal, maxRetries: 0, headers: new Headers() });
  for await (const item of stream) {
    onItem(item);
    const whole: LettaMessage | undefined = messages.push(item);
    if (whole) render(whole);
    if (stream.runId !== undefined && item.message_type === 'stop_reason') break;
  }
  messages.messages.map(render);
  messages.free();
  stream.abort();

  const resumed = letta.resumeStream(stream.runId ?? 'run-1', { startingAfter: 3, includePings: true, signal });
  const items: StreamItem[] = await resumed.toArray();
  items.map(onItem);
  const step = await letta.streamMessage(agentId, shorthand).next();
  if (!step.done) onItem(step.value);

  const answer = { toolCallId: 'call_1', approve: false, reason: 'not now' };
  const continued: MessageStream = letta.sendApproval(agentId, answer, { stream: true, signal });
  const whole: LettaResponse = await letta.sendApproval(agentId, { toolCallId: 'call_1', approve: true });
  const alsoWhole: LettaResponse = await letta.sendApproval(agentId, answer, { stream: false, timeoutMs: 1 });
  const either = letta.sendApproval(agentId, answer, { stream: Math.random() > 0.5 });
  expectType<typeof either, MessageStream | Promise<LettaResponse>>(true);
  // @ts-expect-error: a stream is not a promise.
  const wrong: Promise<LettaResponse> = letta.sendApproval(agentId, answer, { stream: true });
  continued.abort();
  summary(whole);
  summary(alsoWhole);
  letta.free();

  summary(await sendMessage(agentId, nothing, { baseUrl: 'http://localhost:8283', apiKey: 'sk', signal }));
  for await (const item of streamMessage(agentId, shorthand, { timeoutMs: 1_000, validate: false })) onItem(item);
}

function validate(input: unknown): MessageSendParams | ValidationIssue[] {
  const result = validateSendParams(agentId, input);
  for (const warning of result.warnings) console.warn(`${warning.path}: ${warning.message} [${warning.code}]`);
  if (result.ok) return result.params;
  const codes: ('missing_field' | 'wrong_type' | string)[] = result.errors.map((issue) => issue.code);
  console.error(codes, result.errors[0]?.severity === 'error', result.errors[0]?.location);
  return result.errors;
}

function report(error: unknown): string {
  if (error instanceof ValidationError) return error.issues.map((issue) => issue.path).join(', ');
  if (error instanceof APIError) {
    const body: ErrorResponse | undefined = error.error;
    const detail = typeof body?.detail === 'string' ? body.detail : body?.error?.message;
    return `${error.status} ${error.headers.get('retry-after') ?? ''} ${detail ?? error.body}`;
  }
  if (error instanceof StreamError) {
    const body: LettaErrorMessage | JsonValue | undefined = error.error;
    return `${error.errorType} ${JSON.stringify(body)} ${error.data ?? ''}`;
  }
  if (error instanceof APIConnectionTimeoutError) return `timed out: ${error.message}`;
  if (error instanceof APIConnectionError) return `no connection: ${error.message}`;
  if (error instanceof APIUserAbortError) return 'aborted';
  if (error instanceof LettaError) return error.name;
  return String(error);
}

const base: LettaError[] = [
  new APIError('boom', 500, new Headers(), { detail: 'boom' }, '{"detail":"boom"}'),
  new APIConnectionError('refused'),
  new APIConnectionTimeoutError(),
  new APIUserAbortError(),
  new ValidationError('invalid', [], []),
  new StreamError('failed', 'llm_error', undefined, undefined),
];
const timeoutIsConnection: APIConnectionError = new APIConnectionTimeoutError();

// Conversations that survive: history, cancel, resume, conversations.
async function conversations(client: LettaClient, agentId: string): Promise<void> {
  const page: LettaMessage[] = await client.listMessages(agentId, { limit: 50, order: 'asc' });
  expectType<LettaMessage[], typeof page>(true);
  const list: MessageList = client.listMessages(agentId);
  for await (const message of list) render(message);
  for await (const message of client.listMessages(agentId, { before: page[0]?.id, conversationId: 'conv-1', includeErr: true })) {
    render(message);
  }
  // @ts-expect-error order is asc or desc
  client.listMessages(agentId, { order: 'newest' });

  const cancelled: CancelRunResult = await client.cancelRun(agentId, { runIds: ['run-1'] });
  const status: string | undefined = cancelled['run-1'];
  await client.cancelRun(agentId);
  await client.cancelRun(agentId, { conversationId: 'conv-1' }, { timeoutMs: 5_000 });

  const stream: MessageStream = client.streamMessage(agentId, { input: 'hi', background: true });
  const runId: string | undefined = stream.runId;
  const lastSeqId: number | undefined = stream.lastSeqId;
  const resumes: number = stream.resumes;
  const answer: CancelRunResult = await stream.cancel();
  if (runId !== undefined) {
    for await (const item of client.resumeStream(runId, { startingAfter: lastSeqId, agentId })) onItem(item);
  }
  client.streamMessage(agentId, { input: 'hi', background: true }, { resume: false });

  const conversation: Conversation = await client.createConversation(agentId, { summary: 'a thread' });
  const conversationId: string = conversation.id;
  const agent: string = conversation.agent_id;
  const all: Conversation[] = await client.listConversations(agentId, { limit: 10, order: 'asc', after: conversationId });
  client.streamMessage(agentId, { input: 'in the thread' }, { conversationId });
  await client.sendMessage(agentId, { input: 'in the thread' }, { conversationId });
  await client.sendApproval(agentId, { toolCallId: 'call_1', approve: true }, { conversationId });
  new LettaClient({ baseURL: 'http://localhost:8283' });

  try {
    await client.sendMessage(agentId, { input: 'hi' });
  } catch (error) {
    if (error instanceof ConflictError) {
      const pending: string | undefined = error.pendingRequestId;
      const code: 'PENDING_APPROVAL' | undefined = error.code;
      const holder: string | undefined = error.runId;
      const status: number = error.status;
      void [pending, code, holder, status];
    } else if (error instanceof NotFoundError) {
      const base: APIError = error;
      void base;
    } else if (error instanceof APIConnectionError) {
      const cause: unknown = error.cause;
      void cause;
    }
  }
  void [status, resumes, answer, agent, all];
}
void conversations;

// ChatSession, headless, as React's useSyncExternalStore uses it.
async function chat(client: LettaClient, agentId: string): Promise<void> {
  const session = new ChatSession({ client, agentId, streamTokens: true, storage: null, historyPageSize: 20 });
  const { subscribe, getSnapshot } = session;
  const unsubscribe: () => void = subscribe(() => {
    const snapshot: ChatSnapshot = getSnapshot();
    const status: ChatStatus = snapshot.status;
    for (const message of snapshot.messages) render(message);
    if (snapshot.pendingApproval !== null) render(snapshot.pendingApproval);
    void [status, snapshot.error, snapshot.stopReason, snapshot.usage?.total_tokens, snapshot.hasEarlier];
  });
  await session.load();
  await session.loadEarlier();
  await session.send('Hello');
  await session.send({ input: 'Hello', include_pings: true });
  await session.approve('call_1');
  await session.deny('call_1', 'not now');
  await session.stop();
  await session.retry();
  const other = new ChatSession({
    client,
    agentId,
    conversationId: 'conv-1',
    storage: sessionStorage,
    params: { include_pings: true },
    onItem: (item) => void item.message_type,
  });
  other.params = { stream_tokens: true };
  const key: string = ChatSession.messageKey(getSnapshot().messages[0]!);
  void key;
  other.close();
  // @ts-expect-error params are Send Message params
  other.params = { include_pings: 'yes' };
  // @ts-expect-error the snapshot is read-only
  getSnapshot().status = 'idle';
  unsubscribe();
  const base: string = client.baseURL;
  void base;
}
void chat;
