"""Run a held-out set (cases written by someone who never saw the code or the dev set) through the real CLI and
write what a blind judge reads: the case's input and the coach's output, nothing else.

    python -m evals.heldout drafting FOLDER --out DIR     # case-*.yaml: contact, notes, request, user
    python -m evals.heldout advice FOLDER --out DIR       # case-*.yaml: situation

The cases share one home (the guidance index is built once); each runs through `coach … --json` exactly as a user
would call it, so that what is scored is the product and not a test double. The judge's verdicts are written beside (judged.yaml) by hand or
by a helper who sees only `for_judge.jsonl`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml


def _coach(args: list[str], home: Path, env: dict[str, str] | None = None, timeout: int = 600) -> dict[str, Any]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "coach.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "COACH_HOME": str(home), **(env or {})})
    took = round(time.perf_counter() - started, 1)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}",
                "exit": done.returncode, "seconds": took}
    try:
        out = json.loads(done.stdout)
    except json.JSONDecodeError:
        return {"error": "no JSON on stdout", "exit": 0, "seconds": took}
    if isinstance(out, dict):
        out["seconds"] = took
    return out


def run_drafting(case: dict[str, Any], home: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    person, request, user = case["contact"], case["request"], case.get("user") or {}
    profile = ["profile", "set", "--json"]
    for flag, key in (("--name", "name"), ("--headline", "headline")):
        if user.get(key):
            profile += [flag, user[key]]
    _coach(profile, home, env)
    add = ["contacts", "add", "--json", "--name", person["name"]]
    for flag, key in (("--company", "company"), ("--title", "title"), ("--email", "email"), ("--note", "notes")):
        if (person.get(key) or "").strip():
            add += [flag, person[key].strip()]
    added = _coach(add, home, env)
    if "error" in added:
        return {"error": f"could not add the contact: {added['error']}"}
    draft = ["draft", "--json", "--to", str(added["id"]), "--goal", request["goal"], "--channel", request["channel"]]
    if (request.get("user_words") or "").strip():
        draft += ["--context", request["user_words"].strip()]
    return _coach(draft, home, env)


def run_advice(case: dict[str, Any], home: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    return _coach(["advise", "--json", " ".join(case["situation"].split())], home, env)


RUNNERS = {"drafting": run_drafting, "advice": run_advice}


@contextmanager
def standin(reply: str) -> Iterator[dict[str, str]]:
    """The OpenAI-compatible stand-in on loopback answering every request with `reply`: the environment that
    points the coach at it as a capable model."""
    with tempfile.TemporaryDirectory(prefix="standin-") as tmp:
        replies = Path(tmp) / "replies.json"
        replies.write_text(json.dumps([reply]))
        proc = subprocess.Popen([sys.executable, "-m", "tests.standin", "--port", "0", "--replies", str(replies)],
                                stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent)
        try:
            line = proc.stdout.readline() if proc.stdout else ""
            if not line.startswith("READY "):
                raise RuntimeError(f"the stand-in did not start: {line!r}")
            yield {"COACH_LLM": "openai/standin", "COACH_LLM_BASE_URL": line.split()[1], "OPENAI_API_KEY": "x"}
        finally:
            proc.terminate()
            proc.wait(10)


def reference_text(draft: dict[str, str]) -> str:
    """A reference draft as the stand-in model writes it (a subject line first for an email)."""
    return (f"Subject: {draft['subject']}\n\n" if draft.get("subject") else "") + draft["body"]


def kept_as_written(reference: dict[str, str], out: dict[str, Any]) -> bool:
    """Whether the coach returned the model's draft as the model wrote it (whitespace aside)."""
    def norm(text: str | None) -> str:
        return " ".join((text or "").split())

    return "body" in out and out.get("path") != "needs-edit" and norm(out["body"]) == norm(reference["body"]) and \
        norm(out.get("subject")) == norm(reference.get("subject"))


def judge_view(suite: str, case: dict[str, Any], out: dict[str, Any]) -> dict[str, Any]:
    """What the blind judge sees: the case's input and the coach's output (never its checks or scores)."""
    if suite == "drafting":
        shown = {"subject": out.get("subject"), "body": out.get("body")} if "body" in out else {"error": out["error"]}
        given = {k: case[k] for k in ("contact", "request", "user") if k in case}
    else:
        # what the user sees beside the steps, the note too ("None of my guides is about exactly this …")
        keep = ("situation", "summary", "steps", "script", "note", "citations", "related_contacts")
        shown = {k: out[k] for k in keep if k in out} if "error" not in out else {"error": out["error"]}
        given = {"situation": case["situation"]}
    return {"id": case["id"], "input": given, "output": shown}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.heldout", description=__doc__.splitlines()[0])
    p.add_argument("suite", choices=sorted(RUNNERS))
    p.add_argument("folder", type=Path)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--only", help="comma-separated case ids")
    p.add_argument("--standin", type=Path, metavar="DRAFTS.json",
                   help="drafting: play a capable model with the stand-in, answering each case with its reference "
                        "draft ({id: {subject, body}}), and count the drafts the coach keeps as written")
    args = p.parse_args(argv)
    references = json.loads(args.standin.read_text()) if args.standin else {}
    cases = [yaml.safe_load(f.read_text()) for f in sorted(args.folder.glob("case-*.yaml"))]
    if args.only:
        cases = [c for c in cases if c["id"] in args.only.split(",")]
    args.out.mkdir(parents=True, exist_ok=True)
    results, views = [], []
    # One home for the whole run: the guidance index is built once, not once a case. Each drafting case adds its
    # own contact (drafted to by id) and sets the user's profile before its draft.
    tmp = tempfile.TemporaryDirectory(prefix="heldout-")
    home = Path(tmp.name) / "home"
    for i, case in enumerate(cases, 1):
        if case["id"] in references:
            with standin(reference_text(references[case["id"]])) as env:
                out = RUNNERS[args.suite](case, home, env)
            out["kept_as_written"] = kept_as_written(references[case["id"]], out)
        else:
            out = RUNNERS[args.suite](case, home)
        results.append({"id": case["id"], "output": out})
        views.append(judge_view(args.suite, case, out))
        print(f"[{i}/{len(cases)}] {case['id']}: {'error: ' + out['error'] if 'error' in out else 'ok'} "
              f"({out.get('seconds', '?')} s)", file=sys.stderr, flush=True)
    if references:
        kept = sum(1 for r in results if r["output"].get("kept_as_written"))
        flagged = sum(1 for r in results if r["output"].get("path") == "needs-edit")
        print(f"shown in the model's words marked to fix: {flagged} of {len(results)}", file=sys.stderr)
        print(f"kept as written: {kept} of {len(results)}", file=sys.stderr)
    tmp.cleanup()
    (args.out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    (args.out / "for_judge.jsonl").write_text("".join(json.dumps(v, ensure_ascii=False) + "\n" for v in views))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
