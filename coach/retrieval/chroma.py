"""The Chroma client: embedded under COACH_HOME, or a server via COACH_CHROMA_URL.

Vectors are always computed by the coach's own embedding seam and passed in,
so Chroma never loads (or downloads) an embedding model of its own.

Chroma's embedded mode is one process's view of files on disk: each process
keeps its own copy of the vector segments in memory, and even a query writes
to the files (it applies pending log entries). Several coach processes (the
app, a search, an import) therefore take turns through `IndexLock`: every
Chroma call holds a short exclusive lock, a sync or rebuild holds the writer
lock for its whole run, and a generation counter tells a process that another
one changed the index, so that it reopens its client instead of working on a
stale copy.
"""

from __future__ import annotations

import pickletools
import shutil
import struct
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from coach.core.errors import ConfigurationError, ProviderError
from coach.core.files import write_whole

if TYPE_CHECKING:
    from coach.config.settings import Settings

WAITING = "Another coach process is indexing; waiting…"
REBUILD_HINT = "run `coach index --rebuild` to recreate it from your contacts and knowledge/"


class IndexDamagedError(ProviderError):
    """The index files are damaged or inconsistent; they are derived, so rebuilding them loses nothing."""

    def __init__(self, where: str | Path, reason: str):
        super().__init__(f"The search index at {where} is damaged ({reason}); {REBUILD_HINT}.")
        self.where, self.reason = str(where), reason


def make_chroma_client(settings: Settings) -> Any:
    if settings.chroma_url:
        parsed = urlparse(settings.chroma_url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ConfigurationError(
                f"COACH_CHROMA_URL must look like http://host:port, not '{settings.chroma_url}'."
            )
        port = parsed.port or (443 if parsed.scheme == "https" else 8000)
        return _http_client(parsed.hostname, port, parsed.scheme == "https")
    settings.ensure_home()
    return _persistent_client(str(settings.chroma_path))


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


_clients: dict[str, Any] = {}
_clients_lock = threading.Lock()


def _persistent_client(path: str) -> Any:
    with _clients_lock:
        client = _clients.get(path)
        if client is None:
            import chromadb

            try:
                client = _clients[path] = chromadb.PersistentClient(path=path, settings=_chroma_settings())
            except BaseException:
                _forget_system(path)  # Chroma keeps a half-started system for the path; the next try starts clean
                raise
        return client


def _forget_system(path: str) -> None:
    """Drop Chroma's shared system for `path` (its cache outlives a failed or closed client)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient._identifier_to_system.pop(path, None)
    SharedSystemClient._identifier_to_refcount.pop(path, None)


def close_persistent_client(path: str | Path) -> None:
    """Forget this process's client of `path`: the next call opens the files afresh."""
    with _clients_lock:
        client = _clients.pop(str(path), None)
    if client is not None:
        with suppress(Exception):  # a client of damaged files may fail to close; it is dropped either way
            client.close()
    _forget_system(str(path))


@lru_cache(maxsize=4)
def _http_client(host: str, port: int, ssl: bool) -> Any:
    import chromadb

    try:
        return chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=_chroma_settings())
    except Exception as exc:  # chromadb raises plain exceptions for connection failures
        raise ProviderError(
            f"Cannot reach the Chroma server at {'https' if ssl else 'http'}://{host}:{port} ({exc}); "
            "start it with `chroma run --host 127.0.0.1 --port N --path DIR` or unset COACH_CHROMA_URL."
        ) from None


def say_on_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# hnswlib's header.bin as Chroma persists it: version, offsetLevel0, max_elements, cur_element_count,
# size_data_per_element, label_offset, offsetData, maxlevel, enterpoint_node, maxM, maxM0, M, mult, ef_construction
_HEADER = struct.Struct("<i6QiI3QdQ")


def damaged_files(chroma_path: Path) -> list[str]:
    """What is structurally wrong with the vector segments under `chroma_path` (empty when sound).

    Cheap (a header read and a few stats per collection), so it runs before Chroma loads a
    segment: a truncated header or level-0 file would otherwise crash the process or return
    vectors read from garbage. The pickle is parsed, never loaded.
    """
    problems: list[str] = []
    if not chroma_path.is_dir():
        return problems
    for segment in sorted(p for p in chroma_path.iterdir() if p.is_dir()):
        names = {f.name for f in segment.iterdir()}
        if not names & {"header.bin", "data_level0.bin", "index_metadata.pickle"}:
            continue
        where = f"segment {segment.name[:8]}"
        header = segment / "header.bin"
        raw = header.read_bytes() if header.is_file() else b""
        if len(raw) != _HEADER.size:
            problems.append(f"{where}: header.bin is {len(raw)} bytes, not {_HEADER.size}")
            continue
        version, _, max_elements, count, per_element, label_offset, *_ = _HEADER.unpack(raw)
        if version != 1 or count > max_elements or not 0 < label_offset < per_element:
            problems.append(f"{where}: header.bin holds impossible values")
            continue
        # Chroma writes these files up to the elements in use (or the capacity): never fewer, whole records only.
        for name, record in (("data_level0.bin", per_element), ("length.bin", 4)):
            actual = (segment / name).stat().st_size if name in names else 0
            if actual < count * record or actual % record or actual > max_elements * record:
                problems.append(f"{where}: {name} is {actual} bytes, not {count * record} for {count} vectors")
        pickle = segment / "index_metadata.pickle"
        if pickle.is_file():
            try:
                ops = list(pickletools.genops(pickle.read_bytes()))
                if not ops or ops[-1][0].name != "STOP":
                    raise ValueError("no STOP opcode")
            except Exception:
                problems.append(f"{where}: index_metadata.pickle is cut short or unreadable")
    return problems


