/**
 * Conversations (routers/v1/conversations.py): several threads with one agent. Each has its own
 * history, pending approval and lock; its messages stream by default and always start with a ping.
 * The id "default" (with an agent_id) or an agent id names the agent's own thread (agent-direct mode).
 */
import { RUN_TTL_MS, TEXT } from '../constants.mjs';
import { pyRepr } from '../python.mjs';
import { CONVERSATION_MESSAGE_REQUEST, CREATE_CONVERSATION_REQUEST, RETRIEVE_STREAM_REQUEST, addDefaultMessageTypes, inputAsMessages, inputOrMessagesError } from '../schema.mjs';
import { sendJson } from '../sse.mjs';
import { conversationJson, createConversation } from '../state.mjs';
import { pipeToClient, sendTurn } from '../turns.mjs';
import { S, validateQuery, validateRequest, validationBody } from '../validate.mjs';
import { HISTORY_QUERY, sendHistoryPage } from './history.mjs';
import { cancelRuns } from './runs.mjs';

const notFound = (id) => ({ detail: `Conversation not found with id='${pyRepr([id])}'` });

/** The thread a conversation id names: { agent, conversation } (conversation null = agent-direct), or an error body. */
function resolveThread(state, conversationId, agentId) {
  const direct = conversationId === 'default' && agentId ? agentId : conversationId.startsWith('agent-') ? conversationId : null;
  if (direct) {
    const agent = state.agents.get(direct);
    return agent ? { agent, conversation: null } : { status: 404, body: { detail: 'Agent not found' } };
  }
  const conversation = state.conversations.get(conversationId);
  if (!conversation) return { status: 404, body: notFound(conversationId) };
  return { agent: state.agents.get(conversation.agentId), conversation };
}

/** POST /v1/conversations/?agent_id=… */
export function handleCreateConversation(state, ex) {
  const query = validateQuery(ex.url.searchParams, { agent_id: { schema: S.str, required: true } });
  if (query.errors) return sendJson(ex.res, 422, validationBody(query.errors), ex.fault);
  const checked = validateRequest({ body: ex.body, schema: CREATE_CONVERSATION_REQUEST, required: false });
  if (checked.status) return sendJson(ex.res, checked.status, checked.body, ex.fault);
  const agent = state.agents.get(query.value.agent_id);
  if (!agent) return sendJson(ex.res, 404, { detail: 'Agent not found' }, ex.fault);
  const conversation = createConversation(agent, checked.value?.summary ?? null);
  state.conversations.set(conversation.id, conversation);
  sendJson(ex.res, 200, conversationJson(conversation, agent), ex.fault);
}

/** GET /v1/conversations/?agent_id&limit=50&after&order=desc (by creation). */
export function handleListConversations(state, ex) {
  const query = validateQuery(ex.url.searchParams, {
    agent_id: { schema: S.str },
    limit: { schema: S.int, default: 50 },
    after: { schema: S.str },
    order: { schema: S.literal(['asc', 'desc']), default: 'desc' },
  });
  if (query.errors) return sendJson(ex.res, 422, validationBody(query.errors), ex.fault);
  const { agent_id: agentId, limit, after, order } = query.value;
  let list = [...state.conversations.values()].filter((c) => !agentId || c.agentId === agentId);
  if (order === 'desc') list.reverse();
  if (after) {
    const at = list.findIndex((c) => c.id === after);
    if (at < 0) return sendJson(ex.res, 404, { detail: `No Conversation found with id ${after}` }, ex.fault);
    list = list.slice(at + 1);
  }
  sendJson(ex.res, 200, list.slice(0, Math.max(0, limit)).map((c) => conversationJson(c, state.agents.get(c.agentId))), ex.fault);
}

/** GET /v1/conversations/{conversation_id} */
export function handleGetConversation(state, ex, conversationId) {
  const conversation = state.conversations.get(conversationId);
  if (!conversation) return sendJson(ex.res, 404, notFound(conversationId), ex.fault);
  sendJson(ex.res, 200, conversationJson(conversation, state.agents.get(conversation.agentId)), ex.fault);
}

