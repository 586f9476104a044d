#!/usr/bin/env node
/**
 * mock-letta.mjs — a dependency-free mock of the Letta 0.16.8 agent server's "Send Message" API,
 * faithful to the wire format of the real server (see /work/shared/letta-wire-format.md and the
 * captured fixtures in tests/fixtures/): field order with nulls, compact JSON with raw UTF-8, dates to
 * whole seconds with +00:00, `message-`/`run-`/`step-`/`ping-<uuid4>` ids, derived otids, one
 * `data: <json>\n\n` SSE frame per chunk, the pydantic-repr 422 bodies, pings, in-band errors,
 * approvals, background runs and cancellation. The agent is scripted: replies are deterministic
 * functions of the user's text.
 *
 * CLI
 *   node scripts/mock-letta.mjs [--host 127.0.0.1] [--port 8283] [--password PW] [--keepalive-ms MS]
 *   Listens on 127.0.0.1 only (port 0 = random) and prints one JSON line when ready:
 *     {"url":"http://127.0.0.1:PORT","agentId":"agent-…"}
 *   With --password, requests need `Authorization: Bearer PW` or `X-BARE-PASSWORD: password PW`
 *   (health and /__mock/* excepted), else 401 {"detail":"Unauthorized"}.
 *
 * In-process
 *   import { startMockLetta } from './scripts/mock-letta.mjs';
 *   const mock = await startMockLetta({ port: 0, password, keepaliveMs: 20000 });
 *   // mock.url, mock.agentId; await mock.close();
 *
 * Endpoints (also under /latest/…)
 *   GET  /v1/health/                      {"version":"0.16.8","status":"ok"}
 *   GET  /v1/agents/   POST /v1/agents/   GET /v1/agents/{agent_id}
 *   POST /v1/agents/{agent_id}/messages   JSON LettaResponse, or SSE with "streaming": true
 *   POST /v1/agents/{agent_id}/messages/stream    deprecated, always SSE, no SDK-version gate
 *   POST /v1/agents/{agent_id}/messages/cancel    {"run_ids": [...] | null}
 *   POST /v1/runs/{run_id}/stream         resume a background run {"starting_after": n, "include_pings": …}
 *   GET  /v1/runs/{run_id}
 *   GET  /__mock/requests                 the last 100 requests (Authorization redacted)
 *   POST /__mock/reset                    forget runs, pending approvals, created agents, the log
 *   GET  /__mock/stats                    open streams and sockets (to check that faults leak nothing)
 *
 * Scripted agent (triggers in the user's text; markers are removed before the text is echoed)
 *   anything else          reasoning + an assistant message that echoes the text (multi-byte UTF-8)
 *   "weather in <City>"    get_weather tool call + tool return (stdout/stderr lists), then the answer
 *   "delete <file>" or "/approve"   delete_file needs approval → approval_request_message,
 *                          stop_reason requires_approval; answer with an approval (approve → the tool
 *                          runs, deny → error tool return with the user's reason), then the agent answers
 *   a client_tools name    the call is handed to the client (approval_request_message)
 *   "/long N"              an answer of N words
 *   "/slow MS"             the model takes MS ms before each LLM call (keepalive pings, cancellation)
 *   "/error", "/rate-limit", "/timeout", "/auth-error"   the LLM call that would answer fails
 *                          (non-streaming: 500/429/504/401 {"error":{…}}; streaming: in-band error)
 *
 * Fault injection, per request: header `X-Mock-Fault: disconnect-after=3; drip-ms=50` (options split by
 * ';' or ','), or the same names as query parameters (`?disconnect-after=3&html-500`).
 *   disconnect-after=N    destroy the socket after N SSE frames (pings included), no [DONE]
 *                         (JSON replies: after N bytes of the body)
 *   malformed-after=N     one malformed JSON frame after N frames, then carry on
 *   error-after=N         after N frames: stop_reason error + event: error internal_error, end, no [DONE]
 *   stall-after=N         stop writing after N frames (JSON: N bytes), keep the socket open
 *   drip-ms=M             wait M ms before every frame but the first
 *   status=S              answer S (429/500/503/… with a Letta-shaped JSON body) instead of running
 *   retry-after=S, retry-after-ms=M   add these headers to the status answer (status defaults to 429)
 *   times=K, key=ID       apply the faults only to the first K requests carrying this key (retry tests)
 *   html-500              500 with an HTML body (text/html)
 *   content-type=T        use content type T on the (otherwise normal) response
 *   empty-body            200 with an empty body
 *   stall-after-headers   send the headers, then nothing until the client goes away
 *   large-event-bytes=B   the final assistant message's content is exactly B bytes of UTF-8
 */

