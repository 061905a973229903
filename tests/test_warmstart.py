"""Warm start: later shell commands run in children of a server that imported the coach once."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from coach import warmstart
from coach.domain import Contact
from coach.standin import Reply
from coach.standin.server import StandinServer


def test_the_server_name_follows_code_settings_and_python_but_not_the_shell(tmp_path):
    base = {"COACH_LLM": "openai/a", "PATH": "/bin", "TERM": "xterm"}
    key = warmstart.server_key(base, stamp="s1")
    assert warmstart.server_key({**base, "TERM": "screen", "OLDPWD": "/x"}, stamp="s1") == key
    assert warmstart.server_key({**base, "COACH_LLM": "openai/b"}, stamp="s1") != key
    assert warmstart.server_key({**base, "OPENAI_API_KEY": "sk-2"}, stamp="s1") != key
    assert warmstart.server_key(base, stamp="s2") != key

    (tmp_path / "pkg").mkdir()
    module = tmp_path / "pkg" / "m.py"
    module.write_text("x = 1\n")
    first = warmstart.code_stamp((tmp_path,))
    assert warmstart.code_stamp((tmp_path,)) == first
    os.utime(module, ns=(1, 1))
    touched = warmstart.code_stamp((tmp_path,))
    assert touched != first
    (tmp_path / "pkg" / "__pycache__").mkdir()
    (tmp_path / "pkg" / "__pycache__" / "m.pyc").write_bytes(b"compiled")
    assert warmstart.code_stamp((tmp_path,)) == touched  # compiling is not a change
    (tmp_path / "new.yaml").write_text("a: 1\n")
    assert warmstart.code_stamp((tmp_path,)) != touched


def test_the_stamp_covers_the_prompts_the_coach_reads():
    from coach.prompts import PROMPTS_DIR

    assert warmstart.PROMPTS.resolve() == Path(PROMPTS_DIR).resolve()


def test_the_socket_folder_must_be_private(monkeypatch):
    base = Path(tempfile.mkdtemp(prefix="coach-run-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(base))
    folder = base / f"networking-coach-{os.getuid()}"
    assert warmstart.runtime_dir() == folder and (folder.stat().st_mode & 0o777) == 0o700
    folder.chmod(0o777)
    assert warmstart.runtime_dir() is None
    folder.chmod(0o700)
    assert warmstart.runtime_dir() == folder
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(base / ("x" * 80)))
    assert warmstart.runtime_dir() is None  # no socket path would fit
    shutil.rmtree(base)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="warm start is Linux only")
def test_the_server_imports_no_terminal_state_and_starts_no_python_thread():
    """The CLI's consoles look at the terminal when they are made: that must happen in each command's child."""
    probe = ("import sys; from coach.warmstart.server import preload; preload(); "
             "print(sorted(m for m in sys.modules if m.startswith(('coach.cli', 'coach.ui', 'streamlit'))))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr  # preload() raises if an import started a Python thread
    assert done.stdout.strip() == "[]"


def test_settings_from_the_environment_or_dotenv(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COACH_WARM_START", raising=False)
    monkeypatch.delenv("COACH_WARM_START_IDLE", raising=False)
    assert warmstart.enabled() == sys.platform.startswith("linux")
    (tmp_path / ".env").write_text("COACH_WARM_START=off\nCOACH_WARM_START_IDLE=abc\n")
    assert not warmstart.enabled()
    assert warmstart.idle_seconds() is None
    monkeypatch.setenv("COACH_WARM_START", "on")
    monkeypatch.setenv("COACH_WARM_START_IDLE", "30")
    assert warmstart.enabled() == sys.platform.startswith("linux")
    assert warmstart.idle_seconds() == 30
    assert warmstart.Launch(["draft"]).path is not None or not sys.platform.startswith("linux")
    assert warmstart.Launch(["contacts", "list"]).path is None  # only the commands it knows are sent on
    monkeypatch.setenv("COACH_WARM_START", "off")
    assert warmstart.Launch(["draft"]).path is None


def _coach(args: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coach", *args], capture_output=True, text=True, env=env,
                          timeout=300, **kwargs)


def _served(log: Path) -> list[str]:
    return [line for line in log.read_text().splitlines() if ": coach " in line] if log.exists() else []


def _on_terminal(args: list[str], env: dict[str, str]) -> str:
    """What `coach args` writes to a terminal (a pseudo-terminal 100 columns wide)."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 100, 0, 0))
    env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    process = subprocess.Popen([sys.executable, "-m", "coach", *args], stdin=follower, stdout=follower,
                               stderr=follower, env={**env, "TERM": "xterm-256color"}, close_fds=True)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: every writer has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=120) == 0
    return b"".join(chunks).decode("utf-8", "replace")


