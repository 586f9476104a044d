// Serves a directory holding the esbuild bundle of browser-entry.js (bundle.js, index.html and
// letta_wasm_bg.wasm) on 127.0.0.1, starts the mock Letta server, opens the page in headless Chromium
// (Debian's /usr/bin/chromium through playwright-core, which never downloads a browser) and waits for the
// page to report. Fails on a page error, a console error, an HTTP error or a failed request (aborts excepted).
//   node tests/package/consumer/browser-run.mjs <served-dir> [--worker]   (index.html, or worker.html)
import path from 'node:path';

import { runInChromium } from './browser-harness.mjs';

const worker = process.argv.includes('--worker');
await runInChromium('browser', path.resolve(process.argv[2] ?? ''), async ({ mock, origin, page, problems }) => {
  const pageFile = worker ? 'worker.html' : '';
  await page.goto(`${origin}/${pageFile}?` + new URLSearchParams({ mock: mock.url, agent: mock.agentId }));
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 20_000 });
  const result = await page.evaluate(() => window.__result);
  const title = await page.title();
  if (!result.ok) problems.push(`the page failed: ${result.error}`);
  else if (title !== 'PASS') problems.push(`document.title is ${title}`);
  else if (result.where !== (worker ? 'worker' : 'page')) problems.push(`ran in the ${result.where}`);
  else console.log(`browser: ok   ${result.where}: streamed ${result.items} items, accumulated "${result.assistant}"; faults: ${result.faults.join(', ')}`);
});
