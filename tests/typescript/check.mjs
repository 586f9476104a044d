// Type-checks the package's TypeScript declarations (pkg-template/index.d.ts and the generated
// pkg-template/types.d.ts) with the settings of ./tsconfig.json (`tsc --strict --noEmit`, Node ESM
// resolution), without building the package:
//
// - ./usage.ts: every call of the API, narrowing on `message_type` with `never` exhaustiveness;
// - every fixture, written out as typed constants into a temporary file: tests/fixtures/responses/*.json
//   as `LettaResponse`, each complete `data:` frame of tests/fixtures/sse/*.sse as a `StreamItem` (the
//   items and the `error_message` payloads of `event: error`), requests/*.json as `MessageSendParams`
//   and errors/*.json as `ErrorResponse`. A frame or response with a message type from the future
//   (FUTURE_MESSAGE_TYPES) must NOT type-check: the unions list the known types only;
// - that index.d.ts declares exactly the values that index.js and index.node.js export, and that
//   package.json ships the declaration files.
//
// Usage: node tests/typescript/check.mjs   (needs the npm dev dependencies: scripts/ensure-node-deps.sh)

import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const fixtures = join(root, 'tests/fixtures');

/** Message types that the forward-compatibility fixtures invent; they are in no union. */
const FUTURE_MESSAGE_TYPES = new Set(['citation_message']);

/** The complete frames of an SSE body (WHATWG dispatch rules): `{ event, data }`. */
function sseFrames(text) {
  const frames = [];
  let event = '';
  let data = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length > 0) frames.push({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    if (field === 'data') data.push(value);
  }
  // What follows the last blank line is a cut-off frame, which is never dispatched.
  return frames;
}

const jsonFiles = (dir) =>
  readdirSync(join(fixtures, dir))
    .filter((name) => name.endsWith('.json'))
    .sort();
const readJson = (dir, name) => JSON.parse(readFileSync(join(fixtures, dir, name), 'utf8'));
const ident = (...parts) => parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
const fromFuture = (value) => FUTURE_MESSAGE_TYPES.has(value?.message_type);

function fixturesModule() {
  const lines = [
    "import type { ErrorResponse, LettaResponse, MessageSendParams, StreamItem } from 'letta-wasm';",
    '',
  ];
  const counts = { responses: 0, frames: 0, requests: 0, errors: 0, future: 0 };
  const constant = (name, type, value, source) => {
    lines.push(`// ${source}`);
    if (fromFuture(value) || value?.messages?.some?.(fromFuture)) {
      lines.push(`// @ts-expect-error: a message type from the future is in no union`);
      counts.future += 1;
    }
    lines.push(`export const ${name}: ${type} = ${JSON.stringify(value)};`);
  };

  for (const name of jsonFiles('responses')) {
    const response = readJson('responses', name);
    constant(ident('response', basename(name, '.json')), 'LettaResponse', response, `responses/${name}`);
    counts.responses += 1;
    if (response.messages.some(fromFuture)) {
      // The rest of it must still be a LettaResponse.
      const known = { ...response, messages: response.messages.filter((m) => !fromFuture(m)) };
      constant(ident('response', basename(name, '.json'), 'known'), 'LettaResponse', known, `responses/${name}, known`);
    }
  }
  for (const name of readdirSync(join(fixtures, 'sse')).filter((n) => n.endsWith('.sse')).sort()) {
    const frames = sseFrames(readFileSync(join(fixtures, 'sse', name), 'utf8'));
    // The same items as the fixture's .expect.json lists, or this reader is wrong.
    const items = frames
      .filter((frame) => frame.event === 'message' && frame.data !== '[DONE]')
      .map((frame) => JSON.parse(frame.data).message_type ?? null);
    const expected = readJson('sse', name.replace(/\.sse$/, '.expect.json')).items;
    if (items.join() !== expected.join()) throw new Error(`sse/${name}: read [${items}], expected [${expected}]`);
    frames.forEach((frame, index) => {
      if (frame.data === '[DONE]' || (frame.event !== 'message' && frame.event !== 'error')) return;
      let value;
      try {
        value = JSON.parse(frame.data);
      } catch {
        if (frame.event === 'error') return; // An error frame's text: not an item.
        throw new Error(`sse/${name}, frame ${index}: data is not JSON: ${frame.data}`);
      }
      if (frame.event === 'error' && value?.message_type !== 'error_message') return; // {error, code}
      constant(ident('sse', basename(name, '.sse'), String(index)), 'StreamItem', value, `sse/${name}, frame ${index}`);
      counts.frames += 1;
    });
  }
  for (const [dir, type] of [
    ['requests', 'MessageSendParams'],
    ['errors', 'ErrorResponse'],
  ]) {
    for (const name of jsonFiles(dir)) {
      constant(ident(dir, basename(name, '.json')), type, readJson(dir, name), `${dir}/${name}`);
      counts[dir] += 1;
    }
  }
  if (counts.future === 0) {
    throw new Error('no fixture has a message type from the future: update FUTURE_MESSAGE_TYPES');
  }
  return { text: lines.join('\n') + '\n', counts };
}

