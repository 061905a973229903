"""The warm-start server: imports the coach once, then forks a child per shell command (see coach.warmstart).

Started by the coach itself as `python -m coach.warmstart.server SOCKET IDLE_SECONDS`.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import struct
import sys
import time
from pathlib import Path
from typing import Any

from coach.warmstart import FORWARDED, PROMPTS, _peer_uid, _setting, code_stamp

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
_TICK_S = 30.0


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
