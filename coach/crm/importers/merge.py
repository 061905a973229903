"""One person is one contact: merging imported rows into stored contacts.

Who an imported row is decided by `coach.crm.importers.matching` (never merging two people
on a guess). Merging never overwrites a field the user typed
(`field_sources[field] == "manual"`) nor one another source set; a newer export of the
same source may update what that source set before, and a value marked guessed (a name
taken from a nickname) gives way to any real one. Within one import the first row to
give a field its value keeps it, so re-importing the same file changes nothing. Lists
are unioned; notes accumulate and are never duplicated.

`Merger` does this for a whole import inside the store's transaction, with a
few queries up front and batched inserts, so 10,000 rows take seconds. Every row
leaves a source key (a hash of its identity fields, and the export's own id when it
has one), so re-importing the same rows finds the same contacts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from coach.core.domain import Contact, Interaction, Note, clean_identity
from coach.crm.importers.hygiene import phone_key
from coach.crm.importers.keys import company_key, name_key, normalize, note_hash, short_name_key
from coach.crm.importers.matching import Decision, Matcher
from coach.crm.importers.records import GUESSED, Restore
from coach.crm.tables import (
    ContactRow,
    InteractionRow,
    JobChangeRow,
    NoteRow,
    ProfileRow,
    SourceKeyRow,
    TagCadenceRow,
)

__all__ = ["Decision", "Matcher", "Merger", "company_key", "merge_fields", "name_key", "new_record",
           "normalize", "note_hash", "short_name_key", "union"]

SCALAR_FIELDS = (
    "first_name", "middle_name", "last_name", "company", "title", "linkedin_url", "location",
    "how_we_met", "connected_on", "birthday", "cadence_days",
)
LIST_FIELDS = ("emails", "phones", "tags", "sources")
_BATCH = 1000

CONTACTS = ContactRow.__table__
NOTES = NoteRow.__table__
INTERACTIONS = InteractionRow.__table__
SOURCE_KEYS = SourceKeyRow.__table__
JOB_CHANGES = JobChangeRow.__table__


def headline(title: str, company: str) -> str:
    """'Title at Company', or whichever part is known."""
    return f"{title} at {company}" if title and company else (title or company)


def job_change_note(change: dict[str, Any]) -> str:
    """The dated note a job change leaves, composed from both values (drafts ground on it)."""
    before = headline(change["old_title"], change["old_company"])
    now = headline(change["new_title"], change["new_company"])
    return (f"New role seen in the {change['source']} export of {change['date']:%d %b %Y}: now {now} "
            f"(before: {before}).")


def _item_key(field: str, value: str) -> str:
    if field == "phones":
        return phone_key(value)
    return clean_identity(value).casefold()


def union(field: str, old: list[str], new: list[str]) -> list[str]:
    seen = {_item_key(field, v) for v in old}
    out = list(old)
    for v in new:
        k = _item_key(field, v)
        if v and k not in seen:
            seen.add(k)
            out.append(v)
    return out


def merge_fields(record: dict[str, Any], incoming: Contact, source: str,
                 kept: set[str] | None = None) -> bool:
    """Merge `incoming` into the stored `record` (a dict of columns) in place; True if anything changed.

    `kept`: fields an earlier row of the same import already gave a value; they are not overwritten
    (and the fields this row gives are added to it)."""
    changed = False
    sources = dict(record.get("field_sources") or {})
    kept = set() if kept is None else kept
    for field in SCALAR_FIELDS:
        new = getattr(incoming, field)
        if new is None or new == "":
            continue
        guessed = incoming.field_sources.get(field, "").endswith(GUESSED)
        old = record.get(field)
        owner = sources.get(field) or ""
        if old == new:
            kept.add(field)
            continue
        if field in kept:
            continue
        replace = old in (None, "") or (owner == source and source != "manual") or (
            owner.endswith(GUESSED) and not guessed)
        if replace:
            record[field] = new
            sources[field] = source + GUESSED if guessed else source
            changed = True
            kept.add(field)
    for field in LIST_FIELDS:
        merged = union(field, list(record.get(field) or []), getattr(incoming, field))
        if merged != list(record.get(field) or []):
            record[field] = merged
            changed = True
    if incoming.last_contacted and (record.get("last_contacted") is None
                                    or incoming.last_contacted > record["last_contacted"]):
        record["last_contacted"] = incoming.last_contacted
        changed = True
    if sources != (record.get("field_sources") or {}):
        record["field_sources"] = sources
    if changed:
        record["name_key"] = name_key(record["first_name"], record["middle_name"], record["last_name"])
        record["company_key"] = company_key(record["company"])
    return changed


def new_record(contact: Contact, source: str) -> dict[str, Any]:
    record: dict[str, Any] = {f: getattr(contact, f) for f in SCALAR_FIELDS}
    record.update({f: list(getattr(contact, f)) for f in LIST_FIELDS})
    record["field_sources"] = {
        f: contact.field_sources.get(f, source) for f in SCALAR_FIELDS if getattr(contact, f) not in (None, "")
    }
    dates = [d for d in [contact.last_contacted, *(i.date for i in contact.interactions)] if d]
    record["last_contacted"] = max(dates) if dates else None
    record["name_key"] = name_key(contact.first_name, contact.middle_name, contact.last_name)
    record["company_key"] = company_key(contact.company)
    return record


def source_keys(contact: Contact, source: str, source_id: str = "") -> tuple[str, ...]:
    """The keys a row is remembered by: the export's own id for the person, and a hash of the row's
    identity fields (what the person is, not the notes that grow)."""
    identity = [contact.first_name, contact.middle_name, contact.last_name, contact.company, contact.title,
                sorted(clean_identity(e).casefold() for e in contact.emails),
                sorted(phone_key(p) for p in contact.phones), contact.linkedin_url.lower(), contact.location,
                contact.birthday]
    digest = hashlib.sha256(json.dumps(identity, ensure_ascii=False).encode("utf-8")).hexdigest()
    keys = (f"{source}:row:{digest}",)
    if source_id.strip():
        uid = hashlib.sha256(source_id.strip().encode("utf-8")).hexdigest()
        keys = (f"{source}:id:{uid}", *keys)
    return keys


class Merger:
    """Merge a stream of imported contacts into the store within one open transaction."""

    def __init__(self, session: Session, source: str, today: dt.date | None = None):
        self.session = session
        self.today = today or dt.date.today()
        self.pending_changes: list[dict[str, Any]] = []
        self.conn = session.connection()
        self.source = source
        self._insert = insert(CONTACTS)
        self.records: dict[int, dict[str, Any]] = {}
        self.matcher = Matcher()
        for row in session.execute(select(CONTACTS)).mappings():
            record = dict(row)
            self.records[record["id"]] = record
            self.matcher.add(record["id"], record)
        self.known_keys: set[str] = set()
        for key, cid in session.execute(select(SOURCE_KEYS.c.key, SOURCE_KEYS.c.contact_id)):
            self.known_keys.add(key)
            self.matcher.add_source_key(key, cid)
        self.pending_keys: list[dict[str, Any]] = []
        self.ids_this_run: set[str] = set()
        self.claimed: dict[int, set[str]] = {}  # contacts this import touched -> fields it gave them
        self.possible: list[tuple[int, Decision]] = []  # contacts created that may duplicate others
        self.note_keys = {(c, h) for c, h in session.execute(select(NOTES.c.contact_id, NOTES.c.text_hash))}
        self.interaction_keys = {
            (r.contact_id, r.date, r.channel, r.direction, r.summary.strip())
            for r in session.execute(select(INTERACTIONS.c.contact_id, INTERACTIONS.c.date, INTERACTIONS.c.channel,
                                            INTERACTIONS.c.direction, INTERACTIONS.c.summary))
        }
        self.dirty: set[int] = set()
        self.pending_notes: list[dict[str, Any]] = []
        self.pending_interactions: list[dict[str, Any]] = []

    def add(self, contact: Contact, source_id: str = "") -> str:
        """Merge one contact: returns 'created', 'updated' or 'unchanged'."""
        keys = source_keys(contact, self.source, source_id)
        if source_id.strip():
            if keys[0] in self.ids_this_run:
                keys = keys[1:]  # an id two entries of one file share is no id (a broken export)
            self.ids_this_run.add(keys[0])
        decision = self.matcher.decide(contact, keys, claimed=set(self.claimed))
        cid = decision.contact_id
        if cid is None:
            record = new_record(contact, self.source)
            cid = self.conn.execute(self._insert, record).inserted_primary_key[0]
            record["id"] = cid
            self.records[cid] = record
            self.matcher.add(cid, record)
            self.claimed[cid] = {f for f in SCALAR_FIELDS if record.get(f) not in (None, "")}
            if decision.possible:
                self.possible.append((cid, decision))
            self._remember(keys, cid)
            self._children(cid, contact.notes, contact.interactions)
            self._flush(force=False)
            return "created"
        self._remember(keys, cid)
        record = self.records[cid]
        before = (record.get("company") or "", record.get("title") or "")
        changed = merge_fields(record, contact, self.source, self.claimed.setdefault(cid, set()))
        if changed and before[0] and (record.get("company") or "", record.get("title") or "") != before:
            self._job_change(cid, before, record)
        if changed:
            self.dirty.add(cid)
            self.matcher.add(cid, record)
        added = self._children(cid, contact.notes, contact.interactions)
        if added and contact.interactions:
            latest = max(i.date for i in contact.interactions)
            if record.get("last_contacted") is None or latest > record["last_contacted"]:
                record["last_contacted"] = latest
                self.dirty.add(cid)
        self._flush(force=False)
        return "updated" if changed or added else "unchanged"

    def _job_change(self, cid: int, before: tuple[str, str], record: dict[str, Any]) -> None:
        """A newer export changed where they work or their title: their news, kept with both values."""
        change = {"contact_id": cid, "date": self.today, "source": self.source, "old_company": before[0],
                  "old_title": before[1], "new_company": record.get("company") or "",
                  "new_title": record.get("title") or ""}
        self.pending_changes.append(change)
        text = job_change_note(change)
        key = (cid, note_hash(text))
        if key not in self.note_keys:
            self.note_keys.add(key)
            self.pending_notes.append({"contact_id": cid, "text": text, "text_hash": key[1], "date": self.today,
                                       "source": self.source})

    def _remember(self, keys: tuple[str, ...], cid: int) -> None:
        for key in keys:
            if key not in self.known_keys:
                self.known_keys.add(key)
                self.matcher.add_source_key(key, cid)
                self.pending_keys.append({"key": key, "contact_id": cid})

    def _children(self, cid: int, notes: list[Note], interactions: list[Interaction]) -> bool:
        added = False
        for note in notes:
            key = (cid, note_hash(note.text))
            if note.text.strip() and key not in self.note_keys:
                self.note_keys.add(key)
                self.pending_notes.append({"contact_id": cid, "text": note.text, "text_hash": key[1],
                                           "date": note.date, "source": note.source or self.source})
                added = True
        for item in interactions:
            key = (cid, item.date, item.channel, item.direction, item.summary.strip())
            if key not in self.interaction_keys:
                self.interaction_keys.add(key)
                self.pending_interactions.append({"contact_id": cid, "date": item.date, "channel": item.channel,
                                                  "direction": item.direction, "summary": item.summary})
                added = True
        return added

    def _flush(self, force: bool) -> None:
        if self.pending_notes and (force or len(self.pending_notes) >= _BATCH):
            self.session.execute(insert(NOTES), self.pending_notes)
            self.pending_notes = []
        if self.pending_interactions and (force or len(self.pending_interactions) >= _BATCH):
            self.session.execute(insert(INTERACTIONS), self.pending_interactions)
            self.pending_interactions = []
        if self.pending_changes and force:
            self.session.execute(insert(JOB_CHANGES), self.pending_changes)
            self.pending_changes = []
        if self.pending_keys and (force or len(self.pending_keys) >= _BATCH):
            self.session.execute(insert(SOURCE_KEYS), self.pending_keys)
            self.pending_keys = []

    def restore(self, item: Restore) -> list[str]:
        """Restore a backup's profile and tag cadences: what is empty or missing here is filled, nothing
        already set is overwritten. Returns what was restored, for the report."""
        done: list[str] = []
        if item.profile is not None:
            row = self.session.get(ProfileRow, 1) or ProfileRow(id=1, name="", headline="", goals="",
                                                                target_companies=[], target_roles=[])
            filled = []
            for key, value in item.profile.model_dump().items():
                if value and not getattr(row, key):
                    setattr(row, key, list(value) if isinstance(value, list) else value)
                    filled.append(key.replace("_", " "))
            if filled:
                self.session.add(row)
                done.append(f"profile ({', '.join(filled)})")
        existing = {t.casefold() for t in self.session.scalars(select(TagCadenceRow.tag))}
        added = [tag for tag in item.tag_cadences if tag.casefold() not in existing]
        for tag in added:
            self.session.add(TagCadenceRow(tag=tag, days=item.tag_cadences[tag]))
        if added:
            done.append(f"tag cadences ({', '.join(f'{t}: {item.tag_cadences[t]} days' for t in added)})")
        self.session.flush()
        return done

    def finish(self) -> None:
        """Write the merged fields of every contact that changed, and the remaining notes."""
        self._flush(force=True)
        if not self.dirty:
            return
        columns = (*SCALAR_FIELDS, *LIST_FIELDS, "field_sources", "last_contacted", "name_key", "company_key")
        stmt = (update(CONTACTS).where(CONTACTS.c.id == bindparam("_id"))
                .values({c: bindparam(c) for c in columns} | {"updated_at": func.now()}))
        batch = []
        for cid in sorted(self.dirty):
            record = self.records[cid]
            batch.append({"_id": cid, **{c: record.get(c) for c in columns}})
            if len(batch) >= _BATCH:
                self.session.connection().execute(stmt, batch)
                batch = []
        if batch:
            self.session.connection().execute(stmt, batch)

