// What the Chromium checks of the installed package share: a static server for a built directory on
// 127.0.0.1, and Debian's /usr/bin/chromium through playwright-core (which never downloads a browser),
// with a page that records page errors, console errors, HTTP errors and failed requests as problems.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.css': 'text/css' };

/** Serves `root` on 127.0.0.1 (a free port); resolves to the http.Server. */
export function serveStatic(root) {
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

/** Headless Chromium. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
}

/**
 * A new page whose problems are pushed to `problems`: page errors, console errors (but the network
 * errors that injected faults make the browser log), HTTP errors, and failed requests (but aborts,
 * which the client makes once it has read a stream, and requests that asked the mock for a fault).
 */
export async function watchedPage(browser, problems) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/net::ERR_/.test(message.text())) problems.push(`console error: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText;
    if (reason !== 'net::ERR_ABORTED' && !request.headers()['x-mock-fault']) problems.push(`request failed: ${request.url()} ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    if (response.url().endsWith('.wasm') && response.headers()['content-type'] !== 'application/wasm') {
      problems.push(`.wasm served as ${response.headers()['content-type']}`);
    }
  });
  return page;
}

/**
 * Serves `root`, starts the mock Letta server and Chromium, and runs `check({ mock, origin, page,
 * problems })` on a watched page; then closes everything, prints `label: FAIL …` for each problem
 * (a thrown error is one) and exits 1 when there was any.
 */
export async function runInChromium(label, root, check) {
  const { startMockLetta } = await import('../../../scripts/mock-letta.mjs');
  const problems = [];
  let mock, server, browser;
  try {
    mock = await startMockLetta({ port: 0 });
    server = await serveStatic(root);
    browser = await launchChromium();
    const page = await watchedPage(browser, problems);
    await check({ mock, origin: `http://127.0.0.1:${server.address().port}`, page, problems });
  } catch (error) {
    problems.push(String(error?.stack ?? error));
  } finally {
    await browser?.close().catch(() => {});
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    await mock?.close();
  }
  if (problems.length) {
    for (const problem of problems) console.error(`${label}: FAIL ${problem}`);
    process.exit(1);
  }
}
