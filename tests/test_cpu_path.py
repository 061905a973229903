"""The embedded model never meets an instruction the OS does not grant: the CPU path decision and a real
generation in a child process, so that a native crash is a failed test that names its signal."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pytest

from coach.config.settings import load_settings
from coach.llm import cpu
from coach.llm.providers import embedded_weights

CPUINFO_AMX = textwrap.dedent("""\
    processor	: 0
    vendor_id	: GenuineIntel
    model name	: Intel(R) Xeon(R) Platinum 8480+
    flags		: fpu vme sse sse2 avx avx2 avx512f amx_bf16 avx512_fp16 amx_tile amx_int8
    processor	: 1
    """)
CPUINFO_PLAIN = "processor\t: 0\nflags\t\t: fpu sse sse2 avx avx2 fma\n"


def test_flags_are_read_from_the_first_processor():
    assert {"amx_tile", "amx_int8", "avx2"} <= cpu.cpu_flags(CPUINFO_AMX)
    assert "amx_tile" not in cpu.cpu_flags(CPUINFO_PLAIN)
    assert cpu.cpu_flags("") == set()


def test_a_cpu_without_amx_keeps_the_fast_repacked_kernels():
    path = cpu.decide(cpu.cpu_flags(CPUINFO_PLAIN), permitted=None, probe=None)
    assert path.extra_buffers and path.amx == "absent"


def test_amx_that_the_kernel_refuses_turns_the_extra_buffers_off_without_a_probe():
    path = cpu.decide(cpu.cpu_flags(CPUINFO_AMX), permitted=False, probe=None)
    assert not path.extra_buffers and path.amx == "refused"
    assert "arch_prctl" in path.describe()


def test_amx_whose_probe_died_of_sigill_turns_them_off_and_says_so():
    path = cpu.decide(cpu.cpu_flags(CPUINFO_AMX), permitted=True, probe=-signal.SIGILL)
    assert not path.extra_buffers and path.amx == "crashed"
    assert "SIGILL" in path.reason


def test_amx_whose_probe_ran_keeps_them_on():
    path = cpu.decide(cpu.cpu_flags(CPUINFO_AMX), permitted=True, probe=0)
    assert path.extra_buffers and path.amx == "usable"


def test_a_probe_that_failed_otherwise_is_taken_as_unsafe():
    path = cpu.decide(cpu.cpu_flags(CPUINFO_AMX), permitted=None, probe=1)
    assert not path.extra_buffers


def test_the_decision_is_cached_per_machine_and_the_probe_runs_once(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(cpu, "read_cpu_flags", lambda: cpu.cpu_flags(CPUINFO_AMX))
    monkeypatch.setattr(cpu, "amx_permitted", lambda: True)
    monkeypatch.setattr(cpu, "_cache_file", lambda key: tmp_path / f"cpu-{key}.json")
    monkeypatch.setattr(cpu, "probe_generation", lambda path: calls.append(path) or -signal.SIGILL)
    cpu.cpu_path.cache_clear()
    try:
        first = cpu.cpu_path("model.gguf")
        cpu.cpu_path.cache_clear()
        second = cpu.cpu_path("model.gguf")
    finally:
        cpu.cpu_path.cache_clear()
    assert first == second and not first.extra_buffers
    assert calls == ["model.gguf"]


def test_the_setting_overrides_the_decision(monkeypatch):
    from coach.config.settings import load_settings

    monkeypatch.setenv("COACH_LLM_EXTRA_BUFFERS", "off")
    setting = load_settings().llm_extra_buffers
    monkeypatch.setattr(cpu, "probe_generation", lambda path: pytest.fail("a setting needs no probe"))
    assert setting == "off" and cpu.cpu_path("model.gguf", setting).extra_buffers is False
    assert "COACH_LLM_EXTRA_BUFFERS=off" in cpu.cpu_path("model.gguf", setting).describe()


def test_the_llama_params_follow_the_path():
    import llama_cpp

    from coach.llm.llamacpp.loading import model_defaults

    with model_defaults(cpu.CpuPath(False, "refused", "test")):
        assert llama_cpp.llama_cpp.llama_model_default_params().use_extra_bufts is False
    assert llama_cpp.llama_cpp.llama_model_default_params().use_extra_bufts is True


@pytest.mark.slow
def test_one_embedded_generation_in_a_child_process_finishes_on_this_cpu():
    """A real generation through the coach's loader in a child: a crash names its signal instead of killing
    the test run."""
    code = textwrap.dedent("""\
        from coach.llm.providers import make_chat_model
        from coach.config.settings import load_settings
        reply = make_chat_model("llamacpp/smollm2", load_settings()).invoke("Say hello.", max_tokens=4)
        print("OK", bool(str(reply.content).strip()))
        """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    if done.returncode < 0:
        pytest.fail(f"the embedded model's generation died of {signal.Signals(-done.returncode).name}: "
                    f"{cpu.cpu_path(str(embedded_weights(load_settings().llm_weights))).describe()}\n{done.stderr[-2000:]}")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "OK True" in done.stdout


def test_a_native_crash_fails_one_test_naming_its_signal_and_the_run_goes_on(tmp_path):
    """The conftest's `native` marker: such a test runs in an interpreter of its own."""
    from tests.conftest import REPO

    (tmp_path / "conftest.py").write_text(
        "from tests.conftest import pytest_runtest_protocol  # noqa: F401\n"
        "def pytest_configure(config):\n"
        "    config.addinivalue_line('markers', 'native: in a process of its own')\n")
    (tmp_path / "test_crash.py").write_text(textwrap.dedent("""\
        import os, signal, pytest

        @pytest.mark.native
        def test_dies():
            os.kill(os.getpid(), signal.SIGILL)

        @pytest.mark.native
        def test_fails_in_the_child():
            assert 1 + 1 == 3

        @pytest.mark.native
        def test_passes_in_the_child(tmp_path):
            assert tmp_path.is_dir() and os.environ.get("COACH_TEST_NATIVE_CHILD") == "1"

        @pytest.mark.native
        def test_skips_in_the_child():
            pytest.skip("nothing to do here")

        def test_after():
            assert True
        """))
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                           str(tmp_path)], capture_output=True, text=True, timeout=300, cwd=tmp_path,
                          env={**__import__("os").environ, "PYTHONPATH": str(REPO)})
    out = done.stdout
    assert "2 failed, 2 passed, 1 skipped" in out, out
    assert "died of SIGILL" in out and "assert (1 + 1) == 3" in out, out
