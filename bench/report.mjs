// Turns bench/out/node.json and bench/out/chromium.json into the Markdown tables of bench/RESULTS.md
// (printed, and written to bench/out/results.md).
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const node = JSON.parse(readFileSync(path.join(HERE, 'out/node.json'), 'utf8'));
const chromium = JSON.parse(readFileSync(path.join(HERE, 'out/chromium.json'), 'utf8'));
const k = (n) => `${Math.round(n / 1000)}k`;
const ms = (n) => (n >= 100 ? `${Math.round(n)} ms` : `${n.toFixed(1)} ms`);
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const lines = [];
const out = (line = '') => lines.push(line);

out(`Machine: ${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}.`);
out(
  `Versions: letta-wasm ${node.env.lettaWasm} (release, wasm-opt -Oz), Node ${node.env.node}, Chromium ${chromium.chromium}, ` +
    `@letta-ai/letta-client ${node.env.officialSdk}, eventsource-parser ${node.env.eventsourceParser}.`,
);
out();
for (const [where, suite] of [
  ['Node', node.node],
  ['Chromium', chromium.suite],
]) {
  out(`### Stream decode, ${where}: events/s (${suite.stream.events.toLocaleString('en-US')} events, ${(suite.stream.bytes / 1e6).toFixed(1)} MB), × = letta-wasm ÷ other`);
  out();
  const names = Object.keys(suite.stream.chunks[64]);
  out(`| chunk | ${names.join(' | ')} | × SDK | × bare |`);
  out(`|---|${names.map(() => '---:').join('|')}|---:|---:|`);
  for (const [size, row] of Object.entries(suite.stream.chunks)) {
    const ours = row['letta-wasm'].eventsPerSecond;
    const label = size >= 1024 ? `${size / 1024} KiB` : `${size} B`;
    out(`| ${label} | ${names.map((n) => k(row[n].eventsPerSecond)).join(' | ')} | ${(ours / row['official SDK'].eventsPerSecond).toFixed(2)} | ${(ours / row['bare JSON.parse'].eventsPerSecond).toFixed(2)} |`);
  }
  out();
  out(`Large events (${suite.large.events - 1} × 1 MiB in 1 KiB chunks): ${Object.entries(suite.large.ms).map(([n, t]) => `${n} ${ms(t)}`).join(', ')}; ` +
    `letta-wasm is ${(suite.large.ms['official SDK'] / suite.large.ms['letta-wasm']).toFixed(0)}× faster than the SDK.`);
  out();
  out(`Time to the first item after its bytes arrive: ${Object.entries(suite.firstItem).map(([n, t]) => `${n} ${t.ms} ms`).join(', ')}.`);
  out();
  out(`Validation (\`validateSendParams\`): small (${suite.validation.small.bytes} B) ${k(suite.validation.small.payloadsPerSecond)}/s, ` +
    `large (${kb(suite.validation.large.bytes)}, 100 messages with text and image parts) ${suite.validation.large.payloadsPerSecond}/s (${suite.validation.large.mbPerSecond} MB/s).`);
  out();
}
const s = node.size;
out('### Size (bytes, raw / gzip -9 / brotli -q 11)');
out();
out('| part | raw | gzip | brotli |');
out('|---|---:|---:|---:|');
out(`| letta_wasm_bg.wasm | ${s.wasm.raw} | ${s.wasm.gzip} | ${s.wasm.brotli ?? '–'} |`);
out(`| JS (glue + runtime + entry), esbuild --minify | ${s.jsBundleMinified.raw} | ${s.jsBundleMinified.gzip} | ${s.jsBundleMinified.brotli ?? '–'} |`);
out(`| **letta-wasm total** | ${s.total.raw} | ${s.total.gzip} | ${s.total.brotli ?? '–'} |`);
out(`| official SDK, send + stream, esbuild --minify | ${s.officialSdkBundleMinified.raw} | ${s.officialSdkBundleMinified.gzip} | ${s.officialSdkBundleMinified.brotli ?? '–'} |`);
out();
out(`Start-up in Chromium (fresh page, import until ready): letta-wasm ${chromium.startupMs['letta-wasm']} ms, official SDK ${chromium.startupMs['official SDK']} ms.`);
out();
const m = node.memory;
out(`Memory (Node, ${m.events.toLocaleString('en-US')} small events through \`streamMessage\`, after GC): ` +
  `JS heap ${(m.after10k.heapUsed / 2 ** 20).toFixed(1)} MiB after 10,000 → ${(m.atEnd.heapUsed / 2 ** 20).toFixed(1)} MiB at the end; ` +
  `wasm memory ${(m.after10k.wasmMemory / 2 ** 20).toFixed(1)} → ${(m.atEnd.wasmMemory / 2 ** 20).toFixed(1)} MiB (${k(m.eventsPerSecond)} events/s).`);

const text = lines.join('\n') + '\n';
writeFileSync(path.join(HERE, 'out/results.md'), text);
process.stdout.write(text);
