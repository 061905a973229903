"""Process mode: `python -m tests.standin --port 0 (--replies FILE.json | --echo | --responder MOD:FN)` for CLI
subprocess tests."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import signal
import sys
import time
from typing import Any

from tests.standin.script import Reply, Responder, Script, echo
from tests.standin.server import DEFAULT_MODEL, StandinServer


class _Stop(Exception):
    """Raised by the SIGTERM handler to leave the serving loop and stop the server cleanly."""


def _load_replies(path: str) -> list[Reply]:
    with open(path, encoding="utf-8") as handle:
        items = json.load(handle)
    if not isinstance(items, list) or not items:
        raise SystemExit(f"{path} must hold a non-empty JSON list of replies (strings or reply objects).")
    return [Reply.coerce(item) for item in items]


def _load_responder(spec: str) -> Responder:
    module, _, name = spec.partition(":")
    if not module or not name:
        raise SystemExit(f"--responder takes MODULE:FUNCTION, not {spec!r}.")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise SystemExit(f"Cannot load the responder {spec!r}: {exc}.") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.standin",
                                     description="An OpenAI-compatible stand-in model server on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (0: a free one)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="the model id /v1/models lists")
    answers = parser.add_mutually_exclusive_group(required=True)
    answers.add_argument("--replies", metavar="FILE.json",
                         help="JSON list of replies, used in order and cycled: strings, or objects with "
                              "text, tool_calls, status, error, delay, finish_reason, headers")
    answers.add_argument("--echo", action="store_true", help="answer with the last user message")
    answers.add_argument("--responder", metavar="MODULE:FUNCTION",
                         help="answer with FUNCTION(request) -> str or reply object, e.g. a test's scripted agent")
    parser.add_argument("--requests-log", metavar="FILE.jsonl", help="append every request body to this file")
    args = parser.parse_args(argv)

    responder: Responder = Script(_load_replies(args.replies), cycle=True) if args.replies else \
        _load_responder(args.responder) if args.responder else echo

    def stop(signum: int, frame: Any) -> None:
        raise _Stop

    server = StandinServer(responder, model=args.model, port=args.port, requests_log=args.requests_log)
    server.start()
    signal.signal(signal.SIGTERM, stop)
    print(f"READY {server.url}", flush=True)
    try:
        with contextlib.suppress(_Stop, KeyboardInterrupt):  # SIGTERM or ^C: the normal way out
            while True:
                time.sleep(3600)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
