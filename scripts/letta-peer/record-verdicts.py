#!/usr/bin/env python3
"""Records what the real Letta server answers for every case of the validation table.

Runs tests/fixtures/validation/cases.json through check-requests.py (the real letta 0.16.8 FastAPI
app) and writes tests/fixtures/validation/server_verdicts.json, which `cargo test` compares with the
validator. Run it after adding cases:

    python3 scripts/letta-peer/record-verdicts.py
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CASES = os.path.join(ROOT, "tests", "fixtures", "validation", "cases.json")
VERDICTS = os.path.join(ROOT, "tests", "fixtures", "validation", "server_verdicts.json")


def main():
    table = json.load(open(CASES))
    requests = [{"name": c["name"], "agent_id": c.get("agent_id", table["agent_id"]), "body": c["body"]} for c in table["cases"]]
    with tempfile.TemporaryDirectory() as tmp:
        cases_path, out_path = os.path.join(tmp, "cases.json"), os.path.join(tmp, "out.json")
        json.dump(requests, open(cases_path, "w"))
        harness = os.path.join(os.path.dirname(__file__), "check-requests.py")
        subprocess.run([sys.executable, harness, cases_path, "--out", out_path], check=True, stdout=subprocess.DEVNULL)
        results = json.load(open(out_path))
    verdicts = []
    for result in results:
        verdict = {"name": result["name"], "status": result["status"], "accepted": result["accepted"]}
        if result["accepted"]:
            verdict["parsed"] = {k: v for k, v in result["parsed"].items() if k not in ("messages", "input")}
        verdicts.append(verdict)
    document = json.load(open(VERDICTS))
    document["verdicts"] = verdicts
    with open(VERDICTS, "w") as out:
        json.dump(document, out, indent=1, ensure_ascii=False)
    print(f"{sum(v['accepted'] for v in verdicts)} accepted, {len(verdicts)} cases -> {os.path.relpath(VERDICTS, ROOT)}")


if __name__ == "__main__":
    main()
