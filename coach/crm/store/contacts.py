"""The store's contacts: listed, found by id or name, added, edited, merged and deleted."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from coach.core.domain import Contact, clean_fields
from coach.core.errors import AmbiguousError, InputError, NotFoundError
from coach.crm.importers.merge import company_key, normalize, note_hash, short_name_key
from coach.crm.mapping import EDITABLE, apply_fields, contact_model, interaction_row
from coach.crm.store.database import Database
from coach.crm.tables import ContactRow, NoteRow, SourceKeyRow


class Contacts(Database):
    """Contacts: who they are, found by id or name (fuzzy), added, edited, merged, deleted."""

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


def _display(row: Any) -> str:
    name = " ".join(p for p in (row.first_name, row.last_name) if p)
    return f"{name}, {row.company}" if row.company else name


def _ambiguous(query: str, labels: list[str]) -> str:
    return f"'{query}' matches several contacts: {'; '.join(labels)}; use the id or the full name."
