"""A capable-model stand-in: an OpenAI-compatible chat-completions server on loopback.

Tests start it on 127.0.0.1 (a free port), point the product's real `openai/<model>`
path at it (langchain-openai `ChatOpenAI` -> the `openai` client -> HTTP), and script
what the "model" answers::

    with StandinServer(lambda request: "Hi Ana, ...") as server:
        chat = ChatOpenAI(model="standin", base_url=server.url, api_key="x")
        chat.invoke("hello")
        server.requests[-1]["messages"]        # what the product sent

A responder gets the parsed request body and returns a `str` (an assistant answer) or a
`Reply` (tool calls, an HTTP error, a delay, a truncated answer). `Script([...])` answers
from a queue. Both plain and streamed (SSE) answers are served, tool calls included, with
usage counts; `max_tokens` truncates long answers the way a real model does
(`finish_reason="length"`). Requests are served in parallel (one thread each).

Process mode, for tests that run the `coach` CLI in a subprocess::

    python -m coach.standin --port 0 --replies FILE.json   # or --echo
    -> prints "READY http://127.0.0.1:PORT/v1" once listening; stops on SIGTERM.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import re
import signal
import socket
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOST = "127.0.0.1"  # never anything else: the stand-in is for this machine only
DEFAULT_MODEL = "standin-capable"

Responder = Callable[[dict], "Reply | str"]

_TOKEN = re.compile(r"\w+|[^\w\s]")
_ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 404: "not_found_error",
                429: "rate_limit_exceeded", 503: "service_unavailable"}


@dataclass
class Reply:
    """One scripted answer: text and/or tool calls, or an HTTP error; optionally late or cut short.

    `tool_calls` items are `{"name": ..., "arguments": {...} or a raw JSON string}` (an `id` is
    generated unless given). `status` other than 200 answers with an OpenAI-style error body
    carrying `error`. `headers` are added to the response (e.g. `{"x-should-retry": "false"}`
    stops the openai client retrying an error).
    """

    text: str = ""
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200
    error: str = ""
    delay: float = 0.0
    finish_reason: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def coerce(cls, value: Reply | str | dict) -> Reply:
        if isinstance(value, Reply):
            return value
        if isinstance(value, str):
            return cls(text=value)
        if isinstance(value, dict):
            unknown = set(value) - set(cls.__dataclass_fields__)
            if unknown:
                raise ValueError(f"Unknown reply field(s) {sorted(unknown)}: use {sorted(cls.__dataclass_fields__)}.")
            return cls(**value)
        raise TypeError(f"A responder must return a str or a Reply, not {type(value).__name__}.")


class ScriptExhausted(AssertionError):
    """The code made more model calls than the script has replies."""


class Script:
    """A responder answering from a queue, in order; items are str, Reply, dict or `fn(request)`.

    `cycle=True` starts over at the end (process mode). `assert_complete()` fails when replies
    were left unused or a call came after the last one.
    """

    def __init__(self, replies: Iterable[Reply | str | dict | Responder], *, cycle: bool = False):
        self._replies = deque(replies)
        self.cycle = cycle
        self.calls = 0
        self.overrun = 0
        self._lock = threading.Lock()

    @property
    def remaining(self) -> int:
        return 0 if self.cycle else len(self._replies)

    def __call__(self, request: dict) -> Reply | str:
        with self._lock:
            if not self._replies:
                self.overrun += 1
                raise ScriptExhausted(f"the stand-in script ran out of replies after {self.calls} calls: "
                                      "the code made more model calls than scripted")
            item = self._replies.popleft()
            if self.cycle:
                self._replies.append(item)
            self.calls += 1
        return item(request) if callable(item) else item

    def assert_complete(self) -> None:
        assert not self.overrun, f"{self.overrun} model call(s) came after the script's last reply"
        assert not self.remaining, f"{self.remaining} scripted replies were never used"


def echo(request: dict) -> str:
    """Answer with the text of the last user message."""
    for message in reversed(request.get("messages") or []):
        if message.get("role") == "user":
            return content_text(message.get("content"))
    return ""


# ----------------------------------------------------------------- counting
def content_text(content: Any) -> str:
    """The text of a message's content: a string, or a list of parts (`{"type": "text", ...}`)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(part.get("text", "") for part in content if isinstance(part, dict))
    return ""


