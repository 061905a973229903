"""The store: contacts, notes, interactions and the user's profile — the only source of truth.

SQLite under COACH_HOME by default, any SQLAlchemy URL via COACH_DATABASE_URL.
Opening a store runs the Alembic migrations (`upgrade head`), so an upgrade
never loses data. Every write is one transaction that also bumps a revision
counter (derived data such as the search index compares it cheaply). On
SQLite, writes start with BEGIN IMMEDIATE so that a second writer waits its
turn instead of failing; on PostgreSQL they take a transaction-level advisory
lock, so two imports at once never duplicate a person.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, select, text, update
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, selectinload

from coach.core.domain import Contact, Interaction, Note, Profile, clean_fields
from coach.core.errors import AmbiguousError, ConfigurationError, InputError, NotFoundError
from coach.crm import backups, cadence
from coach.crm.importers import ImportReport, PossibleDuplicate, Restore, Skip, SkippedRow, read_rows
from coach.crm.importers.merge import Merger, company_key, normalize, note_hash, short_name_key
from coach.crm.mapping import EDITABLE, apply_fields, contact_model, interaction_row, note_model
from coach.crm.tables import (
    ContactRow,
    JobChangeRow,
    MetaRow,
    NoteRow,
    PlanMarkRow,
    ProfileRow,
    SourceKeyRow,
    TagCadenceRow,
)

_ADVISORY_LOCK = 7_412_026  # any constant: serialises writers on PostgreSQL
_OPEN: dict[str, Store] = {}
_OPEN_LOCK = threading.Lock()


def _mask(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "the configured URL"


class Store:
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
    def open(cls, settings) -> Store:
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

    # ---------------------------------------------------------------- plumbing
    def _migrate(self) -> None:
        from coach.crm.migrations import HEAD

        with self.engine.connect() as conn:
            try:
                current = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            except (OperationalError, ProgrammingError):
                current = []  # a new store: no version table yet
            conn.rollback()
        if current == [HEAD]:
            return
        from alembic import command
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
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

    # ---------------------------------------------------------------- contacts
    def list_contacts(self) -> list[Contact]:
        with self._read() as s:
            rows = s.scalars(select(ContactRow).order_by(ContactRow.name_key, ContactRow.id)).all()
            return [contact_model(r, children=False) for r in rows]

    def notes_counts(self) -> dict[int, int]:
        with self._read() as s:
            return dict(s.execute(select(NoteRow.contact_id, func.count()).group_by(NoteRow.contact_id)).all())

    def all_contacts(self) -> list[Contact]:
        with self._read() as s:
            rows = s.scalars(select(ContactRow).options(selectinload(ContactRow.notes),
                                                        selectinload(ContactRow.interactions))
                             .order_by(ContactRow.name_key, ContactRow.id)).all()
            return [contact_model(r) for r in rows]

    def get_contact(self, contact_id: int) -> Contact:
        with self._read() as s:
            return contact_model(self._row(s, contact_id))

    def _row(self, s: Session, contact_id: int) -> ContactRow:
        row = s.get(ContactRow, contact_id, options=[selectinload(ContactRow.notes),
                                                     selectinload(ContactRow.interactions)])
        if row is None:
            raise NotFoundError(f"No contact with id {contact_id}: run `coach contacts list` to see the ids.")
        return row

    def resolve_contact(self, id_or_name: str) -> Contact:
        from rapidfuzz import fuzz, process

        query = (id_or_name or "").strip().lstrip("#")
        if not query:
            raise InputError("Give a contact id or name, for example `coach contacts show 12`.")
        if query.isdigit():
            return self.get_contact(int(query))
        with self._read() as s:
            rows = s.execute(select(ContactRow.id, ContactRow.first_name, ContactRow.last_name,
                                    ContactRow.company, ContactRow.name_key)).all()
        key = normalize(query)
        labels = {r.id: f"{_display(r)} (#{r.id})" for r in rows}
        exact = [r.id for r in rows if r.name_key == key]
        if not exact:
            exact = [r.id for r in rows if short_name_key(r.first_name, r.last_name) == key]
        if len(exact) == 1:
            return self.get_contact(exact[0])
        if len(exact) > 1:
            raise AmbiguousError(_ambiguous(query, [labels[i] for i in exact]), [labels[i] for i in exact], exact)
        found = process.extract(key, {r.id: r.name_key for r in rows}, scorer=fuzz.WRatio, limit=6,
                                score_cutoff=80)
        said = key.split()
        found = [f for f in found  # "Priya Raman" is not Priya Shah: every word said must start a word of the name
                 if all(any(part.startswith(w) for part in f[0].split()) for w in said)]
        if not found:
            first = key.split()[0] if key.split() else key
            near = [labels[r.id] for r in rows if r.name_key.split()[:1] == [first] or
                    fuzz.ratio(key, r.name_key) >= 70][:3]
            hint = f" Did you mean {' or '.join(near)}?" if near else ""
            raise NotFoundError(f"No contact matches '{query}'.{hint} Run `coach contacts list` to see names "
                                "and ids.")
        best = found[0][1]
        close = [cid for _, score, cid in found if score >= best - 5]
        if len(close) == 1:
            return self.get_contact(close[0])
        raise AmbiguousError(_ambiguous(query, [labels[i] for i in close]), [labels[i] for i in close], close)

    def find_by_company(self, company: str) -> list[Contact]:
        key = company_key(company)
        if not key:
            return []
        with self._read() as s:
            rows = s.scalars(select(ContactRow).where(
                (ContactRow.company_key == key) | ContactRow.company_key.like(f"{key} %")
            ).order_by(ContactRow.name_key)).all()
            return [contact_model(r, children=False) for r in rows]

    def add_contact(self, contact: Contact) -> Contact:
        if not contact.name:
            raise InputError("A contact needs a name, for example --name 'Ana López'.")
        with self._write() as s:
            row = ContactRow()
            apply_fields(row, {f: getattr(contact, f) for f in EDITABLE}, contact.field_sources or None)
            row.sources = list(contact.sources) or ["manual"]
            for note in contact.notes:
                row.notes.append(NoteRow(text=note.text, text_hash=note_hash(note.text), date=note.date,
                                         source=note.source))
            for item in contact.interactions:
                row.interactions.append(interaction_row(item))
                if row.last_contacted is None or item.date > row.last_contacted:
                    row.last_contacted = item.date
            s.add(row)
            s.flush()
            new_id = row.id
        return self.get_contact(new_id)

    def update_contact(self, contact_id: int, **fields: Any) -> Contact:
        unknown = sorted(set(fields) - set(EDITABLE))
        if unknown:
            raise InputError(f"Cannot edit {', '.join(unknown)}: editable fields are {', '.join(EDITABLE)}.")
        with self._write() as s:
            row = self._row(s, contact_id)
            apply_fields(row, clean_fields(fields), None)
            if not (row.first_name or row.last_name):
                raise InputError("A contact needs a name with visible characters; give a non-empty --name.")
        return self.get_contact(contact_id)

    def delete_contact(self, contact_id: int) -> None:
        self.backup("delete")
        with self._write() as s:
            s.delete(self._row(s, contact_id))

    def merge_contacts(self, keep_id: int, other_id: int) -> Contact:
        """Fold contact `other_id` into `keep_id` in one transaction: its notes and interactions move (a note
        both hold stays once), empty fields are filled from it, lists are joined; then it is deleted."""
        from coach.crm.importers.merge import union

        if keep_id == other_id:
            raise InputError("Give two different contacts to merge.")
        self.backup("merge")
        with self._write() as s:
            keep, other = self._row(s, keep_id), self._row(s, other_id)
            fields: dict[str, Any] = {}
            sources: dict[str, str] = {}
            for key in EDITABLE:
                mine, theirs = getattr(keep, key), getattr(other, key)
                later = key == "last_contacted" and theirs and (mine is None or theirs > mine)
                earlier = key == "connected_on" and theirs and mine and theirs < mine
                if key in ("emails", "phones", "tags"):
                    fields[key] = union(key, list(mine or []), list(theirs or []))
                elif later or earlier:  # the most recent contact, the first connection
                    fields[key] = theirs
                elif mine in (None, "") and theirs not in (None, ""):
                    fields[key] = theirs
                    sources[key] = (other.field_sources or {}).get(key, "manual")
            kept_sources = dict(keep.field_sources or {})
            apply_fields(keep, fields, {**kept_sources, **sources})
            keep.sources = list(dict.fromkeys([*(keep.sources or []), *(other.sources or [])]))
            held = {n.text_hash for n in keep.notes}
            for note in list(other.notes):
                if note.text_hash not in held:
                    other.notes.remove(note)
                    keep.notes.append(note)
                    held.add(note.text_hash)
            for item in list(other.interactions):
                other.interactions.remove(item)
                keep.interactions.append(item)
            # the rows that made the other contact now find this one when imported again
            s.execute(update(SourceKeyRow).where(SourceKeyRow.contact_id == other_id).values(contact_id=keep_id))
            s.flush()
            s.delete(other)
        return self.get_contact(keep_id)

    def add_note(self, contact_id: int, text: str, date: dt.date | None = None, source: str = "manual") -> Note:
        body = (text or "").strip()
        if not body:
            raise InputError("The note is empty; give the text to remember.")
        digest = note_hash(body)
        with self._write() as s:
            self._row(s, contact_id)
            existing = s.scalar(select(NoteRow).where(NoteRow.contact_id == contact_id,
                                                      NoteRow.text_hash == digest))
            if existing is not None:  # notes never duplicate: the same note again is the same note
                return note_model(existing)
            row = NoteRow(contact_id=contact_id, text=body, text_hash=digest, date=date or dt.date.today(),
                          source=source)
            s.add(row)
            s.flush()
            note = note_model(row)
        from coach.crm.facts import book as factbook

        factbook.sync(self, contact_id)  # the facts follow the notes (what the user fixed stays)
        return note

    def add_interaction(self, contact_id: int, interaction: Interaction) -> Interaction:
        with self._write() as s:
            contact = self._row(s, contact_id)
            row = interaction_row(interaction)
            contact.interactions.append(row)
            if contact.last_contacted is None or interaction.date > contact.last_contacted:
                contact.last_contacted = interaction.date
            s.flush()
            return Interaction.model_validate(row, from_attributes=True)

    # ---------------------------------------------------------------- profile
    def get_profile(self) -> Profile:
        with self._read() as s:
            row = s.get(ProfileRow, 1)
            return Profile.model_validate(row, from_attributes=True) if row else Profile()

    def set_profile(self, **fields: Any) -> Profile:
        allowed = set(Profile.model_fields)
        unknown = sorted(set(fields) - allowed)
        if unknown:
            raise InputError(f"Unknown profile field {', '.join(unknown)}: use {', '.join(sorted(allowed))}.")
        with self._write() as s:
            row = s.get(ProfileRow, 1) or ProfileRow(id=1, name="", headline="", goals="",
                                                     target_companies=[], target_roles=[])
            given = {k: list(v) if isinstance(v, list | tuple) else v for k, v in fields.items() if v is not None}
            for key, value in Profile(**given).model_dump(include=set(given)).items():  # cleaned as the model does
                setattr(row, key, value)
            s.add(row)
        return self.get_profile()

    # ---------------------------------------------------------------- keeping in touch
    def due_contacts(self, today: dt.date | None = None) -> list[dict]:
        with self._read() as s:
            cadences = dict(s.execute(select(TagCadenceRow.tag, TagCadenceRow.days)).all())
            rows = s.execute(select(ContactRow.id, ContactRow.first_name, ContactRow.middle_name,
                                    ContactRow.last_name, ContactRow.tags, ContactRow.cadence_days,
                                    ContactRow.last_contacted, ContactRow.connected_on,
                                    ContactRow.created_at)).all()
        people = [{"id": r.id, "name": " ".join(p for p in (r.first_name, r.middle_name, r.last_name) if p),
                   "tags": r.tags, "cadence_days": r.cadence_days, "last_contacted": r.last_contacted,
                   "connected_on": r.connected_on,
                   "added_on": r.created_at.date() if r.created_at else None} for r in rows]
        return cadence.due(people, cadences, today or dt.date.today())

    def set_tag_cadence(self, tag: str, days: int) -> None:
        tag = (tag or "").strip().lstrip("#")
        if not tag:
            raise InputError("Give a tag, for example --tag mentor.")
        if days < 1:
            raise InputError("The cadence must be at least 1 day.")
        with self._write() as s:
            s.merge(TagCadenceRow(tag=tag, days=days))

    def tag_cadences(self) -> dict[str, int]:
        with self._read() as s:
            return dict(s.execute(select(TagCadenceRow.tag, TagCadenceRow.days)).all())

    # ---------------------------------------------------------------- the weekly plan
    def job_changes(self) -> list[JobChangeRow]:
        """Every job or title change a newer export showed, oldest first."""
        with self._read() as s:
            return list(s.scalars(select(JobChangeRow).order_by(JobChangeRow.date, JobChangeRow.id)))

    def plan_marks(self) -> list[PlanMarkRow]:
        """What the user did with people the plan proposed (sent, snoozed, skipped), oldest first."""
        with self._read() as s:
            return list(s.scalars(select(PlanMarkRow).order_by(PlanMarkRow.date, PlanMarkRow.id)))

    def add_plan_mark(self, contact_id: int, action: str, date: dt.date, until: dt.date | None = None,
                      reason: str = "", interaction: Interaction | None = None) -> PlanMarkRow:
        """Record a plan action; with `interaction` (a sent message) it is logged in the same transaction."""
        with self._write() as s:
            contact = self._row(s, contact_id)
            if interaction is not None:
                contact.interactions.append(interaction_row(interaction))
                if contact.last_contacted is None or interaction.date > contact.last_contacted:
                    contact.last_contacted = interaction.date
            row = PlanMarkRow(contact_id=contact_id, action=action, date=date, until=until, reason=reason)
            s.add(row)
            s.flush()
            return row

    def same_person(self, contact: Contact) -> int | None:
        """The id of a stored contact an added-by-hand `contact` is (same LinkedIn URL, email, or name at the
        same company), or None: the CLI and the app refuse a duplicate the same way."""
        from coach.crm.importers.merge import Matcher, company_key, name_key
        from coach.crm.importers.records import normalize_linkedin

        def record(c: Contact) -> dict:
            return {"linkedin_url": c.linkedin_url, "emails": c.emails, "first_name": c.first_name,
                    "last_name": c.last_name, "name_key": name_key(c.first_name, c.middle_name, c.last_name),
                    "company_key": company_key(c.company)}

        matcher = Matcher()
        for c in self.list_contacts():
            matcher.add(c.id, record(c))
        url = normalize_linkedin(contact.linkedin_url) or contact.linkedin_url
        return matcher.match(contact.model_copy(update={"linkedin_url": url}))

    # ---------------------------------------------------------------- import
    def import_file(self, path: str | Path, fmt: str = "auto",
                    progress: Callable[[int], None] | None = None, today: dt.date | None = None) -> ImportReport:
        """Import one export in one transaction; `progress(n)` is called with each n bytes read; `today` dates
        the job changes it finds (a stored company or title the export changed)."""
        fmt_name, rows = read_rows(path, fmt, on_read=progress)
        report = ImportReport(file=str(path), format=fmt_name)
        self.backup("import")
        with self._write() as s:
            merger = Merger(s, fmt_name, today=today)
            for item in rows:
                if isinstance(item, Skip):
                    report.skipped.append(SkippedRow(line=item.line, reason=item.reason))
                    continue
                if isinstance(item, Restore):  # a JSON backup's profile and tag cadences
                    report.restored.extend(merger.restore(item))
                    continue
                outcome = merger.add(item.contact, item.source_id)
                setattr(report, outcome, getattr(report, outcome) + 1)
                report.skipped.extend(SkippedRow(line=item.line, reason=p) for p in item.problems)
            merger.finish()
            for cid, decision in merger.possible:
                record = merger.records[cid]
                name = " ".join(p for p in (record["first_name"], record["middle_name"], record["last_name"]) if p)
                report.possible_duplicates.append(PossibleDuplicate(id=cid, name=name, matches=decision.possible,
                                                                    reason=decision.reason))
            s.info["unchanged"] = not (report.created or report.updated or report.restored)
        return report


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


def _display(row: Any) -> str:
    name = " ".join(p for p in (row.first_name, row.last_name) if p)
    return f"{name}, {row.company}" if row.company else name


def _ambiguous(query: str, labels: list[str]) -> str:
    return f"'{query}' matches several contacts: {'; '.join(labels)}; use the id or the full name."
