/**
 * The agent loop: one turn as an async generator of wire messages, the approval flow, and what the
 * turn leaves in the history. `ctx.thread` is the agent (default thread) or the conversation: it
 * holds the pending approval. `ctx.record(message)` stores a whole message in the history.
 */
import { TEXT, CANCEL_DENIAL } from './constants.mjs';
import { pendingApprovalError, valueError, checkMessageCreates, unexpectedError, Interrupted } from './errors.mjs';
import { planLlmCall, runTool } from './model.mjs';
import { pyRepr, pyStr, pyJsonDumps } from './python.mjs';
import { newId, otidFromId, decrementMessageId, sleep, codePoints, fragments } from './util.mjs';
import {
  reasoningMessage,
  assistantMessage,
  toolCallMessage,
  approvalRequestMessage,
  approvalResponseMessage,
  toolReturnMessage,
  systemMessage,
  userMessage,
} from './wire.mjs';

/**
 * One turn of the agent, as an async generator of wire messages (whole messages in "json" and
 * "step" mode, deltas in "token" mode). Returns { stopReason }; ctx.usage accumulates as it goes.
 * Throws AgentError (turned into an HTTP error or an in-band error) or Interrupted.
 */
export async function* agentTurn(ctx) {
  const first = ctx.request.messages[0];
  if (!first) throw unexpectedError('list index out of range');
  if (first.type === 'approval' || first.type === 'tool_return') {
    yield* resolveApprovals(ctx, first.type === 'tool_return' ? first.tool_returns : first.approvals);
  } else if (ctx.thread.pending) {
    throw pendingApprovalError(ctx.thread.pending.messageId);
  } else {
    checkMessageCreates(ctx.request.messages);
    recordInput(ctx);
    ctx.phase = { kind: 'start' };
  }
  ctx.thread.historyChars += codePoints(ctx.script.clean).length;
  return yield* runSteps(ctx);
}

async function* runSteps(ctx) {
  const maxSteps = ctx.request.max_steps;
  for (let i = 0; i < maxSteps; i++) {
    await think(ctx);
    const out = planLlmCall(ctx);
    accountUsage(ctx, out);
    const whole = [...renderWhole(ctx, out)];
    yield* drip(ctx, ctx.mode === 'token' ? renderTokens(ctx, out) : whole);
    for (const message of whole) ctx.record(historyForm(ctx, out, message));
    const call = out.toolCall;
    if (!call) return { stopReason: 'end_turn' };
    if (call.approval) {
      setPendingApproval(ctx, out);
      return { stopReason: 'requires_approval' };
    }
    const { report, result } = runTool(call);
    const toolReturn = toolReturnMessage(messageBase(ctx, newId('message'), 0, out.stepId), { ...result, name: call.name, tool_call_id: call.id });
    yield toolReturn;
    ctx.record(toolReturn);
    ctx.phase = { kind: 'after_tool', report };
    if (i === maxSteps - 1) return { stopReason: 'max_steps' };
  }
  return { stopReason: 'end_turn' };
}

/** The model's latency ("/slow MS"); also where cancellation and disconnects are noticed. */
async function think(ctx) {
  if (ctx.signal.aborted) throw new Interrupted();
  if (ctx.script.slowMs > 0 && !(await sleep(ctx.script.slowMs, ctx.signal))) throw new Interrupted();
}

function accountUsage(ctx, out) {
  const prompt = 2750 + Math.ceil(ctx.thread.historyChars / 4);
  const callChars = out.toolCall ? JSON.stringify(out.toolCall.args).length + 24 : 0;
  const outputChars = codePoints(out.reasoning ?? '').length + codePoints(out.text ?? '').length + callChars;
  const completion = Math.ceil(outputChars / 4) + 9;
  Object.assign(ctx.usage, {
    prompt: ctx.usage.prompt + prompt,
    completion: ctx.usage.completion + completion,
    steps: ctx.usage.steps + 1,
    lastTotal: prompt + completion,
  });
  ctx.thread.historyChars += outputChars;
}

const messageBase = (ctx, id, index, stepId) => ({ id, otid: index === -1 ? id : otidFromId(id, index), stepId, runId: ctx.run.id });

