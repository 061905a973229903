"""Draft overhead: count what the pipeline asks the model for, then replay it on raw llama.cpp.

`CountingModel` wraps the chat model the coach is given and records every call
(messages, sampling arguments, tokens generated, seconds inside the model).
`RawLlama` replays those calls on a plain `llama_cpp.Llama` loaded from the
same GGUF with the same n_ctx and threads: the same chat-templated prompt,
and exactly as many sampled tokens as the pipeline got back, one call after
another (`replay`), and the limit (`floor`): the prompt read once and every
candidate's tokens decoded together, one batch per step, in a plain
multi-sequence context written here from llama.cpp's own API (not the
coach's adapter, which it judges).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from coach.llm.turns import as_dicts


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

    def _candidates(self, messages: Any, params: list[dict[str, Any]], on_token: Any = None) -> list[str]:
        """Several candidates at once (the embedded model's batch): one Call per candidate, the time shared."""
        start = time.perf_counter()
        out = self.inner.candidates(messages, params, on_token=on_token)
        share = (time.perf_counter() - start) / max(1, len(out))
        count = getattr(getattr(self.inner, "_llama", None), "tokenize", None)
        prompt = len(getattr(getattr(self.inner, "_together", None), "cached", None) or [])  # read once
        for n, (kwargs, text) in enumerate(zip(params, out, strict=True)):
            tokens = len(count(text.encode("utf-8"), add_bos=False)) if count else len(text.split())
            self.calls.append(Call(list(messages), dict(kwargs), 0 if n else prompt, max(1, tokens), share))
        return out

    def __getattr__(self, name: str) -> Any:
        if name == "candidates":  # offered only when the model has it, as the drafter asks
            if callable(getattr(self.inner, "candidates", None)):
                return self._candidates
            raise AttributeError(name)
        return getattr(self.inner, name)

    def take(self) -> list[Call]:
        calls, self.calls = self.calls, []
        return calls


class RawLlama:
    """Plain llama.cpp: tokenize the chat-templated prompt, sample exactly N tokens."""

    def __init__(self, path: str, n_ctx: int, n_threads: int, defaults: dict[str, Any]):
        from llama_cpp import Llama
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        from coach.llm.cpu import cpu_path
        from coach.llm.llamacpp.loading import model_defaults

        with model_defaults(cpu_path(path)):  # the same CPU path as the coach's own loader
            self.llm = Llama(model_path=path, n_ctx=n_ctx, n_threads=n_threads, verbose=False)
        token = self.llm._model.token_get_text
        self.formatter = Jinja2ChatFormatter(
            template=self.llm.metadata["tokenizer.chat_template"],
            eos_token=token(self.llm.token_eos()), bos_token=token(self.llm.token_bos()),
        )
        self.defaults = defaults

    def tokens(self, messages: list[Any]) -> list[int]:
        chat = as_dicts(messages)
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

    def floor(self, calls: list[Call]) -> float:
        """Seconds for the limit of one draft: the prompt read once (after the same prefix as the last draft's,
        as the coach's cache has it), then every candidate's tokens decoded together, one batch per step,
        each sequence for exactly as many tokens as its candidate had (which token is fed does not change the cost,
        so a fixed one is; sampling is the caller's part)."""
        import llama_cpp
        from llama_cpp import _internals

        if not calls:
            return 0.0
        n = len(calls)
        if getattr(self, "_ctx", None) is None or self._seqs < n:
            params = type(self.llm.context_params).from_buffer_copy(self.llm.context_params)
            params.n_seq_max, params.kv_unified = max(n, 4), True
            self._ctx = _internals.LlamaContext(model=self.llm._model, params=params, verbose=False)
            self._batch = _internals.LlamaBatch(n_tokens=max(params.n_batch, n), embd=0, n_seq_max=1,
                                                verbose=False)
            self._seqs, self._last = params.n_seq_max, []
        ctx, batch, mem = self._ctx, self._batch, self._ctx.memory
        prompt = self.tokens(calls[0].messages)
        keep = 0
        while keep < min(len(prompt) - 1, len(self._last)) and prompt[keep] == self._last[keep]:
            keep += 1
        start = time.perf_counter()
        for seq in range(self._seqs):
            llama_cpp.llama_memory_seq_rm(mem, seq, keep if seq == 0 else -1, -1)
        step = self.llm.context_params.n_batch
        for at in range(keep, len(prompt), step):
            batch.set_batch(prompt[at:at + step], n_past=at, logits_all=False)
            ctx.decode(batch)
        for seq in range(1, n):
            llama_cpp.llama_memory_seq_cp(mem, 0, seq, -1, -1)
        want = [c.output_tokens for c in calls]
        for k in range(1, max(want)):  # the first token of each comes from the prompt's logits
            live = [seq for seq in range(n) if want[seq] > k]
            for i, seq in enumerate(live):
                b = batch.batch
                b.token[i], b.pos[i], b.n_seq_id[i], b.seq_id[i][0], b.logits[i] = (
                    self.llm.token_bos(), len(prompt) + k - 1, 1, seq, True)
            batch.batch.n_tokens = len(live)
            ctx.decode(batch)
            for i in range(len(live)):  # read each sequence's logits, as picking a token would
                llama_cpp.llama_get_logits_ith(ctx.ctx, i)
        self._last = prompt
        return time.perf_counter() - start

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
