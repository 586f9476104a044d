/**
 * The request models (letta/schemas/…) as validation schemas, and the send_message route's own checks.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AGENT_ID_PATTERN, AGENT_ID_RE, TEXT } from './constants.mjs';
import { PyValueError } from './python.mjs';
import { enumReprs, S, field, pyError } from './validate.mjs';

/**
 * The crate's tables of the wire format (src/schema/wire.rs), exported by tests/typescript.rs. The
 * models below add what only the server's pydantic has (enum reprs, defaults, union labels, the
 * validators that rewrite values); tests/mock-letta-schema.test.mjs checks their fields against these.
 */
export const WIRE = JSON.parse(readFileSync(new URL('./wire-schema.json', import.meta.url), 'utf8'));
const tagsOf = (union) => WIRE.unions[union].members.map(([tag]) => tag);

// The request models of letta/schemas/{letta_request,message,letta_message,letta_message_content}.py.
const contentType = (tag) => field('type', S.literal([tag], enumReprs('MessageContentType', [tag])), { default: tag });
const sourceType = (tag) => field('type', S.literal([tag], enumReprs('ImageSourceType', [tag])), { default: tag });
const IMAGE_SOURCE = S.tagged(
  {
    url: S.model([sourceType('url'), field('url', S.str, { required: true })]),
    base64: S.model([
      sourceType('base64'),
      field('media_type', S.str, { required: true }),
      field('data', S.str, { required: true }),
      field('detail', S.opt(S.str)),
    ]),
    letta: S.model([
      sourceType('letta'),
      field('file_id', S.str, { required: true }),
      field('media_type', S.opt(S.str)),
      field('data', S.opt(S.str)),
      field('detail', S.opt(S.str)),
    ]),
  },
  'ImageSourceType',
);
const TEXT_CONTENT = S.model([contentType('text'), field('text', S.str, { required: true }), field('signature', S.opt(S.str))]);
const IMAGE_CONTENT = S.model([contentType('image'), field('source', IMAGE_SOURCE, { required: true })]);
const ALL_CONTENT = S.tagged(
  {
    text: TEXT_CONTENT,
    image: IMAGE_CONTENT,
    tool_call: S.model([
      contentType('tool_call'),
      field('id', S.str, { required: true }),
      field('name', S.str, { required: true }),
      field('input', S.dict, { required: true }),
      field('signature', S.opt(S.str)),
    ]),
    tool_return: S.model([
      contentType('tool_return'),
      field('tool_call_id', S.str, { required: true }),
      field('content', S.str, { required: true }),
      field('is_error', S.bool, { required: true }),
    ]),
    reasoning: S.model([
      contentType('reasoning'),
      field('is_native', S.bool, { required: true }),
      field('reasoning', S.str, { required: true }),
      field('signature', S.opt(S.str)),
    ]),
    redacted_reasoning: S.model([contentType('redacted_reasoning'), field('data', S.str, { required: true })]),
    omitted_reasoning: S.model([contentType('omitted_reasoning'), field('signature', S.opt(S.str))]),
    summarized_reasoning: S.model([
      contentType('summarized_reasoning'),
      field('id', S.str, { required: true }),
      field('summary', S.list(S.model([field('index', S.int, { required: true }), field('text', S.str, { required: true })])), {
        required: true,
      }),
      field('encrypted_content', S.str),
    ]),
  },
  'MessageContentType',
);
const USER_CONTENT = S.tagged({ text: TEXT_CONTENT, image: IMAGE_CONTENT }, 'MessageContentType');
const ALL_CONTENT_LABEL =
  'list[tagged-union[TextContent,ImageContent,ToolCallContent,ToolReturnContent,ReasoningContent,RedactedReasoningContent,OmittedReasoningContent,SummarizedReasoningContent]]';
const CONTENT = S.union([
  ['str', S.str],
  [ALL_CONTENT_LABEL, S.list(ALL_CONTENT)],
]);

const returnType = (tag) => field('type', S.literal([tag], enumReprs('MessageReturnType', [tag])), { default: tag });
const APPROVAL_RETURN = S.model([
  returnType('approval'),
  field('tool_call_id', S.str, { required: true }),
  field('approve', S.bool, { required: true }),
  field('reason', S.opt(S.str)),
]);
const TOOL_RETURN = S.model([
  returnType('tool'),
  field(
    'tool_return',
    S.union([
      ['str', S.str],
      ['list[tagged-union[TextContent,ImageContent]]', S.list(USER_CONTENT)],
    ]),
    { required: true },
  ),
  field('status', S.literal(['success', 'error']), { required: true }),
  field('tool_call_id', S.str, { required: true }),
  field('stdout', S.opt(S.list(S.str))),
  field('stderr', S.opt(S.list(S.str))),
]);

