"""Draft overhead: count what the pipeline asks the model for, then replay it on raw llama.cpp.

`CountingModel` wraps the chat model the coach is given and records every call
(messages, sampling arguments, tokens generated, seconds inside the model).
`RawLlama` replays those calls on a plain `llama_cpp.Llama` loaded from the
same GGUF with the same n_ctx and threads: the same chat-templated prompt,
and exactly as many sampled tokens as the pipeline got back. The ratio of the
two is the pipeline's overhead (graph, store, retrieval, checker, adapter).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


@dataclass
class Call:
    messages: list[Any]
    kwargs: dict[str, Any]
    prompt_tokens: int
    output_tokens: int
    seconds: float


@dataclass
class CountingModel:
    """A thin proxy over a LangChain chat model that records every `invoke`/`stream`."""

    inner: Any
    calls: list[Call] = field(default_factory=list)

    @property
    def model_name(self) -> str:
        return getattr(self.inner, "model_name", "unknown")

    def invoke(self, messages: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        out = self.inner.invoke(messages, **kwargs)
        usage = getattr(out, "usage_metadata", None) or {}
        output = usage.get("output_tokens") or max(1, len(str(out.content).split()))
        self.calls.append(Call(list(messages), dict(kwargs), int(usage.get("input_tokens") or 0), int(output),
                               time.perf_counter() - start))
        return out

    def stream(self, messages: Any, **kwargs: Any) -> Any:
        start, pieces = time.perf_counter(), 0
        for chunk in self.inner.stream(messages, **kwargs):
            pieces += 1
            yield chunk
        self.calls.append(Call(list(messages), dict(kwargs), 0, pieces, time.perf_counter() - start))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def take(self) -> list[Call]:
        calls, self.calls = self.calls, []
        return calls


class RawLlama:
    """Plain llama.cpp: tokenize the chat-templated prompt, sample exactly N tokens."""

    def __init__(self, path: str, n_ctx: int, n_threads: int, defaults: dict[str, Any]):
        from llama_cpp import Llama
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        self.llm = Llama(model_path=path, n_ctx=n_ctx, n_threads=n_threads, verbose=False)
        token = self.llm._model.token_get_text
        self.formatter = Jinja2ChatFormatter(
            template=self.llm.metadata["tokenizer.chat_template"],
            eos_token=token(self.llm.token_eos()), bos_token=token(self.llm.token_bos()),
        )
        self.defaults = defaults

    def tokens(self, messages: list[Any]) -> list[int]:
        chat = [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]
        result = self.formatter(messages=chat)
        return self.llm.tokenize(result.prompt.encode("utf-8"), add_bos=not result.added_special, special=True)

    def replay(self, calls: list[Call]) -> tuple[float, int]:
        """Seconds to generate the same tokens for the same prompts, and the prompt tokens seen."""
        total, prompt_tokens = 0.0, 0
        for call in calls:
            tokens = self.tokens(call.messages)
            prompt_tokens += len(tokens)
            params = {**self.defaults, **call.kwargs}
            if params.get("seed") is not None:
                self.llm.set_seed(int(params["seed"]))
            start = time.perf_counter()
            for n, _token in enumerate(self.llm.generate(
                    tokens, temp=params["temperature"], top_p=params["top_p"],
                    repeat_penalty=params["repeat_penalty"]), start=1):
                if n >= call.output_tokens:
                    break
            total += time.perf_counter() - start
        return total, prompt_tokens

    def decode_only(self, n_tokens: int) -> float:
        """Seconds to sample `n_tokens` after a one-token prompt: pure decoding, no prompt to evaluate."""
        self.llm.reset()
        start = time.perf_counter()
        for n, _token in enumerate(self.llm.generate([self.llm.token_bos()], temp=self.defaults["temperature"],
                                                     top_p=self.defaults["top_p"]), start=1):
            if n >= n_tokens:
                break
        return time.perf_counter() - start


class FakeRaw:
    """For `--tiny`: the scripted model called directly, without the pipeline around it."""

    def __init__(self, model: Any):
        self.model = model

    def replay(self, calls: list[Call]) -> tuple[float, int]:
        start = time.perf_counter()
        for call in calls:
            self.model.invoke(call.messages, **call.kwargs)
        return time.perf_counter() - start, 0
