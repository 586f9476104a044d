/**
 * Runs and their streams: Run (the stored, numbered chunks, status, lock hooks), produceStream (a streaming
 * turn into a run), and pipeRun (a run to a response, as Letta's Redis reader does).
 */
import { agentTurn } from './agent.mjs';
import { MAX_STREAM_SILENCE_MS, TEXT } from './constants.mjs';
import { AgentError, unexpectedError } from './errors.mjs';
import { newId, isoSeconds } from './util.mjs';
import { pingMessage, stopReason, errorMessage, usageStatistics, dataFrame, errorFrame, DONE_FRAME, CANCELLED_FRAME } from './wire.mjs';

/**
 * A run: the chunks a streaming turn produced (kept for resuming background runs, numbered as the
 * Redis stream writer numbers them), its status, the lock it holds and the controller that
 * interrupts its producer (cancel, client gone, server closing).
 */
export class Run {
  constructor({ agentId, background = false, conversationId = null, lockKey = null, runType = 'send_message' }) {
    this.id = newId('run');
    this.agentId = agentId;
    this.background = background;
    this.conversationId = conversationId;
    this.lockKey = lockKey;
    this.runType = runType;
    this.onFinish = [];
    this.createdAt = Date.now();
    this.status = 'created';
    this.stopReason = null;
    this.chunks = [];
    this.done = false;
    this.waiters = new Set();
    this.cancelRequested = false;
    this.halted = false;
    this.controller = new AbortController();
  }

  get signal() {
    return this.controller.signal;
  }

  get active() {
    return this.status === 'created' || this.status === 'running';
  }

  push(data, complete = false) {
    if (this.done) return;
    this.chunks.push({ seq: this.chunks.length + 1, data, complete });
    this.wake();
  }

  finish(status) {
    if (status && this.active) this.status = status;
    const first = !this.done;
    this.done = true;
    this.wake();
    if (first) for (const hook of this.onFinish.splice(0)) hook(this);
  }

  wake() {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  cancel() {
    this.cancelRequested = true;
    this.controller.abort();
  }

  /** Stops the producer for good (client gone, reset, close). */
  halt() {
    this.halted = true;
    this.controller.abort();
    this.finish('failed');
  }

  /** Resolves 'chunk' on news, 'timeout' after timeoutMs (null = never), 'aborted' when signal aborts. */
  waitForChunk(timeoutMs, signal) {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve('aborted');
      let timer = null;
      const settle = (why) => {
        clearTimeout(timer);
        this.waiters.delete(onWake);
        signal.removeEventListener('abort', onAbort);
        resolve(why);
      };
      const onWake = () => settle('chunk');
      const onAbort = () => settle('aborted');
      this.waiters.add(onWake);
      signal.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs != null) timer = setTimeout(() => settle('timeout'), timeoutMs);
    });
  }

  toJSON() {
    const created = isoSeconds(new Date(this.createdAt));
    return {
      id: this.id,
      status: this.status,
      agent_id: this.agentId,
      background: this.background,
      created_at: created,
      stop_reason: this.stopReason,
      metadata: { run_type: this.runType },
    };
  }
}

export const passesFilter = (request, message) =>
  !request.include_return_message_types || request.include_return_message_types.includes(message.message_type);

/**
 * Runs a streaming turn, pushing SSE frames into the run (as the agent loop + streaming service do).
 * The first frame is a ping with the run id when include_pings is on (prepend_initial_run_ping; in a
 * background run it is stored as seq 1), and in conversation streams (`ctx.alwaysPing`).
 */
export async function produceStream(run, ctx) {
  run.status = 'running';
  if (ctx.request.include_pings || ctx.alwaysPing) run.push(dataFrame(pingMessage(run.id)));
  const turn = agentTurn(ctx);
  let produced = 0;
  try {
    for (;;) {
      const step = await turn.next();
      if (run.halted) return;
      if (run.cancelRequested) {
        await turn.return();
        return pushCancelled(run);
      }
      if (step.done) return pushFinish(run, ctx, step.value.stopReason);
      produced += 1;
      if (passesFilter(ctx.request, step.value)) run.push(dataFrame(step.value));
    }
  } catch (err) {
    if (run.halted) return;
    if (run.cancelRequested) return pushCancelled(run);
    pushFailure(run, err instanceof AgentError ? err : unexpectedError(String(err?.message ?? err)), produced > 0);
  } finally {
    ctx.agent.lastStopReason = run.stopReason;
    run.finish('failed');
  }
}

function pushFinish(run, ctx, reason) {
  run.stopReason = reason;
  run.push(dataFrame(stopReason(reason)));
  run.push(dataFrame(usageStatistics(ctx.usage, ctx.mode === 'token')));
  run.push(DONE_FRAME, true);
  run.status = 'completed';
}

function pushCancelled(run) {
  run.stopReason = 'cancelled';
  run.status = 'cancelled';
  run.push(CANCELLED_FRAME, !run.background);
  if (run.background) run.push(DONE_FRAME, true);
}

/**
 * An in-band error. Before any output: stop_reason + event: error + [DONE]. After output started
 * (the v3 loop's own handler): stop_reason + internal_error, and the body ends without [DONE].
 * The error chunk ends a background reader, so no [DONE] follows it there.
 */
function pushFailure(run, err, afterOutput) {
  run.stopReason = err.stopReason;
  run.status = 'failed';
  run.push(dataFrame(stopReason(err.stopReason)));
  if (afterOutput) {
    run.push(errorFrame(errorMessage(run.id, 'internal_error', TEXT.midStreamError, err.detail)), true);
    return;
  }
  run.push(errorFrame(errorMessage(run.id, err.errorType, err.inBandMessage, err.detail)), true);
  run.push(DONE_FRAME, true);
}

/** The run's chunks as the client reads them: seq ids filled in for background runs. */
export function chunkText(run, chunk) {
  if (!run.background) return chunk.data;
  return chunk.data.replaceAll('"run_id":null', `"run_id":"${run.id}"`).replaceAll('"seq_id":null', `"seq_id":${chunk.seq}`);
}

/**
 * Copies a run's frames to a response: replays what is stored after `startingAfter`, follows the
 * live run, and sends keepalive pings after `keepaliveMs` without a chunk (null = no pings).
 * A background reader (redis_sse_stream_generator) ends only after sending a chunk marked complete
 * ([DONE] or event: error): when `startingAfter` is at or past that chunk it never ends, as on the
 * real server (its second, forced [DONE] is numbered 1 again and so is never sent).
 */
export async function pipeRun(run, writer, { startingAfter = 0, keepaliveMs, signal }) {
  let index = 0;
  let lastSeq = null;
  let lastDataAt = Date.now();
  for (;;) {
    while (index < run.chunks.length) {
      const chunk = run.chunks[index++];
      if (chunk.seq <= startingAfter) continue;
      const text = chunkText(run, chunk);
      const seq = /"seq_id":(\d+)/.exec(text);
      if (seq) lastSeq = Number(seq[1]);
      lastDataAt = Date.now();
      if (!(await writer.write(text))) return;
      if (run.background && chunk.complete) return writer.end();
    }
    if (run.done && !run.background) return writer.end();
    const why = await run.waitForChunk(keepaliveMs, signal);
    if (why === 'aborted') return;
    if (why === 'timeout') {
      if (Date.now() - lastDataAt > MAX_STREAM_SILENCE_MS) return writer.end();
      if (!(await writer.write(dataFrame(pingMessage(run.id, lastSeq))))) return;
    }
  }
}