const createType = (tag, nullable = false) => {
  const literal = S.literal([tag], enumReprs('MessageCreateType', [tag]));
  return field('type', nullable ? S.opt(literal) : literal, { default: tag });
};
const BASE_CREATE_FIELDS = [field('otid', S.opt(S.str)), field('group_id', S.opt(S.str))];
export const withOtid = (v) => ({ ...v, otid: v.otid ?? randomUUID() });

/** `input` is shorthand for one user message (LettaRequest): rewrites it as that message. */
export function inputAsMessages(request) {
  if (request.input !== null) request.messages = [withOtid({ type: 'message', role: 'user', content: request.input })];
}
const MESSAGE_CREATE = S.model(
  [
    createType('message', true),
    ...BASE_CREATE_FIELDS,
    field('role', S.literal(['user', 'system', 'assistant'], enumReprs('MessageRole', ['user', 'system', 'assistant'])), {
      required: true,
    }),
    field('content', CONTENT, { required: true }),
    field('name', S.opt(S.str)),
    field('sender_id', S.opt(S.str)),
    field('batch_item_id', S.opt(S.str)),
  ],
  (v) => withOtid({ ...v, type: 'message' }),
);
const APPROVAL_CREATE = S.model(
  [
    createType('approval'),
    ...BASE_CREATE_FIELDS,
    field('approvals', S.opt(S.list(S.tagged({ approval: APPROVAL_RETURN, tool: TOOL_RETURN }, 'MessageReturnType')))),
    field('approve', S.opt(S.bool)),
    field('approval_request_id', S.opt(S.str)),
    field('reason', S.opt(S.str)),
  ],
  (v) => {
    // ApprovalCreate.migrate_deprecated_fields
    const migrate = (!v.approvals || v.approvals.length === 0) && v.approve !== null && v.approval_request_id !== null;
    const approvals = migrate
      ? [{ type: 'approval', tool_call_id: v.approval_request_id, approve: v.approve, reason: v.reason }]
      : v.approvals;
    return withOtid({ ...v, approvals });
  },
);
const TOOL_RETURN_CREATE = S.model(
  [createType('tool_return'), ...BASE_CREATE_FIELDS, field('tool_returns', S.list(TOOL_RETURN), { required: true })],
  withOtid,
);
const MESSAGE_CREATE_UNION = S.union([
  ['function-after[generate_otid_if_missing(), MessageCreate]', MESSAGE_CREATE],
  ['function-after[migrate_deprecated_fields(), function-after[generate_otid_if_missing(), ApprovalCreate]]', APPROVAL_CREATE],
  ['function-after[generate_otid_if_missing(), ToolReturnCreate]', TOOL_RETURN_CREATE],
]);
export const MESSAGE_TYPES = tagsOf('LettaMessage');
export const SEND_MESSAGE_REQUEST = S.model([
  field('messages', S.opt(S.list(MESSAGE_CREATE_UNION))),
  field('input', S.opt(CONTENT)),
  field('max_steps', S.int, { default: 50 }),
  field('use_assistant_message', S.bool, { default: true }),
  field('assistant_message_tool_name', S.str, { default: 'send_message' }),
  field('assistant_message_tool_kwarg', S.str, { default: 'message' }),
  field('include_return_message_types', S.opt(S.list(S.enumOf(MESSAGE_TYPES)))),
  field('enable_thinking', S.str, { default: true }),
  field(
    'client_tools',
    S.opt(
      S.list(S.model([field('name', S.str, { required: true }), field('description', S.opt(S.str)), field('parameters', S.opt(S.dict))])),
    ),
  ),
  field(
    'client_skills',
    S.opt(
      S.list(
        S.model([
          field('name', S.str, { required: true }),
          field('description', S.str, { required: true }),
          field('location', S.str, { required: true }),
        ]),
      ),
    ),
  ),
  field('override_model', S.opt(S.str)),
  field('include_compaction_messages', S.bool, { default: false }),
  field('return_logprobs', S.bool, { default: false }),
  field('top_logprobs', S.opt(S.int)),
  field('return_token_ids', S.bool, { default: false }),
  field('override_system', S.opt(S.str), { aliases: ['override_system', 'system'] }),
  field('streaming', S.bool, { default: false }),
  field('stream_tokens', S.bool, { default: false }),
  field('include_pings', S.bool, { default: true }),
  field('background', S.bool, { default: false }),
]);
export const RETRIEVE_STREAM_REQUEST = S.model([
  field('agent_id', S.opt(S.str)),
  field('run_id', S.opt(S.str)),
  field('otid', S.opt(S.str)),
  field('starting_after', S.int, { default: 0 }),
  field('include_pings', S.opt(S.bool), { default: true }),
  field('poll_interval', S.opt(S.float), { default: 0.1 }),
  field('batch_size', S.opt(S.int), { default: 100 }),
]);
export const CANCEL_REQUEST = S.model([field('run_ids', S.opt(S.list(S.str)))]);
export const CREATE_AGENT_REQUEST = S.model([field('name', S.opt(S.str)), field('description', S.opt(S.str))]);

