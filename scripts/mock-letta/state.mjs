/**
 * The mock's state: agents, conversations, runs, locks, otid mappings, the request log.
 */
import { DEFAULT_AGENT_ID, DEFAULT_KEEPALIVE_MS, REQUEST_LOG_LIMIT, DEFAULT_USER_ID, MODEL_HANDLE } from './constants.mjs';
import { Run } from './runs.mjs';
import { History } from './history.mjs';
import { isoSeconds, newId } from './util.mjs';
import { systemMessage } from './wire.mjs';

/** derive_request_token: all the request's otids, joined (the server hashes them). */
const requestToken = (otids) => otids.join('|');

export const SYSTEM_PROMPT = 'You are a scripted mock agent. You echo, look up the weather, and ask before deleting files.';

/** An agent: its default thread (pending approval, …) and the history of all its threads. */
export function createAgent(id, name, description = null) {
  const agent = { id, name, description, createdAt: isoSeconds(), pending: null, lastResolved: null, historyChars: 0, lastStopReason: null };
  agent.history = new History();
  agent.history.add(null, systemMessage({ id: newId('message'), otid: null, runId: null }, SYSTEM_PROMPT));
  return agent;
}

/** A conversation: a thread of its own (pending approval, lock); creating one adds a system message. */
export function createConversation(agent, summary = null) {
  const now = new Date().toISOString().replace('Z', '000Z');
  const conversation = {
    id: newId('conv'),
    agentId: agent.id,
    summary,
    createdAt: now,
    updatedAt: now,
    lastMessageAt: null,
    pending: null,
    lastResolved: null,
    historyChars: 0,
  };
  agent.history.add(conversation.id, systemMessage({ id: newId('message'), otid: null, runId: null }, SYSTEM_PROMPT));
  return conversation;
}

/** The Conversation object (letta/schemas/conversation.py), fields in the server's order. */
export function conversationJson(conversation, agent) {
  const ids = [...new Set(agent.history.entries.filter((e) => e.conversationId === conversation.id).map((e) => e.message.id))];
  return {
    created_by_id: DEFAULT_USER_ID,
    last_updated_by_id: DEFAULT_USER_ID,
    created_at: conversation.createdAt,
    updated_at: conversation.updatedAt,
    id: conversation.id,
    agent_id: conversation.agentId,
    summary: conversation.summary,
    in_context_message_ids: ids,
    isolated_block_ids: [],
    model: null,
    model_settings: null,
    last_message_at: conversation.lastMessageAt,
  };
}

/** A trimmed AgentState; pending_approval shows the waiting approval request. */
export function agentState(agent) {
  return {
    created_by_id: DEFAULT_USER_ID,
    last_updated_by_id: DEFAULT_USER_ID,
    created_at: agent.createdAt,
    updated_at: agent.createdAt,
    id: agent.id,
    name: agent.name,
    tool_rules: [{ tool_name: 'delete_file', type: 'requires_approval', prompt_template: null }],
    message_ids: [],
    system: SYSTEM_PROMPT,
    agent_type: 'letta_v1_agent',
    llm_config: {
      model: 'gpt-4o-mini',
      model_endpoint_type: 'openai',
      model_endpoint: 'http://127.0.0.1:18283/v1',
      provider_name: 'openai-proxy',
      context_window: 128000,
      handle: MODEL_HANDLE,
    },
    model: MODEL_HANDLE,
    embedding: 'openai/text-embedding-3-small',
    description: agent.description,
    metadata: null,
    tools: ['get_weather', 'delete_file'].map((name) => ({ name, tool_type: 'custom' })),
    tags: [],
    pending_approval: agent.pending?.message ?? null,
    last_stop_reason: agent.lastStopReason,
    timezone: 'UTC',
  };
}

export class MockState {
  constructor({ password, keepaliveMs }) {
    this.password = password ?? null;
    this.keepaliveMs = keepaliveMs ?? DEFAULT_KEEPALIVE_MS;
    this.agents = new Map();
    this.conversations = new Map();
    this.runs = new Map();
    /** Conversation locks (Redis CONVERSATION_LOCK_PREFIX): lock key (agent or conversation id) → run. */
    this.locks = new Map();
    /** Redis otid → run mappings: `${lockKey}|${request token}` and each single otid. */
    this.requestRuns = new Map();
    this.otidRuns = new Map();
    /** Redis REDIS_RUN_ID_PREFIX:{agent_id}: the agent's last run, what a cancel without run_ids cancels. */
    this.lastRunOfAgent = new Map();
    this.requestLog = [];
    this.faultHits = new Map();
    this.activeStreams = 0;
    this.sockets = new Set();
    this.reset();
  }

  reset() {
    for (const run of this.runs.values()) if (run.active) run.halt();
    this.runs.clear();
    this.agents.clear();
    this.conversations.clear();
    this.locks.clear();
    this.requestRuns.clear();
    this.otidRuns.clear();
    this.lastRunOfAgent.clear();
    this.agents.set(DEFAULT_AGENT_ID, createAgent(DEFAULT_AGENT_ID, 'mock-agent'));
    this.requestLog.length = 0;
    this.faultHits.clear();
  }

  /**
   * Creates a run; with a `lockKey` it takes the lock (released when the run ends) and remembers the
   * request's otids for same-otid re-attaches and the conversation stream's `otid` lookup.
   */
  newRun(agent, { background = false, conversationId = null, lockKey = null, runType, otids = [] } = {}) {
    const run = new Run({ agentId: agent.id, background, conversationId, lockKey, runType });
    this.runs.set(run.id, run);
    this.lastRunOfAgent.set(agent.id, run.id);
    if (lockKey) {
      this.locks.set(lockKey, run);
      run.onFinish.push(() => {
        if (this.locks.get(lockKey) === run) this.locks.delete(lockKey);
      });
      this.requestRuns.set(`${lockKey}|${requestToken(otids)}`, run);
    }
    for (const otid of otids) this.otidRuns.set(otid, run);
    return run;
  }

  /** The active run holding `lockKey`, if any. */
  lockHolder(lockKey) {
    const run = lockKey ? this.locks.get(lockKey) : null;
    return run?.active ? run : null;
  }

  /** The run an earlier request with the same otids started under this lock key (try_recover_duplicate_request). */
  duplicateOf(lockKey, otids) {
    return lockKey && otids.length ? (this.requestRuns.get(`${lockKey}|${requestToken(otids)}`) ?? null) : null;
  }

  log(req, url, raw) {
    const headers = { ...req.headers };
    for (const secret of ['authorization', 'x-bare-password', 'cookie']) if (secret in headers) headers[secret] = '[redacted]';
    let body = null;
    if (raw.length) {
      const text = raw.toString('utf8');
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    this.requestLog.push({ time: new Date().toISOString(), method: req.method, path: url.pathname + url.search, headers, body });
    if (this.requestLog.length > REQUEST_LOG_LIMIT) this.requestLog.shift();
  }
}

