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
# What a command would import anyway, heaviest first. Only modules: nothing is opened or loaded here.
PRELOAD = ("langchain_openai", "langgraph.graph", "langgraph.prebuilt", "sqlalchemy.orm",
           "sqlalchemy.dialects.sqlite", "alembic.command", "alembic.runtime.migration", "coach.store",
           "coach.drafting", "coach.agent", "coach.providers", "coach.retrieval", "coach.advice",
           "coach.assistant", "coach.chat", "coach.checker", "coach.readability", "coach.llamacpp",
           "coach.embeddings", "coach.migrations", "coach.doctor", "chromadb", "chromadb.api.rust", "bm25s",
           "rapidfuzz.process", "rapidfuzz.fuzz", "langchain_core.tracers.stdout",
           "langchain_core.tracers.run_collector", "filelock", "multiprocessing.synchronize", "tokenizers", "onnxruntime", "llama_cpp", "typer", "rich.markdown",
           "rich.progress", "dotenv")
# Only where the embedding model runs on torch (COACH_EMBEDDINGS_BACKEND=torch): 300 MB more, and seconds.
PRELOAD_TORCH = ("sentence_transformers", "sentence_transformers.models.Transformer",
                 "sentence_transformers.models.Pooling", "sentence_transformers.models.Normalize",
                 "transformers.models.bert.modeling_bert", "transformers.models.bert.tokenization_bert",
                 "transformers.generation.utils")
_CODE = Path(__file__).resolve().parent
PROMPTS = _CODE.parent / "prompts"  # coach.prompts.PROMPTS_DIR, without importing it on every command
_TICK_S = 30.0
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
    lock = path.with_suffix(".lock")
    if path.with_suffix(".refused").exists():
        return
    try:
        with open(lock, "a") as handle:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released at close: nobody holds it now
    except OSError:
        return  # a server holds it, or the directory is not writable
    import subprocess

    with contextlib.suppress(OSError):  # the server writes its own log once it holds the lock
        subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "coach.warmstart", str(path), str(idle_seconds() or DEFAULT_IDLE_S)],
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


def stop(path: Path, timeout: float = 30.0) -> bool:
    """Ask the server at `path` to leave (SIGTERM) and wait until it has; False if none was running."""
    import fcntl

    lock = path.with_suffix(".lock")
    try:
        with open(lock) as handle:
            pid = int(handle.read().strip() or 0)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return False  # nobody holds the lock: no server
            except OSError:
                pass
    except (OSError, ValueError):
        return False
    try:
        if pid <= 0 or b"coach.warmstart" not in Path(f"/proc/{pid}/cmdline").read_bytes():
            return False  # the lock is held but the pid is not written yet, or is not a server's
    except OSError:
        return False
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    with open(lock) as handle:
        while time.monotonic() < deadline:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except OSError:
                time.sleep(0.05)
    return False


# --------------------------------------------------------------------------- server
def _log(message: str) -> None:
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {message}", flush=True)


def preload() -> None:
    import importlib
    import threading

    from coach.providers import quiet_offline_hub

    quiet_offline_hub()  # as a command sets them before it imports the embedding stack
    torch = _setting("COACH_EMBEDDINGS_BACKEND", "onnx-int8").strip() == "torch"
    for name in (*PRELOAD, *(PRELOAD_TORCH if torch else ())):
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - a command that needs it will import it and say why
            _log(f"not preloaded: {name} ({type(exc).__name__}: {exc})")
    from coach import readability
    from coach.prompts import load_data

    readability.warm()
    for data in sorted(PROMPTS.glob("*.yaml")):
        load_data(data.stem)
    if threading.active_count() != 1:
        names = ", ".join(t.name for t in threading.enumerate() if t is not threading.main_thread())
        raise RuntimeError(f"threads started while importing ({names}); forking would not be safe")


