// letta-wasm for Node.js 18+: reads and instantiates the module synchronously on import.
import { readFileSync } from 'node:fs';
import { initSync } from './letta_wasm.js';

initSync({ module: readFileSync(new URL('./letta_wasm_bg.wasm', import.meta.url)) });

export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ChatSession,
  ConflictError,
  InternalServerError,
  LettaClient,
  LettaError,
  MessageAccumulator,
  MessageList,
  MessageStream,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  sendMessage,
  StreamError,
  streamMessage,
  UnprocessableEntityError,
  validateSendParams,
  ValidationError,
} from './runtime.js';
