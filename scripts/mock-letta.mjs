#!/usr/bin/env node
/**
 * mock-letta.mjs — a dependency-free mock of the Letta 0.16.8 agent server's "Send Message" API,
 * faithful to the wire format of the real server (see ../shared/letta-wire-format.md and the
 * captured fixtures in tests/fixtures/): field order with nulls, compact JSON with raw UTF-8, dates to
 * whole seconds with +00:00, `message-`/`run-`/`step-`/`ping-<uuid4>` ids, derived otids, one
 * `data: <json>\n\n` SSE frame per chunk, the pydantic-repr 422 bodies, pings, in-band errors,
 * approvals, and — as Letta with Redis does — background runs numbered for resume, the conversation
 * lock, same-otid re-attach, cancellation, message history and conversations. The agent is
 * scripted: replies are deterministic functions of the user's text. The code is in
 * scripts/mock-letta/ (one module per concern); this file is the entry point and the CLI.
 *
 * CLI
 *   node scripts/mock-letta.mjs [--host 127.0.0.1] [--port 8283] [--password PW] [--keepalive-ms MS]
 *   Listens on 127.0.0.1 only (port 0 = random) and prints one JSON line when ready:
 *     {"url":"http://127.0.0.1:PORT","agentId":"agent-…"}
 *   With --password, requests need `Authorization: Bearer PW` or `X-BARE-PASSWORD: password PW`
 *   (health and /__mock/* excepted), else 401 {"detail":"Unauthorized"}.
 *
 * In-process
 *   import { startMockLetta } from './scripts/mock-letta.mjs';
 *   const mock = await startMockLetta({ port: 0, password, keepaliveMs: 20000 });
 *   // mock.url, mock.agentId; await mock.close();
 *
 * Endpoints (also under /latest/…)
 *   GET  /v1/health/                      {"version":"0.16.8","status":"ok"}
 *   GET  /v1/agents/   POST /v1/agents/   GET /v1/agents/{agent_id}
 *   POST /v1/agents/{agent_id}/messages   JSON LettaResponse, or SSE with "streaming": true
 *   POST /v1/agents/{agent_id}/messages/stream    deprecated, always SSE, no SDK-version gate
 *   GET  /v1/agents/{agent_id}/messages   history: a bare array; ?limit=100&before=&after=&order=desc|asc
 *                                         &conversation_id=(default|conv-…; none = all threads)
 *                                         &include_return_message_types=…; 404 {"detail":"Agent not found"}
 *   POST /v1/agents/{agent_id}/messages/cancel    {"run_ids": [...]} → {"run-…":"cancelled"|"failed"};
 *                                         {} / null / [] = the agent's LAST run (even if it has ended);
 *                                         409 only for an agent that never ran
 *   POST /v1/runs/{run_id}/stream         resume a background run {"starting_after": n, "include_pings": …}
 *   GET  /v1/runs/{run_id}                {id, status, agent_id, background, created_at, stop_reason, metadata}
 *   POST /v1/conversations/?agent_id=…    create → Conversation {id:"conv-…", agent_id, summary, …}
 *   GET  /v1/conversations/?agent_id=&limit=50&after=&order=desc     GET /v1/conversations/{id}
 *   POST /v1/conversations/{id}/messages  the Send Message body; streams unless "streaming": false,
 *                                         always starts with a ping, no SDK gate; {id} may be "default"
 *                                         (+ "agent_id" in the body) or an agent id: the agent's own thread
 *   GET  /v1/conversations/{id}/messages  that thread's history (same paging; "default" + ?agent_id=)
 *   POST /v1/conversations/{id}/cancel?agent_id=…   cancel its active runs; 409 when none
 *   POST /v1/conversations/{id}/stream    resume {"run_id"} | {"otid"} | else its newest active background
 *                                         run; "starting_after", "include_pings" as above
 *   GET  /__mock/requests                 the last 100 requests (Authorization redacted)
 *   POST /__mock/reset                    forget runs, pending approvals, agents, conversations, history, the log
 *   GET  /__mock/stats                    open streams and sockets (to check that faults leak nothing)
 *   GET  /__mock/runs/{run_id}/frames     {run_id, status, background, done, frames:[{seq, data, complete}]}:
 *                                         every stored frame as a reader gets it (SSE text, seq filled in)
 *
 * Runs, as on Letta 0.16.8 with Redis (../shared/letta-wire-format.md, "Conversations that survive")
 *   background  with include_pings the first frame is a ping with seq_id 1 (without: no ping, the first
 *               message is seq 1); every later frame takes the next number: messages show it as seq_id,
 *               stop_reason, usage and [DONE] hold hidden ones (L = last visible: stop_reason L+1,
 *               usage L+2, [DONE] L+3; a cancelled run: stop_reason cancelled L+1, [DONE] L+2).
 *               Dropping the connection does not stop a background run; a foreground run stops.
 *   resume      replays seq > starting_after, follows the live run, ends after [DONE] (or event: error).
 *               At or past the [DONE]'s seq nothing is sent, not even the headers, and the request never
 *               ends (keepalive pings with seq_id null every --keepalive-ms). Resume headers are sent
 *               with the first frame.
 *   lock        while a streaming run of a conversation is active (conversation routes, "default"/agent-id
 *               conversation sends included), another streaming message to it gets 409
 *               {"detail":"CONFLICT: Cannot send a new message: Another request (run_id=run-…) is currently
 *               being processed for this conversation. Please wait for it to complete.","run_id":"run-…"}.
 *               JSON sends are not locked, and neither is the agent route (measured: a second message
 *               to a busy agent runs beside the first). A cancel frees the lock at once.
 *   re-attach   on a locked route only: a background request whose messages carry the same otids as an
 *               earlier one streams that run from its first frame, live, with no new run and no 409.
 *               The agent route starts a second run (measured).
 *   cancel      the run's status and stop_reason become "cancelled" at once; the stream gets
 *               `data: {"message_type": "stop_reason", "stop_reason": "cancelled"}` (json.dumps spacing),
 *               then [DONE] in background runs (none in foreground ones), no usage. Cancelling a run
 *               that waits for approval denies its calls (approval_response + error tool_return in the
 *               history, reason "The user cancelled the request, so the tool call was denied.").
 *   history     per agent, in order, whole (deltas folded, the stream's ids and otids): system_message
 *               (agent and conversation creation), user_message (the request's otid),
 *               approval_response_message, reasoning, assistant, tool_call, tool_return,
 *               approval_request messages. A row = one id (an LLM call's messages share it); limit,
 *               before and after count and name rows; desc = the newest `limit` rows, returned oldest
 *               first by the agent route and newest first by a conversation's own route (both
 *               measured); asc = the oldest. seq_id is null in history.
 *
 * Scripted agent (triggers in the user's text; markers are removed before the text is echoed)
 *   anything else          reasoning + an assistant message that echoes the text (multi-byte UTF-8)
 *   "weather in <City>"    get_weather tool call + tool return (stdout/stderr lists), then the answer
 *   "delete <file>" or "/approve"   delete_file needs approval → approval_request_message,
 *                          stop_reason requires_approval; answer with an approval (approve → the tool
 *                          runs, deny → error tool return with the user's reason), then the agent answers
 *   a client_tools name    the call is handed to the client (approval_request_message)
 *   "/long N"              an answer of N words
 *   "/verbatim"            the answer is the user's text as written (line breaks kept: Markdown replies)
 *   "/slow MS"             the model takes MS ms before each LLM call (keepalive pings, cancellation)
 *   "/drip MS"             the model streams slowly: MS ms between its messages / token deltas (the run
 *                          stays active meanwhile, unlike the drip-ms fault, which slows the writer only)
 *   "/error", "/rate-limit", "/timeout", "/auth-error"   the LLM call that would answer fails
 *                          (non-streaming: 500/429/504/401 {"error":{…}}; streaming: in-band error)
 *
 * Fault injection, per request: header `X-Mock-Fault: disconnect-after=3; drip-ms=50` (options split by
 * ';' or ','), or the same names as query parameters (`?disconnect-after=3&html-500`).
 *   disconnect-after=N    close the connection after N SSE frames (pings included), no [DONE]
 *                         (JSON replies: after N bytes of the body). Works on sends, resumes and
 *                         re-attaches; a background run goes on server-side, a foreground one stops
 *   malformed-after=N     one malformed JSON frame after N frames, then carry on
 *   error-after=N         after N frames: stop_reason error + event: error internal_error, end, no [DONE]
 *   stall-after=N         stop writing after N frames (JSON: N bytes), keep the socket open
 *   drip-ms=M             wait M ms before every frame but the first
 *   status=S              answer S (429/500/503/… with a Letta-shaped JSON body) instead of running
 *   retry-after=S, retry-after-ms=M   add these headers to the status answer (status defaults to 429)
 *   times=K, key=ID       apply the faults only to the first K requests carrying this key (retry tests)
 *   method=M              apply the faults only to requests of method M (`method=POST`: sends and
 *                         cancels, not the history a chat loads first)
 *   html-500              500 with an HTML body (text/html)
 *   content-type=T        use content type T on the (otherwise normal) response
 *   empty-body            200 with an empty body
 *   stall-after-headers   send the headers, then nothing until the client goes away
 *   large-event-bytes=B   the final assistant message's content is exactly B bytes of UTF-8
 */

