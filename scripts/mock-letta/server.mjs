/**
 * HTTP plumbing: CORS, auth, body reading, fault resolution, routing, and startMockLetta.
 */
import http from 'node:http';
import { DEFAULT_AGENT_ID, LOCAL_ORIGIN_RE, EXPOSED_HEADERS, TEXT } from './constants.mjs';
import { FaultSyntaxError, resolveFaults, applyResponseFaults } from './faults.mjs';
import { handleMockControl } from './routes/control.mjs';
import { matchRoute } from './routes/index.mjs';
import { sendJson } from './sse.mjs';
import { MockState } from './state.mjs';
import { debug } from './util.mjs';
import { readRequestBody } from './validate.mjs';

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
    fault = resolveFaults(state, req.headers, url.searchParams, req.method);
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

