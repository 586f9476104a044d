// An interleaved A/B of two builds of the package in one Node process: the same 7.8 MB body
// (bench/fixture.mjs) read through `streamMessage` at 64 B, 1 KiB and 64 KiB chunks, A and B taking
// turns (B first in odd rounds), the median of each. For a change whose effect is smaller than the
// noise between two `npm run bench` runs.
//   node --expose-gc bench/ab.mjs path/to/pkg-a path/to/pkg-b [rounds]
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { chunkedFetch } from './competitors.mjs';
import { realisticBody } from './fixture.mjs';

const [dirA, dirB, roundsArg] = process.argv.slice(2);
if (!dirA || !dirB) {
  console.error('usage: node --expose-gc bench/ab.mjs <pkg A> <pkg B> [rounds]');
  process.exit(2);
}
const load = (dir) => import(pathToFileURL(path.resolve(dir, 'index.node.js')).href);
const builds = { A: await load(dirA), B: await load(dirB) };
const rounds = Number(roundsArg) || 9;
const body = new TextEncoder().encode(realisticBody().text);
const AGENT = 'agent-123e4567-e89b-42d3-a456-426614174000';

async function time(letta, size) {
  const fetch = chunkedFetch(body, size);
  const start = performance.now();
  for await (const item of letta.streamMessage(AGENT, { input: 'hi', include_pings: true }, { baseUrl: 'http://127.0.0.1:1', fetch, maxRetries: 0 })) void item;
  return performance.now() - start;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`A = ${dirA}, B = ${dirB}, ${rounds} rounds each`);
for (const size of [64, 1024, 65536]) {
  const times = { A: [], B: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 ? ['B', 'A'] : ['A', 'B']) times[name].push(await time(builds[name], size));
    globalThis.gc?.();
  }
  const [a, b] = [median(times.A), median(times.B)];
  console.log(`  ${String(size).padStart(5)} B chunks: A ${a.toFixed(1)} ms, B ${b.toFixed(1)} ms; B's speed ÷ A's ${(a / b).toFixed(3)}`);
}
