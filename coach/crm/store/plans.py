"""Keeping in touch: who is due (cadences per contact or tag), the job changes imports saw, and what the
user did with the people the weekly plan proposed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from coach.core.domain import Interaction
from coach.core.errors import InputError
from coach.crm import cadence
from coach.crm.mapping import interaction_row
from coach.crm.store.database import Database
from coach.crm.tables import ContactRow, JobChangeRow, PlanMarkRow, TagCadenceRow


class Plans(Database):
    """Cadences and who is due; job changes and plan marks for the weekly plan."""

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
