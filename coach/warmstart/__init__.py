"""Warm start: a shell command runs in a process forked from one that has already imported the coach.

A `coach draft` against an instant model spent most of its 4-5 s importing LangChain's OpenAI client,
the OpenAI SDK, LangGraph, SQLAlchemy and Alembic, before a single token was asked for. So the first
`coach draft|check|search|advise|ask` in a shell, after running as usual, starts a small server in the
background that imports all of that once and waits on a Unix socket. Each later command sends it its
arguments, environment, working directory and its own stdin, stdout and stderr (SCM_RIGHTS); the server
forks a child that runs the command as a fresh process would, writing straight to the user's terminal or
pipe, and the command's own process waits for the child's exit status, passing Ctrl-C on to it.

Only imported code is shared: each command opens the store, the index and the models itself, in its own
process, so what one command changed the next one sees. The server is named by a hash of the Python, the
coach's code and prompts, the installed packages and the settings in the environment, so a command never
reaches a server started with other code or settings; a server leaves after `COACH_WARM_START_IDLE`
seconds without a command (600 by default), when its code changes, or when its socket is removed.
`COACH_WARM_START=off` turns it off. Linux only: it relies on fork() after import and SO_PEERCRED.

This module is imported on every command, so it imports only the standard library at the top.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import socket
import stat
import struct
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

COMMANDS = frozenset({"draft", "check", "search", "advise", "ask"})
DEFAULT_IDLE_S = 600
# The environment a server was started with is the one every command it serves shares: settings, and what
# libraries read when they are imported. Other variables (the shell's, the terminal's) are passed to each
# command but do not name a server.
_KEY_PREFIXES = ("COACH_", "OPENAI_", "LANGCHAIN_", "LANGSMITH_", "HF_", "TRANSFORMERS_", "TOKENIZERS_",
                 "CHROMA_", "ANONYMIZED_TELEMETRY", "PYTHON", "OMP_", "MKL_", "GGML_", "LLAMA_", "LANG",
                 "LC_", "TZ", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
                 "HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "TQDM_", "LD_LIBRARY_PATH",
                 "LD_PRELOAD")
# Signals a command's own process passes on to its child; Ctrl-Z (SIGTSTP) and SIGCONT are handled apart.
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
_CODE = Path(__file__).resolve().parent.parent
PROMPTS = _CODE.parent / "prompts"  # coach.prompts.PROMPTS_DIR, without importing it on every command
_MAX_FOLDER = 64  # bytes: sun_path holds 108, and a socket's name here takes up to 40 more


# --------------------------------------------------------------------------- where
def _setting(name: str, default: str) -> str:
    """A setting from the environment, else the working directory's .env (as coach.settings reads them)."""
    if name in os.environ:
        return os.environ[name]
    if os.path.isfile(".env"):
        with contextlib.suppress(Exception):
            from dotenv import dotenv_values

            value = dotenv_values(".env").get(name)
            if value is not None:
                return value
    return default


def enabled() -> bool:
    """Whether this platform and the settings allow warm start."""
    if not sys.platform.startswith("linux") or not hasattr(socket, "send_fds"):
        return False
    return _setting("COACH_WARM_START", "on").strip().lower() not in ("off", "false", "0", "no")


def idle_seconds() -> float | None:
    """COACH_WARM_START_IDLE, or None when it is not a positive number (the command then reports it)."""
    try:
        value = float(_setting("COACH_WARM_START_IDLE", str(DEFAULT_IDLE_S)))
    except ValueError:
        return None
    return value if value > 0 else None


def runtime_dir() -> Path | None:
    """This user's private directory for sockets, or None when it cannot be made private."""
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    path = Path(base) / f"networking-coach-{os.getuid()}"
    if len(os.fsencode(path)) > _MAX_FOLDER:
        return None  # a socket's whole path must fit in 108 bytes
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        info = path.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return path