def _plain(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", text).replace("\r", "")


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


@pytest.mark.integration
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="warm start is Linux only")
def test_commands_run_warm_after_the_first_and_behave_as_fresh_processes(tmp_path, store):
    contact = store.add_contact(Contact(first_name="Priya", last_name="Raman", company="Stripe",
                                        how_we_met="at PyCon US 2024 after her talk on payments APIs"))
    store.add_note(contact.id, "She offered to show me how the Connect team runs design reviews.")
    runtime = Path(tempfile.mkdtemp(prefix="coach-run-"))  # short: a socket's path holds 108 bytes

    def reply(request: dict) -> Reply:
        last = request["messages"][-1]["content"]
        if "SLOW" in json.dumps(request):
            return Reply(text="Hi Priya, thanks again.", delay=10)
        return Reply(text=f"Hi Priya, it was great meeting you at PyCon US 2024. {len(last) % 7} Up for a call?")

    with StandinServer(responder=reply) as model:
        env = {**os.environ, "COACH_WARM_START": "on", "COACH_WARM_START_IDLE": "25",
               "XDG_RUNTIME_DIR": str(runtime), "COACH_LLM": "openai/standin", "OPENAI_API_KEY": "sk-standin",
               "COACH_LLM_BASE_URL": model.url}
        draft = ["draft", "--to", str(contact.id), "--goal", "reconnect", "--channel", "email", "--json"]

        first = _coach(draft, env)  # runs here, then starts the server
        assert first.returncode == 0, first.stderr
        folder = runtime / f"networking-coach-{os.getuid()}"
        sockets = lambda: list(folder.glob("*.sock"))  # noqa: E731
        _wait(lambda: sockets(), 240, "the warm-start server")
        log = sockets()[0].with_suffix(".log")

        warm = _coach(draft, env)
        assert warm.returncode == 0, warm.stderr
        assert len(_served(log)) == 1
        assert json.loads(warm.stdout)["body"] == json.loads(first.stdout)["body"]

        # an error: the same words on stderr and the same exit status as a command run here
        cold_error = _coach(["draft", "--to", "999", "--goal", "reconnect"], {**env, "COACH_WARM_START": "off"})
        warm_error = _coach(["draft", "--to", "999", "--goal", "reconnect"], env)
        assert len(_served(log)) == 2
        assert (warm_error.returncode, warm_error.stderr) == (cold_error.returncode, cold_error.stderr)
        assert warm_error.returncode != 0 and "999" in warm_error.stderr

        # stdin is the command's own, and so is the working directory
        checked = _coach(["check", "-", "--to", str(contact.id), "--json"], env,
                         input="Hi Priya, would you be up for a call next week?", cwd=tmp_path)
        assert checked.returncode == 0, checked.stderr
        assert len(_served(log)) == 3
        assert json.loads(checked.stdout)["checks"]

        # on a terminal, the child draws for a terminal (colour, width), as a command run here does
        (tmp_path / "message.txt").write_text("Hi Priya, would you be up for a call next week?\n")
        message = ["check", str(tmp_path / "message.txt"), "--to", str(contact.id)]
        here, there = _on_terminal(message, {**env, "COACH_WARM_START": "off"}), _on_terminal(message, env)
        assert len(_served(log)) == 4
        assert "\x1b[" in here and "\x1b[" in there
        assert _plain(there) == _plain(here)

        # what another command changed since the server started is seen
        newcomer = store.add_contact(Contact(first_name="Tom", last_name="Becker", company="Stripe"))
        fresh = _coach(["draft", "--to", str(newcomer.id), "--goal", "reconnect", "--channel", "email",
                        "--json"], env)
        assert fresh.returncode == 0, fresh.stderr
        assert len(_served(log)) == 5
        assert json.loads(fresh.stdout)["contact_id"] == newcomer.id

        # signals reach the command running in the child, and it ends as a process of its own would
        def slow(**kwargs) -> tuple[subprocess.Popen, int]:
            process = subprocess.Popen([sys.executable, "-m", "coach", *draft[:-1], "--context", "SLOW"], env=env,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
            served = len(_served(log))
            _wait(lambda: len(_served(log)) == served + 1, 60, "the slow command to start")
            child = int(_served(log)[-1].split("pid ")[1].split(":")[0])
            asked = len(model.requests)
            _wait(lambda: len(model.requests) > asked, 60, "the slow request")
            return process, child

        # Ctrl-C: it stops as interrupted (requests already sent finish first, as in a process of its own)
        process, child = slow()
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
        assert process.returncode == 130, err  # not forwarded, it would have been 0
        _wait(lambda: not Path(f"/proc/{child}").exists(), 30, "the child to end")

        # SIGTERM: the command dies of it, and so does its own process
        process, child = slow()
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
        assert process.returncode == -signal.SIGTERM
        _wait(lambda: not Path(f"/proc/{child}").exists(), 30, "the child to end")

        # the command's own process killed outright: the command does not go on writing to the terminal
        process, child = slow()
        process.kill()
        process.communicate(timeout=30)
        _wait(lambda: not Path(f"/proc/{child}").exists(), 30, "the orphaned child to end")

        # `nohup`: a hang-up the command's process ignores is ignored by the command too
        process, child = slow(preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
        process.send_signal(signal.SIGHUP)
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "Hi Priya" in out

        # left idle, the server leaves and removes its socket
        _wait(lambda: not sockets(), 120, "the idle server to leave")
        assert not warmstart.stop(log.with_suffix(".sock"))  # nothing left to stop

        # a command run here starts one again; stop() asks it to leave and waits until it has
        assert _coach(draft, env).returncode == 0
        _wait(lambda: sockets(), 240, "the second server")
        assert warmstart.stop(sockets()[0])
        assert not sockets()
        shutil.rmtree(runtime)
