"""Shared fixtures: a temporary COACH_HOME per test, fakes, and a network guard."""

from __future__ import annotations

import contextlib
import ipaddress
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REPO = Path(__file__).resolve().parent.parent
_ENV_VARS = (
    "COACH_HOME", "COACH_LLM", "COACH_LLM_BASE_URL", "OPENAI_API_KEY", "COACH_EMBEDDINGS",
    "COACH_EMBEDDINGS_BACKEND",
    "COACH_CHROMA_URL", "COACH_DATABASE_URL", "COACH_LINKEDIN_PREMIUM", "COACH_CANDIDATES", "COACH_LLM_EXTRA_BUFFERS", "COACH_PLAN_SIZE",
)


@pytest.fixture(autouse=True)
def coach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty data directory and default settings."""
    for var in _ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    home = tmp_path / "coach-home"
    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.chdir(tmp_path)  # no stray .env from the repository
    from coach.cli import common

    common.settings.cache_clear()
    yield home
    common.settings.cache_clear()


def _is_local(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = address[0]
    else:
        return True  # unix sockets and the like
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_remote_providers(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that opens a connection off this machine, unless it is marked `remote`."""
    if request.node.get_closest_marker("remote"):
        return
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        if not _is_local(address):
            raise AssertionError(f"test tried to reach a remote host {address!r}; mark it `remote` if intended")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


# ------------------------------------------------------------------ native code runs in a child process
# llama.cpp is native code: on a CPU path the OS does not grant it dies of a signal (SIGILL), and in-process that
# would end the whole test run. A test marked `native` runs in a fresh interpreter of its own (`python -m pytest
# NODEID`, fixtures included); a signal there fails that one test, naming the signal. A fork would be cheaper but
# deadlocks: the Rust runtime behind Chroma (tokio) does not survive fork() once this process has used it.
# Loading the embedded model in-process from a test that is not marked fails at once, so none is left unguarded.
NATIVE_CHILD = "COACH_TEST_NATIVE_CHILD"
NATIVE_TIMEOUT_S = 900


def _native_outcome(item: pytest.Item, done: subprocess.CompletedProcess | None, seconds: float):
    import signal

    from _pytest.reports import TestReport

    out = "" if done is None else (done.stdout + done.stderr)
    if done is None:
        outcome, longrepr = "failed", f"the test's own process ran past {NATIVE_TIMEOUT_S} s and was stopped"
    elif done.returncode < 0:
        name = signal.Signals(-done.returncode).name
        outcome = "failed"
        longrepr = f"the test's process died of {name} in native code (see coach.llm.cpu for the CPU path in force)\n" \
                   f"{out[-3000:]}"
    elif done.returncode == 0 and " skipped" in out.splitlines()[-1 if out.splitlines() else 0] \
            and " passed" not in out.splitlines()[-1]:
        reason = next((line.split("SKIPPED", 1)[1].strip() for line in out.splitlines() if "SKIPPED" in line), "")
        outcome, longrepr = "skipped", (str(item.path), item.location[1] or 0, reason or "skipped")
    elif done.returncode == 0:
        outcome, longrepr = "passed", None
    else:
        outcome, longrepr = "failed", out[-6000:]
    return TestReport(item.nodeid, item.location, {k: 1 for k in item.keywords}, outcome, longrepr, "call",
                      duration=seconds)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
    if item.get_closest_marker("native") is None or os.environ.get(NATIVE_CHILD):
        return None
    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", item.nodeid],
                              capture_output=True, text=True, timeout=NATIVE_TIMEOUT_S, cwd=item.config.rootpath,
                              env={**os.environ, NATIVE_CHILD: "1"})
    except subprocess.TimeoutExpired:
        done = None
    report = _native_outcome(item, done, time.monotonic() - started)
    item.ihook.pytest_runtest_logreport(report=report)
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


@pytest.fixture(autouse=True)
def native_code_is_marked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("native"):
        return
    from coach.llm.llamacpp.chat import LlamaCppChat

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("this test runs the embedded model in-process: mark it `native` (it then runs in a "
                             "child process, so that a crash in native code fails one test, not the run)")

    monkeypatch.setattr(LlamaCppChat, "load", classmethod(refuse))


@pytest.fixture
def settings(coach_home: Path):
    from coach.config.settings import load_settings

    return load_settings()


