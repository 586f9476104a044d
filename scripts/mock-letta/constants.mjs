/**
 * Constants: the version, ids and limits, the server's fixed texts, and the model-provider failures.
 */

export const LETTA_VERSION = '0.16.8';
export const DEFAULT_AGENT_ID = 'agent-6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60';
export const DEFAULT_KEEPALIVE_MS = 20_000;
export const MAX_STREAM_SILENCE_MS = 1_800_000;
export const RUN_TTL_MS = 3 * 60 * 60 * 1000;
export const REQUEST_LOG_LIMIT = 100;
export const AGENT_ID_PATTERN = '^agent-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';
export const AGENT_ID_RE = new RegExp(AGENT_ID_PATTERN);
export const AGENT_ID_EXAMPLE = 'agent-123e4567-e89b-42d3-8456-426614174000';
export const DEFAULT_USER_ID = 'user-00000000-0000-4000-8000-000000000000';
export const MODEL_HANDLE = 'openai-proxy/gpt-4o-mini';
export const LOCAL_ORIGIN_RE = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;
export const EXPOSED_HEADERS = 'retry-after, retry-after-ms, content-type, content-length, date, x-request-id';

/** TOOL_CALL_DENIAL_ON_CANCEL (letta/constants.py): the reason given when a cancel denies a pending call. */
export const CANCEL_DENIAL = 'The user cancelled the request, so the tool call was denied.';

export const TEXT = {
  pendingApproval:
    'CONFLICT: Cannot send a new message: The agent is waiting for approval on a tool call. Please approve or deny the pending request before continuing.',
  noPendingApproval:
    'Cannot process approval response: No tool call is currently awaiting approval. Please send a regular message to interact with the agent.',
  noApprovals: 'Invalid approval response. Approval response message does not contain any approvals.',
  streamingGate: 'streaming=true is only supported for SDK v1.0+ clients.',
  emptyMessages: 'Messages must not be empty',
  emptyContent: 'Message content is empty or invalid',
  unknownStreamError: 'An unknown error occurred with the LLM streaming request.',
  midStreamError: 'An error occurred during agent execution.',
  unknownError: 'An unknown error occurred',
  bodyParseError: 'There was an error parsing the body',
  notBackground: 'INVALID_ARGUMENT: Run was not created in background mode, so it cannot be retrieved.',
  expired: 'EXPIRED: Run was created more than 3 hours ago, and is now expired.',
};

const OPENAI_500 =
  "{'error': {'message': 'The server had an error while processing your request. Sorry about that!', 'type': 'server_error', 'param': None, 'code': None}}";
const OPENAI_429 =
  "{'error': {'message': 'Rate limit reached for gpt-4o-mini in organization org-Vq4Yx3bPz1 on tokens per min (TPM): Limit 200000, Used 199812, Requested 1534. Please try again in 400ms. Visit https://platform.openai.com/account/rate-limits to learn more.', 'type': 'tokens', 'param': None, 'code': 'rate_limit_exceeded'}}";
const OPENAI_401 =
  "{'error': {'message': 'Incorrect API key provided: sk-fake. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}";

/** Provider failures, by trigger: the non-streaming status/envelope and the in-band error. */
export const LLM_FAILURES = {
  '/error': {
    status: 500,
    type: 'llm_error',
    message: 'An error occurred with the LLM request.',
    detail: `INTERNAL_SERVER_ERROR: OpenAI API error: Error code: 500 - ${OPENAI_500}`,
  },
  '/rate-limit': {
    status: 429,
    type: 'llm_rate_limit',
    message: 'Rate limit exceeded for LLM model provider. Please wait before making another request.',
    detail: `RATE_LIMIT_EXCEEDED: Rate limited by OpenAI: Error code: 429 - ${OPENAI_429}`,
  },
  '/timeout': {
    status: 504,
    type: 'llm_timeout',
    message: 'The LLM request timed out. Please try again.',
    detail: 'TIMEOUT: Request to OpenAI timed out: Request timed out.',
  },
  '/auth-error': {
    status: 401,
    type: 'llm_authentication',
    message: 'Authentication failed with the LLM model provider.',
    detail: `UNAUTHENTICATED: Authentication failed with OpenAI: Error code: 401 - ${OPENAI_401}`,
  },
};