function setPendingApproval(ctx, out) {
  const { toolCall: call } = out;
  const messageId = ctx.mode === 'token' ? decrementMessageId(out.id) : out.id;
  const wire = { name: call.name, arguments: JSON.stringify(call.args), tool_call_id: call.id };
  ctx.thread.pending = {
    runId: ctx.run.id,
    messageId,
    stepId: out.stepId,
    calls: [{ ...call }],
    message: approvalRequestMessage(messageBase(ctx, messageId, -1, out.stepId), wire, [wire]),
  };
}

/** Yields the messages, waiting `/drip MS` between them (the model streams slowly). */
async function* drip(ctx, messages) {
  let first = true;
  for (const message of messages) {
    if (!first && ctx.script.dripMs > 0 && !(await sleep(ctx.script.dripMs, ctx.signal))) throw new Interrupted();
    if (ctx.signal.aborted) throw new Interrupted();
    first = false;
    yield message;
  }
}

/** What the history keeps of a message: the whole message, with the ids the stream used. */
function historyForm(ctx, out, message) {
  if (ctx.mode !== 'token' || message.message_type !== 'approval_request_message') return message;
  const id = decrementMessageId(out.id);
  return { ...message, id, otid: id };
}

/** The request's own messages, as the history shows them. */
function recordInput(ctx) {
  for (const input of ctx.request.messages) {
    const base = { id: newId('message'), otid: input.otid, runId: ctx.run.id };
    if (input.type !== 'message') continue;
    if (input.role === 'user') ctx.record(userMessage(base, input.content));
    else if (input.role === 'system') ctx.record(systemMessage(base, input.content));
    else ctx.record(assistantMessage(base, input.content));
  }
}

function* renderWhole(ctx, out) {
  let index = 0;
  const base = () => messageBase(ctx, out.id, index++, out.stepId);
  if (out.reasoning !== null) yield reasoningMessage(base(), out.reasoning);
  if (out.text !== null) yield assistantMessage(base(), out.text);
  const call = out.toolCall;
  if (!call) return;
  if (call.approval) {
    const wire = { name: call.name, arguments: JSON.stringify(call.args), tool_call_id: call.id };
    yield approvalRequestMessage(messageBase(ctx, out.id, -1, out.stepId), wire, [wire]);
  } else {
    // Step mode re-serializes executed tool calls' arguments with json.dumps.
    const wire = { name: call.name, arguments: pyJsonDumps(call.args), tool_call_id: call.id };
    yield toolCallMessage(base(), wire, [wire]);
  }
}

function* renderTokens(ctx, out) {
  let index = 0;
  if (out.reasoning !== null) {
    const base = messageBase(ctx, out.id, index++, out.stepId);
    for (const piece of fragments(out.reasoning, 9)) yield reasoningMessage(base, piece);
  }
  if (out.text !== null) {
    const base = messageBase(ctx, out.id, index++, out.stepId);
    const pieces = ctx.fault.largeEventBytes != null ? [out.text] : fragments(out.text, 7);
    for (const piece of pieces) yield assistantMessage(base, piece);
  }
  const call = out.toolCall;
  if (!call) return;
  const args = fragments(JSON.stringify(call.args), 11);
  if (call.approval) {
    // Approval deltas keep their null keys; id = otid = the call's id minus one.
    const base = messageBase(ctx, decrementMessageId(out.id), -1, out.stepId);
    const deltas = [
      { name: call.name, arguments: null, tool_call_id: call.id },
      ...args.map((a) => ({ name: null, arguments: a, tool_call_id: call.id })),
    ];
    for (const delta of deltas) yield approvalRequestMessage(base, delta, delta);
  } else {
    // Tool-call deltas leave null keys out (OpenAI style: the name only in the first one).
    const base = messageBase(ctx, out.id, index++, out.stepId);
    const deltas = [{ name: call.name, tool_call_id: call.id }, ...args.map((a) => ({ arguments: a, tool_call_id: call.id }))];
    for (const delta of deltas) yield toolCallMessage(base, delta, delta);
  }
}

