"""The SQLite store's health and its rolling backups: the store is the only source of truth.

Health: before the store is opened, `damage(path)` reads the file's header and runs `PRAGMA quick_check`
(skipped when the file is exactly as it was when last found sound: its size and time are kept in
`<store>.checked`). A store that is missing or empty where one existed (the marker `<store>.exists`,
written beside it once it holds the coach's tables), truncated, not SQLite, or whose pages are damaged
stops every command with one sentence naming `coach backup restore`: never a new empty store in its place.

Backups: SQLite's online backup API (`sqlite3.Connection.backup`) copies the store, consistent even while
another process writes, into `backups/` beside it: before every import, migration, merge or delete, and
once a day; the newest KEEP are kept. `restore` moves the damaged file aside (`<store>.damaged-<time>`)
and puts a backup in its place, whole or not at all. File backups are for SQLite only; a PostgreSQL
store is backed up with the server's own tools.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import struct
from contextlib import closing, suppress
from pathlib import Path

from pydantic import BaseModel

from coach.core.errors import CoachError, InputError

KEEP = 10
DAILY_S = 24 * 3600
HEADER = b"SQLite format 3\x00"
_NAME = re.compile(r"^(\d{8}T\d{6}\d{6})-([a-z-]+)\.db$")
RESTORE = "run `coach backup restore` to put the latest backup in its place (`coach backup list` shows them)"


class StoreDamagedError(CoachError):
    """The SQLite store is missing, truncated or damaged."""


class Backup(BaseModel):
    id: str
    reason: str
    created: dt.datetime
    bytes: int
    path: str


def sqlite_path(url: str) -> Path | None:
    """The store's file for a SQLite URL, or None (another database, or in memory)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).expanduser()


def marker(path: Path) -> Path:
    return path.with_name(path.name + ".exists")


def backup_dir(path: Path) -> Path:
    return path.parent / "backups"


def damaged(path: Path, reason: str) -> StoreDamagedError:
    return StoreDamagedError(f"The store {path} is damaged ({reason}): {RESTORE}.")


def damage(path: Path) -> str | None:
    """Why the store at `path` cannot be trusted, or None when it is sound (or new)."""
    existed = marker(path).exists()
    if not path.exists():
        return "it is missing, but a store existed here" if existed else None
    size = path.stat().st_size
    if size == 0:
        return "it is empty (0 bytes), but it held a store" if existed else None
    checked = path.with_name(path.name + ".checked")
    stamp = _stamp(path)
    with suppress(OSError):
        if checked.read_text(encoding="utf-8") == stamp:
            return None
    with path.open("rb") as fh:
        head = fh.read(100)
    if len(head) < 100 or not head.startswith(HEADER):
        return "its header is not a SQLite database's"
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages = struct.unpack(">I", head[28:32])[0]
    if page_size < 512 or page_size & (page_size - 1):
        return "its header is scrambled"
    if pages and size < pages * page_size and not path.with_name(path.name + "-wal").exists():
        return f"it is truncated: {size} of {pages * page_size} bytes"
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=30)) as conn:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        return f"SQLite says: {exc}"
    if rows != ["ok"]:
        return f"SQLite's quick_check found {len(rows)} problem(s), the first: {rows[0]}"
    from coach.core.files import write_whole

    with suppress(OSError):
        write_whole(checked, _stamp(path))
    return None


def _stamp(path: Path) -> str:
    parts = []
    for p in (path, path.with_name(path.name + "-wal")):
        with suppress(OSError):
            st = p.stat()
            parts.append(f"{p.name}:{st.st_size}:{st.st_mtime_ns}")
    return " ".join(parts)


def check(path: Path) -> None:
    """Raise StoreDamagedError when the store at `path` is damaged."""
    reason = damage(path)
    if reason:
        raise damaged(path, reason)


def opened(path: Path) -> None:
    """The store at `path` opened sound and holds the coach's tables: mark that one exists here."""
    from coach.core.files import write_whole

    if not marker(path).exists():
        write_whole(marker(path), "The coach's store existed here; a missing or empty one is reported, not "
                                  "replaced by an empty one. Delete this file to start with no contacts.\n")


def list_backups(path: Path) -> list[Backup]:
    """The store's backups, newest first."""
    found = []
    folder = backup_dir(path)
    for item in folder.glob("*.db") if folder.is_dir() else []:
        m = _NAME.match(item.name)
        if m:
            created = dt.datetime.strptime(m.group(1), "%Y%m%dT%H%M%S%f")
            found.append(Backup(id=m.group(1), reason=m.group(2), created=created, bytes=item.stat().st_size,
                                path=str(item)))
    return sorted(found, key=lambda b: b.id, reverse=True)


def _copy(source: Path, target: Path) -> None:
    """Copy a SQLite database with the online backup API, into a .part file renamed over `target`."""
    from coach.core.files import replacing

    with replacing(target) as tmp:
        with closing(sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, timeout=120)) as src, \
                closing(sqlite3.connect(tmp)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        os.chmod(tmp, 0o600)


def make_backup(path: Path, reason: str, keep: int = KEEP) -> Backup | None:
    """Back up the store at `path` (nothing when it has no tables yet); keep the newest `keep`."""
    if not path.exists() or not path.stat().st_size or not marker(path).exists():
        return None
    folder = backup_dir(path)
    from coach.core.files import private_home

    private_home(folder)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    target = folder / f"{stamp}-{reason}.db"
    _copy(path, target)
    for old in list_backups(path)[keep:]:
        Path(old.path).unlink(missing_ok=True)
    return next(b for b in list_backups(path) if b.id == stamp)


def daily(path: Path) -> Backup | None:
    """A backup when the newest is more than a day old (or there is none)."""
    newest = list_backups(path)[:1]
    if newest and (dt.datetime.now() - newest[0].created).total_seconds() < DAILY_S:
        return None
    return make_backup(path, "daily")


def restore(path: Path, backup_id: str | None = None) -> tuple[Backup, Path | None]:
    """Put backup `backup_id` (the newest by default) in place of the store; the current file, damaged or
    not, is moved aside first. Returns the backup and where the old file went (None when there was none)."""
    backups = list_backups(path)
    if not backups:
        raise InputError(f"There are no backups in {backup_dir(path)}: restore from an export with "
                         "`coach import FILE` instead.")
    chosen = backups[0] if backup_id is None else next((b for b in backups if b.id == backup_id), None)
    if chosen is None:
        raise InputError(f"No backup {backup_id!r}: `coach backup list` shows the ids.")
    reason = damage(Path(chosen.path))
    if reason:
        raise InputError(f"Backup {chosen.id} is damaged too ({reason}): choose another with "
                         "`coach backup restore ID`.")
    aside = None
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    if path.exists():
        aside = path.with_name(f"{path.name}.damaged-{stamp}")
        path.replace(aside)
    for suffix in ("-wal", "-shm", "-journal"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            extra.replace(path.with_name(f"{path.name}.damaged-{stamp}{suffix}"))
    path.with_name(path.name + ".checked").unlink(missing_ok=True)
    _copy(Path(chosen.path), path)
    opened(path)
    return chosen, aside


def counts(path: Path) -> int:
    """How many contacts the store at `path` holds."""
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])
