// Bundles the package's JavaScript (src/wasm/js/runtime.js and the lib/ modules it imports) into one
// readable module, pkg/runtime.js, so that a page importing the package unbundled (a plain
// <script type="module">) fetches one file rather than a waterfall of nine. The wasm-bindgen glue,
// letta_wasm.js, stays a module of its own beside it.
//   node scripts/bundle-runtime.mjs <out-dir>
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? 'pkg');

/** Every import of the glue, from any module, is the glue beside the bundle. */
const glueBeside = {
  name: 'glue-beside',
  setup(build) {
    build.onResolve({ filter: /(^|\/)letta_wasm\.js$/ }, () => ({ path: './letta_wasm.js', external: true }));
  },
};

await esbuild.build({
  entryPoints: [path.join(root, 'src/wasm/js/runtime.js')],
  outfile: path.join(out, 'runtime.js'),
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  legalComments: 'none',
  banner: { js: '// letta-wasm: the package\'s JavaScript, bundled from src/wasm/js/runtime.js and src/wasm/js/lib/.' },
  plugins: [glueBeside],
  logLevel: 'warning',
});
