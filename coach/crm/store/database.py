"""The store's database: the engine, its migrations, rolling backups and the write transaction.

SQLite under COACH_HOME by default, any SQLAlchemy URL via COACH_DATABASE_URL.
Opening a store runs the Alembic migrations (`upgrade head`), so an upgrade
never loses data. Every write is one transaction that also bumps a revision
counter (derived data such as the search index compares it cheaply). On
SQLite, writes start with BEGIN IMMEDIATE so that a second writer waits its
turn instead of failing; on PostgreSQL they take a transaction-level advisory
lock, so two imports at once never duplicate a person.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from sqlalchemy import create_engine, event, select, text, update
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, selectinload

from coach.core.errors import ConfigurationError, NotFoundError
from coach.crm import backups
from coach.crm.tables import ContactRow, MetaRow

_ADVISORY_LOCK = 7_412_026  # any constant: serialises writers on PostgreSQL
_OPEN: dict[str, Database] = {}
_OPEN_LOCK = threading.Lock()


def _mask(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "the configured URL"


class Database:
    """The plumbing every part of the store writes through: one engine, migrated, backed up, locked."""

    def __init__(self, url: str):
        self.url = url
        self.file: Path | None = None  # the SQLite file, which gets rolling backups (coach/crm/backups.py)
        try:
            parsed = make_url(url)
            self.dialect = parsed.get_backend_name()
            kwargs: dict[str, Any] = {}
            if self.dialect == "sqlite":
                if parsed.database and parsed.database != ":memory:":
                    from coach.core.files import private_umask

                    private_umask()  # the store and its journals: 0600 from their first byte
                    self.file = Path(parsed.database).expanduser()
                    backups.check(self.file)  # damaged, or missing where one existed: one sentence, no new store
                    folder = self.file.parent
                    try:
                        folder.mkdir(parents=True, exist_ok=True)
                    except OSError as exc:
                        raise ConfigurationError(
                            f"Cannot open the store at {_mask(url)} (cannot create {folder}: "
                            f"{exc.strerror or exc}); check COACH_HOME or COACH_DATABASE_URL."
                        ) from None
                kwargs["connect_args"] = {"timeout": 120}
            self.engine: Engine = create_engine(url, **kwargs)
        except (ArgumentError, NoSuchModuleError, ModuleNotFoundError) as exc:
            raise ConfigurationError(
                f"Cannot use the database URL {_mask(url)} ({exc}); set COACH_DATABASE_URL to a SQLAlchemy URL "
                "such as postgresql+psycopg://user@host/db, or unset it for SQLite."
            ) from None
        if self.dialect == "sqlite":
            _sqlite_pragmas(self.engine)
        try:
            self._migrate()
            if self.file is not None:
                backups.opened(self.file)
                backups.daily(self.file)
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            self.engine.dispose()
            raise ConfigurationError(
                f"Cannot open the store at {_mask(url)} ({reason}); check COACH_DATABASE_URL or COACH_HOME."
            ) from None

    @classmethod
    def open(cls, settings) -> Self:
        """The store for these settings, opened once per process."""
        url = settings.sqlalchemy_url
        with _OPEN_LOCK:
            if url not in _OPEN:
                _OPEN[url] = cls(url)
            return _OPEN[url]

    def close(self) -> None:
        self.engine.dispose()
        with _OPEN_LOCK:
            if _OPEN.get(self.url) is self:
                del _OPEN[self.url]

    def _migrate(self) -> None:
        from coach.crm import migrations

        with self.engine.connect() as conn:
            try:
                current = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            except (OperationalError, ProgrammingError):
                current = []  # a new store: no version table yet
            conn.rollback()
        if current == [migrations.HEAD]:
            return
        from alembic import command
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(Path(migrations.__file__).parent))
        head = ScriptDirectory.from_config(config).get_current_head()
        with self.engine.connect() as conn:
            if MigrationContext.configure(conn).get_current_revision() == head:
                conn.rollback()
                return
        if current:
            self.backup("migration")  # an older store about to be upgraded
        with self.engine.connect() as conn:
            conn.execution_options(coach_write=True)
            with conn.begin():
                self._lock(conn)
                config.attributes["connection"] = conn
                command.upgrade(config, "head")

    def backup(self, reason: str) -> None:
        """A rolling backup of a SQLite store before a change that is hard to undo (import, migration, merge,
        delete); nothing for other databases, which their server backs up."""
        if self.file is not None:
            backups.make_backup(self.file, reason)

    def _lock(self, conn) -> None:
        if self.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _ADVISORY_LOCK})

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One write transaction: BEGIN IMMEDIATE / advisory lock, then the revision bump, then commit."""
        with self.engine.connect() as conn:
            conn.execution_options(coach_write=True)
            with conn.begin():
                self._lock(conn)
                session = Session(bind=conn, expire_on_commit=False, autoflush=True)
                try:
                    yield session
                    session.flush()
                    if session.info.get("unchanged"):
                        return
                    session.execute(update(MetaRow).where(MetaRow.key == "revision")
                                    .values(value=MetaRow.value + 1))
                finally:
                    session.close()

    def _read(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def revision(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(MetaRow.value).where(MetaRow.key == "revision")).scalar() or 0)

    def _row(self, s: Session, contact_id: int) -> ContactRow:
        row = s.get(ContactRow, contact_id, options=[selectinload(ContactRow.notes),
                                                     selectinload(ContactRow.interactions)])
        if row is None:
            raise NotFoundError(f"No contact with id {contact_id}: run `coach contacts list` to see the ids.")
        return row


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" event below emits BEGIN itself
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=120000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("coach_write") else "BEGIN")
