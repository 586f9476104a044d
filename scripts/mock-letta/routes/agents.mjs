/**
 * Agents: `POST /v1/agents/` and `GET /v1/agents/{id}`.
 */
import { CREATE_AGENT_REQUEST, agentIdError } from '../schema.mjs';
import { sendJson } from '../sse.mjs';
import { createAgent, agentState } from '../state.mjs';
import { newId } from '../util.mjs';
import { validateRequest, validationBody } from '../validate.mjs';

export function handleGetAgent(state, ex, agentId) {
  const error = agentIdError(agentId);
  if (error) return sendJson(ex.res, 422, validationBody([error]), ex.fault);
  const agent = state.agents.get(agentId);
  if (!agent) return sendJson(ex.res, 404, { detail: `Agent with ID ${agentId} not found` }, ex.fault);
  sendJson(ex.res, 200, agentState(agent), ex.fault);
}

export function handleCreateAgent(state, ex) {
  const checked = validateRequest({ body: ex.body, schema: CREATE_AGENT_REQUEST, required: false });
  if (checked.status) return sendJson(ex.res, checked.status, checked.body, ex.fault);
  const id = newId('agent');
  const agent = createAgent(id, checked.value?.name ?? `mock-agent-${id.slice(6, 14)}`, checked.value?.description ?? null);
  state.agents.set(id, agent);
  sendJson(ex.res, 200, agentState(agent), ex.fault);
}
