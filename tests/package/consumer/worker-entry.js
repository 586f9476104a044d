// The Web Worker's entry: the same check as the page, from inside a module worker. The mock's URL
// and agent id come in the worker's own query string (a message posted before the package's
// top-level await finished would find no listener yet).
import { run } from './check.js';

const query = new URLSearchParams(self.location.search);
run(query.get('mock'), query.get('agent'), 'hello from a worker').then(
  (result) => self.postMessage(result),
  (error) => self.postMessage({ ok: false, error: String(error?.stack ?? error) }),
);
