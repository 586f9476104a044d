// letta-wasm for browsers, Web Workers and bundlers (Vite, webpack 5, esbuild, Rollup): the module
// instantiates itself on import, so there is nothing to initialise. It loads letta_wasm_bg.wasm from
// next to this file (the `new URL(..., import.meta.url)` pattern that bundlers understand).
import init from './letta_wasm.js';

await init({ module_or_path: new URL('./letta_wasm_bg.wasm', import.meta.url) });

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
