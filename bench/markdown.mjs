// The cost of rendering a streamed Markdown reply in <letta-chat>, in headless Chromium: a 20 KB
// reply arriving in 5-character deltas (4,000 updates), rendered (a) by MarkdownView (the finished
// blocks once, the last block again on each update) and (b) naively (the whole text on each update);
// and the widget's size as shipped (pkg/chat/letta-chat.js, after scripts/build.sh).
//   node bench/markdown.mjs
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

import { launchChromium } from '../tests/package/consumer/browser-harness.mjs';
import { markdownReply } from './fixture.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const bundle = await esbuild.build({
  entryPoints: [path.join(ROOT, 'www/letta-chat/markdown.js')],
  bundle: true, minify: true, format: 'iife', globalName: 'Markdown', platform: 'browser', target: 'es2022', write: false, logLevel: 'warning',
});
const browser = await launchChromium();
const page = await browser.newPage();
await page.setContent('<!doctype html><div id="a"></div><div id="b"></div>');
await page.addScriptTag({ content: bundle.outputFiles[0].text });
const result = await page.evaluate((text) => {
  const { MarkdownView, renderMarkdown } = globalThis.Markdown;
  const deltas = [];
  for (let i = 5; i < text.length + 5; i += 5) deltas.push(text.slice(0, i));
  const incremental = () => {
    const element = document.getElementById('a');
    const view = new MarkdownView(element);
    const start = performance.now();
    let worst = 0;
    for (const so of deltas) {
      const t = performance.now();
      view.update(so);
      worst = Math.max(worst, performance.now() - t);
    }
    view.finish();
    return { total: performance.now() - start, worst };
  };
  const naive = () => {
    const element = document.getElementById('b');
    const start = performance.now();
    let worst = 0;
    for (const so of deltas) {
      const t = performance.now();
      element.replaceChildren(renderMarkdown(so));
      worst = Math.max(worst, performance.now() - t);
    }
    return { total: performance.now() - start, worst };
  };
  const a = [incremental(), incremental(), incremental()].sort((x, y) => x.total - y.total)[1];
  const b = [naive(), naive(), naive()].sort((x, y) => x.total - y.total)[1];
  const same = document.getElementById('a').textContent === document.getElementById('b').textContent;
  return { bytes: text.length, updates: deltas.length, incremental: a, naive: b, same };
}, markdownReply());
await browser.close();

const widget = readFileSync(path.join(ROOT, 'pkg/chat/letta-chat.js'));
const size = {
  raw: widget.length,
  gzip: gzipSync(widget, { level: constants.Z_BEST_COMPRESSION }).length,
  brotli: brotliCompressSync(widget, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
};
const ms = (value) => value.toFixed(1);
console.log(`markdown: ${result.bytes} bytes in ${result.updates} updates of 5 characters, Chromium ${browser.version?.() ?? ''}`);
console.log(`  MarkdownView (finished blocks once, the last block each update): ${ms(result.incremental.total)} ms in all, worst update ${ms(result.incremental.worst)} ms`);
console.log(`  whole text re-rendered on each update: ${ms(result.naive.total)} ms in all, worst update ${ms(result.naive.worst)} ms`);
console.log(`  the final DOM text is the same: ${result.same}`);
console.log(`widget (pkg/chat/letta-chat.js, markdown-it inside, minified): ${size.raw} bytes, ${size.gzip} gzip -9, ${size.brotli} brotli`);
