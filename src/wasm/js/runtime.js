// The JavaScript half of letta-wasm, and the package's API. It owns the I/O that only JavaScript can
// do (fetch, timers, abort signals); the WebAssembly module does the rest: request bodies and their
// validation, the retry policy, error messages, and decoding stream bodies (SSE framing plus a check
// of every item against its shape). build.sh bundles this file and lib/ into the package's one
// runtime.js (scripts/bundle.mjs).
//   lib/client.js       LettaClient and the top-level functions: what each call sends and reads
//   lib/stream.js       MessageStream: reading, resuming and cancelling a stream
//   lib/lists.js        history pages (a promise and an async iterable)
//   lib/session.js      ChatSession: one chat's state, headless
//   lib/transport.js    fetch with deadlines and retries; the API's paths
//   lib/options.js      reading the options users pass
//   lib/errors.js       the error classes
//   lib/accumulator.js  MessageAccumulator
export { LettaClient, sendMessage, streamMessage, validateSendParams } from './lib/client.js';
export { MessageStream } from './lib/stream.js';
export { MessageList } from './lib/lists.js';
export { MessageAccumulator } from './lib/accumulator.js';
export { ChatSession } from './lib/session.js';
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  LettaError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  StreamError,
  UnprocessableEntityError,
  ValidationError,
} from './lib/errors.js';
