"""A small LangChain chat-model adapter over llama-cpp-python, run in-process.

Why our own adapter rather than `langchain_community.ChatLlamaCpp` or the
`openai` client against `llama_cpp.server`: langchain-community is being sunset,
and a server process costs a second copy of the model and a port for what is a
single function call. The adapter is about eighty lines, streams tokens, and
serialises calls because a `llama_cpp.Llama` is not thread-safe (Streamlit
runs sessions on threads).

`LlamaCppChat.candidates` writes several replies to one prompt together
(together.py): the model is small and memory-bound, so a step for four sequences
costs little more than a step for one.
"""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr

from coach.llm.llamacpp.loading import CpuShare, model_defaults
from coach.llm.llamacpp.together import Together
from coach.llm.turns import as_dicts


def _to_llama(messages: Sequence[Any]) -> list[dict[str, str]]:
    return as_dicts(messages)


class LlamaCppChat(BaseChatModel):
    """Chat with a GGUF model through llama-cpp-python's chat template."""

    model_path: str
    model_name: str = "llamacpp/smollm2"
    temperature: float = 0.7
    top_p: float = 0.9
    repeat_penalty: float = 1.15
    max_tokens: int = 160
    seed: int | None = None

    _llama: Any = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _together: Any = PrivateAttr(default=None)
    _share: CpuShare | None = PrivateAttr(default=None)
    _threads: int = PrivateAttr(default=0)

    @classmethod
    def load(cls, path: str, *, n_ctx: int, n_threads: int, extra_buffers: str = "auto", lora_path: str = "",
             **fields: Any) -> LlamaCppChat:
        """`n_threads` 0: before each generation, as many threads as other processes leave cores free
        (CpuShare); a thread that waits for a core at each of llama.cpp's barriers slows every step."""
        from llama_cpp import Llama

        from coach.llm.cpu import cpu_path

        chat = cls(model_path=path, **fields)
        if n_threads <= 0:
            chat._share = CpuShare(os.cpu_count() or 1)
            n_threads = chat._share.cores
        chat._threads = n_threads
        with model_defaults(cpu_path(path, extra_buffers)):
            chat._llama = Llama(model_path=path, n_ctx=n_ctx, n_threads=n_threads, n_threads_batch=n_threads,
                                lora_path=lora_path or None, verbose=False)
        # Free the model while the interpreter is still whole; left to __del__ at exit, llama.cpp's
        # cleanup runs after its own module globals are gone and prints a traceback.
        atexit.register(chat._llama.close)
        return chat

    @property
    def _llm_type(self) -> str:
        return "llamacpp"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "temperature": self.temperature}

    def _fit_threads(self) -> None:
        """Match the thread count to the cores free now (call under the lock); a fixed count stays."""
        if self._share is None:
            return
        threads = self._share.threads()
        if threads != self._threads:
            import llama_cpp

            contexts = [self._llama._ctx.ctx] + ([self._together.ctx.ctx] if self._together and self._together.ctx else [])
            for ctx in contexts:
                llama_cpp.llama_set_n_threads(ctx, threads, threads)
            self._threads = threads

    def _params(self, stop: list[str] | None, kwargs: dict[str, Any]) -> dict[str, Any]:
        params = {
            "temperature": kwargs.get("temperature", self.temperature),
            "top_p": kwargs.get("top_p", self.top_p),
            "repeat_penalty": kwargs.get("repeat_penalty", self.repeat_penalty),
            "max_tokens": kwargs.get("max_tokens", self.max_tokens),
            "stop": stop or kwargs.get("stop"),
        }
        seed = kwargs.get("seed", self.seed)
        if seed is not None:
            params["seed"] = seed
        return params

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        with self._lock:
            self._fit_threads()
            out = self._llama.create_chat_completion(_to_llama(messages), **self._params(stop, kwargs))
        choice = out["choices"][0]
        usage = out.get("usage") or {}
        message = AIMessage(
            content=choice["message"].get("content") or "",
            response_metadata={"finish_reason": choice.get("finish_reason"), "model": self.model_name},
            usage_metadata={
                "input_tokens": usage.get("prompt_tokens", 0),
                "output_tokens": usage.get("completion_tokens", 0),
                "total_tokens": usage.get("total_tokens", 0),
            },
        )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        with self._lock:
            self._fit_threads()
            stream = self._llama.create_chat_completion(
                _to_llama(messages), stream=True, **self._params(stop, kwargs)
            )
            for part in stream:
                delta = part["choices"][0].get("delta", {}).get("content")
                if not delta:
                    continue
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                if run_manager:
                    run_manager.on_llm_new_token(delta, chunk=chunk)
                yield chunk

    # ------------------------------------------------------------ several replies, one prompt read
    def candidates(self, messages: list[BaseMessage], params: Sequence[Mapping[str, Any]],
                   on_token: Callable[[str], None] | None = None) -> list[str]:
        """One reply per entry of `params` (each like `invoke`'s keyword arguments: temperature, seed,
        max_tokens, stop), decoded together; `on_token` receives the first reply's text as it grows."""
        if not params:
            return []
        chosen = [self._params(None, dict(p)) for p in params]
        with self._lock:
            if self._together is None:
                self._together = Together(self._llama)
                self._together.context(len(chosen))
                self._threads = 0  # the new context starts with the load-time count: set it below
            self._fit_threads()
            return self._together.run(_to_llama(messages), chosen, on_token)
