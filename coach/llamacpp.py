"""A small LangChain chat-model adapter over llama-cpp-python, run in-process.

Why our own adapter rather than `langchain_community.ChatLlamaCpp` or the
`openai` client against `llama_cpp.server`: langchain-community is being sunset,
and a server process costs a second copy of the model and a port for what is a
single function call. The adapter is about eighty lines, streams tokens, and
serialises calls because a `llama_cpp.Llama` is not thread-safe (Streamlit
runs sessions on threads).
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr

_ROLES = {"system": "system", "human": "user", "ai": "assistant", "tool": "tool"}


def _to_llama(messages: list[BaseMessage]) -> list[dict[str, str]]:
    return [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]


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

    @classmethod
    def load(cls, path: str, *, n_ctx: int, n_threads: int, **fields: Any) -> LlamaCppChat:
        from llama_cpp import Llama

        chat = cls(model_path=path, **fields)
        chat._llama = Llama(model_path=path, n_ctx=n_ctx, n_threads=n_threads, n_threads_batch=n_threads,
                            verbose=False)
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