def damaged_database(chroma_path: Path) -> str | None:
    """SQLite's own quick check of chroma.sqlite3 (read-only); None when it is sound or absent."""
    import sqlite3

    path = chroma_path / "chroma.sqlite3"
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"chroma.sqlite3: {exc}"
    except UnicodeDecodeError:
        return "chroma.sqlite3: its integrity check reports garbage (the file is scrambled)"
    result = "; ".join(str(r[0]) for r in rows[:2])
    return None if result == "ok" else f"chroma.sqlite3: {result[:120]}"


class IndexLock:
    """The index's locks under COACH_HOME, shared by every coach process on this machine.

    `access()` is short and exclusive, around each Chroma call; `writing()` is held for a
    whole sync or rebuild, so a second writer waits (saying so once) and then finds
    the work done. Both are reentrant within a thread and released by the OS if the
    process dies. After any write, `changed()` bumps the generation file.
    """

    def __init__(self, home: Path, chroma_path: Path | None):
        from filelock import FileLock

        from coach.core.files import FILE_MODE, private_home

        private_home(home)
        self.chroma_path = chroma_path  # None for a Chroma server: nothing local to reopen
        self._access = FileLock(str(home / "index.lock"), mode=FILE_MODE, is_singleton=True)  # filelock chmods
        self._writer = FileLock(str(home / "index.writer.lock"), mode=FILE_MODE, is_singleton=True)
        self._generation_file = home / "index.generation"
        self._checked_file = home / "index.checked"  # chroma.sqlite3's size and time when last found sound
        self._seen: str | None = None

    def generation(self) -> str:
        try:
            return self._generation_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return ""

    @contextmanager
    def access(self, check: bool = True) -> Iterator[None]:
        """Exclusive use of the index files; reopens the client if another process changed them.

        Before this process opens the files (first use, or after another process wrote),
        `damaged_files` looks them over; damage raises IndexDamagedError instead of letting
        Chroma load it. `check=False` is for `wipe`, which must work on damaged files.
        """
        with self._access:
            path = self.chroma_path
            if path is not None and self._access.lock_counter == 1:
                current = self.generation()
                if self._seen is not None and current != self._seen:
                    close_persistent_client(path)
                self._seen = current
                if check and str(path) not in _clients:
                    problems = damaged_files(path) + [p for p in [self._database_problem(path)] if p]
                    if problems:
                        raise IndexDamagedError(path, "; ".join(problems[:2]))
            yield

    def _database_problem(self, path: Path) -> str | None:
        """SQLite's quick check of chroma.sqlite3 before this process opens it, unless the file is as it was
        when last found sound: Chroma's Rust core aborts the whole process on some damaged pages, where
        Python cannot catch it. Costs one read of the file after each change (0.1-0.3 s)."""
        db = path / "chroma.sqlite3"
        try:
            st = db.stat()
        except FileNotFoundError:
            return None
        stamp = f"{st.st_size} {st.st_mtime_ns}"
        with suppress(OSError):
            if self._checked_file.read_text(encoding="utf-8") == stamp:
                return None
        problem = damaged_database(path)
        if problem is None:
            with suppress(OSError):
                write_whole(self._checked_file, stamp)
        return problem

    def changed(self) -> None:
        """Record that this process wrote to the index (call while holding `access`)."""
        token = uuid.uuid4().hex
        write_whole(self._generation_file, token)
        self._seen = token

    @contextmanager
    def writing(self, on_wait: Callable[[str], None] = say_on_stderr) -> Iterator[None]:
        """The one writer at a time: waits (with one message) while another process syncs."""
        from filelock import Timeout

        if self._writer.is_locked:  # reentrant: this thread already writes
            with self._writer:
                yield
            return
        try:
            self._writer.acquire(blocking=False)
        except Timeout:
            on_wait(WAITING)
            self._writer.acquire()
        try:
            yield
        finally:
            self._writer.release()

    def wipe(self) -> None:
        """Delete the local index files (derived data) so that they can be built again."""
        if self.chroma_path is None:
            return
        with self.access(check=False):
            close_persistent_client(self.chroma_path)
            if self.chroma_path.exists():
                shutil.rmtree(self.chroma_path)
            self.changed()


@lru_cache(maxsize=8)
def _index_lock(home: str, chroma_path: str | None) -> IndexLock:
    return IndexLock(Path(home), Path(chroma_path) if chroma_path else None)


def index_lock(settings: Settings) -> IndexLock:
    """This process's lock object for the index of `settings` (one per COACH_HOME)."""
    return _index_lock(str(settings.home), None if settings.chroma_url else str(settings.chroma_path))
