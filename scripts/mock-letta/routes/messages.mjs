/** POST /v1/agents/{agent_id}/messages (JSON or SSE) and the deprecated …/messages/stream. */
import { sendJson } from '../sse.mjs';
import { SEND_MESSAGE_REQUEST, addDefaultMessageTypes, inputAsMessages, inputOrMessagesError, agentIdError, routeChecks } from '../schema.mjs';
import { sendTurn } from '../turns.mjs';
import { validateRequest } from '../validate.mjs';

/**
 * Whether agent-route runs take the agent's lock. Letta 0.16.8 locks only conversation routes:
 * measured with Redis, a second message (background, foreground or JSON) to a busy agent gets 200
 * and runs beside the first; and with no lock there is no same-otid re-attach on this route.
 */
const LOCK_AGENT_STREAMS = false;

export async function handleSendMessage(state, ex, agentId, { alwaysStream }) {
  const checked = validateRequest({
    pathErrors: [agentIdError(agentId)],
    body: ex.body,
    schema: SEND_MESSAGE_REQUEST,
    required: true,
    prepare: addDefaultMessageTypes,
    after: inputOrMessagesError,
  });
  if (checked.status) return sendJson(ex.res, checked.status, checked.body, ex.fault);
  const request = checked.value;
  inputAsMessages(request);
  if (alwaysStream) request.streaming = true;
  else {
    const refusal = routeChecks(request, ex.req.headers);
    if (refusal) return sendJson(ex.res, refusal.status, refusal.body, ex.fault);
  }
  const agent = state.agents.get(agentId);
  if (!agent) return sendJson(ex.res, 404, { detail: `Agent with ID ${agentId} not found` }, ex.fault);
  const lockKey = request.streaming && LOCK_AGENT_STREAMS ? agent.id : null;
  const runType = alwaysStream ? 'send_message_streaming' : 'send_message';
  return sendTurn(state, ex, { agent, conversation: null, request, lockKey, runType, alwaysPing: false });
}