def _recv_exact(conn: socket.socket, size: int) -> bytes:
    chunks, got = [], 0
    while got < size:
        chunk = conn.recv(min(65536, size - got))
        if not chunk:
            raise ConnectionError("the command's process went away")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _exit_code(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    print(value, file=sys.stderr)
    return 1


def _finish() -> None:
    """What interpreter exit does before os._exit: wait for threads, run atexit handlers, flush."""
    import atexit
    import threading

    shutdown = getattr(threading, "_shutdown", None)  # joins threads and runs threading's exit callbacks
    if shutdown is not None:
        shutdown()
    else:  # pragma: no cover - every CPython this runs on has it
        for thread in threading.enumerate():
            if thread is not threading.main_thread() and not thread.daemon:
                thread.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()


def _child(conn: socket.socket, fds: list[int], request: dict[str, Any], mask: set[int]) -> None:
    """In the forked child: become the command's process, run it, report its exit status. Never returns."""
    import threading

    code = 1
    done = threading.Event()
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for signum in FORWARDED:
            signal.signal(signum, signal.SIG_IGN if signum in request.get("ignored", ()) else signal.SIG_DFL)
        if signal.SIGINT not in request.get("ignored", ()):
            signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        sys.stdout.reconfigure(line_buffering=sys.stdout.isatty())
        sys.stderr.reconfigure(line_buffering=True)  # as Python's own stderr, always
        os.environ.clear()
        os.environ.update(request["env"])
        os.umask(int(request["umask"]))
        os.chdir(request["cwd"])
        sys.argv = ["coach", *request["argv"]]
        conn.sendall(f"pid {os.getpid()}\n".encode())

        def watch() -> None:  # the command's own process went away (killed): so does the command
            with contextlib.suppress(OSError):
                conn.recv(1)
            if not done.is_set():
                os.kill(os.getpid(), signal.SIGKILL)  # as if it had been killed with it

        threading.Thread(target=watch, name="warm-start-watch", daemon=True).start()
        from coach.cli import main

        try:
            main(list(request["argv"]))
            code = 0
        except SystemExit as exc:
            code = _exit_code(exc.code)
        except KeyboardInterrupt:
            code = 130
        _finish()
    except BaseException:  # noqa: BLE001 - a child must never return into the server's loop
        with contextlib.suppress(Exception):
            import traceback

            traceback.print_exc()
    finally:
        done.set()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        with contextlib.suppress(Exception):
            conn.sendall(f"exit {code}\n".encode())
        os._exit(code)


def _serve_one(listener: socket.socket, lock: Any, conn: socket.socket) -> None:
    fds: list[int] = []
    try:
        conn.settimeout(5.0)
        if _peer_uid(conn) != os.getuid():
            return
        data, fds, _flags, _addr = socket.recv_fds(conn, 4, 3)
        if len(data) != 4 or len(fds) != 3:
            return
        request = json.loads(_recv_exact(conn, struct.unpack("!I", data)[0]))
        conn.settimeout(None)
        # no signal between fork() and the child's own handlers: the server's SIGTERM handler must never
        # run in a child (it would leave through the server's cleanup)
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {*FORWARDED, signal.SIGCHLD})
        try:
            pid = os.fork()
            if pid == 0:
                listener.close()
                lock.close()  # the server's, not the command's: a new server may start while this one runs
                _child(conn, fds, request, mask)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        _log(f"pid {pid}: coach {' '.join(request['argv'][:1])}")
    except (OSError, ValueError, KeyError) as exc:
        _log(f"a request was dropped: {exc}")
    finally:
        for fd in fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        conn.close()


def serve(path: Path, idle_s: float) -> int:
    """Import, listen at `path`, fork a child per command; leave when idle, stale or replaced."""
    import fcntl

    lock = open(path.with_suffix(".lock"), "a")  # noqa: SIM115 - held for the server's life
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        _log("another server holds the lock; leaving")
        return 0
    log = os.open(path.with_suffix(".log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    lock.truncate(0)
    lock.write(f"{os.getpid()}\n")
    lock.flush()
    stamp = code_stamp()
    try:
        preload()
    except RuntimeError as exc:
        _log(f"refused: {exc}")
        path.with_suffix(".refused").write_text(f"{exc}\n", encoding="utf-8")
        return 1
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    staging = path.with_name(f".{path.name}.{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    listener.bind(str(staging))
    os.chmod(staging, 0o600)
    listener.listen(16)
    os.replace(staging, path)
    inode = path.stat().st_ino
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    _log(f"ready at {path} (pid {os.getpid()}, leaves after {idle_s:g} s idle)")
    last = time.monotonic()
    try:
        while True:
            listener.settimeout(max(0.05, min(_TICK_S, idle_s - (time.monotonic() - last))))
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                if time.monotonic() - last >= idle_s:
                    _log("idle; leaving")
                    return 0
                if not _still_ours(path, inode) or code_stamp() != stamp:
                    _log("replaced or code changed; leaving")
                    return 0
                continue
            last = time.monotonic()
            _serve_one(listener, lock, conn)
    finally:
        listener.close()
        if _still_ours(path, inode):
            with contextlib.suppress(OSError):
                path.unlink()


def _still_ours(path: Path, inode: int) -> bool:
    try:
        return path.stat().st_ino == inode
    except OSError:
        return False


def main() -> int:
    try:
        path, idle_s = Path(sys.argv[1]), float(sys.argv[2])
    except (IndexError, ValueError):
        print("usage: python -m coach.warmstart SOCKET IDLE_SECONDS (started by the coach itself)",
              file=sys.stderr)
        return 2
    return serve(path, idle_s)


if __name__ == "__main__":
    sys.exit(main())
