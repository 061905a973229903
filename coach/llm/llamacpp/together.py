"""Several replies to one prompt, decoded together in one multi-sequence llama.cpp context.

The prompt is read once into sequence 0, its KV cells are shared with the other sequences
(`llama_memory_seq_cp`, unified cache), and each step decodes the next token of every unfinished sequence
in one batch. Each reply keeps its own sampler chain (the chain and seed `create_chat_completion` builds
for the same arguments), so replies stay deterministic and independent of one another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ALIGN = 32  # prompt chunk (tokens) of the multi-sequence context; see Together.read


@dataclass
class _Reply:
    sampler: Any
    limit: int
    tokens: list[int] = field(default_factory=list)
    text: str = ""
    stopped: bool = False


class Together:
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