import { fileURLToPath } from 'node:url';
import process from 'node:process';

import { LETTA_VERSION, DEFAULT_AGENT_ID } from './mock-letta/constants.mjs';
import { startMockLetta } from './mock-letta/server.mjs';

export { startMockLetta, LETTA_VERSION, DEFAULT_AGENT_ID };

// ───────────────────────────── CLI ─────────────────────────────

function parseArgs(argv) {
  const options = { host: '127.0.0.1', port: 8283 };
  const names = { '--host': 'host', '--port': 'port', '--password': 'password', '--keepalive-ms': 'keepaliveMs' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    if (flag === '--help' || flag === '-h') return { help: true };
    const name = names[flag];
    if (!name) throw new Error(`unknown option: ${flag}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    options[name] = ['port', 'keepaliveMs'].includes(name) ? Number(value) : value;
    if (Number.isNaN(options[name])) throw new Error(`${flag} needs a number`);
  }
  return options;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`mock-letta: ${err.message}`);
    process.exit(2);
  }
  if (options.help) {
    console.log('usage: node scripts/mock-letta.mjs [--host 127.0.0.1] [--port 8283] [--password PW] [--keepalive-ms MS]');
    return;
  }
  let mock;
  try {
    mock = await startMockLetta(options);
  } catch (err) {
    console.error(`mock-letta: ${err.message}`);
    process.exit(1);
  }
  console.log(JSON.stringify({ url: mock.url, agentId: mock.agentId }));
  const stop = () => mock.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
