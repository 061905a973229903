"""The store's notes and logged interactions, each added to one contact."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from coach.core.domain import Interaction, Note
from coach.core.errors import InputError
from coach.crm.importers.merge import note_hash
from coach.crm.mapping import interaction_row, note_model
from coach.crm.store.database import Database
from coach.crm.tables import NoteRow


class Notes(Database):
    """Notes (never duplicated) and logged interactions, which move the last contact date."""

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
