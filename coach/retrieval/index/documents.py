"""What the index holds of a contact: the searchable document, its metadata, and what is embedded of it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from coach.core.text import fold

if TYPE_CHECKING:
    from coach.core.domain import Contact

MAX_INTERACTIONS = 5


def contact_document(contact: Contact) -> str:
    """The searchable text of a contact: who they are, how you know them, what you noted."""
    lines = [contact.name or "(no name)"]
    if contact.headline():
        lines.append(contact.headline())
    if contact.tags:
        lines.append("Tags: " + ", ".join(contact.tags))
    if contact.location:
        lines.append(f"Location: {contact.location}")
    if contact.how_we_met:
        lines.append(f"How we met: {contact.how_we_met}")
    notes = sorted(contact.notes, key=lambda n: (n.date is None, n.date), reverse=True)
    for note in notes:
        when = f"{note.date.isoformat()}: " if note.date else ""
        lines.append(f"Note: {when}{note.text.strip()}")
    if contact.interactions:
        recent = sorted(contact.interactions, key=lambda i: i.date, reverse=True)
        last = recent[0]
        lines.append(
            f"Interactions: {len(recent)}, most recent {last.date.isoformat()} by {last.channel}"
        )
        for item in recent[:MAX_INTERACTIONS]:
            if item.summary.strip():
                lines.append(f"- {item.date.isoformat()} {item.channel} ({item.direction}): {item.summary.strip()}")
    return "\n".join(lines)


def contact_metadata(contact: Contact) -> dict[str, Any]:
    return {
        "contact_id": int(contact.id or 0), "name": contact.name, "company": contact.company,
        "company_key": fold(contact.company), "title": contact.title, "location": contact.location,
        "tags": "|" + "|".join(fold(t) for t in contact.tags) + "|",
    }


_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}:? ?")
_LOGGED = re.compile(r"^- (?:\w+ )?\((?:outbound|inbound|both)\): ")


def contact_meaning(document: str) -> str:
    """What the embedding model reads of a contact document: its words without dates and bookkeeping.

    Dates, channels and the interaction count cost a third of the tokens and carry no meaning a
    query matches by paraphrase; BM25 and snippets still use the whole document.
    """
    lines = []
    for line in document.splitlines():
        if line.startswith("Interactions: "):
            continue
        line = _DATE.sub("", line)
        lines.append(_LOGGED.sub("- ", line))
    return "\n".join(lines)
