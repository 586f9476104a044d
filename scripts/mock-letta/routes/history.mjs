/** Message history: `GET /v1/agents/{id}/messages` and the shared paging of both history routes. */
import { MESSAGE_TYPES, agentIdError } from '../schema.mjs';
import { sendJson } from '../sse.mjs';
import { S, validateQuery, validationBody } from '../validate.mjs';

/** The list_messages query (agents.py / conversations.py): limit 100, order desc, cursors are message ids. */
export const HISTORY_QUERY = {
  before: { schema: S.str },
  after: { schema: S.str },
  limit: { schema: S.int, default: 100 },
  order: { schema: S.literal(['asc', 'desc']), default: 'desc' },
  order_by: { schema: S.literal(['created_at']), default: 'created_at' },
  group_id: { schema: S.str },
  include_err: { schema: S.bool },
  include_return_message_types: { schema: S.enumOf(MESSAGE_TYPES), list: true },
};

/**
 * Answers with one page of `agent`'s history (see History.page), or the 404 of an unknown cursor.
 * The agent's recall returns a desc page oldest first; a conversation's own route, measured on
 * 0.16.8, returns it newest first (`newestFirst`).
 */
export function sendHistoryPage(ex, agent, query, conversationId, { newestFirst = false } = {}) {
  const page = agent.history.page({ conversationId, limit: query.limit, before: query.before, after: query.after, order: query.order });
  if (page.missing) return sendJson(ex.res, 404, { detail: `No message found with id '${page.missing}' for agent '${agent.id}'.` }, ex.fault);
  const types = query.include_return_message_types;
  const messages = types ? page.messages.filter((m) => types.includes(m.message_type)) : page.messages;
  if (newestFirst && query.order === 'desc') messages.reverse();
  sendJson(ex.res, 200, messages, ex.fault);
}

/** GET /v1/agents/{agent_id}/messages?limit&before&after&order&conversation_id (default = the agent's own thread). */
export function handleListMessages(state, ex, agentId) {
  const pathError = agentIdError(agentId);
  const query = validateQuery(ex.url.searchParams, { ...HISTORY_QUERY, conversation_id: { schema: S.str } });
  const errors = [pathError, ...(query.errors ?? [])].filter(Boolean);
  if (errors.length) return sendJson(ex.res, 422, validationBody(errors), ex.fault);
  const agent = state.agents.get(agentId);
  if (!agent) return sendJson(ex.res, 404, { detail: 'Agent not found' }, ex.fault);
  const conversation = query.value.conversation_id;
  sendHistoryPage(ex, agent, query.value, conversation === null ? undefined : conversation === 'default' ? null : conversation);
}
