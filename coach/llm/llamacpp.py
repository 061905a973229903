"""A small LangChain chat-model adapter over llama-cpp-python, run in-process.

Why our own adapter rather than `langchain_community.ChatLlamaCpp` or the
`openai` client against `llama_cpp.server`: langchain-community is being sunset,
and a server process costs a second copy of the model and a port for what is a
single function call. The adapter is about eighty lines, streams tokens, and
serialises calls because a `llama_cpp.Llama` is not thread-safe (Streamlit
runs sessions on threads).

`LlamaCppChat.candidates` writes several replies to one prompt together: the
prompt is read once into sequence 0 of a multi-sequence context, its KV cells
are shared with the other sequences (`llama_memory_seq_cp`, unified cache), and
each step decodes the next token of every unfinished sequence in one batch. The
model is small and memory-bound, so a step for four sequences costs little more
than a step for one. Each reply keeps its own sampler chain (the chain and seed
`create_chat_completion` builds for the same arguments), so replies stay
deterministic and independent of one another.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr

from coach.llm.cpu import CpuPath
from coach.llm.turns import as_dicts

# Weight formats the model can be converted to on first use. llama.cpp's CPU backend multiplies several rows
# at once (a prompt chunk, or one token of each of four candidates) with fast kernels only for some formats;
# the shipped Q4_1 is not among them on x86, so a four-candidate step cost about three single steps.
WEIGHTS = ("Q4_0", "Q8_0", "shipped")
ALIGN = 32  # prompt chunk (tokens) of the multi-sequence context; see _Together.read


_defaults_lock = threading.Lock()


def _defaults_for(original: Callable[[], Any], path: CpuPath) -> Callable[[], Any]:
    def defaults() -> Any:
        params = original()
        params.use_extra_bufts = path.extra_buffers
        return params

    return defaults


@contextmanager
def model_defaults(path: CpuPath) -> Iterator[None]:
    """llama.cpp's model parameters as `path` allows while a model is loaded in this block: `Llama()` takes
    them from `llama_model_default_params()` and has no argument for the extra buffer types."""
    import llama_cpp.llama_cpp as native

    with _defaults_lock:
        original = native.llama_model_default_params
        native.llama_model_default_params = _defaults_for(original, path)
        try:
            yield
        finally:
            native.llama_model_default_params = original


def serve() -> None:
    """`python -m llama_cpp.server` (same arguments) with this CPU's path applied to every model it loads."""
    import runpy

    import llama_cpp.llama_cpp as native

    from coach.config.settings import load_settings
    from coach.llm.cpu import cpu_path

    model = sys.argv[sys.argv.index("--model") + 1] if "--model" in sys.argv[:-1] else None
    path = cpu_path(model, load_settings().llm_extra_buffers)
    native.llama_model_default_params = _defaults_for(native.llama_model_default_params, path)
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)


def converted(source: Path, weights: str, cache_dir: Path) -> Path:
    """`source` (a GGUF) in the `weights` format, converted once into `cache_dir` (about a second, with
    llama.cpp's own quantizer) and reused while the source's name, size and time stay the same; "shipped"
    is the source itself. Written under a temporary name and renamed, so no process loads half a file."""
    if weights == "shipped":
        return source
    import llama_cpp

    ftype = {"Q4_0": llama_cpp.LLAMA_FTYPE_MOSTLY_Q4_0, "Q8_0": llama_cpp.LLAMA_FTYPE_MOSTLY_Q8_0}[weights]
    stat = source.stat()
    target = cache_dir / f"{source.stem}.{stat.st_size}-{stat.st_mtime_ns}.{weights}.gguf"
    if target.is_file():
        return target
    from llama_cpp._utils import suppress_stdout_stderr

    from coach.core.files import replacing

    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype, params.allow_requantize, params.nthread = ftype, True, max(1, os.cpu_count() or 1)
    with replacing(target) as tmp:
        with suppress_stdout_stderr(disable=False):  # llama.cpp reports every tensor on the terminal
            failed = llama_cpp.llama_model_quantize(str(source).encode(), str(tmp).encode(), params)
        if failed:
            raise OSError(f"llama.cpp could not convert {source.name} to {weights} (code {failed})")
    return target


