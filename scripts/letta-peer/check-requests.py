#!/usr/bin/env python3
"""Run request bodies through the REAL letta 0.16.8 send_message route and report accept/reject.

Usage:
    python3 scripts/letta-peer/check-requests.py cases.json [--venv lock|/path/to/venv] [--out results.json]

cases.json: a JSON array of
    {"name": str,
     "agent_id": str            (optional; default a valid id),
     "body": <any JSON value>   (sent JSON-encoded; omit and use "raw_body" to send raw text/bytes),
     "raw_body": str            (optional; sent verbatim, e.g. malformed JSON),
     "headers": {k: v|null}     (optional; merged over the defaults, null removes a default),
     "path": str                (optional; default "/v1/agents/{agent_id}/messages")}

Output: a JSON array of
    {"name", "accepted": bool, "status": int,
     "errors": [{"loc": [...], "type": str, "msg": str, "pydantic_type"?: str}],
                                (FastAPI RequestValidationError items as the server reports them, [] otherwise;
                                 pydantic_type appears when letta's handler rewrote the type, see app.py)
     "response": <exact JSON body the server sent>            (only when not accepted),
     "parsed": <LettaStreamingRequest.model_dump(mode="json", exclude_unset=True)> (only when accepted)}

How it works: it imports the real FastAPI application object (letta.server.rest_api.app.app) with all of
its middlewares and exception handlers, and sends each case through starlette's TestClient (no lifespan,
so no database is touched). FastAPI does path validation (AgentId) + body validation (LettaStreamingRequest,
python/lax mode) exactly as in production, then the real `send_message` function runs its own checks
(empty messages, streaming options without streaming, SDK gate). The first thing it does after those checks is
`await server.user_manager.get_actor_or_default_async(...)`; the harness overrides the `get_letta_server`
dependency with a fake whose user_manager captures the validated `request` object from the caller's frame
and aborts. Reaching that point == "accepted" (status 200 reported; the agent never runs).

Default headers: X-Stainless-Package-Version: 1.0.0 (passes the streaming SDK gate), Content-Type: application/json.
Generated otids (uuid4 created by MessageCreateBase when otid is missing/null) are shown as "<generated-uuid4>".
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, "..", "..", ".cache", "letta-peer")
# The venv holding letta 0.16.8 with the versions of its uv.lock, as scripts/letta-peer/install.sh
# makes it (run that first); LETTA_PEER_VENV names another.
PEER_DIR = os.environ.get("LETTA_PEER_DIR") or (
    "/var/cache/letta-wasm/letta-peer" if os.geteuid() == 0 else os.path.expanduser("~/.cache/letta-wasm/letta-peer")
)
VENVS = {"lock": os.environ.get("LETTA_PEER_VENV", os.path.join(PEER_DIR, "venv"))}


def _maybe_reexec():
    args = sys.argv[1:]
    venv = os.environ.get("CHECK_REQUEST_VENV", "lock")
    if "--venv" in args:
        i = args.index("--venv")
        venv = args[i + 1]
    venv_path = VENVS.get(venv, venv)
    want = os.path.join(venv_path, "bin", "python")
    if os.path.realpath(sys.prefix) != os.path.realpath(venv_path):
        env = dict(os.environ)
        env.setdefault("HOME", os.path.join(CACHE, "home"))  # letta writes ~/.letta
        env["CHECK_REQUEST_REEXEC"] = "1"
        os.makedirs(env["HOME"], exist_ok=True)
        os.execve(want, [want, os.path.abspath(__file__)] + args, env)


if os.environ.get("CHECK_REQUEST_REEXEC") != "1":
    _maybe_reexec()

# ---------------------------------------------------------------- inside the letta venv
import logging  # noqa: E402
import warnings  # noqa: E402

warnings.filterwarnings("ignore")
os.environ.setdefault("LETTA_TRACK_PROVIDER_TRACE", "false")
logging.disable(logging.CRITICAL)

_real_stdout = sys.stdout
sys.stdout = sys.stderr  # letta prints banners on import; keep stdout clean for the JSON result
from fastapi.exceptions import RequestValidationError  # noqa: E402
from fastapi.responses import JSONResponse  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from letta.server.rest_api.app import app  # noqa: E402  (the real application)
from letta.server.rest_api.dependencies import get_letta_server  # noqa: E402

sys.stdout = _real_stdout
logging.disable(logging.CRITICAL)
sys.excepthook = sys.__excepthook__  # letta installs a hook that logs (disabled here) instead of printing

DEFAULT_AGENT_ID = "agent-123e4567-e89b-42d3-8456-426614174000"
UUID4_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


class _Reached(Exception):
    def __init__(self, request):
        self.request = request


class _FakeUserManager:
    async def get_actor_or_default_async(self, actor_id=None):
        f = sys._getframe(1)
        while f is not None and not (f.f_code.co_name.startswith("send_message") and "request" in f.f_locals):
            f = f.f_back
        raise _Reached(f.f_locals.get("request") if f is not None else None)


class _FakeServer:
    user_manager = _FakeUserManager()

    def __getattr__(self, item):  # anything else the route touches before the actor lookup would show up here
        raise RuntimeError(f"fake server: unexpected access to server.{item}")


_FAKE = _FakeServer()
app.dependency_overrides[get_letta_server] = lambda: _FAKE

_last = {}


async def _reached_handler(request, exc: _Reached):
    _last["parsed_obj"] = exc.request
    return JSONResponse(status_code=200, content={"__reached_agent__": True})


app.add_exception_handler(_Reached, _reached_handler)

_orig_rve = app.exception_handlers[RequestValidationError]


async def _rve_wrapper(request, exc):
    errs = exc.errors()
    _last["orig_types"] = [e.get("type") for e in errs]  # before letta's handler rewrites path-id errors in place
    _last["errors"] = errs
    return await _orig_rve(request, exc)


app.add_exception_handler(RequestValidationError, _rve_wrapper)
app.router.lifespan_context = None  # never used: TestClient without `with` does not run lifespan


def _jsonable(x):
    try:
        json.dumps(x)
        return x
    except TypeError:
        if isinstance(x, (list, tuple)):
            return [_jsonable(i) for i in x]
        if isinstance(x, dict):
            return {str(k): _jsonable(v) for k, v in x.items()}
        return repr(x)


def _mask_generated_otids(parsed, raw_text):
    for m in parsed.get("messages") or []:
        if isinstance(m, dict) and isinstance(m.get("otid"), str) and UUID4_RE.match(m["otid"]) and m["otid"] not in raw_text:
            m["otid"] = "<generated-uuid4>"
    return parsed


def run_case(client, case):
    _last.clear()
    agent_id = case.get("agent_id", DEFAULT_AGENT_ID)
    from urllib.parse import quote

    path = case.get("path", "/v1/agents/{agent_id}/messages").replace("{agent_id}", quote(agent_id, safe=""))
    headers = {"X-Stainless-Package-Version": "1.0.0", "Content-Type": "application/json"}
    for k, v in (case.get("headers") or {}).items():
        if v is None:
            headers.pop(k, None)
        else:
            headers[k] = v
    if "raw_body" in case:
        content = case["raw_body"].encode("utf-8") if isinstance(case["raw_body"], str) else case["raw_body"]
    else:
        content = json.dumps(case.get("body"), ensure_ascii=False).encode("utf-8")
    # headers given as null are removed, including TestClient's default "user-agent: testclient"
    removed_defaults = {}
    for k, v in (case.get("headers") or {}).items():
        if v is None and k.lower() in client.headers:
            removed_defaults[k.lower()] = client.headers.pop(k.lower())
    try:
        resp = client.post(path, content=content, headers=headers)
    finally:
        client.headers.update(removed_defaults)
    out = {"name": case.get("name"), "accepted": False, "status": resp.status_code, "errors": []}
    if "parsed_obj" in _last:
        obj = _last["parsed_obj"]
        out["accepted"] = True
        out["status"] = 200
        parsed = obj.model_dump(mode="json", exclude_unset=True, warnings=False)
        out["parsed"] = _mask_generated_otids(parsed, content.decode("utf-8", "replace"))
        return out
    if "errors" in _last:
        out["errors"] = []
        for e, t0 in zip(_last["errors"], _last["orig_types"]):
            d = {"loc": list(e.get("loc", [])), "type": e.get("type"), "msg": e.get("msg")}
            if t0 != d["type"]:
                d["pydantic_type"] = t0  # what pydantic said before letta's handler rewrote it
            out["errors"].append(d)
    try:
        out["response"] = resp.json()
    except Exception:
        out["response"] = resp.text
    return out


def main():
    args = [a for a in sys.argv[1:]]
    out_path = None
    if "--out" in args:
        i = args.index("--out")
        out_path = args[i + 1]
        del args[i : i + 2]
    if "--venv" in args:
        i = args.index("--venv")
        del args[i : i + 2]
    if not args:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    with open(args[0], encoding="utf-8") as f:
        cases = json.load(f)
    client = TestClient(app, raise_server_exceptions=False, follow_redirects=False)
    results = []
    for c in cases:
        try:
            results.append(_jsonable(run_case(client, c)))
        except Exception as e:  # a harness/transport problem, not a server answer
            import traceback

            traceback.print_exc(file=sys.stderr)
            results.append({"name": c.get("name"), "accepted": None, "status": None, "errors": [], "harness_error": repr(e)})
    text = json.dumps(results, indent=1, ensure_ascii=True)  # ascii: parsed values may hold lone surrogates
    if out_path:
        with open(out_path, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
