// `npm run bench`, the Chromium half: the shared suite in headless Chromium (esbuild bundle of
// bench/browser-entry.mjs), and start-up: how long a fresh page takes to import letta-wasm (fetch,
// compile and instantiate the wasm) against the official SDK's bundle.
//   node bench/browser.mjs [--quick]    (after scripts/build.sh: needs the release pkg/)
import http from 'node:http';
import { readFile, mkdir, writeFile, cp } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, 'out/www');
const quick = process.argv.includes('--quick');
const log = (line) => console.error(line.startsWith('bench(') ? line : `bench(chromium): ${line}`);

await mkdir(OUT, { recursive: true });
const common = { bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'warning' };
await esbuild.build({ ...common, entryPoints: [path.join(HERE, 'browser-entry.mjs')], outfile: path.join(OUT, 'suite.js') });
await esbuild.build({
  ...common,
  stdin: { contents: "import Letta from '@letta-ai/letta-client'; window.Letta = Letta;", resolveDir: HERE, loader: 'js' },
  outfile: path.join(OUT, 'sdk.js'),
});
await cp(path.join(HERE, '../pkg'), path.join(OUT, 'pkg'), { recursive: true });
await cp(path.join(HERE, '../pkg/letta_wasm_bg.wasm'), path.join(OUT, 'letta_wasm_bg.wasm'));
await writeFile(path.join(OUT, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title>');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = http.createServer(async (req, res) => {
  const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = path.join(OUT, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
  if (!file.startsWith(OUT)) return res.writeHead(403).end();
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      // Cross-origin isolation: performance.now() resolves to microseconds instead of 0.1 ms.
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = { chromium: browser.version() };
try {
  // Start-up, each in a fresh page (no code cache): import → ready to call.
  const startup = { 'letta-wasm': [], 'official SDK': [] };
  for (let i = 0; i < (quick ? 3 : 9); i++) {
    for (const [name, url] of [
      ['letta-wasm', '/pkg/index.js'],
      ['official SDK', '/sdk.js'],
    ]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      startup[name].push(
        await page.evaluate(async (src) => {
          const start = performance.now();
          await import(src);
          return performance.now() - start;
        }, url),
      );
      await context.close();
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  results.startupMs = Object.fromEntries(Object.entries(startup).map(([name, ms]) => [name, +median(ms).toFixed(1)]));
  log(`start-up: ${JSON.stringify(results.startupMs)}`);

  const page = await browser.newPage();
  page.on('console', (message) => log(message.text()));
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  await page.goto(`${origin}/`);
  await page.addScriptTag({ url: '/suite.js', type: 'module' });
  await page.waitForFunction(() => window.benchReady === true);
  results.suite = await page.evaluate((options) => window.runBench(options), { rounds: quick ? 2 : 5 });
} finally {
  await browser.close();
  server.close();
}
await writeFile(path.join(HERE, 'out/chromium.json'), JSON.stringify(results, null, 2));
log('wrote bench/out/chromium.json');
