/** The route table of the Letta API under /v1 (and /latest), and matching a request against it. */
import { LETTA_VERSION } from '../constants.mjs';
import { sendJson } from '../sse.mjs';
import { agentState } from '../state.mjs';
import { handleGetAgent, handleCreateAgent } from './agents.mjs';
import {
  handleCancelConversation,
  handleConversationStream,
  handleCreateConversation,
  handleGetConversation,
  handleListConversationMessages,
  handleListConversations,
  handleSendConversationMessage,
} from './conversations.mjs';
import { handleListMessages } from './history.mjs';
import { handleSendMessage } from './messages.mjs';
import { handleResume, handleCancel, handleGetRun } from './runs.mjs';

/** Routes under /v1 (and /latest): [method, pattern, handler(state, ex, ...params)]. */
const ROUTES = [
  ['GET', /^\/health\/?$/, (state, ex) => sendJson(ex.res, 200, { version: LETTA_VERSION, status: 'ok' }, ex.fault)],
  ['GET', /^\/agents\/?$/, (state, ex) => sendJson(ex.res, 200, [...state.agents.values()].map(agentState), ex.fault)],
  ['POST', /^\/agents\/?$/, handleCreateAgent],
  ['GET', /^\/agents\/([^/]+)\/?$/, handleGetAgent],
  ['GET', /^\/agents\/([^/]+)\/messages\/?$/, handleListMessages],
  ['POST', /^\/agents\/([^/]+)\/messages\/?$/, (state, ex, id) => handleSendMessage(state, ex, id, { alwaysStream: false })],
  ['POST', /^\/agents\/([^/]+)\/messages\/stream\/?$/, (state, ex, id) => handleSendMessage(state, ex, id, { alwaysStream: true })],
  ['POST', /^\/agents\/([^/]+)\/messages\/cancel\/?$/, handleCancel],
  ['GET', /^\/runs\/([^/]+)\/?$/, handleGetRun],
  ['POST', /^\/runs\/([^/]+)\/stream\/?$/, handleResume],
  ['GET', /^\/conversations\/?$/, handleListConversations],
  ['POST', /^\/conversations\/?$/, handleCreateConversation],
  ['GET', /^\/conversations\/([^/]+)\/?$/, handleGetConversation],
  ['GET', /^\/conversations\/([^/]+)\/messages\/?$/, handleListConversationMessages],
  ['POST', /^\/conversations\/([^/]+)\/messages\/?$/, handleSendConversationMessage],
  ['POST', /^\/conversations\/([^/]+)\/cancel\/?$/, handleCancelConversation],
  ['POST', /^\/conversations\/([^/]+)\/stream\/?$/, handleConversationStream],
];

export function matchRoute(method, pathname) {
  const prefix = /^\/(v1|latest)(\/.*)$/.exec(pathname);
  if (!prefix) return { status: 404 };
  let allowed = null;
  for (const [routeMethod, pattern, handler] of ROUTES) {
    const m = pattern.exec(prefix[2]);
    if (!m) continue;
    if (routeMethod !== method) {
      allowed = routeMethod;
      continue;
    }
    let params;
    try {
      params = m.slice(1).map(decodeURIComponent);
    } catch {
      return { status: 404 };
    }
    return { handler, params };
  }
  return allowed ? { status: 405, allowed } : { status: 404 };
}

