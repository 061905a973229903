"""Which of llama.cpp's CPU paths this process may take, decided before a GGUF is loaded.

llama.cpp registers "extra buffer types" for the CPU: weights repacked for wide SIMD kernels and, on CPUs that
report Intel AMX, tiles run with AMX instructions. A CPU can report AMX (`amx_tile` in /proc/cpuinfo) while
the operating system or the hypervisor does not let a process use it; the first matrix multiply then dies with
an illegal instruction (SIGILL), taking the whole process, a test run included. Loading with
`use_extra_bufts = False` avoids it.

The decision, cheapest first:

1. no `amx_tile` flag: the extra buffers are safe (and the repacked Q4_0 kernels are the fast path);
2. Linux refuses AMX tile data to this process (`arch_prctl(ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA)`): off;
3. otherwise one generation runs in a child process with the extra buffers on; if the child dies by a signal,
   they stay off. The answer is cached per machine (CPU, kernel, llama.cpp build) in the user's cache, so the
   probe costs about a second once per weight file.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import platform
import signal
import subprocess
import sys
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

# Linux x86-64: arch_prctl(2) and the AMX tile-data feature (arch/x86/include/uapi/asm/prctl.h).
SYS_ARCH_PRCTL = 158
ARCH_REQ_XCOMP_PERM = 0x1023
XFEATURE_XTILEDATA = 18
PROBE_TIMEOUT_S = 120


@dataclass(frozen=True)
class CpuPath:
    """How the embedded model runs on this CPU, and why."""

    extra_buffers: bool  # llama.cpp's extra buffer types (AMX tiles, repacked weights)
    amx: str  # "absent", "refused", "crashed" or "usable"
    reason: str

    def describe(self) -> str:
        state = "on" if self.extra_buffers else "off"
        return f"llama.cpp extra CPU buffer types {state}: {self.reason}"


def cpu_flags(cpuinfo: str) -> set[str]:
    """The feature flags of the first processor in a /proc/cpuinfo text."""
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("flags", "Features"):
            return set(value.split())
    return set()


def read_cpu_flags() -> set[str]:
    try:
        return cpu_flags(Path("/proc/cpuinfo").read_text(errors="replace"))
    except OSError:
        return set()


def amx_permitted() -> bool | None:
    """Whether Linux lets this process use AMX tile data (True/False), or None where that cannot be asked."""
    if sys.platform != "linux" or platform.machine() not in ("x86_64", "AMD64"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.syscall(SYS_ARCH_PRCTL, ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA) == 0
    except (OSError, AttributeError):
        return None


def decide(flags: set[str], permitted: bool | None, probe: int | None) -> CpuPath:
    """The path for a CPU with `flags`, the kernel's answer on AMX (`permitted`), and the probe child's exit
    status (`probe`: 0, a negative signal number as subprocess reports it, or None when it was not run)."""
    if "amx_tile" not in flags:
        return CpuPath(True, "absent", "this CPU reports no AMX, so llama.cpp cannot reach an AMX instruction")
    if permitted is False:
        return CpuPath(False, "refused", "this CPU reports AMX but the operating system does not grant it "
                                         "to processes (arch_prctl refused), so AMX kernels would crash")
    if probe is not None and probe < 0:
        name = signal.Signals(-probe).name if -probe in signal.valid_signals() else f"signal {-probe}"
        return CpuPath(False, "crashed", f"this CPU reports AMX but a test generation with them died of "
                                         f"{name}, so they stay off")
    if probe == 0:
        return CpuPath(True, "usable", "this CPU reports AMX and a test generation with them ran")
    return CpuPath(False, "crashed", f"this CPU reports AMX and the test generation failed (exit {probe}), "
                                     "so they stay off")


def _machine_key(flags: set[str], model_path: str) -> str:
    """The machine (CPU flags, kernel, llama.cpp build) and the model's weight file, whose format decides which
    kernels run."""
    try:
        from importlib.metadata import version

        llama = version("llama-cpp-python")
    except Exception:
        llama = "?"
    try:
        size = os.stat(model_path).st_size
    except OSError:
        size = -1
    parts = [platform.machine(), platform.release(), " ".join(sorted(flags)), llama, sys.version,
             Path(model_path).name, str(size)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _cache_file(key: str) -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("networking-coach", appauthor=False)) / f"cpu-path-{key}.json"


def probe_generation(model_path: str) -> int:
    """Run one short generation with the extra buffers on in a child process; its exit status (negative:
    the signal that killed it)."""
    # A prompt of many tokens: llama.cpp takes its AMX kernels for batched rows only (seen here: a one-token
    # prompt ran, eight tokens crashed), so the probe reads a prompt as a draft does.
    code = ("import sys, llama_cpp\n"
            "llm = llama_cpp.Llama(model_path=sys.argv[1], n_ctx=512, n_threads=2, verbose=False)\n"
            "llm.create_completion(' '.join(['networking'] * 64), max_tokens=2, temperature=0.0)\n")
    try:
        done = subprocess.run([sys.executable, "-c", code, model_path], capture_output=True,
                              timeout=PROBE_TIMEOUT_S, env={**os.environ, "PYTHONFAULTHANDLER": ""})
    except subprocess.TimeoutExpired:
        return 124
    return done.returncode


@lru_cache(maxsize=4)
def cpu_path(model_path: str, setting: str = "auto") -> CpuPath:
    """This machine's path for the model at `model_path` (cached in the process and, after a probe, on disk for
    the machine); `setting` is Settings.llm_extra_buffers: "on" or "off" decides without asking."""
    if setting in ("on", "off"):
        return CpuPath(setting == "on", "forced", f"set by COACH_LLM_EXTRA_BUFFERS={setting}")
    flags = read_cpu_flags()
    if "amx_tile" not in flags:
        return decide(flags, None, None)
    permitted = amx_permitted()
    if permitted is False:
        return decide(flags, permitted, None)
    cache = _cache_file(_machine_key(flags, model_path))
    try:
        return CpuPath(**json.loads(cache.read_text()))
    except (OSError, ValueError, TypeError):
        pass
    path = decide(flags, permitted, probe_generation(model_path))
    try:
        from coach.core.files import write_whole

        write_whole(cache, json.dumps(asdict(path)))
    except OSError:
        pass  # decided again by the next process
    return path


def model_params_for(path: CpuPath) -> dict[str, bool]:
    """The llama_model_params fields that follow from `path`."""
    return {"use_extra_bufts": path.extra_buffers}
