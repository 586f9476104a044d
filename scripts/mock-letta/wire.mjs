/**
 * Wire-format builders: the LettaMessage objects (base fields in the server's order, nulls kept),
 * the stream-only objects (ping, stop_reason, usage, error) and the SSE frames that carry them.
 */
import { newId, isoSeconds } from './util.mjs';

export function baseMessage({ id, type, otid, stepId = null, runId, name = null }) {
  return {
    id,
    date: isoSeconds(),
    name,
    message_type: type,
    otid,
    sender_id: null,
    step_id: stepId,
    is_err: null,
    seq_id: null,
    run_id: runId,
  };
}

export const reasoningMessage = (base, reasoning) => ({
  ...baseMessage({ ...base, type: 'reasoning_message' }),
  source: 'reasoner_model',
  reasoning,
  signature: null,
});
export const assistantMessage = (base, content) => ({ ...baseMessage({ ...base, type: 'assistant_message' }), content });
export const toolCallMessage = (base, call, calls) => ({
  ...baseMessage({ ...base, type: 'tool_call_message' }),
  tool_call: call,
  tool_calls: calls,
});
export const approvalRequestMessage = (base, call, calls) => ({
  ...baseMessage({ ...base, type: 'approval_request_message' }),
  tool_call: call,
  tool_calls: calls,
});

export const systemMessage = (base, content) => ({ ...baseMessage({ ...base, type: 'system_message' }), content });
export const userMessage = (base, content) => ({ ...baseMessage({ ...base, type: 'user_message' }), content });

/** ApprovalResponseMessage: the approvals, plus the deprecated single-approval fields. */
export function approvalResponseMessage(base, approvals, approvalRequestId) {
  const first = approvals[0] ?? {};
  return {
    ...baseMessage({ ...base, type: 'approval_response_message' }),
    approvals,
    approve: first.type === 'approval' ? first.approve : null,
    approval_request_id: approvalRequestId,
    reason: first.type === 'approval' ? (first.reason ?? null) : null,
  };
}

export function toolReturnMessage(base, ret) {
  const { tool_return, status, tool_call_id, stdout, stderr } = ret;
  const fields = { tool_return, status, tool_call_id, stdout, stderr };
  return {
    ...baseMessage({ ...base, type: 'tool_return_message', name: ret.name }),
    ...fields,
    tool_returns: [{ type: 'tool', ...fields }],
  };
}

export function pingMessage(runId, seqId = null) {
  return { ...baseMessage({ id: newId('ping'), type: 'ping', otid: null, runId }), seq_id: seqId };
}

export const stopReason = (reason) => ({ message_type: 'stop_reason', stop_reason: reason });

export function errorMessage(runId, errorType, message, detail) {
  return { message_type: 'error_message', run_id: runId, error_type: errorType, message, detail, seq_id: null };
}

export function usageStatistics(usage, tokenMode) {
  const detail = tokenMode ? null : 0;
  return {
    message_type: 'usage_statistics',
    completion_tokens: usage.completion,
    prompt_tokens: usage.prompt,
    total_tokens: usage.completion + usage.prompt,
    step_count: usage.steps,
    run_ids: null,
    cached_input_tokens: detail,
    cache_write_tokens: detail,
    reasoning_tokens: detail,
    context_tokens: usage.lastTotal,
  };
}

export const dataFrame = (obj) => `data: ${JSON.stringify(obj)}\n\n`;
export const errorFrame = (obj) => `event: error\ndata: ${JSON.stringify(obj)}\n\n`;
export const DONE_FRAME = 'data: [DONE]\n\n';
// Written by json.dumps in cancellation_aware_stream_wrapper, hence the spaces.
export const CANCELLED_FRAME = 'data: {"message_type": "stop_reason", "stop_reason": "cancelled"}\n\n';
export const MALFORMED_FRAME = 'data: {"message_type":"assistant_message","content":"this frame is cut sho\n\n';

