#!/usr/bin/env node
/**
 * serve.mjs — the demo's web server (what `npm start` runs after building the package).
 *
 *   node scripts/serve.mjs [--port N] [--pkg pkg]     (default: the first free port of 8080–8089)
 *
 * Serves on 127.0.0.1 only:
 *   /                   www/ (the demo page)
 *   /pkg/chat/…         the <letta-chat> widget as the package ships it (bundled from www/letta-chat/)
 *   /pkg/…              the built package (pkg/, from scripts/build.sh)
 *   /config.json        what the page needs to start: { agentId, target, mode }
 *   /v1/…               proxied to the Letta server, so that the page stays same-origin
 *
 * The Letta server is the bundled mock agent (scripts/mock-letta.mjs, started in-process) unless
 * LETTA_BASE_URL names a real one. LETTA_API_KEY, when set, is added by the proxy as
 * `Authorization: Bearer …` to requests that carry no key of their own, so the key never reaches the
 * browser. LETTA_AGENT_ID picks the agent the page starts with (default: the mock's agent, or the
 * real server's first agent).
 *
 * Prints one JSON line when ready: {"url":"http://127.0.0.1:PORT/","target":"…","agentId":"…"}.
 * SIGINT / SIGTERM stop everything it started.
 */

import http from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

import { startMockLetta } from './mock-letta.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/** Hop-by-hop headers, which a proxy must not forward. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

/**
 * Starts the demo server. Returns `{ url, target, agentId, close }`.
 * @param {{ port?: number, pkgDir?: string, baseUrl?: string, apiKey?: string, agentId?: string }} options
 */
export async function startDemoServer({ port = 0, pkgDir = 'pkg', baseUrl, apiKey, agentId } = {}) {
  const mock = baseUrl ? null : await startMockLetta({ port: 0 });
  const target = new URL(baseUrl ?? mock.url);
  const config = {
    mode: mock ? 'mock' : 'proxy',
    target: target.origin + target.pathname.replace(/\/$/, ''),
    agentId: agentId ?? mock?.agentId ?? (await firstAgentId(target, apiKey)) ?? '',
  };
  const mounts = [
    ['/pkg/', path.resolve(ROOT, pkgDir)],
    ['/', path.join(ROOT, 'www')],
  ];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname.startsWith('/v1/') || url.pathname === '/v1') {
      proxy(req, res, target, apiKey);
    } else if (url.pathname === '/config.json') {
      send(res, 200, 'application/json', JSON.stringify(config));
    } else if (req.method === 'GET' || req.method === 'HEAD') {
      serveFile(req, res, mounts, url.pathname).catch(() => send(res, 500, 'text/plain', 'Internal error'));
    } else {
      send(res, 405, 'text/plain', 'Method not allowed');
    }
  });
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
  } catch (error) {
    await mock?.close();
    if (error.code === 'EADDRINUSE') throw new Error(`port ${port} on 127.0.0.1 is in use: stop what holds it, or pick another with PORT=…`);
    throw error;
  }

  let closing;
  const close = () => {
    closing ??= (async () => {
      await new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      await mock?.close();
    })();
    return closing;
  };
  return { url: `http://127.0.0.1:${server.address().port}/`, target: config.target, agentId: config.agentId, mock, close };
}

/** Forwards a request to the Letta server and streams the answer back unbuffered. */
function proxy(req, res, target, apiKey) {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_BY_HOP.has(name)) headers[name] = value;
  }
  if (apiKey && !headers.authorization) headers.authorization = `Bearer ${apiKey}`;
  // The server sees a same-origin request from the proxy, not the page's origin.
  delete headers.origin;
  delete headers.referer;
  const upstream = http.request(
    {
      host: target.hostname,
      port: target.port || 80,
      method: req.method,
      path: target.pathname.replace(/\/$/, '') + req.url,
      headers,
    },
    (answer) => {
      const forwarded = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (!HOP_BY_HOP.has(name) && !name.startsWith('access-control-')) forwarded[name] = value;
      }
      res.writeHead(answer.statusCode ?? 502, forwarded);
      res.flushHeaders();
      answer.pipe(res);
      // A server that breaks the connection mid-body: break the page's connection too.
      answer.on('aborted', () => res.destroy());
      answer.on('error', () => res.destroy());
    },
  );
  upstream.on('error', (error) => {
    if (res.headersSent) res.destroy();
    else send(res, 502, 'application/json', JSON.stringify({ detail: `The Letta server at ${target.origin} is unreachable: ${error.code ?? error.message}` }));
  });
  // The page went away (Stop, a closed tab): cancel the upstream request so the run's stream ends.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

/** The first agent a real server lists, so that the page has one to start with. */
async function firstAgentId(target, apiKey) {
  try {
    const response = await fetch(new URL('v1/agents/?limit=1', target.href.replace(/\/?$/, '/')), {
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) return undefined;
    const agents = await response.json();
    return Array.isArray(agents) && typeof agents[0]?.id === 'string' ? agents[0].id : undefined;
  } catch {
    return undefined;
  }
}

async function serveFile(req, res, mounts, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return send(res, 400, 'text/plain', 'Bad request');
  }
  const [prefix, dir] = mounts.find(([mount]) => decoded.startsWith(mount));
  let file = path.join(dir, decoded.slice(prefix.length));
  if (file !== dir && !file.startsWith(dir + path.sep)) return send(res, 403, 'text/plain', 'Forbidden');
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = path.join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return send(res, 404, 'text/plain', 'Not found');
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    // The package may be loaded from another origin, like from a CDN (`<script type="module" src=…>`).
    ...(pathname.startsWith('/pkg/') ? { 'access-control-allow-origin': '*' } : {}),
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function parseArgs(argv) {
  const options = { port: undefined, pkgDir: 'pkg' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    if (flag === '--port') options.port = Number(value());
    else if (flag === '--pkg') options.pkgDir = value();
    else throw new Error(`serve.mjs: unknown option ${argv[i]} (options: --port N, --pkg DIR)`);
  }
  return options;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  const env = process.env;
  const start = (port) =>
    startDemoServer({
      ...options,
      port,
      baseUrl: env.LETTA_BASE_URL || undefined,
      apiKey: env.LETTA_API_KEY || undefined,
      agentId: env.LETTA_AGENT_ID || undefined,
    });
  // An explicit --port is used as given; by default the first free port of 8080–8089.
  const ports = options.port !== undefined ? [options.port] : Array.from({ length: 10 }, (_, i) => 8080 + i);
  let demo;
  for (const [i, port] of ports.entries()) {
    try {
      demo = await start(port);
      break;
    } catch (error) {
      if (!/is in use/.test(error.message) || i === ports.length - 1) {
        console.error(`serve: ${error.message}`);
        process.exit(1);
      }
    }
  }
  console.log(JSON.stringify({ url: demo.url, target: demo.target, agentId: demo.agentId }));
  const against = demo.mock ? `the bundled mock Letta agent (${demo.target})` : `the Letta server at ${demo.target}`;
  console.error(`\n  letta-wasm demo: open ${demo.url}\n  talking to ${against}, agent ${demo.agentId || '(none: enter one on the page)'}\n  Ctrl-C stops it\n`);
  const stop = () => demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
