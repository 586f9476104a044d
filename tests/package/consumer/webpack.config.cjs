// webpack 5 as a user would set it up for letta-wasm: nothing special (top-level await and
// `new URL('./letta_wasm_bg.wasm', import.meta.url)` are handled out of the box).
const path = require('node:path');

module.exports = {
  mode: 'production',
  entry: './browser-entry.js',
  output: { path: path.resolve(__dirname, 'dist-webpack'), filename: 'bundle.js', clean: true },
  target: 'web',
  performance: { hints: false },
};
