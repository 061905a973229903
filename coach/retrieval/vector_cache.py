"""The guidance corpus's vectors, kept once per machine rather than once per index.

Every index (the user's own, the sample network's workspace, a second COACH_HOME) embeds the same corpus
sections with the same model; on this machine that is 13 s to a minute of CPU each time. The vectors are kept
in the user's cache, keyed by the embedding model's name and the text embedded, so a new index takes them
instead of computing them again. Only the public corpus is kept here: a contact's notes are private and their
vectors stay in that user's own index.

One SQLite file; several processes may read and add at once (WAL). A damaged or unreadable cache is ignored:
it only costs the time it was meant to save.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from array import array
from collections.abc import Sequence
from pathlib import Path

SCHEMA = "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"


def _key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\0{text}".encode()).hexdigest()


class VectorCache:
    """Vectors by (model name, text), in one SQLite file under `root`."""

    def __init__(self, root: Path, model: str):
        self.path, self.model = root / "guidance-vectors.sqlite3", model

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(SCHEMA)
        return conn

    def get(self, texts: Sequence[str]) -> dict[str, list[float]]:
        """The vectors this cache holds for `texts`, by text (missing ones are simply absent)."""
        keys = {_key(self.model, t): t for t in texts}
        found: dict[str, list[float]] = {}
        with contextlib.suppress(sqlite3.Error, OSError):
            conn = self._connect()
            try:
                listed = list(keys)
                for i in range(0, len(listed), 500):
                    part = listed[i: i + 500]
                    rows = conn.execute(f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(part))})",
                                        part).fetchall()
                    for key, blob in rows:
                        found[keys[key]] = array("f", blob).tolist()
            finally:
                conn.close()
        return found

    def put(self, texts: Sequence[str], vectors: Sequence[Sequence[float]]) -> None:
        """Keep `vectors` (one per text); a cache that cannot be written is left as it is."""
        rows = [(_key(self.model, t), array("f", v).tobytes()) for t, v in zip(texts, vectors, strict=True)]
        with contextlib.suppress(sqlite3.Error, OSError):
            conn = self._connect()
            try:
                with conn:
                    conn.executemany("INSERT OR IGNORE INTO vectors (key, vector) VALUES (?, ?)", rows)
            finally:
                conn.close()
