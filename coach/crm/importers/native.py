"""The coach's own CSV (`coach export --format csv`): lossless, one person per row.

Lists are joined with ` ::: ` (as Google does); notes, interactions and field
provenance are JSON cells, so that importing an export gives back the same
contacts, notes and history, and keeps protecting what the user typed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TextIO

from pydantic import TypeAdapter, ValidationError

from coach.core.domain import Contact, Interaction, Note
from coach.crm.importers.records import FieldProblems, Row, Skip, parse_birthday, split_multi
from coach.crm.importers.tabular import RowView, table_rows

SOURCE = "coach"
COLUMNS = [
    "first_name", "middle_name", "last_name", "company", "title", "emails", "phones", "linkedin_url",
    "tags", "location", "how_we_met", "connected_on", "birthday", "cadence_days", "last_contacted",
    "sources", "field_sources", "notes", "interactions",
]
LIST_COLUMNS = ("emails", "phones", "tags", "sources")
# A cell a spreadsheet would run as a formula starts with one of these (OWASP "CSV injection").
FORMULA_LEADS = "=+-@\t\r"
_NEEDS_ESCAPE = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
_NOTES = TypeAdapter(list[Note])


def escape_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a formula lead gets a single quote in front ('=SUM(A1)).

    Text that already starts with quotes before a lead gets one more, so `unescape_cell` can
    strip exactly the quote added here and every text comes back as it was.
    """
    return "'" + value if _NEEDS_ESCAPE.match(value) else value


def unescape_cell(value: str) -> str:
    """The text `escape_cell` was given: one leading quote removed before a formula lead, nothing else."""
    return value[1:] if _ESCAPED.match(value) else value
_INTERACTIONS = TypeAdapter(list[Interaction])


def is_header(cols: set[str]) -> bool:
    return {"first_name", "last_name", "linkedin_url", "notes", "field_sources"} <= cols


def parse(stream: TextIO, name: str) -> Iterator[Row | Skip]:
    for item in table_rows(stream, name, is_header, "coach export (first_name, last_name, …, notes)"):
        if isinstance(item, Skip):
            yield item
            continue
        line, row = item
        row.cells = [unescape_cell(c) for c in row.cells]
        try:
            yield _contact(line, row)
        except (ValueError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            yield Skip(line, f"the row has an invalid value ({first[:120]})")


def _contact(line: int, row: RowView) -> Row | Skip:
    p = FieldProblems()
    contact = Contact(**{c: p.text(row.get(c), c) for c in (
        "first_name", "middle_name", "last_name", "company", "title", "linkedin_url", "location")})
    if not (contact.first_name or contact.last_name):
        return Skip(line, "the row has no first_name or last_name")
    for column in LIST_COLUMNS:
        setattr(contact, column, p.items_list(split_multi(row.get(column)), column))
    contact.how_we_met = p.text(row.get("how_we_met"), "how_we_met", 20_000)
    contact.connected_on = p.date(row.get("connected_on"), "connected_on")
    contact.last_contacted = p.date(row.get("last_contacted"), "last_contacted")
    if row.get("birthday").strip():
        contact.birthday = parse_birthday(row.get("birthday"))
    if row.get("cadence_days").strip():
        contact.cadence_days = int(row.get("cadence_days"))
    if row.get("field_sources").strip():
        value = json.loads(row.get("field_sources"))
        if isinstance(value, dict):
            contact.field_sources = {str(k): str(v) for k, v in value.items()}
    if row.get("notes").strip():
        contact.notes = [n.model_copy(update={"id": None, "contact_id": None})
                         for n in _NOTES.validate_json(row.get("notes"))]
        for note in contact.notes:
            note.text = p.text(note.text, "a note", 20_000)
        contact.notes = [n for n in contact.notes if n.text]
    if row.get("interactions").strip():
        contact.interactions = [i.model_copy(update={"id": None, "contact_id": None})
                                for i in _INTERACTIONS.validate_json(row.get("interactions"))]
    if not contact.sources:
        contact.sources = [SOURCE]
    return Row(line, contact, p.items)
