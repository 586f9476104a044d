/**
 * One Send Message request, whatever the route: the conversation lock (409 while another run holds
 * it), same-otid re-attach of background requests, then the turn as a JSON LettaResponse or as a
 * stream whose producer fills the run and whose response reads it (background runs outlive it).
 */
import { agentTurn } from './agent.mjs';
import { AgentError, unexpectedError } from './errors.mjs';
import { lastUserText, parseScript } from './model.mjs';
import { passesFilter, produceStream, pipeRun } from './runs.mjs';
import { sendJson, SseWriter } from './sse.mjs';
import { hashText, debug } from './util.mjs';
import { stopReason, usageStatistics } from './wire.mjs';

/** The 409 of a busy lock (ConversationBusyError, enriched with the holder's run id). */
export function busyBody(runId) {
  return {
    detail: `CONFLICT: Cannot send a new message: Another request (run_id=${runId}) is currently being processed for this conversation. Please wait for it to complete.`,
    run_id: runId,
  };
}

function turnContext(state, turn, run, mode, fault) {
  const { agent, conversation, request } = turn;
  const script = parseScript(lastUserText(request.messages), request);
  const usage = { prompt: 0, completion: 0, steps: 0, lastTotal: null };
  const conversationId = conversation?.id ?? null;
  const record = (message) => agent.history.add(conversationId, message);
  const thread = conversation ?? agent;
  return { state, agent, thread, request, run, mode, fault, script, signal: run.signal, phase: null, usage, record, alwaysPing: turn.alwaysPing };
}

/**
 * Runs a validated request. `turn`: { agent, conversation (null = the default thread), request,
 * lockKey (null = no lock), runType, alwaysPing }.
 */
export async function sendTurn(state, ex, turn) {
  const { agent, conversation, request, lockKey } = turn;
  const otids = request.messages.map((m) => m.otid).filter(Boolean);
  // Only a locked route recognises a request sent again (the agent route starts a second run).
  if (request.streaming && request.background && lockKey !== null) {
    const earlier = state.duplicateOf(lockKey, otids);
    if (earlier) return pipeToClient(state, ex, earlier, { keepaliveMs: request.include_pings ? state.keepaliveMs : null, deferHeaders: true });
  }
  const holder = state.lockHolder(lockKey);
  if (holder) return sendJson(ex.res, 409, busyBody(holder.id), ex.fault);
  const run = state.newRun(agent, {
    background: request.streaming && request.background,
    conversationId: conversation?.id ?? null,
    lockKey,
    runType: turn.runType,
    otids,
  });
  if (request.streaming) return streamTurn(state, ex, turn, run);
  return respondWithTurn(state, ex, turn, run);
}

/** Non-streaming: run the turn, answer with a LettaResponse or the error's HTTP form. */
async function respondWithTurn(state, ex, turn, run) {
  const { agent, request } = turn;
  run.status = 'running';
  const stopOnClose = () => run.halt();
  ex.clientGone.addEventListener('abort', stopOnClose, { once: true });
  const ctx = turnContext(state, turn, run, 'json', ex.fault);
  const messages = [];
  try {
    const steps = agentTurn(ctx);
    let step = await steps.next();
    for (; !step.done; step = await steps.next()) messages.push(step.value);
    finishJsonRun(run, agent, step.value.stopReason, 'completed');
    sendJson(ex.res, 200, lettaResponse(ctx, messages, step.value.stopReason), ex.fault);
  } catch (err) {
    if (run.cancelRequested) {
      finishJsonRun(run, agent, 'cancelled', 'cancelled');
      return sendJson(ex.res, 200, lettaResponse(ctx, messages, 'cancelled'), ex.fault);
    }
    if (run.halted) return;
    const failure = err instanceof AgentError ? err : unexpectedError(String(err?.message ?? err));
    finishJsonRun(run, agent, failure.stopReason, 'failed');
    sendJson(ex.res, failure.status, failure.body, ex.fault);
  } finally {
    ex.clientGone.removeEventListener('abort', stopOnClose);
    run.finish('failed');
  }
}

function finishJsonRun(run, agent, reason, status) {
  run.stopReason = reason;
  run.status = status;
  agent.lastStopReason = reason;
}

function lettaResponse(ctx, messages, reason) {
  const shown = messages.filter((m) => passesFilter(ctx.request, m));
  const lastText = [...messages].reverse().find((m) => m.message_type === 'assistant_message')?.content;
  const logprobs = ctx.request.return_logprobs && lastText ? buildLogprobs(lastText, ctx.request.top_logprobs ?? 0) : null;
  return { messages: shown, stop_reason: stopReason(reason), usage: usageStatistics(ctx.usage, false), logprobs, turns: null };
}

/** ChoiceLogprobs of the last LLM call, deterministic per token. */
function buildLogprobs(text, top) {
  const entry = (token, logprob) => ({ token, bytes: [...Buffer.from(token)], logprob });
  const content = (text.match(/\s*\S+/gu) ?? []).map((token, i) => {
    const logprob = -Math.round(hashText(`${i}:${token}`) % 2500) / 1000;
    const alternatives = Array.from({ length: Math.max(0, top) }, (_, k) =>
      k === 0 ? entry(token, logprob) : entry([' the', ' a', ' and', ' so', ' but'][k % 5], Math.round((logprob - 1.7 * k) * 1000) / 1000),
    );
    return { ...entry(token, logprob), top_logprobs: alternatives };
  });
  return { content, refusal: null };
}

/** Streaming: the producer fills the run, the response reads it (background runs outlive it). */
async function streamTurn(state, ex, turn, run) {
  const { request } = turn;
  const mode = request.stream_tokens ? 'token' : 'step';
  const ctx = turnContext(state, turn, run, mode, ex.fault);
  const producing = produceStream(run, ctx).catch((err) => debug(err));
  if (!run.background) ex.clientGone.addEventListener('abort', () => run.halt(), { once: true });
  await pipeToClient(state, ex, run, { keepaliveMs: request.include_pings ? state.keepaliveMs : null });
  if (!run.background) run.halt();
  if (!run.background) await producing;
}

/** Streams a run to the client (see pipeRun); `deferHeaders` holds the headers back until the first frame. */
export async function pipeToClient(state, ex, run, { startingAfter = 0, keepaliveMs, deferHeaders = false }) {
  const writer = new SseWriter(ex.res, ex.fault, ex.clientGone, run.id);
  state.activeStreams += 1;
  try {
    if (await writer.start({ defer: deferHeaders })) await pipeRun(run, writer, { startingAfter, keepaliveMs, signal: ex.clientGone });
  } finally {
    state.activeStreams -= 1;
  }
}