class CpuShare:
    """The cores other processes left free since the last look: the machine's busy time (psutil's system-wide CPU
    times) minus this process's own CPU time, per second of wall time. Where that cannot be read, all are free."""

    def __init__(self, cores: int):
        self.cores = max(1, cores)
        self.free = self.cores
        self._last = self._sample()

    @staticmethod
    def _sample() -> tuple[float, float, float] | None:
        import psutil

        try:
            times = psutil.cpu_times()
        except (OSError, RuntimeError):
            return None
        idle = times.idle + getattr(times, "iowait", 0.0)
        busy = sum(times) - idle - getattr(times, "guest", 0.0) - getattr(times, "guest_nice", 0.0)
        own = os.times()
        return time.monotonic(), busy, own.user + own.system

    def threads(self) -> int:
        """How many threads to use now: every core, less those other processes kept busy (at least one)."""
        now = self._sample()
        if now is None or self._last is None:
            return self.cores
        elapsed = now[0] - self._last[0]
        if elapsed >= 0.2:  # shorter windows are noise: keep the last answer
            others = max(0.0, (now[1] - self._last[1]) - (now[2] - self._last[2])) / elapsed
            self.free = max(1, min(self.cores, round(self.cores - others)))
            self._last = now
        return self.free


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
                self._together = _Together(self._llama)
                self._together.context(len(chosen))
                self._threads = 0  # the new context starts with the load-time count: set it below
            self._fit_threads()
            return self._together.run(_to_llama(messages), chosen, on_token)


@dataclass
class _Reply:
    sampler: Any
    limit: int
    tokens: list[int] = field(default_factory=list)
    text: str = ""
    stopped: bool = False


