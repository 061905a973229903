"""The chat model behind `openai/<model>`: the `openai` SDK for plain completions, LangChain's client for the rest.

Drafting, advice and the situation reader only send messages and read text back. For that the SDK alone is
enough, and it imports in half the time of `langchain_openai` (0.44 s against 0.95 s here), which is most of
what a cold `coach draft` waits for. The tool-calling agent and structured output (fact extraction) need
LangChain's `ChatOpenAI`; it is built on first use, with the same address, key and timeouts, and its server
errors are translated into the same one sentence.

Messages are plain `{"role", "content"}` dicts (what `Prompt.messages` returns) or LangChain messages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from coach.core.errors import CoachError, ModelServerError, model_server_error
from coach.llm.turns import as_dicts

# Connecting fails in seconds (nothing listening, no such host); the read timeout (COACH_LLM_TIMEOUT) bounds the
# wait for the first streamed token, or for a whole answer that is not streamed. One retry.
CONNECT_TIMEOUT_S = 5.0
RETRIES = 1
SAMPLING = ("temperature", "max_tokens", "seed", "stop", "top_p")


@contextmanager
def explained(url: str | None, model: str) -> Iterator[None]:
    """A server error raised inside becomes its one CoachError sentence (naming the URL and the setting);
    anything else, our own errors included, goes on as it is."""
    try:
        yield
    except CoachError:
        raise
    except Exception as exc:
        sentence = model_server_error(exc, url, model)
        if sentence is None:
            raise
        raise sentence from exc


@dataclass(frozen=True)
class Reply:
    """A model's answer, or one streamed piece of it (`content`, as LangChain's messages have it)."""

    content: str


class OpenAIChat:
    """`invoke` and `stream` on the SDK; `bind_tools` and `with_structured_output` on LangChain's
    client (the agent and fact extraction). Every server error is one CoachError naming the URL."""

    capable = True
    tool_calling = True

    def __init__(self, model: str, base_url: str | None, api_key: str, timeout_s: float, temperature: float = 0.7):
        self.model_name, self.base_url, self._key = model, base_url, api_key
        self.timeout_s, self.temperature = timeout_s, temperature

    # ------------------------------------------------------------------ plain completions
    @cached_property
    def _client(self) -> Any:
        import openai

        # the SDK's own Timeout type: the HTTP library under the SDK changes between releases (httpx, then
        # httpx2), and each rejects the other's Timeout
        return openai.OpenAI(base_url=self.base_url, api_key=self._key, max_retries=RETRIES,
                             timeout=openai.Timeout(self.timeout_s, connect=CONNECT_TIMEOUT_S))

    def _params(self, messages: Sequence[Any], kwargs: dict[str, Any]) -> dict[str, Any]:
        unknown = set(kwargs) - set(SAMPLING)
        if unknown:
            raise TypeError(f"OpenAIChat does not take {', '.join(sorted(unknown))}")
        return {"model": self.model_name, "messages": as_dicts(messages),
                "temperature": kwargs.pop("temperature", self.temperature), **kwargs}

    def invoke(self, messages: Sequence[Any], **kwargs: Any) -> Reply:
        """The model's whole answer to `messages` (sampling: temperature, max_tokens, seed, stop, top_p)."""
        with explained(self.base_url, self.model_name):
            response = self._client.chat.completions.create(**self._params(messages, kwargs))
        choices = getattr(response, "choices", None)
        if not isinstance(choices, list) or not choices or getattr(choices[0], "message", None) is None:
            raise self._not_a_completion()
        return Reply(str(choices[0].message.content or ""))

    def stream(self, messages: Sequence[Any], **kwargs: Any) -> Iterator[Reply]:
        """The answer as it is written, piece by piece."""
        with explained(self.base_url, self.model_name):
            for chunk in self._client.chat.completions.create(**self._params(messages, kwargs), stream=True):
                choices = getattr(chunk, "choices", None)
                if not isinstance(choices, list):
                    raise self._not_a_completion()
                if choices and choices[0].delta is not None and choices[0].delta.content:
                    yield Reply(choices[0].delta.content)

    def _not_a_completion(self) -> ModelServerError:
        where = self.base_url or "https://api.openai.com/v1"
        return ModelServerError(f"The model server at {where} did not answer like an OpenAI-compatible server "
                                "(no chat completion in its reply): check that COACH_LLM_BASE_URL is the "
                                "server's /v1 address.")

    # ------------------------------------------------------------------ tools and structured output
    @cached_property
    def langchain(self) -> Any:
        """LangChain's ChatOpenAI on the same server, for the agent's tool calls and structured output."""
        import openai

        return checked_chat_openai()(
            model=self.model_name, base_url=self.base_url, api_key=self._key, temperature=self.temperature,
            max_retries=RETRIES, timeout=openai.Timeout(self.timeout_s, connect=CONNECT_TIMEOUT_S))

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Any:
        return self.langchain.bind_tools(tools, **kwargs)

    def with_structured_output(self, schema: Any, **kwargs: Any) -> Any:
        return self.langchain.with_structured_output(schema, **kwargs)


@lru_cache(maxsize=1)
def checked_chat_openai() -> type:
    """ChatOpenAI whose server errors arrive as one CoachError sentence naming the URL and the setting."""
    from langchain_openai import ChatOpenAI

    class CheckedChatOpenAI(ChatOpenAI):
        def _generate(self, *args, **kwargs):
            with explained(self.openai_api_base, self.model_name):
                return super()._generate(*args, **kwargs)

        async def _agenerate(self, *args, **kwargs):
            with explained(self.openai_api_base, self.model_name):
                return await super()._agenerate(*args, **kwargs)

        def _stream(self, *args, **kwargs):
            with explained(self.openai_api_base, self.model_name):
                yield from super()._stream(*args, **kwargs)

        async def _astream(self, *args, **kwargs):
            with explained(self.openai_api_base, self.model_name):
                async for chunk in super()._astream(*args, **kwargs):
                    yield chunk

    return CheckedChatOpenAI
