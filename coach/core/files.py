"""Files written whole: a temporary file beside the target, renamed over it when complete, so another
process reads the old file or the new one and never half of either; the small JSON caches kept
under COACH_HOME that way; and privacy: everything the coach writes is its owner's only.

Privacy: `private_umask()` makes every file and folder this process creates 0600/0700 from its first
byte (SQLite's store and journals, Chroma's index, chat state, caches, exports, backups); the CLI,
the app and `ensure_home` set it. `private_home()` makes COACH_HOME 0700 and tightens a home an
older version left readable by others, saying so once on stderr. `write_whole` sets 0600 itself too.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

PRIVATE_UMASK = 0o077
FILE_MODE = 0o600
DIR_MODE = 0o700


def private_umask() -> None:
    """From now on, every file and folder this process creates is readable by its owner only."""
    os.umask(os.umask(PRIVATE_UMASK) | PRIVATE_UMASK)


def private_home(home: Path, notice=None) -> Path:
    """Create `home` 0700, or tighten an existing one (and everything in it) that others can read or enter;
    `notice(sentence)` is told once when something was tightened (stderr by default)."""
    import sys

    private_umask()
    home = Path(home)
    if not home.exists():
        home.mkdir(parents=True, mode=DIR_MODE, exist_ok=True)
        return home
    if home.stat().st_mode & 0o077 == 0:
        return home
    loose = 0
    for folder, _dirs, files in os.walk(home):
        for name in [folder, *(os.path.join(folder, f) for f in files)]:
            with suppress(OSError):  # a file removed meanwhile, or not ours: the folder's 0700 still guards it
                mode = os.lstat(name).st_mode
                if mode & 0o077 and not os.path.islink(name):
                    os.chmod(name, DIR_MODE if name == folder else mode & 0o700)
                    loose += 1
    if any(home.iterdir()):  # an empty folder (just made by hand) exposed nothing: tightened without a word
        say = notice or (lambda text: print(text, file=sys.stderr))
        say(f"Note: {home} was readable by other users; made it private (0700, files 0600: {loose} tightened).")
    return home


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside `target` to write to; renamed over `target` when the block ends, removed
    when it raises. The folder is made if missing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        yield tmp
        with suppress(FileNotFoundError):
            os.chmod(tmp, FILE_MODE)  # private whatever the umask (exports and caches hold personal data)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


def write_whole(target: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8) to `target` whole or not at all."""
    with replacing(target) as tmp:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE))  # 0600 before the first byte
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding="utf-8")


class DiskCache:
    """A small JSON map kept on disk under one namespace (an embedding model's name), newest last, at most
    `limit` entries; written whole and atomically. Only a cache: unreadable or unwritable, it starts empty."""

    def __init__(self, path: Path, namespace: str, limit: int):
        self.path, self.namespace, self.limit = path, namespace, limit
        self._entries: dict[str, Any] | None = None

    def _load(self) -> dict[str, Any]:
        if self._entries is None:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                kept = data.get(self.namespace, {}) if isinstance(data, dict) else {}
                self._entries = dict(kept) if isinstance(kept, dict) else {}
            except (OSError, ValueError):
                self._entries = {}  # no cache yet, or an unreadable one
        return self._entries

    def get(self, key: str) -> Any:
        return self._load().get(key)

    def put(self, key: str, value: Any) -> None:
        entries = self._load()
        entries.pop(key, None)
        entries[key] = value
        while len(entries) > self.limit:
            entries.pop(next(iter(entries)))
        with suppress(OSError):  # a read-only home still works; it only computes the answer again next time
            write_whole(self.path, json.dumps({self.namespace: entries}))


class QueryVectors(DiskCache):
    """Query embeddings kept on disk per embedding model, so that a query asked before (a repeated search)
    needs no embedding model in a fresh process."""

    LIMIT = 256

    def __init__(self, path: Path, model_name: str):
        super().__init__(path, model_name, self.LIMIT)

    def get(self, query: str) -> list[float] | None:  # type: ignore[override]
        packed = super().get(query)
        if not isinstance(packed, str):
            return None
        try:
            import numpy as np

            return np.frombuffer(base64.b64decode(packed), dtype=np.float64).tolist()
        except ValueError:
            return None

    def put(self, query: str, vector: list[float]) -> None:  # type: ignore[override]
        import numpy as np

        super().put(query, base64.b64encode(np.asarray(vector, dtype=np.float64).tobytes()).decode("ascii"))
