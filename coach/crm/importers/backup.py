"""The coach's full backup (`coach export --format json`): contacts, the user's profile and tag cadences.

One JSON document. The export writes one contact per line (easy to diff and grep), but any
valid JSON with the same shape reads back:

    {"format": "networking-coach", "version": 1,
     "profile": {...}, "tag_cadences": {"mentor": 60},
     "contacts": [{"first_name": ..., "notes": [...], "interactions": [...], "field_sources": {...}}, ...]}

Importing yields a `Restore` (profile and cadences) and then one `Row` per contact, so a
backup restored into an empty COACH_HOME gives back everything the export held.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from pydantic import ValidationError

from coach.core.domain import Contact, Profile
from coach.core.errors import ImportFormatError
from coach.crm.importers.records import FieldProblems, Restore, Row, Skip

MARKER = "networking-coach"
VERSION = 1
SOURCE = "coach"


def looks_like(text: str) -> bool:
    """Whether the start of a file is a coach backup (the marker comes first in what we write)."""
    head = text.lstrip()
    return head.startswith("{") and f'"format": "{MARKER}"' in head[:200].replace('":"', '": "')


def parse(stream: TextIO, name: str) -> Iterator[Row | Skip | Restore]:
    try:
        document = json.load(stream)
    except (ValueError, RecursionError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ImportFormatError(f"{name} is not valid JSON ({first[:100]}); export the backup again.") from None
    if not isinstance(document, dict) or document.get("format") != MARKER:
        raise ImportFormatError(f"{name} is not a coach backup (no \"format\": \"{MARKER}\"); "
                                "pass the file `coach export --format json` wrote.")
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise ImportFormatError(f"{name} is a backup of version {version!r}, newer than this coach reads "
                                f"({VERSION}); upgrade the coach.")
    contacts = document.get("contacts") or []
    if not isinstance(contacts, list):
        raise ImportFormatError(f"{name} has no list of contacts; export the backup again.")
    yield _restore(document, name)
    for number, item in enumerate(contacts, start=1):
        yield _contact(number, item)


def _restore(document: dict[str, Any], name: str) -> Restore:
    try:
        profile = Profile.model_validate(document["profile"]) if document.get("profile") else None
        cadences = {str(tag): int(days) for tag, days in (document.get("tag_cadences") or {}).items()
                    if int(days) >= 1}
    except (ValidationError, ValueError, TypeError, AttributeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ImportFormatError(f"{name} has an invalid profile or tag cadences ({first[:100]}); "
                                "export the backup again.") from None
    return Restore(profile=profile, tag_cadences=cadences)


def _contact(number: int, item: Any) -> Row | Skip:
    if not isinstance(item, dict):
        return Skip(number, f"contact {number} is not a JSON object")
    fields = {k: v for k, v in item.items() if k not in ("id", "name")}
    try:
        contact = Contact.model_validate(fields)
    except ValidationError as exc:
        first = str(exc).splitlines()
        return Skip(number, f"contact {number} has an invalid value ({' '.join(first[:2])[:120]})")
    p = FieldProblems()
    for note in contact.notes:
        note.id = note.contact_id = None
        note.text = p.text(note.text, "a note", 20_000)
    contact.notes = [n for n in contact.notes if n.text]
    for interaction in contact.interactions:
        interaction.id = interaction.contact_id = None
    if not (contact.first_name or contact.last_name):
        return Skip(number, f"contact {number} has no first_name or last_name")
    if not contact.sources:
        contact.sources = [SOURCE]
    return Row(number, contact, p.items)
