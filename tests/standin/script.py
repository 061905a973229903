"""What a test scripts the stand-in to answer: replies, queues of them, and the token counts they carry."""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

Responder = Callable[[dict], "Reply | str"]

_TOKEN = re.compile(r"\w+|[^\w\s]")


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


def truncate(text: str, limit: int) -> str:
    """The text up to its `limit`-th token, as a model stopped by max_tokens would leave it."""
    ends = [m.end() for m in itertools.islice(_TOKEN.finditer(text), limit)]
    return text[:ends[-1]] if ends else ""


def prompt_tokens(request: dict) -> int:
    total = 0
    for message in request.get("messages") or []:
        total += 4 + count_tokens(content_text(message.get("content")))
        for call in message.get("tool_calls") or []:
            total += count_tokens(json.dumps(call.get("function", {})))
    if request.get("tools"):
        total += count_tokens(json.dumps(request["tools"]))
    return total


