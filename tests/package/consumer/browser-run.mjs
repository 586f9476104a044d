// Serves a directory holding the esbuild bundle of browser-entry.js (bundle.js, index.html and
// letta_wasm_bg.wasm) on 127.0.0.1, starts the mock Letta server, opens the page in headless Chromium
// (Debian's /usr/bin/chromium through playwright-core, which never downloads a browser) and waits for the
// page to report. Fails on a page error, a console error, an HTTP error or a failed request (aborts excepted).
//   node tests/package/consumer/browser-run.mjs <served-dir> [--worker]   (index.html, or worker.html)
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { startMockLetta } from '../../../scripts/mock-letta.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };

function serveStatic(root) {
  const server = http.createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(root, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(root + path.sep)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const root = path.resolve(process.argv[2] ?? '');
const problems = [];
let mock, server, browser;
try {
  mock = await startMockLetta({ port: 0 });
  server = await serveStatic(root);
  const worker = process.argv.includes('--worker');
  const pageFile = worker ? 'worker.html' : '';
  const pageUrl = `http://127.0.0.1:${server.address().port}/${pageFile}?` + new URLSearchParams({ mock: mock.url, agent: mock.agentId });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
  const page = await browser.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error}`));
  page.on('console', (message) => {
    // The faults the check injects make the browser log their network errors; any other error counts.
    if (message.type() === 'error' && !/net::ERR_/.test(message.text())) problems.push(`console error: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    // The client aborts a stream's request once it has read it to the end: ERR_ABORTED is expected,
    // and so is any failure of a request that asked the mock for a fault.
    const reason = request.failure()?.errorText;
    if (reason !== 'net::ERR_ABORTED' && !request.headers()['x-mock-fault']) problems.push(`request failed: ${request.url()} ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    if (response.url().endsWith('.wasm') && response.headers()['content-type'] !== 'application/wasm') {
      problems.push(`.wasm served as ${response.headers()['content-type']}`);
    }
  });
  await page.goto(pageUrl);
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 20_000 });
  const result = await page.evaluate(() => window.__result);
  const title = await page.title();
  if (!result.ok) problems.push(`the page failed: ${result.error}`);
  else if (title !== 'PASS') problems.push(`document.title is ${title}`);
  else if (result.where !== (worker ? 'worker' : 'page')) problems.push(`ran in the ${result.where}`);
  else console.log(`browser: ok   ${result.where}: streamed ${result.items} items, accumulated "${result.assistant}"; faults: ${result.faults.join(', ')}`);
} catch (error) {
  problems.push(String(error?.stack ?? error));
} finally {
  await browser?.close().catch(() => {});
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  await mock?.close();
}

if (problems.length) {
  for (const problem of problems) console.error(`browser: FAIL ${problem}`);
  process.exit(1);
}
