// The cost of a streamed reply in the whole <letta-chat> (ChatSession, snapshot, rendering), in
// headless Chromium: a 20 KB Markdown reply in 5-character token deltas (about 4,000 frames),
// after a history of 0 and of 200 messages. The element's `fetch` answers the history and the
// stream from memory (20 frames per chunk, a macrotask between chunks), so what is measured is the
// page's own work: decoding, the session's snapshots, and the DOM. The same stream read by a bare
// `for await` of the client gives the pacing and decoding alone. Needs pkg/ (scripts/build.sh).
//   node bench/chat.mjs
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchChromium, serveStatic } from '../tests/package/consumer/browser-harness.mjs';
import { markdownReply } from './fixture.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const server = await serveStatic(path.join(ROOT, 'pkg'));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
const text = markdownReply();
const results = [];
for (const historyLength of [0, 200]) {
  const runs = [];
  for (let round = 0; round < 3; round++) {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(`${base}/`); // a page of the origin (its 404 will do)
    runs.push(
      await page.evaluate(
        async ({ text, historyLength }) => {
          await import('/chat/letta-chat.js');
          const date = '2026-12-07T12:00:00+00:00';
          const history = [];
          for (let i = 0; i < historyLength; i += 2) {
            history.push({ id: `message-u${i}`, date, message_type: 'user_message', otid: `otid-u${i}`, content: `Question ${i}: how do streams resume?` });
            history.push({ id: `message-a${i}`, date, message_type: 'assistant_message', otid: `otid-a${i}`, content: `**Answer ${i}.** With \`resumeStream\`:\n\n- the run id\n- the last seq id\n\n| a | b |\n|---|---|\n| 1 | 2 |` });
          }
          const frames = [];
          let seq = 1;
          const frame = (item) => `data: ${JSON.stringify({ ...item, run_id: 'run-bench', seq_id: seq++ })}\n\n`;
          frames.push(frame({ id: 'ping-1', date, name: null, message_type: 'ping', otid: null }));
          for (let i = 0; i < text.length; i += 5) {
            frames.push(frame({ id: 'message-r', date, name: null, message_type: 'assistant_message', otid: 'otid-r', content: text.slice(i, i + 5) }));
          }
          frames.push(frame({ message_type: 'stop_reason', stop_reason: 'end_turn' }));
          frames.push(frame({ message_type: 'usage_statistics', completion_tokens: 5000, prompt_tokens: 3000, total_tokens: 8000, step_count: 1 }));
          frames.push('data: [DONE]\n\n');
          const encoder = new TextEncoder();
          const body = () =>
            new ReadableStream({
              async start(controller) {
                for (let i = 0; i < frames.length; i += 20) {
                  controller.enqueue(encoder.encode(frames.slice(i, i + 20).join('')));
                  await new Promise((resolve) => setTimeout(resolve, 0));
                }
                controller.close();
              },
            });
          // The same stream read by a bare `for await` of the client: the pacing and the decoding.
          const { LettaClient } = await import('/index.js');
          const bare = new LettaClient({ baseURL: location.origin, maxRetries: 0, fetch: async () => new Response(body(), { headers: { 'content-type': 'text/event-stream' } }) });
          const bareStart = performance.now();
          for await (const item of bare.streamMessage('agent-00000000-0000-4000-8000-000000000000', { input: 'x', stream_tokens: true, background: true })) void item;
          const baseline = performance.now() - bareStart;
          const element = document.createElement('letta-chat');
          element.style.cssText = 'display:block;height:760px';
          element.setAttribute('agent-id', 'agent-00000000-0000-4000-8000-000000000000');
          element.setAttribute('storage', 'none');
          element.setAttribute('history-page-size', '500');
          element.setAttribute('stream-tokens', '');
          element.clientOptions = {
            maxRetries: 0,
            fetch: async (url, init) =>
              (init?.method ?? 'GET') === 'GET'
                ? new Response(JSON.stringify([...history].reverse()), { headers: { 'content-type': 'application/json' } })
                : new Response(body(), { headers: { 'content-type': 'text/event-stream' } }),
          };
          document.body.append(element);
          await element.loaded;
          let longest = 0;
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
          });
          observer.observe({ type: 'longtask' });
          const start = performance.now();
          await element.send('a long answer, please');
          const total = performance.now() - start;
          await new Promise((resolve) => setTimeout(resolve, 50));
          observer.disconnect();
          const shown = element.shadowRoot.querySelectorAll('.bubble.assistant').length;
          const failure = element.session.getSnapshot().error;
          return { total, baseline, longest, frames: frames.length, shown, failure: failure ? String(failure) : null };
        },
        { text, historyLength },
      ),
    );
    await page.close();
  }
  runs.sort((a, b) => a.total - b.total);
  results.push({ historyLength, ...runs[1] });
}
await browser.close();
server.close();

console.log(`chat: a ${text.length}-byte Markdown reply in 5-character token deltas through <letta-chat> (median of 3; 20 frames a chunk, a macrotask between chunks)`);
for (const r of results) {
  const extra = r.total - r.baseline;
  console.log(
    `  after ${String(r.historyLength).padStart(3)} messages of history: ${r.frames} frames in ${r.total.toFixed(0)} ms; the same stream read bare: ` +
      `${r.baseline.toFixed(0)} ms; the session and the element add ${extra.toFixed(0)} ms (${((extra * 1000) / r.frames).toFixed(0)} µs a frame); ` +
      `longest task ${r.longest.toFixed(0)} ms; ${r.shown} answers shown${r.failure ? `; FAILED: ${r.failure}` : ''}`,
  );
}