@pytest.fixture
def store(settings):
    """A Store on the per-test SQLite file, closed afterwards."""
    from coach.crm.store import Store

    settings.ensure_home()
    s = Store(settings.sqlalchemy_url)
    yield s
    s.close()


@pytest.fixture
def scripted_model():
    from tests.doubles import ScriptedChatModel

    return ScriptedChatModel()


@pytest.fixture(scope="module")
def corpus_coach(tmp_path_factory):
    """A coach over the shipped corpus on the real MiniLM embeddings, one per test module (the chat model is a
    double: advice needs none)."""
    from coach.config.settings import load_settings
    from coach.crm.store import Store
    from coach.retrieval.search import Retriever
    from coach.service import Coach
    from tests.doubles import ScriptedChatModel

    settings = load_settings(home=str(tmp_path_factory.mktemp("corpus-home")))
    return Coach(settings, store=Store.open(settings), retriever=Retriever(settings), model=ScriptedChatModel())


@pytest.fixture
def fake_embeddings():
    from tests.doubles import HashingEmbeddings

    return HashingEmbeddings()


# ---------------------------------------------------------------- servers
def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early with code {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listened on 127.0.0.1:{port} within {timeout}s")


@contextlib.contextmanager
def background_server(args: list[str], port: int, timeout: float = 90.0, env: dict | None = None) -> Iterator[subprocess.Popen]:
    """Start a server on loopback, wait until it listens, and always stop it."""
    import tempfile

    log = tempfile.NamedTemporaryFile(prefix="server-", suffix=".log", delete=False)  # noqa: SIM115 (a pipe would fill and block)
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    try:
        try:
            wait_for_port(port, proc, timeout)
        except (RuntimeError, TimeoutError) as exc:
            tail = Path(log.name).read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{exc}; server log:\n{tail}") from None
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def llama_server() -> Iterator[str]:
    """A real llama_cpp.server with the embedded GGUF on a free loopback port (through coach.llm.llamacpp.loading.serve,
    which keeps llama.cpp off CPU paths this machine does not grant)."""
    from coach.llm.providers import smollm2_path

    port = free_port()
    args = [sys.executable, "-c", "from coach.llm.llamacpp.loading import serve; serve()", "--model", str(smollm2_path()),
            "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096", "--model_alias", "smollm2"]
    with background_server(args, port):
        yield f"http://127.0.0.1:{port}/v1"


def use_standin(monkeypatch: pytest.MonkeyPatch, home: Path, url: str, model: str = "standin-capable") -> None:
    """Point this test's settings at an OpenAI-compatible stand-in on loopback (COACH_LLM=openai/<model>)."""
    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.setenv("COACH_LLM", f"openai/{model}")
    monkeypatch.setenv("COACH_LLM_BASE_URL", url)
    monkeypatch.setenv("OPENAI_API_KEY", "not-needed")


def run_cli(*args: str, input: str | None = None, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run a `coach` command in this process, as the console script would (its exit status, stdout and stderr),
    in a fraction of a fresh interpreter's start-up. `env` applies for the call only. Tests whose point is a
    real process (its own environment, signals, a crash) use `run_cli_process`."""
    import contextlib
    import io

    from coach.cli import _run, common

    saved = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update({k: str(v) for k, v in (env or {}).items()})
    common.settings.cache_clear()
    widths = (common.console._width, common.err_console._width)  # a process reads COLUMNS once, at start
    if (env or {}).get("COLUMNS"):
        common.console.width = common.err_console.width = int(env["COLUMNS"])
    out, err = io.StringIO(), io.StringIO()
    stdin, sys.stdin = sys.stdin, io.StringIO(input or "")
    code = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                _run(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                if isinstance(exc.code, str):
                    err.write(exc.code)
    finally:
        sys.stdin = stdin
        common.console._width, common.err_console._width = widths
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        common.settings.cache_clear()
    return subprocess.CompletedProcess(["coach", *args], code, out.getvalue(), err.getvalue())


def run_cli_process(*args: str, input: str | None = None, env: dict | None = None,
                    timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the real `coach` console script in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "coach.cli", *args], capture_output=True, text=True, input=input,
        env={**os.environ, **(env or {})}, timeout=timeout,
    )
