// The page that starts the module Web Worker (worker.js, bundled from worker-entry.js) and reports
// what it found. The worker gets the mock's URL and agent id in its own query string.
function finish(result) {
  window.__result = result;
  document.title = result.ok ? 'PASS' : 'FAIL';
}

const query = new URLSearchParams(location.search);
const url = new URL('./worker.js', location.href);
url.search = new URLSearchParams({ mock: query.get('mock'), agent: query.get('agent') }).toString();
const worker = new Worker(url, { type: 'module' });
worker.onmessage = (event) => finish({ ...event.data, where: 'worker' });
worker.onerror = (event) => finish({ ok: false, error: `worker error: ${event.message}` });
