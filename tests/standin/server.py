"""The stand-in server: OpenAI chat completions (plain and SSE) on 127.0.0.1, answering from a responder."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
import uuid
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.standin.script import Reply, Responder, Script, count_tokens, echo, prompt_tokens, truncate

HOST = "127.0.0.1"  # never anything else: the stand-in is for this machine only
DEFAULT_MODEL = "standin-capable"
_ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 404: "not_found_error",
                429: "rate_limit_exceeded", 503: "service_unavailable"}


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
                text, calls, finish = truncate(text, int(limit)), [], "length"
            tool_calls = [_tool_call(call) for call in calls]
            completion += count_tokens(text) + sum(count_tokens(c["function"]["arguments"]) for c in tool_calls)
            message: dict[str, Any] = {"role": "assistant", "content": text if text or not tool_calls else None,
                                       "refusal": None}
            if tool_calls:
                message["tool_calls"] = tool_calls
            choices.append({"index": index, "message": message, "logprobs": None,
                            "finish_reason": finish or ("tool_calls" if tool_calls else "stop")})
        prompt = prompt_tokens(request)
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
        """Quiet: tests read what was asked from `StandinServer.requests`, not from stderr."""

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
