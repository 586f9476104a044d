// Bundles the package's two JavaScript entry points with esbuild:
//   runtime.js            src/wasm/js/runtime.js and the lib/ modules it imports, readable (a user's bundler
//                         minifies it), so that a page importing
//                         the package unbundled (a plain <script type="module">) fetches one module, not nine;
//                         the wasm-bindgen glue, letta_wasm.js, stays a module of its own beside it
//   chat/letta-chat.js    the <letta-chat> element (www/letta-chat/) with markdown-it inside, minified, so
//                         that it loads from a CDN with one <script> tag; it imports the package as ../index.js
//   node scripts/bundle.mjs <out-dir>
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? 'pkg');

/** Imports that stay imports of the package's own modules, at the given path from the bundle. */
const keep = (filter, replacement) => ({
  name: `keep-${replacement}`,
  setup(build) {
    build.onResolve({ filter }, () => ({ path: replacement, external: true }));
  },
});

const common = { bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', legalComments: 'none', logLevel: 'warning' };

await esbuild.build({
  ...common,
  entryPoints: [path.join(root, 'src/wasm/js/runtime.js')],
  outfile: path.join(out, 'runtime.js'),
  banner: { js: "// letta-wasm: the package's JavaScript, bundled from src/wasm/js/runtime.js and src/wasm/js/lib/." },
  plugins: [keep(/(^|\/)letta_wasm\.js$/, './letta_wasm.js')],
});

await esbuild.build({
  ...common,
  entryPoints: [path.join(root, 'www/letta-chat/letta-chat.js')],
  outfile: path.join(out, 'chat/letta-chat.js'),
  mainFields: ['module', 'main'],
  minify: true,
  banner: { js: '// <letta-chat>, bundled from www/letta-chat/ with markdown-it (MIT, https://github.com/markdown-it/markdown-it).' },
  plugins: [keep(/^\.\.\/index\.js$/, '../index.js')],
});