class _Together:
    """A second llama.cpp context over the same weights, with room for several sequences.

    Sequence 0 keeps the last prompt, so the next call decodes only what follows the shared prefix
    (the system prompt and the instructions); the other sequences are dropped at the start of each call.
    """

    def __init__(self, llama: Any):
        from llama_cpp import llama_chat_format

        self.llama = llama
        self.ctx: Any = None
        self.batch: Any = None
        self.seqs = 0
        self.cached: list[int] = []
        text = llama._model.token_get_text
        template = llama.metadata.get("tokenizer.chat_template")
        if not template:
            raise ValueError("The GGUF has no chat template; use invoke() for this model.")
        self.formatter = llama_chat_format.Jinja2ChatFormatter(
            template=template, eos_token=text(llama.token_eos()), bos_token=text(llama.token_bos()))

    def prompt(self, messages: list[dict[str, str]]) -> tuple[list[int], list[str]]:
        """The tokens and stop strings `create_chat_completion` would use for these messages."""
        result = self.formatter(messages=messages)
        tokens = self.llama.tokenize(result.prompt.encode("utf-8"), add_bos=not result.added_special,
                                     special=True)
        stop = result.stop if isinstance(result.stop, list) else [result.stop] if result.stop else []
        return tokens, stop

    def context(self, n: int) -> Any:
        """The multi-sequence context, (re)made when more sequences are asked for than it holds."""
        from llama_cpp import _internals

        if self.ctx is None or n > self.seqs:
            base = self.llama.context_params  # the same settings as the Llama's own context (attention
            params = type(base).from_buffer_copy(base)  # kernels included: they change the logits)
            params.n_seq_max = max(n, 4)
            params.kv_unified = True  # the sequences share the prompt's cells instead of copying them
            if self.ctx is not None:
                self.ctx.close()
            self.ctx = _internals.LlamaContext(model=self.llama._model, params=params, verbose=False)
            self.batch = _internals.LlamaBatch(n_tokens=max(base.n_batch, params.n_seq_max), embd=0,
                                               n_seq_max=1, verbose=False)
            self.seqs, self.cached = params.n_seq_max, []
        return self.ctx

    def sampler(self, p: dict[str, Any]) -> Any:
        """The chain `Llama.create_chat_completion` builds for these arguments (its defaults included)."""
        from llama_cpp import _internals

        s = _internals.LlamaSampler()
        s.add_penalties(self.llama.n_vocab(), self.llama.last_n_tokens_size, p["repeat_penalty"], 0.0, 0.0)
        if p["temperature"] <= 0:
            s.add_greedy()
            return s
        s.add_top_k(40)
        s.add_typical(1.0, 1)
        s.add_top_p(p["top_p"], 1)
        s.add_min_p(0.05, 1)
        s.add_temp(p["temperature"])
        seed = p.get("seed")
        s.add_dist(0xFFFFFFFF if seed is None else int(seed) & 0xFFFFFFFF)  # 0xFFFFFFFF: a random seed
        return s

    def read(self, prompt: list[int]) -> int:
        """Bring sequence 0 to `prompt`, decoding only what differs from the last prompt; returns the
        batch index whose logits follow the prompt."""
        import llama_cpp

        mem = self.ctx.memory
        keep = 0
        for a, b in zip(self.cached, prompt, strict=False):
            if a != b:
                break
            keep += 1
        # Decode from a chunk boundary, in chunks of ALIGN: a token's cache entry then always comes from the same
        # batch of the same tokens, whatever the previous prompt was, so the same request samples the same way.
        keep = min(keep, len(prompt) - 1) // ALIGN * ALIGN  # the last prompt token always: its logits are needed
        for seq in range(1, self.seqs):
            llama_cpp.llama_memory_seq_rm(mem, seq, -1, -1)
        if not llama_cpp.llama_memory_seq_rm(mem, 0, keep, -1):
            llama_cpp.llama_memory_clear(mem, True)
            keep = 0
        self.cached = []  # until the prompt is read whole (a failed decode leaves nothing to trust)
        step, last = ALIGN, 0
        for start in range(keep, len(prompt), step):
            chunk = prompt[start:start + step]
            self.batch.reset()
            self.batch.set_batch(chunk, n_past=start, logits_all=False)
            self.ctx.decode(self.batch)
            last = len(chunk) - 1
        self.cached = list(prompt)
        return last

    def run(self, messages: list[dict[str, str]], params: list[dict[str, Any]],
            on_token: Callable[[str], None] | None) -> list[str]:
        import llama_cpp

        prompt, template_stops = self.prompt(messages)
        n, n_ctx = len(params), self.llama.context_params.n_ctx
        limits = [p["max_tokens"] if p["max_tokens"] and p["max_tokens"] > 0 else n_ctx for p in params]
        if len(prompt) + sum(min(limit, n_ctx) for limit in limits) > n_ctx:
            limits = [min(limit, (n_ctx - len(prompt)) // n) for limit in limits]
            if min(limits) < 1:
                raise ValueError(f"The prompt ({len(prompt)} tokens) leaves no room in the model's context "
                                 f"({n_ctx} tokens) for {n} replies; shorten it.")
        ctx = self.context(n)
        row = self.read(prompt)
        for seq in range(1, n):
            llama_cpp.llama_memory_seq_cp(ctx.memory, 0, seq, -1, -1)
        replies = [_Reply(self.sampler(p), limit) for p, limit in zip(params, limits, strict=True)]
        stops = [[*template_stops, *(p.get("stop") or [])] for p in params]
        vocab, shown = self.llama._model.vocab, 0
        live = {seq: row for seq in range(n)}  # unfinished sequence -> the batch index of its logits
        try:
            while live:
                step: list[tuple[int, int]] = []
                for seq, row in live.items():
                    reply = replies[seq]
                    token = reply.sampler.sample(ctx, row)
                    if llama_cpp.llama_vocab_is_eog(vocab, token):
                        continue
                    reply.tokens.append(token)
                    text = self.llama.detokenize(reply.tokens).decode("utf-8", errors="ignore")
                    cut = min((text.find(s) for s in stops[seq] if s and s in text), default=-1)
                    reply.text, reply.stopped = (text[:cut], True) if cut >= 0 else (text, False)
                    if seq == 0 and on_token and len(reply.text) > shown:
                        on_token(reply.text[shown:])
                        shown = len(reply.text)
                    if not reply.stopped and len(reply.tokens) < reply.limit:
                        step.append((seq, token))
                if not step:
                    break
                batch = self.batch.batch
                for i, (seq, token) in enumerate(step):
                    batch.token[i], batch.pos[i] = token, len(prompt) + len(replies[seq].tokens) - 1
                    batch.n_seq_id[i], batch.seq_id[i][0], batch.logits[i] = 1, seq, True
                batch.n_tokens = len(step)
                ctx.decode(self.batch)
                live = {seq: i for i, (seq, _token) in enumerate(step)}
        finally:
            for reply in replies:
                reply.sampler.close()
        return [reply.text for reply in replies]
