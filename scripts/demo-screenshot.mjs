#!/usr/bin/env node
// Renders docs/demo.png, the README's picture of the demo: a conversation with the mock agent (a tool
// call and its return, then an approval request) in headless Chromium. Needs pkg/ (npm run build).
//   node scripts/demo-screenshot.mjs [out.png]
import path from 'node:path';

import { launchBrowser, openDemo, ROOT, say, startServe, waitForIdle } from '../tests/e2e/harness.mjs';

const out = process.argv[2] ?? path.join(ROOT, 'docs/demo.png');
const serve = await startServe();
const browser = await launchBrowser();
try {
  const page = await openDemo(browser, serve.url, { viewport: { width: 1280, height: 900 } });
  await page.locator('#stream-tokens').check();
  await say(page, "What's the weather in Paris?");
  await waitForIdle(page);
  await say(page, 'Thanks! Now please delete notes.txt');
  await waitForIdle(page);
  await page.screenshot({ path: out });
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
} finally {
  await browser.close();
  await serve.stop();
}
