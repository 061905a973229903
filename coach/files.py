"""Files written whole: a temporary file beside the target, renamed over it when complete, so another
process reads the old file or the new one and never half of either; and the small JSON caches kept
under COACH_HOME that way."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import numpy as np


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside `target` to write to; renamed over `target` when the block ends, removed
    when it raises. The folder is made if missing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        yield tmp
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


def write_whole(target: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8) to `target` whole or not at all."""
    with replacing(target) as tmp:
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
            return np.frombuffer(base64.b64decode(packed), dtype=np.float64).tolist()
        except ValueError:
            return None

    def put(self, query: str, vector: list[float]) -> None:  # type: ignore[override]
        super().put(query, base64.b64encode(np.asarray(vector, dtype=np.float64).tobytes()).decode("ascii"))
