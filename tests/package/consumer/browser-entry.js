// The page's entry. The mock's URL and agent id come in the query string; the outcome goes to
// window.__result and document.title. With ?worker=1 the same check runs in a module Web Worker.
import { run } from './check.js';

function finish(result) {
  window.__result = result;
  document.title = result.ok ? 'PASS' : 'FAIL';
}

const query = new URLSearchParams(location.search);
const baseUrl = query.get('mock');
const agentId = query.get('agent');
if (query.get('worker')) {
  const url = new URL('./worker.js', import.meta.url);
  url.search = new URLSearchParams({ mock: baseUrl, agent: agentId }).toString();
  const worker = new Worker(url, { type: 'module' });
  worker.onmessage = (event) => finish({ ...event.data, where: 'worker' });
  worker.onerror = (event) => finish({ ok: false, error: `worker error: ${event.message}` });
} else {
  run(baseUrl, agentId, 'hello from a bundle').then(
    (result) => finish({ ...result, where: 'page' }),
    (error) => finish({ ok: false, error: String(error?.stack ?? error) }),
  );
}