/** POST /v1/conversations/{conversation_id}/messages: streams unless "streaming": false; no SDK gate. */
export async function handleSendConversationMessage(state, ex, conversationId) {
  const checked = validateRequest({
    body: ex.body,
    schema: CONVERSATION_MESSAGE_REQUEST,
    required: true,
    prepare: addDefaultMessageTypes,
    after: inputOrMessagesError,
  });
  if (checked.status) return sendJson(ex.res, checked.status, checked.body, ex.fault);
  const request = checked.value;
  inputAsMessages(request);
  if (!request.messages || request.messages.length === 0) return sendJson(ex.res, 422, { detail: TEXT.emptyMessages }, ex.fault);
  const thread = resolveThread(state, conversationId, request.agent_id);
  if (thread.status) return sendJson(ex.res, thread.status, thread.body, ex.fault);
  const { agent, conversation } = thread;
  if (!conversation) {
    // _send_agent_direct_message: locked by the agent id, streamed or not.
    return sendTurn(state, ex, { agent, conversation: null, request, lockKey: agent.id, runType: 'send_message', alwaysPing: true });
  }
  const now = new Date().toISOString().replace('Z', '000Z');
  conversation.lastMessageAt = now;
  conversation.updatedAt = now;
  const lockKey = request.streaming ? conversation.id : null;
  return sendTurn(state, ex, { agent, conversation, request, lockKey, runType: 'send_conversation_message', alwaysPing: true });
}

/** GET /v1/conversations/{conversation_id}/messages: the thread's history, with the same paging as the agent's. */
export function handleListConversationMessages(state, ex, conversationId) {
  const query = validateQuery(ex.url.searchParams, { ...HISTORY_QUERY, agent_id: { schema: S.str } });
  if (query.errors) return sendJson(ex.res, 422, validationBody(query.errors), ex.fault);
  const thread = resolveThread(state, conversationId, query.value.agent_id);
  if (thread.status) return sendJson(ex.res, thread.status, thread.body, ex.fault);
  sendHistoryPage(ex, thread.agent, query.value, thread.conversation?.id ?? null, { newestFirst: Boolean(thread.conversation) });
}

/** POST /v1/conversations/{conversation_id}/cancel?agent_id=…: cancels the thread's active runs. */
export function handleCancelConversation(state, ex, conversationId) {
  const query = validateQuery(ex.url.searchParams, { agent_id: { schema: S.str } });
  if (query.errors) return sendJson(ex.res, 422, validationBody(query.errors), ex.fault);
  const thread = resolveThread(state, conversationId, query.value.agent_id);
  if (thread.status) return sendJson(ex.res, thread.status, thread.body, ex.fault);
  const { agent, conversation } = thread;
  const runIds = [...state.runs.values()]
    .filter((r) => r.active && (conversation ? r.conversationId === conversation.id : r.agentId === agent.id))
    .reverse()
    .map((r) => r.id);
  if (runIds.length === 0) return sendJson(ex.res, 409, { detail: `CONFLICT: No active runs to cancel for conversation ${conversationId}` }, ex.fault);
  sendJson(ex.res, 200, cancelRuns(state, runIds), ex.fault);
}

/**
 * POST /v1/conversations/{conversation_id}/stream: resume by `run_id`, by one of the request's
 * `otid`s, or else the thread's newest active run (which must be a background one).
 */
export async function handleConversationStream(state, ex, conversationId) {
  const checked = validateRequest({ body: ex.body, schema: RETRIEVE_STREAM_REQUEST, required: false });
  if (checked.status) return sendJson(ex.res, checked.status, checked.body, ex.fault);
  const body = checked.value;
  let run;
  if (body?.run_id) {
    run = state.runs.get(body.run_id);
    if (!run) return sendJson(ex.res, 404, { detail: `Run ${body.run_id} not found.` }, ex.fault);
  } else if (body?.otid) {
    run = state.otidRuns.get(body.otid);
    if (!run) {
      const detail = `No run found for otid=${body.otid}. The run may have expired or never existed.`;
      return sendJson(ex.res, 404, { detail }, ex.fault);
    }
  } else {
    const thread = resolveThread(state, conversationId, body?.agent_id);
    if (thread.status) return sendJson(ex.res, thread.status, thread.body, ex.fault);
    const { agent, conversation } = thread;
    run = [...state.runs.values()]
      .filter((r) => r.active && (conversation ? r.conversationId === conversation.id : r.agentId === agent.id))
      .at(-1);
    if (!run) return sendJson(ex.res, 400, { detail: 'INVALID_ARGUMENT: No active runs found for this conversation.' }, ex.fault);
    if (!run.background) return sendJson(ex.res, 400, { detail: TEXT.notBackground }, ex.fault);
  }
  if (Date.now() - run.createdAt > RUN_TTL_MS) return sendJson(ex.res, 410, { detail: TEXT.expired }, ex.fault);
  const pings = body ? body.include_pings : false;
  // A foreground run has no stored stream: the reader waits for chunks that never come.
  const source = run.background ? run : { ...run, chunks: [], done: true, background: true, waitForChunk: run.waitForChunk.bind(run) };
  await pipeToClient(state, ex, source, { startingAfter: body?.starting_after ?? 0, keepaliveMs: pings ? state.keepaliveMs : null, deferHeaders: true });
}
