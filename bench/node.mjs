// `npm run bench`, the Node half: the shared suite, plus memory over a million events and sizes.
//   node --expose-gc bench/node.mjs [--quick]    (after scripts/build.sh: needs the release pkg/)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import Letta from '@letta-ai/letta-client';
import { createParser } from 'eventsource-parser';
import * as esbuild from 'esbuild';

import * as glue from '../pkg/letta_wasm.js';
import { smallEvent } from './fixture.mjs';
import { runSuite } from './suite.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PKG = path.join(HERE, '../pkg');
const quick = process.argv.includes('--quick');
const log = (line) => console.error(`bench(node): ${line}`);

// The package's own entry, but with the instance's exports kept, to read the wasm memory's size.
const wasmExports = glue.initSync({ module: readFileSync(path.join(PKG, 'letta_wasm_bg.wasm')) });
const letta = await import('../pkg/index.node.js');

const results = { env: environment(), node: await runSuite({ letta, Letta, createParser }, { rounds: quick ? 2 : 5, log }) };
results.memory = await memory(quick ? 100_000 : 1_000_000);
log(`memory: ${JSON.stringify(results.memory)}`);
results.size = await sizes();
log(`size: ${JSON.stringify(results.size)}`);

mkdirSync(path.join(HERE, 'out'), { recursive: true });
writeFileSync(path.join(HERE, 'out/node.json'), JSON.stringify(results, null, 2));
log('wrote bench/out/node.json');

function environment() {
  const lock = JSON.parse(readFileSync(path.join(HERE, 'package-lock.json'), 'utf8'));
  const version = (name) => lock.packages[`node_modules/${name}`]?.version;
  return {
    node: process.version,
    lettaWasm: JSON.parse(readFileSync(path.join(PKG, 'package.json'), 'utf8')).version,
    officialSdk: version('@letta-ai/letta-client'),
    eventsourceParser: version('eventsource-parser'),
  };
}

/** A stream of `total` small events made on the fly: heap and wasm memory after 10,000 and at the end. */
async function memory(total) {
  const gc = globalThis.gc ?? (() => {});
  const encoder = new TextEncoder();
  let produced = 0;
  const fetch = async () =>
    new Response(
      new ReadableStream({
        pull(controller) {
          if (produced >= total) {
            controller.enqueue(encoder.encode('data: [DONE]\n\n'));
            return controller.close();
          }
          let text = '';
          for (let i = 0; i < 16 && produced < total; i++) text += smallEvent(produced++);
          controller.enqueue(encoder.encode(text));
        },
      }),
      { status: 200, headers: { 'content-type': 'text/event-stream' } },
    );
  const snapshot = () => {
    gc();
    return { heapUsed: process.memoryUsage().heapUsed, wasmMemory: wasmExports.memory.buffer.byteLength };
  };
  const stream = letta.streamMessage('agent-123e4567-e89b-42d3-a456-426614174000', { input: 'hi' }, { baseUrl: 'http://127.0.0.1:1', fetch, maxRetries: 0 });
  let count = 0;
  let early;
  const start = performance.now();
  for await (const item of stream) {
    if (++count === 10_000) early = snapshot();
    void item;
  }
  const seconds = (performance.now() - start) / 1000;
  const late = snapshot();
  return { events: count, after10k: early, atEnd: late, eventsPerSecond: Math.round(count / seconds) };
}

async function sizes() {
  const gz = (buffer) => gzipSync(buffer, { level: constants.Z_BEST_COMPRESSION }).length;
  const file = (name) => readFileSync(path.join(PKG, name));
  const runtime = 'runtime.js';
  const wasm = file('letta_wasm_bg.wasm');
  // The JavaScript a browser loads, bundled and minified as a user's bundler would.
  const letta = await esbuild.build({
    stdin: { contents: "export { LettaClient, streamMessage, sendMessage } from './pkg/index.js';", resolveDir: path.join(HERE, '..'), loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent',
  });
  const sdk = await esbuild.build({
    stdin: {
      contents: "import Letta from '@letta-ai/letta-client'; export async function send(id, body) { const c = new Letta({ baseURL: location.origin }); const s = await c.agents.messages.create(id, { ...body, streaming: true }); for await (const x of s) console.log(x); return c.agents.messages.create(id, body); }",
      resolveDir: HERE, loader: 'js',
    },
    bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent',
  });
  const jsBundle = Buffer.from(letta.outputFiles[0].contents);
  const sdkBundle = Buffer.from(sdk.outputFiles[0].contents);
  // Brotli beside gzip: CDNs serve it.
  const br = (buffer) => brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const measure = (buffer) => ({ raw: buffer.length, gzip: gz(buffer), brotli: br(buffer) });
  return {
    wasm: measure(wasm),
    glue: measure(file('letta_wasm.js')),
    runtime: measure(file(runtime)),
    jsBundleMinified: measure(jsBundle),
    total: { raw: wasm.length + jsBundle.length, gzip: gz(wasm) + gz(jsBundle), brotli: br(wasm) + br(jsBundle) },
    officialSdkBundleMinified: measure(sdkBundle),
  };
}
