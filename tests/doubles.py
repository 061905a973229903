"""Deterministic stand-ins for tests and the app's headless tests.

`ScriptedChatModel` answers from a queue (or a function) and records every
message list it was sent, so tests can assert on the prompt as well as the
answer. `HashingEmbeddings` gives stable bag-of-words vectors: texts that share
words are close, which is enough to test ranking without a neural model.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.embeddings import Embeddings
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field


class ScriptedChatModel(BaseChatModel):
    """A chat model that replies from `responses` in order, or via `responder(messages)`.

    A reply is text, or an `AIMessage` (with `tool_calls` to play a model calling tools; see `tool_call`)."""

    responses: list[str | AIMessage] = Field(default_factory=list)
    responder: Callable[[list[BaseMessage]], str | AIMessage] | None = None
    calls: list[list[BaseMessage]] = Field(default_factory=list)
    call_kwargs: list[dict[str, Any]] = Field(default_factory=list)
    model_name: str = "fake/scripted"
    capable: bool | None = Field(default=None, description="Play a capable model (whole drafts, revisions) or not; "
                                                           "None follows the settings.")
    tool_calling: bool | None = Field(default=None, description="Play a model that calls tools (chat runs as an "
                                                                "agent) or not; None follows the settings.")
    bound_tools: list[dict[str, Any]] = Field(default_factory=list, description="The tools last bound, as the "
                                                                                "OpenAI schema.")

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def bind_tools(self, tools: list[Any], **kwargs: Any) -> Any:
        from langchain_core.utils.function_calling import convert_to_openai_tool

        self.bound_tools = [convert_to_openai_tool(t) for t in tools]
        return self.bind(tools=self.bound_tools, **kwargs)

    def _next(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> str | AIMessage:
        self.calls.append(list(messages))
        self.call_kwargs.append({k: v for k, v in kwargs.items() if k != "run_manager"})
        if self.responses:
            return self.responses.pop(0)
        if self.responder is not None:
            return self.responder(messages)
        raise AssertionError("ScriptedChatModel ran out of responses: the code made more model calls than scripted.")

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        reply = self._next(messages, kwargs)
        message = reply if isinstance(reply, AIMessage) else AIMessage(content=reply)
        message.response_metadata = {**message.response_metadata, "model": self.model_name}
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        reply = self._next(messages, kwargs)
        text = reply if isinstance(reply, str) else str(reply.content)
        for piece in re.findall(r"\S+\s*", text):
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
            if run_manager:
                run_manager.on_llm_new_token(piece, chunk=chunk)
            yield chunk

    def prompt_text(self, call: int = -1) -> str:
        """Everything sent in one call, joined, for assertions."""
        return "\n".join(str(m.content) for m in self.calls[call])

    def assert_complete(self) -> None:
        assert not self.responses, f"{len(self.responses)} scripted responses were never used"


def tool_call(tool: str, /, **args: Any) -> AIMessage:
    """A scripted reply that calls one tool (`tool` with `args`), as a tool-calling model would."""
    return AIMessage(content="", tool_calls=[{"name": tool, "args": args, "id": f"call_{tool}_{len(args)}",
                                              "type": "tool_call"}])


_WORD = re.compile(r"[a-z0-9]+")


class HashingEmbeddings(Embeddings):
    """Normalised hashed bag-of-words vectors (deterministic, no model)."""

    def __init__(self, dimension: int = 256):
        self.dimension = dimension

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dimension
        for word in _WORD.findall(text.lower()):
            h = int(hashlib.md5(word.encode()).hexdigest(), 16)
            vec[h % self.dimension] += 1.0 if (h >> 64) % 2 else -1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)