/** LettaRequest.add_default_type_to_messages (mode="before"): mutates the dicts, like the server. */
export function addDefaultMessageTypes(body) {
  const messages = body.get('messages');
  if (!Array.isArray(messages)) return;
  for (const item of messages) {
    if (item instanceof Map && !item.has('type')) {
      item.set('type', item.has('approval_request_id') || item.has('approve') ? 'approval' : 'message');
    }
  }
}

/** LettaRequest.validate_input_or_messages (mode="after"). */
export function inputOrMessagesError(request, body) {
  let message = null;
  if (request.input !== null && request.messages !== null) message = "Cannot specify both 'input' and 'messages'. Use one or the other.";
  if (request.input === null && request.messages === null) message = "Must specify either 'input' or 'messages'.";
  if (!message) return null;
  return pyError('value_error', ['body'], `Value error, ${message}`, body, { error: new PyValueError(message) });
}

export function agentIdError(agentId, name = 'agent_id') {
  if (agentId.length === 42 && AGENT_ID_RE.test(agentId)) return null;
  return pyError('string_pattern_mismatch', ['path', name], "String should match pattern 'agent-{uuid4}'", agentId, {
    pattern: AGENT_ID_PATTERN,
  });
}

/** is_1_0_sdk_version (letta/utils.py). */
function isSdkV1(headers) {
  if (headers['x-stainless-package-version']) return true;
  const agent = headers['user-agent'];
  if (!agent) return true;
  const parts = agent.split('/');
  if (parts.length === 3) {
    if (parts[0] !== '@letta-ai' || parts[1] !== 'letta-client') return false;
  } else if (parts.length !== 2 || parts[0] !== 'letta-client') return false;
  const version = parts[parts.length - 1];
  if (!version.includes('.')) return false;
  const base = version.split('-')[0].split('a')[0].split('b')[0];
  return base.includes('.') && base.split('.')[0] === '1';
}

/** The send_message route's own checks, in its order, after body validation. */
export function routeChecks(request, headers) {
  if (!request.messages || request.messages.length === 0) return { status: 422, body: { detail: TEXT.emptyMessages } };
  if (!request.streaming) {
    const reasons = [];
    if (request.stream_tokens) reasons.push('stream_tokens can only be true when streaming=true');
    if (request.include_pings === false) reasons.push('include_pings can only be set to false when streaming=true');
    if (request.background) reasons.push('background can only be true when streaming=true');
    if (reasons.length) {
      const detail = `Streaming options set without streaming enabled. ${reasons.join('; ')}. Either set streaming=true or use default values for streaming options.`;
      return { status: 422, body: { detail } };
    }
  }
  if (request.streaming && !isSdkV1(headers)) return { status: 422, body: { detail: TEXT.streamingGate } };
  return null;
}

/** ConversationMessageRequest: the same body, but it streams by default, and agent_id (agent-direct mode). */
export const CONVERSATION_MESSAGE_REQUEST = S.model([
  ...SEND_MESSAGE_REQUEST.fields.map((f) => (f.name === 'streaming' ? { ...f, default: true } : f)),
  field('agent_id', S.opt(S.str)),
]);
export const CREATE_CONVERSATION_REQUEST = S.model([field('summary', S.opt(S.str))]);

/** The models that have a table, by the table's name (for tests/mock-letta-schema.test.mjs). */
export const MODELS_BY_TABLE = {
  MessageSendParams: SEND_MESSAGE_REQUEST,
  MessageCreate: MESSAGE_CREATE,
  ApprovalCreate: APPROVAL_CREATE,
  ToolReturnCreate: TOOL_RETURN_CREATE,
  ApprovalReturn: APPROVAL_RETURN,
  ToolReturn: TOOL_RETURN,
  ClientTool: SEND_MESSAGE_REQUEST.fields.find((f) => f.name === 'client_tools').schema.inner.item,
  ClientSkill: SEND_MESSAGE_REQUEST.fields.find((f) => f.name === 'client_skills').schema.inner.item,
  ...Object.fromEntries(WIRE.unions.ContentPart.members.map(([tag, table]) => [table, ALL_CONTENT.members[tag]])),
  ...Object.fromEntries(WIRE.unions.ImageSource.members.map(([tag, table]) => [table, IMAGE_SOURCE.members[tag]])),
};
