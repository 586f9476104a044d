#!/usr/bin/env python3
"""A deterministic stand-in for the OpenAI API, for the loopback Letta peer (stdlib only).

    python3 scripts/letta-peer/fake_llm.py --port 18283

Serves GET /v1/models, POST /v1/embeddings and POST /v1/chat/completions (JSON, and SSE with
`choices[0].delta`, tool-call arguments split over several chunks, a finish chunk, a usage chunk
when `stream_options.include_usage` is set, then `data: [DONE]`).

What it answers is decided by the last message it is given:
  - a tool result (role "tool"): a short text that quotes the result;
  - a user message starting with `CALL_TOOL <name> <json arguments>`: a call of that tool;
  - a user message starting with `FAIL <status>`: that HTTP status with an OpenAI error body;
  - `LONG <n>`: the n words `w1 w2 … wn` (no "You said:"), streamed one word per chunk;
  - anything else: `You said: <text>`, streamed one word at a time.
Timing markers go in front of any of these, in any order, and combine:
  - `SLOW <ms> <rest>`: waits <ms> before answering as for <rest> (nothing is sent meanwhile);
  - `DRIP <ms> <rest>`: answers as for <rest>, but waits <ms> before each streamed chunk after the
    first, so the reply trickles (a JSON answer, stream=false, waits the sum once).
For example `SLOW 3000 hi` (3 s of silence, then "You said: hi"), or `DRIP 300 LONG 40` (40 words over
about 12 s): a run that is still going when a test cancels it, drops the connection, or resumes it.
"""
import argparse
import hashlib
import json
import re
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL = "gpt-4o-mini"
CREATED = 1_715_000_000


def text_of(content):
    """The text of a chat message's content (a string or a list of parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return ""


def user_text(text):
    """Letta may wrap the user's words in JSON ({"type": "user_message", "message": …}); unwrap them."""
    try:
        value = json.loads(text)
        if isinstance(value, dict) and isinstance(value.get("message"), str):
            return value["message"]
    except ValueError:
        pass
    return text


def plan(messages):
    """What to answer: ("text", str) | ("tool", name, arguments) | ("fail", status) — with the delay
    before the answer and the delay between streamed chunks, in ms."""
    last = messages[-1] if messages else {}
    if last.get("role") == "tool":
        result = text_of(last.get("content"))
        return ("text", f"The tool answered: {result[:120]}"), 0, 0
    text = user_text(text_of(last.get("content"))).strip()
    delay = drip = 0
    while True:
        timing = re.match(r"^(SLOW|DRIP) (\d+)\s*(.*)$", text, re.S)
        if not timing:
            break
        if timing.group(1) == "SLOW":
            delay += int(timing.group(2))
        else:
            drip = int(timing.group(2))
        text = timing.group(3)
    call = re.match(r"^CALL_TOOL (\S+)\s*(\{.*\})\s*$", text, re.S)
    if call:
        return ("tool", call.group(1), call.group(2)), delay, drip
    fail = re.match(r"^FAIL (\d{3})", text)
    if fail:
        return ("fail", int(fail.group(1))), delay, drip
    long = re.match(r"^LONG (\d+)\s*$", text)
    if long:
        return ("text", " ".join(f"w{i}" for i in range(1, int(long.group(1)) + 1))), delay, drip
    return ("text", f"You said: {text}"), delay, drip


def pieces(answer):
    """The streamed pieces of an answer: the words of a text (with their trailing space), or the
    8-character slices of a tool call's arguments."""
    if answer[0] == "tool":
        return [answer[2][at:at + 8] for at in range(0, len(answer[2]), 8)]
    return re.findall(r"\S+\s*", answer[1]) or [answer[1]]


def call_id(name, arguments):
    return "call_" + hashlib.sha1(f"{name}{arguments}".encode()).hexdigest()[:24]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def send_json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.rstrip("/").endswith("/models"):
            self.send_json(200, {"object": "list", "data": [{"id": MODEL, "object": "model", "created": CREATED, "owned_by": "openai"}]})
        else:
            self.send_json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})

    def do_POST(self):
        length = int(self.headers.get("content-length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        if self.path.endswith("/embeddings"):
            inputs = body.get("input")
            inputs = inputs if isinstance(inputs, list) else [inputs]
            data = [{"object": "embedding", "index": i, "embedding": [0.01] * int(body.get("dimensions") or 1536)} for i in range(len(inputs))]
            self.send_json(200, {"object": "list", "data": data, "model": body.get("model", "text-embedding-3-small"), "usage": {"prompt_tokens": 1, "total_tokens": 1}})
            return
        if not self.path.endswith("/chat/completions"):
            self.send_json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
            return
        answer, delay, drip = plan(body.get("messages") or [])
        if delay:
            time.sleep(delay / 1000)
        if answer[0] == "fail":
            status = answer[1]
            self.send_json(status, {"error": {"message": f"The fake model failed with {status} on purpose.", "type": "server_error", "param": None, "code": None}})
            return
        try:
            if body.get("stream"):
                self.stream(answer, body, drip)
            else:
                if drip:
                    time.sleep(drip * max(len(pieces(answer)) - 1, 0) / 1000)
                self.whole(answer)
        except (BrokenPipeError, ConnectionResetError):
            pass  # letta dropped the request (a cancelled run): nothing to answer

    def whole(self, answer):
        if answer[0] == "tool":
            _, name, arguments = answer
            message = {"role": "assistant", "content": None,
                       "tool_calls": [{"id": call_id(name, arguments), "type": "function", "function": {"name": name, "arguments": arguments}}]}
            finish = "tool_calls"
        else:
            message = {"role": "assistant", "content": answer[1]}
            finish = "stop"
        self.send_json(200, {"id": "chatcmpl-fake", "object": "chat.completion", "created": CREATED, "model": MODEL,
                             "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                             "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}})

    def stream(self, answer, body, drip=0):
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()

        def chunk(delta, finish=None, usage=None, choices=True):
            event = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": CREATED, "model": MODEL,
                     "choices": [{"index": 0, "delta": delta, "finish_reason": finish}] if choices else []}
            if usage:
                event["usage"] = usage
            self.write(f"data: {json.dumps(event)}\n\n")

        chunk({"role": "assistant", "content": ""})
        if answer[0] == "tool":
            _, name, arguments = answer
            chunk({"tool_calls": [{"index": 0, "id": call_id(name, arguments), "type": "function", "function": {"name": name, "arguments": ""}}]})
        for i, piece in enumerate(pieces(answer)):
            if i and drip:
                time.sleep(drip / 1000)
            if answer[0] == "tool":
                chunk({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]})
            else:
                chunk({"content": piece})
        chunk({}, finish="tool_calls" if answer[0] == "tool" else "stop")
        if (body.get("stream_options") or {}).get("include_usage"):
            chunk(None, usage={"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}, choices=False)
        self.write("data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")

    def write(self, text):
        data = text.encode()
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=18283)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(json.dumps({"url": f"http://127.0.0.1:{args.port}/v1"}), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    sys.exit(0)


if __name__ == "__main__":
    main()