def count_tokens(text: str) -> int:
    """A rough token count: words and punctuation marks (real tokenizers give a similar order)."""
    return len(_TOKEN.findall(text or ""))


def _truncate(text: str, limit: int) -> str:
    """The text up to its `limit`-th token, as a model stopped by max_tokens would leave it."""
    ends = [m.end() for m in itertools.islice(_TOKEN.finditer(text), limit)]
    return text[:ends[-1]] if ends else ""


def _prompt_tokens(request: dict) -> int:
    total = 0
    for message in request.get("messages") or []:
        total += 4 + count_tokens(content_text(message.get("content")))
        for call in message.get("tool_calls") or []:
            total += count_tokens(json.dumps(call.get("function", {})))
    if request.get("tools"):
        total += count_tokens(json.dumps(request["tools"]))
    return total


# ------------------------------------------------------------------- server
class StandinServer:
    """An OpenAI-compatible chat-completions server on 127.0.0.1, run in a background thread."""

    def __init__(self, responder: Responder | None = None, model: str = DEFAULT_MODEL, port: int = 0,
                 requests_log: str | None = None):
        self.responder: Responder = responder or echo
        self.model = model
        self.requests: list[dict] = []
        self.errors: list[BaseException] = []
        self._port = port
        self._requests_log = requests_log
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()

    @classmethod
    def scripted(cls, replies: Iterable[Reply | str | dict | Responder], **kwargs: Any) -> StandinServer:
        return cls(Script(replies), **kwargs)

    # lifecycle -------------------------------------------------------------
    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("The stand-in server is not running: use `with StandinServer(...)` or start().")
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/v1"

    def start(self) -> StandinServer:
        self._stopping.clear()
        httpd = ThreadingHTTPServer((HOST, self._port), _Handler)
        httpd.daemon_threads = True
        httpd.standin = self  # type: ignore[attr-defined]
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, name=f"standin-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._stopping.set()  # wakes handlers sleeping on a delay
        self._close_connections()  # idle keep-alive connections would hold their threads
        self._httpd.shutdown()
        self._close_connections()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = self._thread = None

    def _close_connections(self) -> None:
        with self._lock:
            for conn in list(self._connections):
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> StandinServer:
        return self.start()

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        self.stop()
        if exc_type is None:
            self.check()

    # scripting -------------------------------------------------------------
    def set_responder(self, responder: Responder) -> None:
        self.responder = responder

    def check(self) -> None:
        """Raise the first error a responder raised (the client only saw an HTTP 500)."""
        if self.errors:
            raise self.errors[0]

    def assert_complete(self) -> None:
        """For a scripted server: every reply used, no call past the end."""
        if not isinstance(self.responder, Script):
            raise TypeError("assert_complete() needs a Script responder (StandinServer.scripted([...])).")
        self.responder.assert_complete()

    # serving ---------------------------------------------------------------
    def _record(self, body: dict) -> None:
        with self._lock:
            self.requests.append(body)
            if self._requests_log:
                with open(self._requests_log, "a", encoding="utf-8") as log:
                    log.write(json.dumps(body) + "\n")

    def _answer(self, request: dict) -> list[Reply]:
        """Ask the responder once per choice (`n`); a responder error becomes an HTTP 500."""
        replies = []
        for _ in range(max(1, int(request.get("n") or 1))):
            try:
                reply = Reply.coerce(self.responder(request))
            except Exception as exc:  # the test's responder is at fault: report it, keep serving
                self.errors.append(exc)
                return [Reply(status=500, error=f"stand-in responder failed: {exc!r}")]
            if reply.status != 200:
                return [reply]
            replies.append(reply)
        return replies

    def _completion(self, request: dict, replies: list[Reply]) -> tuple[dict, list[dict]]:
        """The chat.completion body, and per choice the message parts, after max_tokens."""
        limit = request.get("max_completion_tokens") or request.get("max_tokens")
        choices, completion = [], 0
        for index, reply in enumerate(replies):
            text, calls, finish = reply.text, reply.tool_calls, reply.finish_reason
            if limit and count_tokens(text) > limit:
                text, calls, finish = _truncate(text, int(limit)), [], "length"
            tool_calls = [_tool_call(call) for call in calls]
            completion += count_tokens(text) + sum(count_tokens(c["function"]["arguments"]) for c in tool_calls)
            message: dict[str, Any] = {"role": "assistant", "content": text if text or not tool_calls else None,
                                       "refusal": None}
            if tool_calls:
                message["tool_calls"] = tool_calls
            choices.append({"index": index, "message": message, "logprobs": None,
                            "finish_reason": finish or ("tool_calls" if tool_calls else "stop")})
        prompt = _prompt_tokens(request)
        body = {"id": f"chatcmpl-{uuid.uuid4().hex[:24]}", "object": "chat.completion", "created": int(time.time()),
                "model": request.get("model") or self.model, "system_fingerprint": "fp_standin", "choices": choices,
                "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                          "total_tokens": prompt + completion}}
        return body, choices


def _tool_call(call: dict) -> dict:
    if "name" not in call:
        raise ValueError(f"A scripted tool call needs a name: {call!r}")
    arguments = call.get("arguments", {})
    return {"id": call.get("id") or f"call_{uuid.uuid4().hex[:24]}", "type": "function",
            "function": {"name": call["name"],
                         "arguments": arguments if isinstance(arguments, str) else json.dumps(arguments)}}


def _chunks(body: dict, choices: list[dict], include_usage: bool) -> Iterable[dict]:
    """The chat.completion.chunk stream for a completion: role, text pieces, tool-call deltas, finish."""
    base = {k: body[k] for k in ("id", "created", "model", "system_fingerprint")}
    base["object"] = "chat.completion.chunk"

    def chunk(index: int, delta: dict, finish: str | None = None) -> dict:
        out = {**base, "choices": [{"index": index, "delta": delta, "logprobs": None, "finish_reason": finish}]}
        if include_usage:
            out["usage"] = None
        return out

    for choice in choices:
        index, message = choice["index"], choice["message"]
        yield chunk(index, {"role": "assistant", "content": "", "refusal": None})
        for piece in re.findall(r"\s*\S+", message["content"] or ""):
            yield chunk(index, {"content": piece})
        for position, call in enumerate(message.get("tool_calls") or []):
            yield chunk(index, {"tool_calls": [{"index": position, "id": call["id"], "type": "function",
                                                "function": {"name": call["function"]["name"], "arguments": ""}}]})
            arguments = call["function"]["arguments"]
            for start in range(0, len(arguments), 12):
                yield chunk(index, {"tool_calls": [{"index": position,
                                                    "function": {"arguments": arguments[start:start + 12]}}]})
        yield chunk(index, {}, choice["finish_reason"])
    if include_usage:
        yield {**base, "choices": [], "usage": body["usage"]}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like a real server; streams use chunked encoding
    server_version = "standin/1"

    @property
    def standin(self) -> StandinServer:
        return self.server.standin  # type: ignore[attr-defined]

    def setup(self) -> None:
        super().setup()
        with self.standin._lock:
            self.standin._connections.add(self.connection)

    def finish(self) -> None:
        with self.standin._lock:
            self.standin._connections.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass

    # HTTP --------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path.split("?")[0].rstrip("/")
        model = {"id": self.standin.model, "object": "model", "created": 0, "owned_by": "standin"}
        if path == "/v1/models":
            self._json(200, {"object": "list", "data": [model]})
        elif path == f"/v1/models/{self.standin.model}":
            self._json(200, model)
        else:
            self._error(404, f"The stand-in has no GET {path}: it serves /v1/models and POST /v1/chat/completions.")

    def do_POST(self) -> None:  # noqa: N802
        path = self.path.split("?")[0].rstrip("/")
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            request = json.loads(raw or b"null")
        except ValueError:
            self._error(400, "The request body is not valid JSON.")
            return
        if isinstance(request, dict):
            self.standin._record(request)
        if path != "/v1/chat/completions":
            self._error(404, f"The stand-in has no POST {path}: it speaks chat completions only "
                             "(for ChatOpenAI keep use_responses_api off).")
            return
        if not isinstance(request, dict) or not isinstance(request.get("messages"), list) or not request["messages"]:
            self._error(400, "'messages' must be a non-empty list.", param="messages")
            return
        replies = self.standin._answer(request)
        delay = max(r.delay for r in replies)
        if delay and self.standin._stopping.wait(delay):
            return  # shutting down
        first = replies[0]
        if first.status != 200:
            self._error(first.status, first.error or f"The stand-in was told to fail with HTTP {first.status}.",
                        headers=first.headers)
            return
        try:
            body, choices = self.standin._completion(request, replies)
        except ValueError as exc:
            self.standin.errors.append(exc)
            self._error(500, f"stand-in reply is malformed: {exc}")
            return
        if request.get("stream"):
            include_usage = bool((request.get("stream_options") or {}).get("include_usage"))
            self._stream(_chunks(body, choices, include_usage), first.headers)
        else:
            self._json(200, body, first.headers)

    # writing -------------------------------------------------------------------
    def _json(self, status: int, body: dict, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("x-request-id", f"req_{uuid.uuid4().hex[:16]}")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the client gave up (a timeout test): nothing to answer
            self.close_connection = True

    def _error(self, status: int, message: str, param: str | None = None,
               headers: dict[str, str] | None = None) -> None:
        kind = _ERROR_TYPES.get(status, "server_error" if status >= 500 else "invalid_request_error")
        self._json(status, {"error": {"message": message, "type": kind, "param": param, "code": kind}}, headers)

    def _stream(self, chunks: Iterable[dict], headers: dict[str, str]) -> None:
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Transfer-Encoding", "chunked")
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            for event in [*(json.dumps(c) for c in chunks), "[DONE]"]:
                data = f"data: {event}\n\n".encode()
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True


# -------------------------------------------------------------- process mode
class _Stop(Exception):
    pass


def _load_replies(path: str) -> list[Reply]:
    with open(path, encoding="utf-8") as handle:
        items = json.load(handle)
    if not isinstance(items, list) or not items:
        raise SystemExit(f"{path} must hold a non-empty JSON list of replies (strings or reply objects).")
    return [Reply.coerce(item) for item in items]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coach.standin",
                                     description="An OpenAI-compatible stand-in model server on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (0: a free one)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="the model id /v1/models lists")
    answers = parser.add_mutually_exclusive_group(required=True)
    answers.add_argument("--replies", metavar="FILE.json",
                         help="JSON list of replies, used in order and cycled: strings, or objects with "
                              "text, tool_calls, status, error, delay, finish_reason, headers")
    answers.add_argument("--echo", action="store_true", help="answer with the last user message")
    parser.add_argument("--requests-log", metavar="FILE.jsonl", help="append every request body to this file")
    args = parser.parse_args(argv)

    responder: Responder = Script(_load_replies(args.replies), cycle=True) if args.replies else echo

    def stop(signum: int, frame: Any) -> None:
        raise _Stop

    server = StandinServer(responder, model=args.model, port=args.port, requests_log=args.requests_log)
    server.start()
    signal.signal(signal.SIGTERM, stop)
    print(f"READY {server.url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except (_Stop, KeyboardInterrupt):
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