def code_stamp(roots: tuple[Path, ...] | None = None) -> str:
    """A digest of every file's name, size and time under the coach's code and prompts."""
    roots = roots or (_CODE, PROMPTS)
    digest = hashlib.sha256()
    for root in roots:
        pending = [str(root)]
        while pending:
            try:
                entries = sorted(os.scandir(pending.pop()), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                if entry.name == "__pycache__":
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                    continue
                with contextlib.suppress(OSError):
                    info = entry.stat()
                    digest.update(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def server_key(environ: dict[str, str] | None = None, stamp: str | None = None) -> str:
    """The name of the server a command with this environment may use."""
    import sysconfig

    environ = os.environ if environ is None else environ
    packages = sysconfig.get_paths()["purelib"]
    try:
        installed = os.stat(packages).st_mtime_ns  # pip adds and removes directories here
    except OSError:
        installed = 0
    settings = sorted((k, v) for k, v in environ.items() if k.startswith(_KEY_PREFIXES))
    # a child inherits the server's priority, CPUs and interpreter flags, not the command's: they name it too
    process = [os.getpriority(os.PRIO_PROCESS, 0), sorted(os.sched_getaffinity(0)), repr(sys.flags),
               sys.warnoptions]
    parts = [sys.executable, sys.version, str(_CODE), stamp or code_stamp(), installed, settings, process]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:24]


def socket_path() -> Path | None:
    folder = runtime_dir()
    return None if folder is None else folder / f"{server_key()}.sock"


# --------------------------------------------------------------------------- client
def _peer_uid(sock: socket.socket) -> int:
    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[1]


def _umask() -> int:
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def run(argv: list[str], path: Path) -> int | None:
    """Run `coach argv` in a child of the server at `path`: its exit status, or None when no command ran
    there (no server, or it went away before starting it); the caller then runs the command itself."""
    if not path.exists():
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    ignored = [int(s) for s in FORWARDED if signal.getsignal(s) == signal.SIG_IGN]  # nohup, trap '' HUP
    try:
        sock.settimeout(2.0)
        sock.connect(str(path))
        if _peer_uid(sock) != os.getuid():
            sock.close()
            return None
        header = json.dumps({"argv": argv, "env": dict(os.environ), "cwd": os.getcwd(), "umask": _umask(),
                             "ignored": ignored}).encode()
        socket.send_fds(sock, [struct.pack("!I", len(header))], [0, 1, 2])
        sock.sendall(header)
        sock.settimeout(30.0)  # the fork is quick; the command itself is waited for without a limit
        replies = sock.makefile("rb")
        first = replies.readline().split()
    except OSError:
        sock.close()
        return None
    except KeyboardInterrupt:  # before the child said it started: closing the socket stops it there
        sock.close()
        return 130
    if len(first) != 2 or first[0] != b"pid":
        sock.close()
        return None
    child = int(first[1])
    sock.settimeout(None)
    sent: list[int] = []

    def forward(signum: int, _frame: Any) -> None:
        sent.append(signum)
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signum)

    def suspend(_signum: int, _frame: Any) -> None:  # Ctrl-Z stops the command, then its own process
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGSTOP)
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)
        signal.signal(signal.SIGTSTP, suspend)  # here again after `fg`

    def resume(_signum: int, _frame: Any) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGCONT)

    for signum in FORWARDED:
        if signum not in ignored:
            signal.signal(signum, forward)
    signal.signal(signal.SIGTSTP, suspend)
    signal.signal(signal.SIGCONT, resume)
    try:
        last = replies.readline().split()
    except OSError:
        last = []
    finally:
        sock.close()
    if len(last) == 2 and last[0] == b"exit":
        return int(last[1])
    if sent:  # ended by the signal it was sent: end this process the same way, as the shell expects
        signal.signal(sent[-1], signal.SIG_DFL)
        os.kill(os.getpid(), sent[-1])
        return 128 + sent[-1]
    print("The command stopped before it finished (its process was killed).", file=sys.stderr)
    return 1


def start(path: Path, environ: dict[str, str]) -> None:
    """Start the server at `path` in the background with `environ`, unless one is running or starting."""
    if path.with_suffix(".refused").exists() or _server_pid(path) != 0:
        return  # refused before, or a server holds the lock (or the folder is not writable)
    import subprocess

    with contextlib.suppress(OSError):  # the server writes its own log once it holds the lock
        subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "coach.warmstart.server", str(path), str(idle_seconds() or DEFAULT_IDLE_S)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, close_fds=True, cwd=path.parent, env=environ,
        )


class Launch:
    """One shell command's use of warm start: run it warm if a server is up, else start one after it.

    The server's name is taken before the command runs: a command may add to its own environment
    (library defaults), and the next command, started from the shell, will not have those.
    """

    def __init__(self, argv: list[str]):
        self.path: Path | None = None
        self.environ = dict(os.environ)
        if argv and argv[0] in COMMANDS and enabled() and idle_seconds() is not None:
            with contextlib.suppress(Exception):  # warm start must never stop a command from running
                self.path = socket_path()
        self.argv = argv

    def run(self) -> int | None:
        """The exit status of the command run warm, or None: run it here."""
        return None if self.path is None else run(self.argv, self.path)

    def after(self) -> None:
        """After the command ran here: start a server for the next one."""
        if self.path is not None:
            with contextlib.suppress(Exception):
                start(self.path, self.environ)


def _server_pid(path: Path) -> int:
    """The pid of the server holding `path`'s lock: 0 when nobody holds it, -1 when it cannot be told (a
    server that has not written its pid yet, or a lock file that cannot be opened)."""
    import fcntl

    try:
        with open(path.with_suffix(".lock"), "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return 0  # released at close: nobody holds it now
            except OSError:
                handle.seek(0)
                pid = int(handle.read().strip() or -1)
    except (OSError, ValueError):
        return -1
    try:  # a pid it cannot vouch for (reused by another program) is never signalled
        return pid if pid > 0 and b"coach.warmstart" in Path(f"/proc/{pid}/cmdline").read_bytes() else -1
    except OSError:
        return -1


def stop(path: Path, timeout: float = 30.0) -> bool:
    """Ask the server at `path` to leave (SIGTERM) and wait until it has; False if none was running."""
    pid = _server_pid(path)
    if pid <= 0:
        return False
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _server_pid(path) == 0:
            return True
        time.sleep(0.05)
    return False