import http from 'node:http';
import { randomUUID, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import process from 'node:process';

// ───────────────────────────── constants ─────────────────────────────

export const LETTA_VERSION = '0.16.8';
export const DEFAULT_AGENT_ID = 'agent-6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60';
const DEFAULT_KEEPALIVE_MS = 20_000;
const MAX_STREAM_SILENCE_MS = 1_800_000;
const RUN_TTL_MS = 3 * 60 * 60 * 1000;
const REQUEST_LOG_LIMIT = 100;
const AGENT_ID_PATTERN = '^agent-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';
const AGENT_ID_RE = new RegExp(AGENT_ID_PATTERN);
const AGENT_ID_EXAMPLE = 'agent-123e4567-e89b-42d3-8456-426614174000';
const DEFAULT_USER_ID = 'user-00000000-0000-4000-8000-000000000000';
const MODEL_HANDLE = 'openai-proxy/gpt-4o-mini';
const LOCAL_ORIGIN_RE = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;
const EXPOSED_HEADERS = 'retry-after, retry-after-ms, content-type, content-length, date, x-request-id';

const TEXT = {
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
const LLM_FAILURES = {
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

// ───────────────────────────── small utilities ─────────────────────────────

const newId = (prefix) => `${prefix}-${randomUUID()}`;
const toolCallId = () => `call_${randomBytes(12).toString('hex')}`;

/** `2026-11-22T23:35:30+00:00`: ISO-8601 to whole seconds with an explicit offset. */
function isoSeconds(date = new Date()) {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

function formatUuid(hex) {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Message.generate_otid_from_id: the id's uuid with its low 7 bits replaced by the part index. */
function otidFromId(messageId, index) {
  const hex = messageId.replace(/^message-/, '').replace(/-/g, '');
  const last = (parseInt(hex.slice(30), 16) & 0x80) | (index & 0x7f);
  return formatUuid(hex.slice(0, 30) + last.toString(16).padStart(2, '0'));
}

/** decrement_message_uuid: the id of approval requests while tokens stream. */
function decrementMessageId(messageId) {
  const hex = messageId.replace(/^message-/, '').replace(/-/g, '');
  const value = (BigInt(`0x${hex}`) - 1n) & ((1n << 128n) - 1n);
  return `message-${formatUuid(value.toString(16).padStart(32, '0'))}`;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts (the timer is cleared). */
function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** FNV-1a over UTF-16 code units: a stable hash for deterministic "model" choices. */
function hashText(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const codePoints = (text) => Array.from(text);
const countWords = (text) => (text.match(/\S+/gu) ?? []).length;

/** Splits text into fragments of `size` code points (never inside a surrogate pair). */
function fragments(text, size) {
  const cps = codePoints(text);
  const out = [];
  for (let i = 0; i < cps.length; i += size) out.push(cps.slice(i, i + size).join(''));
  return out;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Internal failures go to stderr only with MOCK_LETTA_DEBUG=1 (never request headers or secrets). */
function debug(err) {
  if (process.env.MOCK_LETTA_DEBUG) console.error('mock-letta:', err);
}

// ───────────────────────────── Python-compatible formatting ─────────────────────────────

/** Values that only exist to be printed the way Python prints them. */
class PyTuple {
  constructor(items) {
    this.items = items;
  }
}
class PyBytes {
  constructor(buffer) {
    this.buffer = buffer;
  }
}
class PyValueError {
  constructor(message) {
    this.message = message;
  }
}

// Characters for which str.isprintable() is false (the space aside): repr() escapes them.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function pyEscapeCodePoint(cp) {
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** repr(str) */
function pyStrRepr(text) {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) out += pyEscapeCodePoint(ch.codePointAt(0));
    else out += ch;
  }
  return out + quote;
}

/** repr(bytes) */
function pyBytesRepr(buffer) {
  const quote = buffer.includes(0x27) && !buffer.includes(0x22) ? '"' : "'";
  let out = `b${quote}`;
  for (const byte of buffer) {
    const ch = String.fromCharCode(byte);
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (byte === 0x09) out += '\\t';
    else if (byte === 0x0a) out += '\\n';
    else if (byte === 0x0d) out += '\\r';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** repr(float): shortest round-trip digits, scientific below 1e-4 and from 1e16 on. */
function pyFloatRepr(x) {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp >= 0) return `${sign}${digits.slice(0, exp + 1).padEnd(exp + 1, '0')}.${digits.slice(exp + 1) || '0'}`;
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/**
 * repr() of a value of the "Python tree" produced by parsePythonJson: Map = dict, BigInt = int,
 * number = float, plus PyTuple / PyBytes / PyValueError.
 */
function pyRepr(v) {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return pyFloatRepr(v);
  if (typeof v === 'string') return pyStrRepr(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (v instanceof PyTuple) {
    return v.items.length === 1 ? `(${pyRepr(v.items[0])},)` : `(${v.items.map(pyRepr).join(', ')})`;
  }
  if (v instanceof PyBytes) return pyBytesRepr(v.buffer);
  if (v instanceof PyValueError) return `ValueError(${pyStrRepr(v.message)})`;
  const entries = v instanceof Map ? [...v] : Object.entries(v);
  return `{${entries.map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
}

/** str(): what f-strings print. */
function pyStr(v) {
  return typeof v === 'string' ? v : pyRepr(v);
}

/** json.dumps(v) with its defaults: ", " / ": " separators and ensure_ascii. */
function pyJsonDumps(v) {
  if (v === null || v === undefined) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pyFloatRepr(v);
  if (typeof v === 'string') {
    return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (Array.isArray(v)) return `[${v.map(pyJsonDumps).join(', ')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${pyJsonDumps(k)}: ${pyJsonDumps(x)}`)
    .join(', ')}}`;
}

// ───────────────────────────── Python's json.loads, with its errors ─────────────────────────────

class JsonDecodeError extends Error {
  constructor(message, pos) {
    super(message);
    this.pos = pos;
  }
}
class StopIteration {
  constructor(pos) {
    this.pos = pos;
  }
}

const JSON_ESCAPES = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Parses like CPython's json module (C scanner), so that a malformed body gets the same
 * `json_invalid` message and character offset as FastAPI reports. Objects become Maps (key order
 * and duplicate keys as in a dict), integers BigInts, other numbers floats; NaN/Infinity allowed.
 */
function parsePythonJson(s) {
  const WS = /[ \t\n\r]*/y;
  const NUMBER = /(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/y;
  const skip = (i) => {
    WS.lastIndex = i;
    WS.exec(s);
    return WS.lastIndex;
  };

  function readHex(start, uPos) {
    if (start + 4 >= s.length) throw new JsonDecodeError('Invalid \\uXXXX escape', uPos);
    const hex = s.slice(start, start + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonDecodeError('Invalid \\uXXXX escape', uPos);
    return parseInt(hex, 16);
  }

  function scanString(i) {
    const begin = i - 1;
    let out = '';
    for (;;) {
      let j = i;
      while (j < s.length) {
        const code = s.charCodeAt(j);
        if (code === 0x22 || code === 0x5c || code < 0x20) break;
        j++;
      }
      if (j >= s.length) throw new JsonDecodeError('Unterminated string starting at', begin);
      out += s.slice(i, j);
      const code = s.charCodeAt(j);
      if (code === 0x22) return [out, j + 1];
      if (code !== 0x5c) throw new JsonDecodeError('Invalid control character at', j);
      const k = j + 1;
      if (k >= s.length) throw new JsonDecodeError('Unterminated string starting at', begin);
      if (s[k] !== 'u') {
        if (!Object.hasOwn(JSON_ESCAPES, s[k])) throw new JsonDecodeError('Invalid \\escape', j);
        out += JSON_ESCAPES[s[k]];
        i = k + 1;
        continue;
      }
      let cp = readHex(k + 1, k);
      let next = k + 5;
      if (cp >= 0xd800 && cp <= 0xdbff && next + 6 < s.length && s[next] === '\\' && s[next + 1] === 'u') {
        const low = readHex(next + 2, next + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          next += 6;
        }
      }
      out += cp > 0xffff ? String.fromCodePoint(cp) : String.fromCharCode(cp);
      i = next;
    }
  }

  function parseObject(i) {
    const obj = new Map();
    i = skip(i);
    if (i >= s.length || s[i] !== '}') {
      for (;;) {
        if (i >= s.length || s[i] !== '"') {
          throw new JsonDecodeError('Expecting property name enclosed in double quotes', i);
        }
        let key;
        [key, i] = scanString(i + 1);
        i = skip(i);
        if (i >= s.length || s[i] !== ':') throw new JsonDecodeError("Expecting ':' delimiter", i);
        let value;
        [value, i] = scanOnce(skip(i + 1));
        obj.set(key, value);
        i = skip(i);
        if (i < s.length && s[i] === '}') break;
        if (i >= s.length || s[i] !== ',') throw new JsonDecodeError("Expecting ',' delimiter", i);
        i = skip(i + 1);
      }
    }
    return [obj, i + 1];
  }

  function parseArray(i) {
    const arr = [];
    i = skip(i);
    if (i >= s.length || s[i] !== ']') {
      for (;;) {
        let value;
        [value, i] = scanOnce(i);
        arr.push(value);
        i = skip(i);
        if (i < s.length && s[i] === ']') break;
        if (i >= s.length || s[i] !== ',') throw new JsonDecodeError("Expecting ',' delimiter", i);
        i = skip(i + 1);
      }
    }
    return [arr, i + 1];
  }

  function scanOnce(i) {
    if (i >= s.length) throw new StopIteration(i);
    const c = s[i];
    if (c === '"') return scanString(i + 1);
    if (c === '{') return parseObject(i + 1);
    if (c === '[') return parseArray(i + 1);
    const literals = [['null', null], ['true', true], ['false', false], ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]];
    for (const [word, value] of literals) if (s.startsWith(word, i)) return [value, i + word.length];
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(s);
    if (!m) throw new StopIteration(i);
    const value = m[2] || m[3] ? Number(m[0]) : BigInt(m[1]);
    return [value, i + m[0].length];
  }

  const codePointOffset = (pos) => codePoints(s.slice(0, pos)).length;
  try {
    const [value, end] = scanOnce(skip(0));
    const rest = skip(end);
    if (rest !== s.length) throw new JsonDecodeError('Extra data', rest);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof StopIteration) return { ok: false, message: 'Expecting value', pos: codePointOffset(err.pos) };
    if (err instanceof JsonDecodeError) return { ok: false, message: err.message, pos: codePointOffset(err.pos) };
    if (err instanceof RangeError) return { ok: false, tooDeep: true };
    throw err;
  }
}

/** The Python tree as plain JS values. */
function pyToJs(v) {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(pyToJs);
  if (v instanceof Map) {
    const out = {};
    for (const [k, x] of v) Object.defineProperty(out, k, { value: pyToJs(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

// ───────────────────────────── pydantic-style validation ─────────────────────────────

function joinOr(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
const enumReprs = (enumName, values) => values.map((v) => `<${enumName}.${v}: '${v}'>`);

/** Schema constructors mirroring the pydantic-core validators the request models compile to. */
const S = {
  str: { kind: 'str' },
  int: { kind: 'int' },
  float: { kind: 'float' },
  bool: { kind: 'bool' },
  dict: { kind: 'dict' },
  list: (item) => ({ kind: 'list', item }),
  opt: (inner) => ({ kind: 'nullable', inner }),
  literal: (values, reprs = values.map(pyRepr)) => ({ kind: 'literal', values, expected: joinOr(reprs) }),
  enumOf: (values) => ({ kind: 'enum', values, expected: joinOr(values.map(pyRepr)) }),
  model: (fields, finalize = (v) => v) => ({ kind: 'model', fields, finalize }),
  union: (members) => ({ kind: 'union', members }),
  tagged: (members, enumName) => ({
    kind: 'tagged',
    members,
    expectedTags: enumReprs(enumName, Object.keys(members)).join(', '),
  }),
};
const field = (name, schema, { required = false, default: dflt = null, aliases = [name] } = {}) => ({
  name,
  schema,
  required,
  default: dflt,
  aliases,
});

function pyError(type, loc, msg, input, ctx) {
  const err = new Map([
    ['type', type],
    ['loc', new PyTuple(loc)],
    ['msg', msg],
    ['input', input],
  ]);
  if (ctx) err.set('ctx', new Map(Object.entries(ctx)));
  return err;
}

const MSG = {
  string: 'Input should be a valid string',
  int: 'Input should be a valid integer',
  intParsing: 'Input should be a valid integer, unable to parse string as an integer',
  intFromFloat: 'Input should be a valid integer, got a number with a fractional part',
  intSize: 'Unable to parse input string as an integer, exceeded maximum size',
  finite: 'Input should be a finite number',
  float: 'Input should be a valid number',
  floatParsing: 'Input should be a valid number, unable to parse string as a number',
  bool: 'Input should be a valid boolean',
  boolParsing: 'Input should be a valid boolean, unable to interpret input',
  list: 'Input should be a valid list',
  dict: 'Input should be a valid dictionary',
  model: 'Input should be a valid dictionary or object to extract fields from',
  missing: 'Field required',
};
const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

const validators = {
  str(schema, v, loc, errors) {
    if (typeof v === 'string') return v;
    errors.push(pyError('string_type', loc, MSG.string, v));
  },
  int(schema, v, loc, errors) {
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return void errors.push(pyError('finite_number', loc, MSG.finite, v));
      if (!Number.isInteger(v)) return void errors.push(pyError('int_from_float', loc, MSG.intFromFloat, v));
      if (Math.abs(v) >= 2 ** 63) return void errors.push(pyError('int_parsing_size', loc, MSG.intSize, v));
      return v;
    }
    if (typeof v === 'string') {
      const m = /^([+-]?\d+(?:_\d+)*)(?:\.0*)?$/.exec(v.trim());
      if (m) return Number(BigInt(m[1].replace(/_/g, '')));
      return void errors.push(pyError('int_parsing', loc, MSG.intParsing, v));
    }
    errors.push(pyError('int_type', loc, MSG.int, v));
  },
  float(schema, v, loc, errors) {
    if (typeof v === 'number' || typeof v === 'bigint') return Number(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'string') {
      const n = Number(v.trim());
      if (v.trim() !== '' && !Number.isNaN(n)) return n;
      return void errors.push(pyError('float_parsing', loc, MSG.floatParsing, v));
    }
    errors.push(pyError('float_type', loc, MSG.float, v));
  },
  bool(schema, v, loc, errors) {
    if (typeof v === 'boolean') return v;
    if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) {
      if (Number(v) === 0 || Number(v) === 1) return Number(v) === 1;
      return void errors.push(pyError('bool_parsing', loc, MSG.boolParsing, v));
    }
    if (typeof v === 'string') {
      const word = v.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      return void errors.push(pyError('bool_parsing', loc, MSG.boolParsing, v));
    }
    errors.push(pyError('bool_type', loc, MSG.bool, v));
  },
  dict(schema, v, loc, errors) {
    if (v instanceof Map) return pyToJs(v);
    errors.push(pyError('dict_type', loc, MSG.dict, v));
  },
  list(schema, v, loc, errors) {
    if (!Array.isArray(v)) return void errors.push(pyError('list_type', loc, MSG.list, v));
    return v.map((item, i) => validate(schema.item, item, [...loc, BigInt(i)], errors));
  },
  nullable(schema, v, loc, errors) {
    return v === null ? null : validate(schema.inner, v, loc, errors);
  },
  literal(schema, v, loc, errors) {
    if (typeof v === 'string' && schema.values.includes(v)) return v;
    errors.push(pyError('literal_error', loc, `Input should be ${schema.expected}`, v, { expected: schema.expected }));
  },
  enum(schema, v, loc, errors) {
    if (typeof v === 'string' && schema.values.includes(v)) return v;
    errors.push(pyError('enum', loc, `Input should be ${schema.expected}`, v, { expected: schema.expected }));
  },
  model(schema, v, loc, errors) {
    if (!(v instanceof Map)) return void errors.push(pyError('model_attributes_type', loc, MSG.model, v));
    const before = errors.length;
    const out = {};
    for (const f of schema.fields) {
      const key = f.aliases.find((k) => v.has(k));
      if (key === undefined) {
        if (f.required) errors.push(pyError('missing', [...loc, f.name], MSG.missing, v));
        else out[f.name] = f.default;
        continue;
      }
      out[f.name] = validate(f.schema, v.get(key), [...loc, key], errors);
    }
    return errors.length === before ? schema.finalize(out) : undefined;
  },
  union(schema, v, loc, errors) {
    const collected = [];
    for (const [label, member] of schema.members) {
      const memberErrors = [];
      const out = validate(member, v, [...loc, label], memberErrors);
      if (memberErrors.length === 0) return out;
      collected.push(...memberErrors);
    }
    errors.push(...collected);
  },
  tagged(schema, v, loc, errors) {
    if (!(v instanceof Map)) return void errors.push(pyError('model_attributes_type', loc, MSG.model, v));
    if (!v.has('type')) {
      const msg = "Unable to extract tag using discriminator 'type'";
      return void errors.push(pyError('union_tag_not_found', loc, msg, v, { discriminator: "'type'" }));
    }
    const tag = pyStr(v.get('type'));
    if (!Object.hasOwn(schema.members, tag)) {
      const msg = `Input tag '${tag}' found using 'type' does not match any of the expected tags: ${schema.expectedTags}`;
      const ctx = { discriminator: "'type'", tag, expected_tags: schema.expectedTags };
      return void errors.push(pyError('union_tag_invalid', loc, msg, v, ctx));
    }
    return validate(schema.members[tag], v, [...loc, tag], errors);
  },
};

function validate(schema, v, loc, errors) {
  return validators[schema.kind](schema, v, loc, errors);
}

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
const withOtid = (v) => ({ ...v, otid: v.otid ?? randomUUID() });
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
const MESSAGE_TYPES = [
  'system_message',
  'user_message',
  'assistant_message',
  'reasoning_message',
  'hidden_reasoning_message',
  'tool_call_message',
  'tool_return_message',
  'approval_request_message',
  'approval_response_message',
  'summary_message',
  'event_message',
];
const SEND_MESSAGE_REQUEST = S.model([
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
const RETRIEVE_STREAM_REQUEST = S.model([
  field('agent_id', S.opt(S.str)),
  field('run_id', S.opt(S.str)),
  field('otid', S.opt(S.str)),
  field('starting_after', S.int, { default: 0 }),
  field('include_pings', S.opt(S.bool), { default: true }),
  field('poll_interval', S.opt(S.float), { default: 0.1 }),
  field('batch_size', S.opt(S.int), { default: 100 }),
]);
const CANCEL_REQUEST = S.model([field('run_ids', S.opt(S.list(S.str)))]);
const CREATE_AGENT_REQUEST = S.model([field('name', S.opt(S.str)), field('description', S.opt(S.str))]);

/** LettaRequest.add_default_type_to_messages (mode="before"): mutates the dicts, like the server. */
function addDefaultMessageTypes(body) {
  const messages = body.get('messages');
  if (!Array.isArray(messages)) return;
  for (const item of messages) {
    if (item instanceof Map && !item.has('type')) {
      item.set('type', item.has('approval_request_id') || item.has('approve') ? 'approval' : 'message');
    }
  }
}

/** LettaRequest.validate_input_or_messages (mode="after"). */
function inputOrMessagesError(request, body) {
  let message = null;
  if (request.input !== null && request.messages !== null) message = "Cannot specify both 'input' and 'messages'. Use one or the other.";
  if (request.input === null && request.messages === null) message = "Must specify either 'input' or 'messages'.";
  if (!message) return null;
  return pyError('value_error', ['body'], `Value error, ${message}`, body, { error: new PyValueError(message) });
}

function agentIdError(agentId, name = 'agent_id') {
  if (agentId.length === 42 && AGENT_ID_RE.test(agentId)) return null;
  return pyError('string_pattern_mismatch', ['path', name], "String should match pattern 'agent-{uuid4}'", agentId, {
    pattern: AGENT_ID_PATTERN,
  });
}

/** FastAPI's body handling: which bytes count as JSON, and how a malformed body is reported. */
function readRequestBody(headers, raw) {
  if (raw.length === 0) return { kind: 'none' };
  const type = headers['content-type'];
  if (type && !isJsonContentType(type)) return { kind: 'value', value: new PyBytes(raw) };
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return { kind: 'undecodable' };
  }
  const parsed = parsePythonJson(text);
  if (parsed.tooDeep) return { kind: 'undecodable' };
  if (!parsed.ok) return { kind: 'invalid', message: parsed.message, pos: parsed.pos };
  return parsed.value === null ? { kind: 'none' } : { kind: 'value', value: parsed.value };
}

function isJsonContentType(contentType) {
  const [main, sub = ''] = contentType.split(';')[0].trim().toLowerCase().split('/');
  return main === 'application' && (sub === 'json' || sub.endsWith('+json'));
}

/**
 * Validates a request like FastAPI + pydantic do: path errors first, then the body. Returns
 * { status, body } for an HTTP error, or { value } (plain JS, with defaults applied).
 */
function validateRequest({ pathErrors = [], body, schema, required, prepare, after }) {
  if (body.kind === 'undecodable') return { status: 400, body: { detail: TEXT.bodyParseError } };
  if (body.kind === 'invalid') {
    const error = pyError('json_invalid', ['body', BigInt(body.pos)], 'JSON decode error', new Map(), { error: body.message });
    return { status: 422, body: validationBody([error]) };
  }
  const errors = pathErrors.filter(Boolean);
  let value = null;
  if (body.kind === 'none') {
    if (required) errors.push(pyError('missing', ['body'], MSG.missing, null));
  } else {
    if (body.value instanceof Map) prepare?.(body.value);
    const bodyErrors = [];
    value = validate(schema, body.value, ['body'], bodyErrors);
    if (bodyErrors.length === 0 && after) {
      const error = after(value, body.value);
      if (error) bodyErrors.push(error);
    }
    errors.push(...bodyErrors);
  }
  if (errors.length) return { status: 422, body: validationBody(errors) };
  return { value };
}

/** custom_request_validation_handler: repr() of the error list, plus examples for bad path ids. */
function validationBody(errors) {
  const body = { trace_id: '', detail: pyRepr(errors) };
  if (errors.some((e) => e.get('loc').items[0] === 'path')) body.examples = [AGENT_ID_EXAMPLE];
  return body;
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
function routeChecks(request, headers) {
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

// ───────────────────────────── wire-format builders ─────────────────────────────

function baseMessage({ id, type, otid, stepId = null, runId, name = null }) {
  return {
    id,
    date: isoSeconds(),
    name,
    message_type: type,
    otid,
    sender_id: null,
    step_id: stepId,
    is_err: null,
    seq_id: null,
    run_id: runId,
  };
}

const reasoningMessage = (base, reasoning) => ({
  ...baseMessage({ ...base, type: 'reasoning_message' }),
  source: 'reasoner_model',
  reasoning,
  signature: null,
});
const assistantMessage = (base, content) => ({ ...baseMessage({ ...base, type: 'assistant_message' }), content });
const toolCallMessage = (base, call, calls) => ({
  ...baseMessage({ ...base, type: 'tool_call_message' }),
  tool_call: call,
  tool_calls: calls,
});
const approvalRequestMessage = (base, call, calls) => ({
  ...baseMessage({ ...base, type: 'approval_request_message' }),
  tool_call: call,
  tool_calls: calls,
});

function toolReturnMessage(base, ret) {
  const { tool_return, status, tool_call_id, stdout, stderr } = ret;
  const fields = { tool_return, status, tool_call_id, stdout, stderr };
  return {
    ...baseMessage({ ...base, type: 'tool_return_message', name: ret.name }),
    ...fields,
    tool_returns: [{ type: 'tool', ...fields }],
  };
}

function pingMessage(runId, seqId = null) {
  return { ...baseMessage({ id: newId('ping'), type: 'ping', otid: null, runId }), seq_id: seqId };
}

const stopReason = (reason) => ({ message_type: 'stop_reason', stop_reason: reason });

function errorMessage(runId, errorType, message, detail) {
  return { message_type: 'error_message', run_id: runId, error_type: errorType, message, detail, seq_id: null };
}

function usageStatistics(usage, tokenMode) {
  const detail = tokenMode ? null : 0;
  return {
    message_type: 'usage_statistics',
    completion_tokens: usage.completion,
    prompt_tokens: usage.prompt,
    total_tokens: usage.completion + usage.prompt,
    step_count: usage.steps,
    run_ids: null,
    cached_input_tokens: detail,
    cache_write_tokens: detail,
    reasoning_tokens: detail,
    context_tokens: usage.lastTotal,
  };
}

const dataFrame = (obj) => `data: ${JSON.stringify(obj)}\n\n`;
const errorFrame = (obj) => `event: error\ndata: ${JSON.stringify(obj)}\n\n`;
const DONE_FRAME = 'data: [DONE]\n\n';
// Written by json.dumps in cancellation_aware_stream_wrapper, hence the spaces.
const CANCELLED_FRAME = 'data: {"message_type": "stop_reason", "stop_reason": "cancelled"}\n\n';
const MALFORMED_FRAME = 'data: {"message_type":"assistant_message","content":"this frame is cut sho\n\n';

// ───────────────────────────── agent errors ─────────────────────────────

/** A failure of the turn: its HTTP form (non-streaming) and its in-band form (streaming). */
class AgentError extends Error {
  constructor({ status, body, stopReason: reason, errorType, message, detail }) {
    super(detail ?? message);
    Object.assign(this, { status, body, stopReason: reason, errorType, inBandMessage: message, detail });
  }
}

const pendingApprovalError = (pendingId) =>
  new AgentError({
    status: 409,
    body: { detail: { code: 'PENDING_APPROVAL', message: TEXT.pendingApproval, pending_request_id: pendingId } },
    stopReason: 'error',
    errorType: 'internal_error',
    message: TEXT.pendingApproval,
    detail: TEXT.pendingApproval,
  });

/** A ValueError: 400 {"detail": text} outside a stream, internal_error inside one. */
const valueError = (text) =>
  new AgentError({
    status: 400,
    body: { detail: text },
    stopReason: 'error',
    errorType: 'internal_error',
    message: TEXT.unknownStreamError,
    detail: text,
  });

/** A LettaInvalidArgumentError: 400 {"detail": text} outside a stream, the same text inside one. */
const invalidArgumentError = (text) =>
  new AgentError({
    status: 400,
    body: { detail: text },
    stopReason: 'error',
    errorType: 'internal_error',
    message: text,
    detail: text,
  });

/**
 * _convert_message_create_to_message (letta/helpers/message_helper.py): content must not be "" or
 * [], and image URLs must be http, https or data — checked when the message is built, after the
 * route accepted the request (so 400, or an in-band error in a stream).
 */
function checkMessageCreates(messages) {
  for (const message of messages) {
    if (message.type !== 'message') continue;
    const content = message.content;
    if (content === '' || (Array.isArray(content) && content.length === 0) || (typeof content !== 'string' && !Array.isArray(content))) {
      throw valueError(TEXT.emptyContent);
    }
    for (const part of Array.isArray(content) ? content : []) {
      if (part?.type !== 'image' || part.source?.type !== 'url') continue;
      const url = String(part.source.url);
      const match = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
      const scheme = match ? match[1].toLowerCase() : '';
      if (!['http', 'https', 'data'].includes(scheme)) {
        throw invalidArgumentError(
          `INVALID_ARGUMENT: Unsupported image URL scheme '${match ? match[1] : '<missing>'}'. Only 'http', 'https', and 'data' image URLs are supported. Local file paths (file://) are not allowed.`,
        );
      }
    }
  }
}

/** Any other exception (e.g. the IndexError of an empty message list on /messages/stream). */
const unexpectedError = (text) =>
  new AgentError({
    status: 500,
    body: { detail: TEXT.unknownError },
    stopReason: 'error',
    errorType: 'internal_error',
    message: TEXT.unknownStreamError,
    detail: text,
  });

const llmFailure = (spec) =>
  new AgentError({
    status: spec.status,
    body: { error: { type: spec.type, message: spec.message, detail: spec.detail } },
    stopReason: 'llm_api_error',
    errorType: spec.type,
    message: spec.message,
    detail: spec.detail,
  });

class Interrupted extends Error {}

// ───────────────────────────── the scripted model ─────────────────────────────

const WEATHER = [
  ['sunny', '☀️'],
  ['partly cloudy', '⛅'],
  ['cloudy', '☁️'],
  ['rainy', '🌧️'],
  ['snowy', '❄️'],
  ['windy', '🌬️'],
  ['foggy', '🌫️'],
];
const LONG_WORDS = ['lorem', 'ipsum', 'café', 'naïve', 'über', 'façade', 'smörgåsbord', '東京', 'данные', '🚀', 'señor', 'crème', 'brûlée'];
const LARGE_UNIT = 'Grüße aus Köln — 日本 🦀 ';

/** The text the model reacts to: the last user message of the request. */
function lastUserText(messages) {
  const user = messages.filter((m) => m.type === 'message' && m.role === 'user').pop();
  if (!user) return '';
  if (typeof user.content === 'string') return user.content;
  return user.content
    .map((part) => (part.type === 'text' ? part.text : part.type === 'image' ? '[image]' : ''))
    .filter(Boolean)
    .join('\n');
}

/** Reads the triggers out of the user's text; `clean` is the text without the markers. */
function parseScript(text, request) {
  const script = { slowMs: 0, failure: null, kind: 'plain' };
  let rest = text.replace(/\/slow\s+(\d+)/g, (_, ms) => {
    script.slowMs = Math.min(Number(ms), 600_000);
    return ' ';
  });
  rest = rest.replace(/\/long\s+(\d+)/g, (_, n) => {
    script.kind = 'long';
    script.words = Math.min(Number(n), 1_000_000);
    return ' ';
  });
  rest = rest.replace(/(^|\s)(\/error|\/rate-limit|\/timeout|\/auth-error)(?=\s|$)/g, (_, lead, marker) => {
    script.failure = LLM_FAILURES[marker];
    return lead;
  });
  rest = rest.replace(/(^|\s)\/approve(?=\s|$)/g, (_, lead) => {
    script.kind = 'approval';
    return lead;
  });
  script.clean = rest.replace(/\s+/g, ' ').trim();
  classifyScript(script, request);
  return script;
}

function classifyScript(script, request) {
  const clean = script.clean;
  const clientTool = (request.client_tools ?? []).find((tool) => new RegExp(`\\b${escapeRegExp(tool.name)}\\b`, 'i').test(clean));
  const weather = /[Ww]eather\s+(?:in|for|at)\s+(\p{L}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*){0,2})/u.exec(clean);
  if (clientTool) Object.assign(script, { kind: 'client_tool', tool: clientTool });
  else if (script.kind === 'approval' || /\bdelete\b/i.test(clean)) {
    Object.assign(script, { kind: 'approval', path: deletionTarget(clean) });
  }
  else if (weather) Object.assign(script, { kind: 'weather', city: weather[1][0].toUpperCase() + weather[1].slice(1) });
}

function deletionTarget(text) {
  const m = /\bdelete\s+(?:the\s+)?(?:file\s+)?[`"'“]?([^\s`"'”]+)/i.exec(text);
  const target = m?.[1].replace(/[.,;:!?)]+$/, '');
  return target || 'scratch.txt';
}

function weatherReport(city) {
  const h = hashText(city.toLowerCase());
  const [conditions, emoji] = WEATHER[(h >>> 8) % WEATHER.length];
  return { city, temperature_c: (h % 40) - 5, conditions, emoji };
}

function echoReply(clean) {
  if (!clean) return 'You sent an empty message — nothing to echo back. 🤔';
  const words = countWords(clean);
  return `You said: «${clean}» — that's ${words} word${words === 1 ? '' : 's'}. Merci ! ✨`;
}

function longText(words) {
  return Array.from({ length: words }, (_, i) => LONG_WORDS[i % LONG_WORDS.length]).join(' ');
}

/** A string of exactly `bytes` bytes of UTF-8, mostly multi-byte text. */
function textOfBytes(bytes) {
  const unitBytes = Buffer.byteLength(LARGE_UNIT);
  const units = Math.floor(bytes / unitBytes);
  return LARGE_UNIT.repeat(units) + 'x'.repeat(bytes - units * unitBytes);
}

function clientToolArguments(tool, clean) {
  const properties = tool.parameters?.properties ?? {};
  const byType = { string: clean, number: 1, integer: 1, boolean: true, array: [], object: {} };
  return Object.fromEntries(Object.entries(properties).map(([name, spec]) => [name, byType[spec?.type] ?? null]));
}

/** What the "LLM" says for one call, given where the turn is. */
function planLlmCall(ctx) {
  const { script, phase } = ctx;
  const answering = !(phase.kind === 'start' && ['weather', 'approval', 'client_tool'].includes(script.kind));
  if (script.failure && (answering || script.kind !== 'weather')) throw llmFailure(script.failure);
  const out = { id: newId('message'), stepId: newId('step'), reasoning: null, text: null, toolCall: null };
  if (phase.kind === 'after_tool') {
    const w = phase.report;
    out.reasoning = `get_weather says ${w.temperature_c} °C and ${w.conditions} in ${w.city}; answer briefly.`;
    out.text = `It's ${w.temperature_c} °C and ${w.conditions} in ${w.city} right now. ${w.emoji}`;
  } else if (phase.kind === 'after_approval') {
    out.text = approvalAnswer(phase.results, script.clean);
  } else if (phase.kind === 'retry') {
    out.text = 'That approval was already processed — carrying on where we left off. 👍';
  } else {
    planFirstCall(out, script);
  }
  if (ctx.fault.largeEventBytes != null && out.text !== null) out.text = textOfBytes(ctx.fault.largeEventBytes);
  return out;
}

function planFirstCall(out, script) {
  const clean = script.clean;
  switch (script.kind) {
    case 'weather':
      out.reasoning = `The user asked about the weather in ${script.city}; I'll call get_weather.`;
      out.toolCall = { name: 'get_weather', args: { city: script.city, unit: 'celsius' } };
      break;
    case 'approval':
      out.reasoning = `Deleting ${script.path} is destructive; delete_file needs the user's approval.`;
      out.toolCall = { name: 'delete_file', args: { path: script.path }, approval: true };
      break;
    case 'client_tool':
      out.toolCall = { name: script.tool.name, args: clientToolArguments(script.tool, clean), approval: true, client: true };
      break;
    case 'long':
      out.reasoning = `The user wants a long answer: ${script.words} words.`;
      out.text = longText(script.words);
      break;
    default:
      out.reasoning = clean
        ? `The user wrote ${codePoints(clean).length} characters; I'll echo them back warmly.`
        : 'The message is empty; I should say so politely.';
      out.text = echoReply(clean);
  }
  if (out.toolCall) out.toolCall.id = toolCallId();
}

function approvalAnswer(results, followUp) {
  const parts = results.map((r) => {
    if (r.outcome === 'approved') return `Done — ${r.summary} ✅`;
    if (r.outcome === 'denied') return `Understood — I won't run ${r.name}. Your reason: “${r.reason ?? 'none given'}”.`;
    return `${r.name} returned ${r.preview} (${r.status}).`;
  });
  if (followUp) parts.push(`You also said: «${followUp}».`);
  return parts.join(' ');
}

/** Server-side tools. */
function runTool(call) {
  if (call.name === 'get_weather') {
    const report = weatherReport(call.args.city);
    return {
      report,
      result: {
        tool_return: pyJsonDumps({ city: report.city, temperature_c: report.temperature_c, conditions: report.conditions }),
        status: 'success',
        stdout: [`get_weather: looked up the forecast for ${report.city}`],
        stderr: [],
      },
    };
  }
  if (call.name === 'delete_file') {
    const size = 512 + (hashText(call.args.path) % 4096);
    return {
      summary: `${call.args.path} is deleted (${size} bytes freed). 🗑️`,
      result: {
        tool_return: `Deleted ${call.args.path} (${size} bytes). 🗑️`,
        status: 'success',
        stdout: [`rm -- ${call.args.path}`],
        stderr: [],
      },
    };
  }
  return {
    summary: `${call.name} ran.`,
    result: {
      tool_return: `Error: tool ${call.name} is executed by the client; send its result as a tool return.`,
      status: 'error',
      stdout: null,
      stderr: null,
    },
  };
}

// ───────────────────────────── the agent loop ─────────────────────────────

/**
 * One turn of the agent, as an async generator of wire messages (whole messages in "json" and
 * "step" mode, deltas in "token" mode). Returns { stopReason }; ctx.usage accumulates as it goes.
 * Throws AgentError (turned into an HTTP error or an in-band error) or Interrupted.
 */
async function* agentTurn(ctx) {
  const first = ctx.request.messages[0];
  if (!first) throw unexpectedError('list index out of range');
  if (first.type === 'approval' || first.type === 'tool_return') {
    yield* resolveApprovals(ctx, first.type === 'tool_return' ? first.tool_returns : first.approvals);
  } else if (ctx.agent.pending) {
    throw pendingApprovalError(ctx.agent.pending.messageId);
  } else {
    checkMessageCreates(ctx.request.messages);
    ctx.phase = { kind: 'start' };
  }
  ctx.agent.historyChars += codePoints(ctx.script.clean).length;
  return yield* runSteps(ctx);
}

async function* runSteps(ctx) {
  const maxSteps = ctx.request.max_steps;
  for (let i = 0; i < maxSteps; i++) {
    await think(ctx);
    const out = planLlmCall(ctx);
    accountUsage(ctx, out);
    yield* renderLlmOutput(ctx, out);
    const call = out.toolCall;
    if (!call) return { stopReason: 'end_turn' };
    if (call.approval) {
      setPendingApproval(ctx, out);
      return { stopReason: 'requires_approval' };
    }
    const { report, result } = runTool(call);
    yield toolReturnMessage(messageBase(ctx, newId('message'), 0, out.stepId), { ...result, name: call.name, tool_call_id: call.id });
    ctx.phase = { kind: 'after_tool', report };
    if (i === maxSteps - 1) return { stopReason: 'max_steps' };
  }
  return { stopReason: 'end_turn' };
}

/** The model's latency ("/slow MS"); also where cancellation and disconnects are noticed. */
async function think(ctx) {
  if (ctx.signal.aborted) throw new Interrupted();
  if (ctx.script.slowMs > 0 && !(await sleep(ctx.script.slowMs, ctx.signal))) throw new Interrupted();
}

function accountUsage(ctx, out) {
  const prompt = 2750 + Math.ceil(ctx.agent.historyChars / 4);
  const callChars = out.toolCall ? JSON.stringify(out.toolCall.args).length + 24 : 0;
  const outputChars = codePoints(out.reasoning ?? '').length + codePoints(out.text ?? '').length + callChars;
  const completion = Math.ceil(outputChars / 4) + 9;
  Object.assign(ctx.usage, {
    prompt: ctx.usage.prompt + prompt,
    completion: ctx.usage.completion + completion,
    steps: ctx.usage.steps + 1,
    lastTotal: prompt + completion,
  });
  ctx.agent.historyChars += outputChars;
}

const messageBase = (ctx, id, index, stepId) => ({ id, otid: index === -1 ? id : otidFromId(id, index), stepId, runId: ctx.run.id });

function setPendingApproval(ctx, out) {
  const { toolCall: call } = out;
  const messageId = ctx.mode === 'token' ? decrementMessageId(out.id) : out.id;
  const wire = { name: call.name, arguments: JSON.stringify(call.args), tool_call_id: call.id };
  ctx.agent.pending = {
    messageId,
    stepId: out.stepId,
    calls: [{ ...call }],
    message: approvalRequestMessage(messageBase(ctx, messageId, -1, out.stepId), wire, [wire]),
  };
}

/** The messages of one LLM call, whole (json/step) or as deltas (token). */
function* renderLlmOutput(ctx, out) {
  if (ctx.mode === 'token') yield* renderTokens(ctx, out);
  else yield* renderWhole(ctx, out);
}

function* renderWhole(ctx, out) {
  let index = 0;
  const base = () => messageBase(ctx, out.id, index++, out.stepId);
  if (out.reasoning !== null) yield reasoningMessage(base(), out.reasoning);
  if (out.text !== null) yield assistantMessage(base(), out.text);
  const call = out.toolCall;
  if (!call) return;
  if (call.approval) {
    const wire = { name: call.name, arguments: JSON.stringify(call.args), tool_call_id: call.id };
    yield approvalRequestMessage(messageBase(ctx, out.id, -1, out.stepId), wire, [wire]);
  } else {
    // Step mode re-serializes executed tool calls' arguments with json.dumps.
    const wire = { name: call.name, arguments: pyJsonDumps(call.args), tool_call_id: call.id };
    yield toolCallMessage(base(), wire, [wire]);
  }
}

function* renderTokens(ctx, out) {
  let index = 0;
  if (out.reasoning !== null) {
    const base = messageBase(ctx, out.id, index++, out.stepId);
    for (const piece of fragments(out.reasoning, 9)) yield reasoningMessage(base, piece);
  }
  if (out.text !== null) {
    const base = messageBase(ctx, out.id, index++, out.stepId);
    const pieces = ctx.fault.largeEventBytes != null ? [out.text] : fragments(out.text, 7);
    for (const piece of pieces) yield assistantMessage(base, piece);
  }
  const call = out.toolCall;
  if (!call) return;
  const args = fragments(JSON.stringify(call.args), 11);
  if (call.approval) {
    // Approval deltas keep their null keys; id = otid = the call's id minus one.
    const base = messageBase(ctx, decrementMessageId(out.id), -1, out.stepId);
    const deltas = [
      { name: call.name, arguments: null, tool_call_id: call.id },
      ...args.map((a) => ({ name: null, arguments: a, tool_call_id: call.id })),
    ];
    for (const delta of deltas) yield approvalRequestMessage(base, delta, delta);
  } else {
    // Tool-call deltas leave null keys out (OpenAI style: the name only in the first one).
    const base = messageBase(ctx, out.id, index++, out.stepId);
    const deltas = [{ name: call.name, tool_call_id: call.id }, ...args.map((a) => ({ arguments: a, tool_call_id: call.id }))];
    for (const delta of deltas) yield toolCallMessage(base, delta, delta);
  }
}

/** An ApprovalCreate / ToolReturnCreate: tool returns for the pending calls, then the agent goes on. */
function* resolveApprovals(ctx, approvals) {
  const { agent } = ctx;
  const pending = agent.pending;
  if (!pending) {
    if (approvals?.length && sameIds(agent.lastResolved, approvals)) {
      ctx.phase = { kind: 'retry' };
      return;
    }
    throw valueError(TEXT.noPendingApproval);
  }
  if (!approvals || approvals.length === 0) throw valueError(TEXT.noApprovals);
  checkToolCallIds(pending, approvals);
  const results = [];
  for (const call of pending.calls) {
    const answer = approvals.find((a) => a.tool_call_id === call.id) ?? approvals[0];
    const { message, result } = answerToolCall(ctx, pending, call, answer);
    results.push(result);
    // Letta 0.16.8 does not stream the tool return of a denied call when tokens stream (seen on the
    // real server by tests/letta/); it does in step mode and in JSON replies.
    if (ctx.mode === 'token' && result.outcome === 'denied') continue;
    yield message;
  }
  agent.pending = null;
  agent.lastResolved = approvals.map((a) => a.tool_call_id);
  ctx.phase = { kind: 'after_approval', results };
}

function sameIds(previous, approvals) {
  if (!previous) return false;
  const ids = new Set(approvals.map((a) => a.tool_call_id));
  return ids.size === previous.length && previous.every((id) => ids.has(id));
}

/** validate_approval_tool_call_ids (letta/agents/helpers.py). */
function checkToolCallIds(pending, approvals) {
  const requested = pending.calls.map((c) => c.id);
  const received = approvals.map((a) => a.tool_call_id);
  const differs = requested.some((id) => !received.includes(id)) || received.some((id) => !requested.includes(id));
  if (!differs) return;
  if (requested.length === 1 && received[0] === pending.messageId) return;
  throw valueError(`Invalid tool call IDs. Expected '${pyRepr(requested)}', but received '${pyRepr(received)}'.`);
}

function answerToolCall(ctx, pending, call, answer) {
  const base = messageBase(ctx, newId('message'), 0, pending.stepId);
  if (answer.type === 'tool') {
    const preview = typeof answer.tool_return === 'string' ? answer.tool_return : '[content parts]';
    const ret = { ...answer, name: null, tool_call_id: call.id };
    return { message: toolReturnMessage(base, ret), result: { outcome: 'returned', name: call.name, preview, status: answer.status } };
  }
  if (!answer.approve) {
    const text = `Error: request to call tool denied. User reason: ${pyStr(answer.reason)}`;
    const ret = { name: null, tool_return: text, status: 'error', tool_call_id: call.id, stdout: null, stderr: null };
    return { message: toolReturnMessage(base, ret), result: { outcome: 'denied', name: call.name, reason: answer.reason } };
  }
  const { summary, result } = runTool(call);
  const ret = { ...result, name: call.name, tool_call_id: call.id };
  const outcome = result.status === 'success' ? 'approved' : 'returned';
  return {
    message: toolReturnMessage(base, ret),
    result: { outcome, name: call.name, summary, preview: result.tool_return, status: result.status },
  };
}

// ───────────────────────────── runs ─────────────────────────────

/**
 * A run: the chunks a streaming turn produced (kept for resuming background runs), its status and
 * the controller that interrupts its producer (cancel, client gone, server closing).
 */
class Run {
  constructor(agentId, background) {
    this.id = newId('run');
    this.agentId = agentId;
    this.background = background;
    this.createdAt = Date.now();
    this.status = 'created';
    this.stopReason = null;
    this.chunks = [];
    this.done = false;
    this.waiters = new Set();
    this.cancelRequested = false;
    this.halted = false;
    this.controller = new AbortController();
  }

  get signal() {
    return this.controller.signal;
  }

  get active() {
    return this.status === 'created' || this.status === 'running';
  }

  push(data, complete = false) {
    if (this.done) return;
    this.chunks.push({ seq: this.chunks.length + 1, data, complete });
    this.wake();
  }

  finish(status) {
    if (status && this.active) this.status = status;
    this.done = true;
    this.wake();
  }

  wake() {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  cancel() {
    this.cancelRequested = true;
    this.controller.abort();
  }

  /** Stops the producer for good (client gone, reset, close). */
  halt() {
    this.halted = true;
    this.controller.abort();
    this.finish('failed');
  }

  /** Resolves 'chunk' on news, 'timeout' after timeoutMs (null = never), 'aborted' when signal aborts. */
  waitForChunk(timeoutMs, signal) {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve('aborted');
      let timer = null;
      const settle = (why) => {
        clearTimeout(timer);
        this.waiters.delete(onWake);
        signal.removeEventListener('abort', onAbort);
        resolve(why);
      };
      const onWake = () => settle('chunk');
      const onAbort = () => settle('aborted');
      this.waiters.add(onWake);
      signal.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs != null) timer = setTimeout(() => settle('timeout'), timeoutMs);
    });
  }

  toJSON() {
    const created = isoSeconds(new Date(this.createdAt));
    return {
      id: this.id,
      status: this.status,
      agent_id: this.agentId,
      background: this.background,
      created_at: created,
      stop_reason: this.stopReason,
      metadata: { run_type: 'send_message' },
    };
  }
}

const passesFilter = (request, message) =>
  !request.include_return_message_types || request.include_return_message_types.includes(message.message_type);

/** Runs a streaming turn, pushing SSE frames into the run (as the agent loop + streaming service do). */
async function produceStream(run, ctx) {
  run.status = 'running';
  if (ctx.request.include_pings) run.push(dataFrame(pingMessage(run.id)));
  const turn = agentTurn(ctx);
  let produced = 0;
  try {
    for (;;) {
      const step = await turn.next();
      if (run.halted) return;
      if (run.cancelRequested) {
        await turn.return();
        return pushCancelled(run);
      }
      if (step.done) return pushFinish(run, ctx, step.value.stopReason);
      produced += 1;
      if (passesFilter(ctx.request, step.value)) run.push(dataFrame(step.value));
    }
  } catch (err) {
    if (run.halted) return;
    if (run.cancelRequested) return pushCancelled(run);
    pushFailure(run, err instanceof AgentError ? err : unexpectedError(String(err?.message ?? err)), produced > 0);
  } finally {
    ctx.agent.lastStopReason = run.stopReason;
    run.finish('failed');
  }
}

function pushFinish(run, ctx, reason) {
  run.stopReason = reason;
  run.push(dataFrame(stopReason(reason)));
  run.push(dataFrame(usageStatistics(ctx.usage, ctx.mode === 'token')));
  run.push(DONE_FRAME, true);
  run.status = 'completed';
}

function pushCancelled(run) {
  run.stopReason = 'cancelled';
  run.status = 'cancelled';
  run.push(CANCELLED_FRAME, !run.background);
  if (run.background) run.push(DONE_FRAME, true);
}

/**
 * An in-band error. Before any output: stop_reason + event: error + [DONE]. After output started
 * (the v3 loop's own handler): stop_reason + internal_error, and the body ends without [DONE].
 * The error chunk ends a background reader, so no [DONE] follows it there.
 */
function pushFailure(run, err, afterOutput) {
  run.stopReason = err.stopReason;
  run.status = 'failed';
  run.push(dataFrame(stopReason(err.stopReason)));
  if (afterOutput) {
    run.push(errorFrame(errorMessage(run.id, 'internal_error', TEXT.midStreamError, err.detail)), true);
    return;
  }
  run.push(errorFrame(errorMessage(run.id, err.errorType, err.inBandMessage, err.detail)), true);
  run.push(DONE_FRAME, true);
}

/** The run's chunks as the client reads them: seq ids filled in for background runs. */
function chunkText(run, chunk) {
  if (!run.background) return chunk.data;
  return chunk.data.replaceAll('"run_id":null', `"run_id":"${run.id}"`).replaceAll('"seq_id":null', `"seq_id":${chunk.seq}`);
}

/**
 * Copies a run's frames to a response: replays what is stored after `startingAfter`, follows the
 * live run, and sends keepalive pings after `keepaliveMs` without a chunk (null = no pings).
 */
async function pipeRun(run, writer, { startingAfter = 0, keepaliveMs, signal }) {
  let index = 0;
  let lastSeq = null;
  let lastDataAt = Date.now();
  for (;;) {
    while (index < run.chunks.length) {
      const chunk = run.chunks[index++];
      if (chunk.seq <= startingAfter) continue;
      const text = chunkText(run, chunk);
      const seq = /"seq_id":(\d+)/.exec(text);
      if (seq) lastSeq = Number(seq[1]);
      lastDataAt = Date.now();
      if (!(await writer.write(text))) return;
      if (run.background && chunk.complete) return writer.end();
    }
    if (run.done) return writer.end();
    const why = await run.waitForChunk(keepaliveMs, signal);
    if (why === 'aborted') return;
    if (why === 'timeout') {
      if (Date.now() - lastDataAt > MAX_STREAM_SILENCE_MS) return writer.end();
      if (!(await writer.write(dataFrame(pingMessage(run.id, lastSeq))))) return;
    }
  }
}

// ───────────────────────────── faults ─────────────────────────────

const FAULT_OPTIONS = {
  'disconnect-after': 'count',
  'malformed-after': 'count',
  'error-after': 'count',
  'stall-after': 'count',
  'drip-ms': 'count',
  'large-event-bytes': 'count',
  'retry-after-ms': 'count',
  times: 'count',
  status: 'status',
  'retry-after': 'text',
  key: 'text',
  'content-type': 'text',
  'html-500': 'flag',
  'empty-body': 'flag',
  'stall-after-headers': 'flag',
};
const NO_FAULT = Object.freeze({});
const camel = (name) => name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

class FaultSyntaxError extends Error {}

function setFault(fault, name, value) {
  const kind = FAULT_OPTIONS[name];
  if (!kind) throw new FaultSyntaxError(`X-Mock-Fault: unknown option '${name}' (known: ${Object.keys(FAULT_OPTIONS).join(', ')})`);
  if (kind === 'flag') fault[camel(name)] = true;
  else if (kind === 'text') fault[camel(name)] = value;
  else {
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || (kind === 'status' && (n < 100 || n > 599))) {
      throw new FaultSyntaxError(`X-Mock-Fault: invalid value for ${name}: '${value}'`);
    }
    fault[camel(name)] = n;
  }
}

/** Faults from the X-Mock-Fault header and the query string; NO_FAULT when none apply. */
function resolveFaults(state, headers, searchParams) {
  const fault = {};
  const spec = headers['x-mock-fault'] ?? '';
  for (const part of spec.split(/[;,]/)) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    setFault(fault, (eq < 0 ? item : item.slice(0, eq)).trim().toLowerCase(), eq < 0 ? '' : item.slice(eq + 1).trim());
  }
  for (const [name, value] of searchParams) if (FAULT_OPTIONS[name]) setFault(fault, name, value);
  if ((fault.retryAfter != null || fault.retryAfterMs != null) && fault.status == null) fault.status = 429;
  if (Object.keys(fault).length === 0) return NO_FAULT;
  if (fault.times == null) return fault;
  const key = fault.key ?? `${spec}?${searchParams}`;
  const hits = (state.faultHits.get(key) ?? 0) + 1;
  state.faultHits.set(key, hits);
  return hits <= fault.times ? fault : NO_FAULT;
}

function statusFaultBody(status) {
  const envelope = ({ type, message, detail }) => ({ error: { type, message, detail } });
  if (status === 429) return envelope(LLM_FAILURES['/rate-limit']);
  if (status === 504) return envelope(LLM_FAILURES['/timeout']);
  if (status === 500) return { detail: TEXT.unknownError };
  if (status === 401) return { detail: 'Unauthorized' };
  return { detail: http.STATUS_CODES[status] ?? 'Error' };
}

const HTML_500 =
  '<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** Faults that replace the response altogether. Returns true when the request is answered. */
function applyResponseFaults(res, fault, expectedType) {
  if (fault.status != null) {
    const headers = {};
    if (fault.retryAfter != null) headers['retry-after'] = fault.retryAfter;
    if (fault.retryAfterMs != null) headers['retry-after-ms'] = String(fault.retryAfterMs);
    sendJson(res, fault.status, statusFaultBody(fault.status), NO_FAULT, headers);
    return true;
  }
  if (fault.html500) {
    const body = Buffer.from(HTML_500);
    res.writeHead(500, { 'content-type': 'text/html', 'content-length': String(body.length) });
    res.end(body);
    return true;
  }
  const type = fault.contentType ?? expectedType;
  if (fault.emptyBody) {
    res.writeHead(200, { 'content-type': type, 'content-length': '0' });
    res.end();
    return true;
  }
  if (fault.stallAfterHeaders) {
    res.writeHead(200, { 'content-type': type });
    res.flushHeaders();
    return true; // nothing more until the client goes away
  }
  return false;
}

// ───────────────────────────── responses ─────────────────────────────

/** A compact JSON body; `disconnect-after`/`stall-after` cut it after that many bytes. */
function sendJson(res, status, body, fault = NO_FAULT, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  const buffer = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': fault.contentType ?? 'application/json', 'content-length': String(buffer.length), ...headers });
  const cut = fault.disconnectAfter ?? fault.stallAfter;
  if (cut == null || cut >= buffer.length) return void res.end(buffer);
  res.write(buffer.subarray(0, cut), () => {
    if (fault.disconnectAfter != null) res.destroy();
  });
}

/** Writes SSE frames, each as its own chunk, and applies the stream faults. */
class SseWriter {
  constructor(res, fault, signal, runId) {
    Object.assign(this, { res, fault, signal, runId, count: 0, open: true });
  }

  /** Sends the headers; false if a fault ends the stream right away (N = 0). */
  async start() {
    this.res.writeHead(200, { 'content-type': this.fault.contentType ?? 'text/event-stream; charset=utf-8' });
    this.res.flushHeaders();
    return this.afterFrames();
  }

  async write(frame) {
    if (!this.open) return false;
    if (this.fault.dripMs && this.count > 0 && !(await sleep(this.fault.dripMs, this.signal))) return false;
    if (!(await this.raw(frame))) return false;
    this.count += 1;
    return this.afterFrames();
  }

  async afterFrames() {
    const { count: n, fault } = this;
    if (fault.malformedAfter === n && !(await this.raw(MALFORMED_FRAME))) return false;
    if (fault.errorAfter === n) {
      const detail = `Injected fault: error-after=${n}`;
      await this.raw(dataFrame(stopReason('error')));
      await this.raw(errorFrame(errorMessage(this.runId, 'internal_error', TEXT.midStreamError, detail)));
      this.end();
      return false;
    }
    if (fault.stallAfter === n) {
      this.open = false; // keep the socket open and silent until the client leaves
      return false;
    }
    if (fault.disconnectAfter === n) {
      this.open = false;
      // Close the connection after what was written (FIN, no final chunk), as a dropped upstream
      // connection looks to the client. Wait a moment first: a browser errors the body stream as soon
      // as the connection breaks and drops chunks it had not handed to the reader yet, so closing at
      // once would make the test depend on timing rather than on the client.
      const socket = this.res.socket;
      setTimeout(() => {
        if (socket && !socket.destroyed) socket.end();
        setTimeout(() => this.res.destroy(), 200).unref();
      }, 100).unref();
      return false;
    }
    return true;
  }

  /** Resolves once the frame is handed to the socket (false if the connection is gone). */
  raw(frame) {
    return new Promise((resolve) => {
      if (this.res.destroyed || this.res.writableEnded) return resolve(false);
      const onClose = () => resolve(false);
      this.res.once('close', onClose);
      this.res.write(frame, (err) => {
        this.res.off('close', onClose);
        resolve(!err);
      });
    });
  }

  end() {
    if (!this.open) return;
    this.open = false;
    if (!this.res.destroyed) this.res.end();
  }
}

// ───────────────────────────── state ─────────────────────────────

function createAgent(id, name, description = null) {
  return { id, name, description, createdAt: isoSeconds(), pending: null, lastResolved: null, historyChars: 0, lastStopReason: null };
}

/** A trimmed AgentState; pending_approval shows the waiting approval request. */
function agentState(agent) {
  return {
    created_by_id: DEFAULT_USER_ID,
    last_updated_by_id: DEFAULT_USER_ID,
    created_at: agent.createdAt,
    updated_at: agent.createdAt,
    id: agent.id,
    name: agent.name,
    tool_rules: [{ tool_name: 'delete_file', type: 'requires_approval', prompt_template: null }],
    message_ids: [],
    system: 'You are a scripted mock agent. You echo, look up the weather, and ask before deleting files.',
    agent_type: 'letta_v1_agent',
    llm_config: {
      model: 'gpt-4o-mini',
      model_endpoint_type: 'openai',
      model_endpoint: 'http://127.0.0.1:18283/v1',
      provider_name: 'openai-proxy',
      context_window: 128000,
      handle: MODEL_HANDLE,
    },
    model: MODEL_HANDLE,
    embedding: 'openai/text-embedding-3-small',
    description: agent.description,
    metadata: null,
    tools: ['get_weather', 'delete_file'].map((name) => ({ name, tool_type: 'custom' })),
    tags: [],
    pending_approval: agent.pending?.message ?? null,
    last_stop_reason: agent.lastStopReason,
    timezone: 'UTC',
  };
}

class MockState {
  constructor({ password, keepaliveMs }) {
    this.password = password ?? null;
    this.keepaliveMs = keepaliveMs ?? DEFAULT_KEEPALIVE_MS;
    this.agents = new Map();
    this.runs = new Map();
    this.requestLog = [];
    this.faultHits = new Map();
    this.activeStreams = 0;
    this.sockets = new Set();
    this.reset();
  }

  reset() {
    for (const run of this.runs.values()) if (run.active) run.halt();
    this.runs.clear();
    this.agents.clear();
    this.agents.set(DEFAULT_AGENT_ID, createAgent(DEFAULT_AGENT_ID, 'mock-agent'));
    this.requestLog.length = 0;
    this.faultHits.clear();
  }

  newRun(agent, background) {
    const run = new Run(agent.id, background);
    this.runs.set(run.id, run);
    return run;
  }

  log(req, url, raw) {
    const headers = { ...req.headers };
    for (const secret of ['authorization', 'x-bare-password', 'cookie']) if (secret in headers) headers[secret] = '[redacted]';
    let body = null;
    if (raw.length) {
      const text = raw.toString('utf8');
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    this.requestLog.push({ time: new Date().toISOString(), method: req.method, path: url.pathname + url.search, headers, body });
    if (this.requestLog.length > REQUEST_LOG_LIMIT) this.requestLog.shift();
  }
}

// ───────────────────────────── route handlers ─────────────────────────────

function turnContext(state, agent, request, run, mode, fault) {
  const script = parseScript(lastUserText(request.messages), request);
  const usage = { prompt: 0, completion: 0, steps: 0, lastTotal: null };
  return { state, agent, request, run, mode, fault, script, signal: run.signal, phase: null, usage };
}

/** POST /v1/agents/{agent_id}/messages and …/messages/stream. */
async function handleSendMessage(state, ex, agentId, { alwaysStream }) {
  const checked = validateRequest({
    pathErrors: [agentIdError(agentId)],
    body: ex.body,
    schema: SEND_MESSAGE_REQUEST,
    required: true,
    prepare: addDefaultMessageTypes,
    after: inputOrMessagesError,
  });
  if (checked.status) return sendJson(ex.res, checked.status, checked.body, ex.fault);
  const request = checked.value;
  if (request.input !== null) request.messages = [withOtid({ type: 'message', role: 'user', content: request.input })];
  if (alwaysStream) request.streaming = true;
  else {
    const refusal = routeChecks(request, ex.req.headers);
    if (refusal) return sendJson(ex.res, refusal.status, refusal.body, ex.fault);
  }
  const agent = state.agents.get(agentId);
  if (!agent) return sendJson(ex.res, 404, { detail: `Agent with ID ${agentId} not found` }, ex.fault);
  if (request.streaming) return streamTurn(state, ex, agent, request);
  return respondWithTurn(state, ex, agent, request);
}

/** Non-streaming: run the turn, answer with a LettaResponse or the error's HTTP form. */
async function respondWithTurn(state, ex, agent, request) {
  const run = state.newRun(agent, false);
  run.status = 'running';
  const stopOnClose = () => run.halt();
  ex.clientGone.addEventListener('abort', stopOnClose, { once: true });
  const ctx = turnContext(state, agent, request, run, 'json', ex.fault);
  const messages = [];
  try {
    const turn = agentTurn(ctx);
    let step = await turn.next();
    for (; !step.done; step = await turn.next()) messages.push(step.value);
    finishJsonRun(run, agent, step.value.stopReason, 'completed');
    sendJson(ex.res, 200, lettaResponse(ctx, messages, step.value.stopReason), ex.fault);
  } catch (err) {
    if (run.cancelRequested) {
      finishJsonRun(run, agent, 'cancelled', 'cancelled');
      return sendJson(ex.res, 200, lettaResponse(ctx, messages, 'cancelled'), ex.fault);
    }
    if (run.halted) return;
    const failure = err instanceof AgentError ? err : unexpectedError(String(err?.message ?? err));
    finishJsonRun(run, agent, failure.stopReason, 'failed');
    sendJson(ex.res, failure.status, failure.body, ex.fault);
  } finally {
    ex.clientGone.removeEventListener('abort', stopOnClose);
    run.finish('failed');
  }
}

function finishJsonRun(run, agent, reason, status) {
  run.stopReason = reason;
  run.status = status;
  agent.lastStopReason = reason;
}

function lettaResponse(ctx, messages, reason) {
  const shown = messages.filter((m) => passesFilter(ctx.request, m));
  const lastText = [...messages].reverse().find((m) => m.message_type === 'assistant_message')?.content;
  const logprobs = ctx.request.return_logprobs && lastText ? buildLogprobs(lastText, ctx.request.top_logprobs ?? 0) : null;
  return { messages: shown, stop_reason: stopReason(reason), usage: usageStatistics(ctx.usage, false), logprobs, turns: null };
}

/** ChoiceLogprobs of the last LLM call, deterministic per token. */
function buildLogprobs(text, top) {
  const entry = (token, logprob) => ({ token, bytes: [...Buffer.from(token)], logprob });
  const content = (text.match(/\s*\S+/gu) ?? []).map((token, i) => {
    const logprob = -Math.round(hashText(`${i}:${token}`) % 2500) / 1000;
    const alternatives = Array.from({ length: Math.max(0, top) }, (_, k) =>
      k === 0 ? entry(token, logprob) : entry([' the', ' a', ' and', ' so', ' but'][k % 5], Math.round((logprob - 1.7 * k) * 1000) / 1000),
    );
    return { ...entry(token, logprob), top_logprobs: alternatives };
  });
  return { content, refusal: null };
}

/** Streaming: the producer fills the run, the response reads it (background runs outlive it). */
async function streamTurn(state, ex, agent, request) {
  const run = state.newRun(agent, request.background);
  const mode = request.stream_tokens ? 'token' : 'step';
  const ctx = turnContext(state, agent, request, run, mode, ex.fault);
  const producing = produceStream(run, ctx).catch((err) => debug(err));
  if (!run.background) ex.clientGone.addEventListener('abort', () => run.halt(), { once: true });
  await pipeToClient(state, ex, run, { keepaliveMs: request.include_pings ? state.keepaliveMs : null });
  if (!run.background) run.halt();
  if (!run.background) await producing;
}

async function pipeToClient(state, ex, run, { startingAfter = 0, keepaliveMs }) {
  const writer = new SseWriter(ex.res, ex.fault, ex.clientGone, run.id);
  state.activeStreams += 1;
  try {
    if (await writer.start()) await pipeRun(run, writer, { startingAfter, keepaliveMs, signal: ex.clientGone });
  } finally {
    state.activeStreams -= 1;
  }
}

/** POST /v1/runs/{run_id}/stream: replay a background run after `starting_after`, then follow it. */
async function handleResume(state, ex, runId) {
  const checked = validateRequest({ body: ex.body, schema: RETRIEVE_STREAM_REQUEST, required: false });
  if (checked.status) return sendJson(ex.res, checked.status, checked.body, ex.fault);
  const run = state.runs.get(runId);
  if (!run) return sendJson(ex.res, 404, { detail: `Run not found with id='${pyRepr([runId])}'` }, ex.fault);
  if (!run.background) return sendJson(ex.res, 400, { detail: TEXT.notBackground }, ex.fault);
  if (Date.now() - run.createdAt > RUN_TTL_MS) return sendJson(ex.res, 410, { detail: TEXT.expired }, ex.fault);
  // The route reads request.starting_after on a Body(None): no body is an AttributeError → 500.
  if (checked.value === null) return sendJson(ex.res, 500, { detail: TEXT.unknownError }, ex.fault);
  const { starting_after: startingAfter, include_pings: pings } = checked.value;
  await pipeToClient(state, ex, run, { startingAfter, keepaliveMs: pings ? state.keepaliveMs : null });
}

/** POST /v1/agents/{agent_id}/messages/cancel */
function handleCancel(state, ex, agentId) {
  const checked = validateRequest({ pathErrors: [agentIdError(agentId)], body: ex.body, schema: CANCEL_REQUEST, required: false });
  if (checked.status) return sendJson(ex.res, checked.status, checked.body, ex.fault);
  let runIds = checked.value?.run_ids;
  if (!runIds || runIds.length === 0) runIds = [...state.runs.values()].filter((r) => r.agentId === agentId && r.active).map((r) => r.id);
  if (runIds.length === 0) return sendJson(ex.res, 409, { detail: `CONFLICT: No active runs to cancel for agent ${agentId}` }, ex.fault);
  const results = {};
  for (const id of runIds) {
    const run = state.runs.get(id);
    if (!run) {
      results[id] = 'failed';
      continue;
    }
    if (run.active) run.cancel();
    else run.status = 'cancelled';
    results[id] = 'cancelled';
  }
  sendJson(ex.res, 200, results, ex.fault);
}

function handleGetAgent(state, ex, agentId) {
  const error = agentIdError(agentId);
  if (error) return sendJson(ex.res, 422, validationBody([error]), ex.fault);
  const agent = state.agents.get(agentId);
  if (!agent) return sendJson(ex.res, 404, { detail: `Agent with ID ${agentId} not found` }, ex.fault);
  sendJson(ex.res, 200, agentState(agent), ex.fault);
}

function handleCreateAgent(state, ex) {
  const checked = validateRequest({ body: ex.body, schema: CREATE_AGENT_REQUEST, required: false });
  if (checked.status) return sendJson(ex.res, checked.status, checked.body, ex.fault);
  const id = newId('agent');
  const agent = createAgent(id, checked.value?.name ?? `mock-agent-${id.slice(6, 14)}`, checked.value?.description ?? null);
  state.agents.set(id, agent);
  sendJson(ex.res, 200, agentState(agent), ex.fault);
}

function handleGetRun(state, ex, runId) {
  const run = state.runs.get(runId);
  if (!run) return sendJson(ex.res, 404, { detail: `Run not found with id='${pyRepr([runId])}'` }, ex.fault);
  sendJson(ex.res, 200, run.toJSON(), ex.fault);
}

/** Routes under /v1 (and /latest): [method, pattern, handler(state, ex, ...params)]. */
const ROUTES = [
  ['GET', /^\/health\/?$/, (state, ex) => sendJson(ex.res, 200, { version: LETTA_VERSION, status: 'ok' }, ex.fault)],
  ['GET', /^\/agents\/?$/, (state, ex) => sendJson(ex.res, 200, [...state.agents.values()].map(agentState), ex.fault)],
  ['POST', /^\/agents\/?$/, handleCreateAgent],
  ['GET', /^\/agents\/([^/]+)\/?$/, handleGetAgent],
  ['POST', /^\/agents\/([^/]+)\/messages\/?$/, (state, ex, id) => handleSendMessage(state, ex, id, { alwaysStream: false })],
  ['POST', /^\/agents\/([^/]+)\/messages\/stream\/?$/, (state, ex, id) => handleSendMessage(state, ex, id, { alwaysStream: true })],
  ['POST', /^\/agents\/([^/]+)\/messages\/cancel\/?$/, handleCancel],
  ['GET', /^\/runs\/([^/]+)\/?$/, handleGetRun],
  ['POST', /^\/runs\/([^/]+)\/stream\/?$/, handleResume],
];

function matchRoute(method, pathname) {
  const prefix = /^\/(v1|latest)(\/.*)$/.exec(pathname);
  if (!prefix) return { status: 404 };
  let allowed = null;
  for (const [routeMethod, pattern, handler] of ROUTES) {
    const m = pattern.exec(prefix[2]);
    if (!m) continue;
    if (routeMethod !== method) {
      allowed = routeMethod;
      continue;
    }
    let params;
    try {
      params = m.slice(1).map(decodeURIComponent);
    } catch {
      return { status: 404 };
    }
    return { handler, params };
  }
  return allowed ? { status: 405, allowed } : { status: 404 };
}

// ───────────────────────────── HTTP plumbing ─────────────────────────────

/** CORS for http://localhost:* and http://127.0.0.1:* origins. True when a preflight was answered. */
function applyCors(req, res) {
  const origin = req.headers.origin;
  const allowed = typeof origin === 'string' && LOCAL_ORIGIN_RE.test(origin);
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'];
  if (allowed) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    res.setHeader('vary', 'Origin');
  }
  if (!preflight) return false;
  if (!allowed) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Disallowed CORS origin');
    return true;
  }
  const headers = {
    'access-control-allow-methods': 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT',
    'access-control-allow-headers': req.headers['access-control-request-headers'] || '*',
    'access-control-max-age': '600',
  };
  if (req.headers['access-control-request-private-network'] === 'true') headers['access-control-allow-private-network'] = 'true';
  res.writeHead(204, headers);
  res.end();
  return true;
}

const AUTH_EXEMPT = new Set(
  ['/v1/health', '/v1/health/', '/latest/health/', '/latest/health', '/v1/ready', '/v1/ready/', '/latest/ready', '/latest/ready/'],
);

function isAuthorized(state, req) {
  if (!state.password) return true;
  return req.headers['x-bare-password'] === `password ${state.password}` || req.headers.authorization === `Bearer ${state.password}`;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('close', () => resolve(Buffer.concat(chunks))); // a client that left mid-upload
    req.on('error', reject);
  });
}

/** What a normal answer to this request would be: SSE for streams, JSON otherwise. */
function expectedContentType(pathname, raw) {
  if (/\/stream\/?$/.test(pathname)) return 'text/event-stream; charset=utf-8';
  try {
    if (JSON.parse(raw.toString('utf8'))?.streaming === true) return 'text/event-stream; charset=utf-8';
  } catch {
    // not JSON: a JSON error would be the answer
  }
  return 'application/json';
}

function handleMockControl(state, req, res, pathname) {
  if (req.method === 'GET' && pathname === '/__mock/requests') return sendJson(res, 200, state.requestLog);
  if (req.method === 'POST' && pathname === '/__mock/reset') {
    state.reset();
    return sendJson(res, 200, { ok: true });
  }
  if (req.method === 'GET' && pathname === '/__mock/stats') {
    const activeRuns = [...state.runs.values()].filter((r) => r.active).length;
    return sendJson(res, 200, { activeStreams: state.activeStreams, activeRuns, openSockets: state.sockets.size, runs: state.runs.size });
  }
  sendJson(res, 404, { detail: 'Not Found' });
}

async function handleRequest(state, req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (applyCors(req, res)) return;
  const raw = await readBody(req);
  const clientGone = new AbortController();
  res.on('close', () => clientGone.abort());
  if (url.pathname.startsWith('/__mock/')) return handleMockControl(state, req, res, url.pathname);
  state.log(req, url, raw);
  if (!AUTH_EXEMPT.has(url.pathname) && !isAuthorized(state, req)) return sendJson(res, 401, { detail: 'Unauthorized' });
  let fault;
  try {
    fault = resolveFaults(state, req.headers, url.searchParams);
  } catch (err) {
    if (err instanceof FaultSyntaxError) return sendJson(res, 400, { detail: err.message });
    throw err;
  }
  if (applyResponseFaults(res, fault, expectedContentType(url.pathname, raw))) return;
  const route = matchRoute(req.method, url.pathname);
  if (route.status === 405) return sendJson(res, 405, { detail: 'Method Not Allowed' }, fault, { allow: route.allowed });
  if (route.status) return sendJson(res, 404, { detail: 'Not Found' }, fault);
  const ex = { req, res, url, fault, clientGone: clientGone.signal, body: readRequestBody(req.headers, raw) };
  await route.handler(state, ex, ...route.params);
}

/**
 * Starts the mock. Resolves to { url, agentId, close() }; close() ends every stream and socket.
 * @param {{ host?: string, port?: number, password?: string, keepaliveMs?: number }} [options]
 */
export async function startMockLetta({ host = '127.0.0.1', port = 0, password, keepaliveMs } = {}) {
  if (!['127.0.0.1', 'localhost'].includes(host)) throw new Error(`mock-letta listens on 127.0.0.1 only (got host ${host})`);
  const state = new MockState({ password, keepaliveMs });
  const server = http.createServer((req, res) => {
    handleRequest(state, req, res).catch((err) => {
      if (!res.headersSent) sendJson(res, 500, { detail: TEXT.unknownError });
      else res.destroy();
      debug(err);
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket) => {
    socket.setNoDelay(true);
    state.sockets.add(socket);
    socket.on('close', () => state.sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  let closing = null;
  const close = () => {
    closing ??= new Promise((resolve) => {
      for (const run of state.runs.values()) if (run.active) run.halt();
      server.close(() => resolve());
      for (const socket of state.sockets) socket.destroy();
    });
    return closing;
  };
  return { url, agentId: DEFAULT_AGENT_ID, close };
}

// ───────────────────────────── CLI ─────────────────────────────

function parseArgs(argv) {
  const options = { host: '127.0.0.1', port: 8283 };
  const names = { '--host': 'host', '--port': 'port', '--password': 'password', '--keepalive-ms': 'keepaliveMs' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    if (flag === '--help' || flag === '-h') return { help: true };
    const name = names[flag];
    if (!name) throw new Error(`unknown option: ${flag}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    options[name] = ['port', 'keepaliveMs'].includes(name) ? Number(value) : value;
    if (Number.isNaN(options[name])) throw new Error(`${flag} needs a number`);
  }
  return options;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`mock-letta: ${err.message}`);
    process.exit(2);
  }
  if (options.help) {
    console.log('usage: node scripts/mock-letta.mjs [--host 127.0.0.1] [--port 8283] [--password PW] [--keepalive-ms MS]');
    return;
  }
  let mock;
  try {
    mock = await startMockLetta(options);
  } catch (err) {
    console.error(`mock-letta: ${err.message}`);
    process.exit(1);
  }
  console.log(JSON.stringify({ url: mock.url, agentId: mock.agentId }));
  const stop = () => mock.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