/** An ApprovalCreate / ToolReturnCreate: tool returns for the pending calls, then the agent goes on. */
function* resolveApprovals(ctx, approvals) {
  const { thread: agent } = ctx;
  const pending = agent.pending;
  if (!pending) {
    if (approvals?.length && sameIds(agent.lastResolved, approvals)) {
      ctx.phase = { kind: 'retry' };
      return;
    }
    throw valueError(TEXT.noPendingApproval);
  }
  if (!approvals || approvals.length === 0) throw valueError(TEXT.noApprovals);
  checkToolCallIds(pending, approvals);
  const input = ctx.request.messages[0];
  ctx.record(approvalResponseMessage({ id: newId('message'), otid: input.otid, runId: ctx.run.id }, approvals, pending.messageId));
  recordInput({ ...ctx, request: { messages: ctx.request.messages.slice(1) } });
  const results = [];
  for (const call of pending.calls) {
    const answer = approvals.find((a) => a.tool_call_id === call.id) ?? approvals[0];
    const { message, result } = answerToolCall(ctx, pending, call, answer);
    results.push(result);
    // Letta 0.16.8 does not stream the tool return of a denied call when tokens stream (seen on the
    // real server by tests/letta/); it does in step mode and in JSON replies.
    ctx.record(message);
    if (ctx.mode === 'token' && result.outcome === 'denied') continue;
    yield message;
  }
  agent.pending = null;
  agent.lastResolved = approvals.map((a) => a.tool_call_id);
  ctx.phase = { kind: 'after_approval', results };
}

function sameIds(previous, approvals) {
  if (!previous) return false;
  const ids = new Set(approvals.map((a) => a.tool_call_id));
  return ids.size === previous.length && previous.every((id) => ids.has(id));
}

/** validate_approval_tool_call_ids (letta/agents/helpers.py). */
function checkToolCallIds(pending, approvals) {
  const requested = pending.calls.map((c) => c.id);
  const received = approvals.map((a) => a.tool_call_id);
  const differs = requested.some((id) => !received.includes(id)) || received.some((id) => !requested.includes(id));
  if (!differs) return;
  if (requested.length === 1 && received[0] === pending.messageId) return;
  throw valueError(`Invalid tool call IDs. Expected '${pyRepr(requested)}', but received '${pyRepr(received)}'.`);
}

function answerToolCall(ctx, pending, call, answer) {
  const base = messageBase(ctx, newId('message'), 0, pending.stepId);
  if (answer.type === 'tool') {
    const preview = typeof answer.tool_return === 'string' ? answer.tool_return : '[content parts]';
    const ret = { ...answer, name: null, tool_call_id: call.id };
    return { message: toolReturnMessage(base, ret), result: { outcome: 'returned', name: call.name, preview, status: answer.status } };
  }
  if (!answer.approve) {
    const text = `Error: request to call tool denied. User reason: ${pyStr(answer.reason)}`;
    const ret = { name: null, tool_return: text, status: 'error', tool_call_id: call.id, stdout: null, stderr: null };
    return { message: toolReturnMessage(base, ret), result: { outcome: 'denied', name: call.name, reason: answer.reason } };
  }
  const { summary, result } = runTool(call);
  const ret = { ...result, name: call.name, tool_call_id: call.id };
  const outcome = result.status === 'success' ? 'approved' : 'returned';
  return {
    message: toolReturnMessage(base, ret),
    result: { outcome, name: call.name, summary, preview: result.tool_return, status: result.status },
  };
}

/**
 * RunManager.cancel_run on a run that waits for approval: the pending calls are denied (an approval
 * response and an error tool return go into the history) and the thread is free again.
 */
export function denyPendingOnCancel(thread, run, record) {
  const pending = thread.pending;
  if (!pending || pending.runId !== run.id) return;
  const approvals = pending.calls.map((call) => ({ type: 'approval', tool_call_id: call.id, approve: false, reason: CANCEL_DENIAL }));
  record(approvalResponseMessage({ id: newId('message'), otid: null, runId: run.id }, approvals, pending.messageId));
  const base = { id: newId('message'), otid: null, stepId: pending.stepId, runId: run.id };
  for (const call of pending.calls) {
    const text = `Error: request to call tool denied. User reason: ${CANCEL_DENIAL}`;
    record(toolReturnMessage({ ...base, otid: otidFromId(base.id, 0) }, { name: null, tool_return: text, status: 'error', tool_call_id: call.id, stdout: null, stderr: null }));
  }
  thread.pending = null;
  thread.lastResolved = pending.calls.map((c) => c.id);
}
