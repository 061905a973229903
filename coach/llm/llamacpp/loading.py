"""Loading the embedded model on this machine: converted weights, the CPU path, the thread count, `serve`."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from coach.llm.cpu import CpuPath

# Weight formats the model can be converted to on first use. llama.cpp's CPU backend multiplies several rows
# at once (a prompt chunk, or one token of each of four candidates) with fast kernels only for some formats;
# the shipped Q4_1 is not among them on x86, so a four-candidate step cost about three single steps.
WEIGHTS = ("Q4_0", "Q8_0", "shipped")


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
