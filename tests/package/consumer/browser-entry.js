// The page's entry, bundled by esbuild, Vite or webpack from a consumer project that installed
// letta-wasm. The mock's URL and agent id come in the query string; the outcome goes to
// window.__result and document.title.
import { run } from './check.js';

function finish(result) {
  window.__result = result;
  document.title = result.ok ? 'PASS' : 'FAIL';
}

const query = new URLSearchParams(location.search);
run(query.get('mock'), query.get('agent'), 'hello from a bundle').then(
  (result) => finish({ ...result, where: 'page' }),
  (error) => finish({ ok: false, error: String(error?.stack ?? error) }),
);
