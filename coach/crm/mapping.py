"""Between SQL rows and domain models: what a contact row becomes, and how fields are written to one.

Kept apart from the store so the store reads as its operations (open, read, write,
resolve, import) and this module as the one place that knows both shapes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from coach.core.domain import Contact, Interaction, Note
from coach.crm.importers.merge import company_key, name_key
from coach.crm.tables import ContactRow, InteractionRow, NoteRow

# The fields a user may set by hand (and an import may fill): everything but ids, keys and sources.
EDITABLE = ("first_name", "middle_name", "last_name", "company", "title", "emails", "phones", "linkedin_url",
            "tags", "location", "how_we_met", "connected_on", "birthday", "cadence_days", "last_contacted")


def apply_fields(row: ContactRow, fields: dict[str, Any], field_sources: dict[str, str] | None) -> None:
    sources = dict(row.field_sources or {})
    for key, value in fields.items():
        if value is None and key not in ("cadence_days", "connected_on", "last_contacted"):
            continue
        if key in ("emails", "phones", "tags"):
            value = [str(v).strip() for v in value if str(v).strip()]
        elif isinstance(value, str):
            value = value.strip()
        if key == "linkedin_url" and value:
            from coach.crm.importers.records import normalize_linkedin

            value = normalize_linkedin(value) or value
        setattr(row, key, value)
        if value not in (None, "", []):
            sources[key] = (field_sources or {}).get(key, "manual")
    for key in EDITABLE:
        if getattr(row, key) is None and key in ("emails", "phones", "tags"):
            setattr(row, key, [])
        elif getattr(row, key) is None and key not in ("cadence_days", "connected_on", "last_contacted"):
            setattr(row, key, "")
    row.field_sources = sources
    row.sources = list(row.sources or [])
    row.name_key = name_key(row.first_name, row.middle_name, row.last_name)
    row.company_key = company_key(row.company)
    row.updated_at = dt.datetime.now()


def interaction_row(item: Interaction) -> InteractionRow:
    return InteractionRow(date=item.date, channel=item.channel, direction=item.direction, summary=item.summary)


def note_model(row: NoteRow) -> Note:
    return Note(id=row.id, contact_id=row.contact_id, text=row.text, date=row.date, source=row.source)


def contact_model(row: ContactRow, children: bool = True) -> Contact:
    contact = Contact(
        id=row.id, first_name=row.first_name, middle_name=row.middle_name, last_name=row.last_name,
        company=row.company, title=row.title, emails=list(row.emails or []), phones=list(row.phones or []),
        linkedin_url=row.linkedin_url, tags=list(row.tags or []), location=row.location,
        how_we_met=row.how_we_met, connected_on=row.connected_on, birthday=row.birthday,
        sources=list(row.sources or []), cadence_days=row.cadence_days, last_contacted=row.last_contacted,
        field_sources=dict(row.field_sources or {}),
    )
    if children:
        contact.notes = [note_model(n) for n in row.notes]
        contact.interactions = [Interaction.model_validate(i, from_attributes=True) for i in row.interactions]
    return contact