/** Names in the `export { … }` lists of an entry point. */
function jsExports(file) {
  const text = readFileSync(join(root, 'pkg-template', file), 'utf8');
  return [...text.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((match) =>
    match[1]
      .split(',')
      .map((name) => name.trim().split(/\s+as\s+/).pop())
      .filter(Boolean),
  );
}

function checkPackageJson(problems) {
  const pkg = JSON.parse(readFileSync(join(root, 'pkg-template/package.json'), 'utf8'));
  if (pkg.types !== './index.d.ts' || pkg.exports?.['.']?.types !== './index.d.ts') {
    problems.push('pkg-template/package.json: `types` and `exports["."].types` must be ./index.d.ts');
  }
  if (Object.keys(pkg.exports?.['.'] ?? {})[0] !== 'types') {
    problems.push('pkg-template/package.json: `types` must be the first condition of `exports["."]`');
  }
  for (const file of ['index.d.ts', 'types.d.ts']) {
    if (!pkg.files?.includes(file)) problems.push(`pkg-template/package.json: \`files\` lacks ${file}`);
  }
}

const started = Date.now();
const temp = mkdtempSync(join(tmpdir(), 'letta-wasm-types-'));
let failed = true;
try {
  const { text, counts } = fixturesModule();
  const fixturesFile = join(temp, 'fixtures.mts');
  writeFileSync(fixturesFile, text);
  const config = ts.getParsedCommandLineOfConfigFile(join(here, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  const program = ts.createProgram({ rootNames: [...config.fileNames, fixturesFile], options: config.options });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const problems = [];
  if (diagnostics.length > 0) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
    const format = process.stdout.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
    problems.push(format(diagnostics, host));
  }

  const checker = program.getTypeChecker();
  const index = program.getSourceFile(join(root, 'pkg-template/index.d.ts'));
  const declared = checker
    .getExportsOfModule(checker.getSymbolAtLocation(index))
    .filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return target.flags & ts.SymbolFlags.Value;
    })
    .map((symbol) => symbol.name)
    .sort();
  for (const file of ['index.js', 'index.node.js']) {
    const exported = jsExports(file).sort();
    if (exported.join() !== declared.join()) {
      problems.push(`index.d.ts declares the values [${declared}], pkg-template/${file} exports [${exported}]`);
    }
  }
  checkPackageJson(problems);

  if (problems.length > 0) {
    console.error(problems.join('\n'));
    console.error(`typescript: FAILED (the generated fixtures are kept in ${fixturesFile})`);
  } else {
    failed = false;
    console.log(
      `typescript: usage.ts, ${counts.responses} responses, ${counts.frames} stream frames, ${counts.requests} ` +
        `requests and ${counts.errors} error bodies type-check (${counts.future} from the future are refused); ` +
        `index.d.ts declares the ${declared.length} exports of index.js (${Date.now() - started} ms)`,
    );
  }
} finally {
  if (!failed) rmSync(temp, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
