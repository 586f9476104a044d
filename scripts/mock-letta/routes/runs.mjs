/** Runs: `GET /v1/runs/{id}`, resuming a background run, and cancelling an agent's runs. */
import { denyPendingOnCancel } from '../agent.mjs';
import { RUN_TTL_MS, TEXT } from '../constants.mjs';
import { pyRepr } from '../python.mjs';
import { RETRIEVE_STREAM_REQUEST, CANCEL_REQUEST, agentIdError } from '../schema.mjs';
import { sendJson } from '../sse.mjs';
import { pipeToClient } from '../turns.mjs';
import { validateRequest } from '../validate.mjs';

/** POST /v1/runs/{run_id}/stream: replay a background run after `starting_after`, then follow it. */
export async function handleResume(state, ex, runId) {
  const checked = validateRequest({ body: ex.body, schema: RETRIEVE_STREAM_REQUEST, required: false });
  if (checked.status) return sendJson(ex.res, checked.status, checked.body, ex.fault);
  const run = state.runs.get(runId);
  if (!run) return sendJson(ex.res, 404, { detail: `Run not found with id='${pyRepr([runId])}'` }, ex.fault);
  if (!run.background) return sendJson(ex.res, 400, { detail: TEXT.notBackground }, ex.fault);
  if (Date.now() - run.createdAt > RUN_TTL_MS) return sendJson(ex.res, 410, { detail: TEXT.expired }, ex.fault);
  // The route reads request.starting_after on a Body(None): no body is an AttributeError → 500.
  if (checked.value === null) return sendJson(ex.res, 500, { detail: TEXT.unknownError }, ex.fault);
  const { starting_after: startingAfter, include_pings: pings } = checked.value;
  await pipeToClient(state, ex, run, { startingAfter, keepaliveMs: pings ? state.keepaliveMs : null, deferHeaders: true });
}

/**
 * RunManager.cancel_run: an active run stops (its status is `cancelled` at once, which frees its
 * lock); a run waiting for approval is cancelled and its pending calls denied; any other finished
 * run is left as it is (cancelling is idempotent). The caller reports "cancelled" either way.
 */
export function cancelRun(state, run) {
  if (run.active) {
    run.cancel();
    run.status = 'cancelled';
    run.stopReason = 'cancelled';
    return;
  }
  if (run.stopReason !== 'requires_approval') return;
  const agent = state.agents.get(run.agentId);
  const thread = run.conversationId ? state.conversations.get(run.conversationId) : agent;
  if (agent && thread) denyPendingOnCancel(thread, run, (message) => agent.history.add(run.conversationId, message));
  run.status = 'cancelled';
  run.stopReason = 'cancelled';
  if (agent) agent.lastStopReason = 'cancelled';
}

/** Cancels each run: { run_id: "cancelled" }, or "failed" for a run that does not exist. */
export function cancelRuns(state, runIds) {
  const results = {};
  for (const id of runIds) {
    const run = state.runs.get(id);
    if (run) cancelRun(state, run);
    results[id] = run ? 'cancelled' : 'failed';
  }
  return results;
}

/**
 * POST /v1/agents/{agent_id}/messages/cancel. Without run_ids the server cancels the run stored
 * under REDIS_RUN_ID_PREFIX:{agent_id} — the agent's last run, even when it has finished (then the
 * answer is still {"run-…": "cancelled"}); only an agent that never ran gets the 409.
 */
export function handleCancel(state, ex, agentId) {
  const checked = validateRequest({ pathErrors: [agentIdError(agentId)], body: ex.body, schema: CANCEL_REQUEST, required: false });
  if (checked.status) return sendJson(ex.res, checked.status, checked.body, ex.fault);
  let runIds = checked.value?.run_ids;
  if (!runIds || runIds.length === 0) {
    const last = state.lastRunOfAgent.get(agentId);
    runIds = last ? [last] : [...state.runs.values()].filter((r) => r.agentId === agentId && r.active).map((r) => r.id);
  }
  if (runIds.length === 0) return sendJson(ex.res, 409, { detail: `CONFLICT: No active runs to cancel for agent ${agentId}` }, ex.fault);
  sendJson(ex.res, 200, cancelRuns(state, runIds), ex.fault);
}

export function handleGetRun(state, ex, runId) {
  const run = state.runs.get(runId);
  if (!run) return sendJson(ex.res, 404, { detail: `Run not found with id='${pyRepr([runId])}'` }, ex.fault);
  sendJson(ex.res, 200, run.toJSON(), ex.fault);
}
