/** The mock's own control endpoints under /__mock/ (no auth, no faults, not logged). */
import { chunkText } from '../runs.mjs';
import { sendJson } from '../sse.mjs';

export function handleMockControl(state, req, res, pathname) {
  if (req.method === 'GET' && pathname === '/__mock/requests') return sendJson(res, 200, state.requestLog);
  if (req.method === 'POST' && pathname === '/__mock/reset') {
    state.reset();
    return sendJson(res, 200, { ok: true });
  }
  if (req.method === 'GET' && pathname === '/__mock/stats') {
    const activeRuns = [...state.runs.values()].filter((r) => r.active).length;
    return sendJson(res, 200, { activeStreams: state.activeStreams, activeRuns, openSockets: state.sockets.size, runs: state.runs.size });
  }
  // The frames a run stored, as a reader gets them: [{ seq, data, complete }] (data is the SSE text).
  const frames = /^\/__mock\/runs\/([^/]+)\/frames\/?$/.exec(pathname);
  if (req.method === 'GET' && frames) {
    const run = state.runs.get(frames[1]);
    if (!run) return sendJson(res, 404, { detail: 'Not Found' });
    const list = run.chunks.map((chunk) => ({ seq: chunk.seq, data: chunkText(run, chunk), complete: chunk.complete }));
    return sendJson(res, 200, { run_id: run.id, status: run.status, background: run.background, done: run.done, frames: list });
  }
  sendJson(res, 404, { detail: 'Not Found' });
}
