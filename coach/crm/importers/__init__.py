"""Importers: LinkedIn (Connections.csv and Imported Contacts.csv), Google Contacts, Outlook CSV (also
LinkedIn's Outlook layout), vCard, Markdown notes, the coach's own CSV and its JSON backup.

`read_rows(path, fmt)` detects the format from the content (or takes the one
forced), opens the file as a decoded stream and yields one `Row` per person or
a `Skip` per unreadable row or line (a line that does not decode, a NUL byte).
Emails and phones from other apps' exports are cleaned (`coach.crm.importers.hygiene`). Files that cannot be read or recognised raise
`ImportFormatError` (one sentence, nothing written). The store merges rows in
one transaction (`coach.crm.importers.merge`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, model_serializer

from coach.core.errors import ImportFormatError, InputError
from coach.crm.importers.records import Restore, Row, Skip

FORMATS = ("linkedin", "linkedin-contacts", "outlook", "google", "vcard", "markdown", "coach", "json")
_OWN_FORMATS = ("coach", "json")  # the coach's own exports: what the store held comes back exactly


class SkippedRow(BaseModel):
    line: int = Field(description="Line of the file where the row starts (1 for a Markdown file; "
                                  "the contact's number in a JSON backup).")
    reason: str


class PossibleDuplicate(BaseModel):
    """A contact the import created although it resembles others: `coach contacts merge` joins them
    if they are one person."""

    id: int = Field(description="The contact the import created.")
    name: str
    matches: list[int] = Field(description="The contacts it resembles.")
    reason: str = Field(description="Why it was kept apart, in one sentence.")


class ImportReport(BaseModel):
    """What an import did: `coach import --json` prints this."""

    file: str
    format: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[SkippedRow] = Field(default_factory=list)
    possible_duplicates: list[PossibleDuplicate] = Field(
        default_factory=list, description="Created contacts that share a name with others but were not merged.")
    restored: list[str] = Field(default_factory=list,
                                description="What a JSON backup restored besides contacts (profile, cadences).")

    @model_serializer(mode="wrap")
    def _without_empty_restored(self, handler) -> dict[str, Any]:
        data = handler(self)
        if not data.get("restored"):
            data.pop("restored", None)
        return data


def read_rows(path: str | Path, fmt: str = "auto",
              on_read: Callable[[int], None] | None = None) -> tuple[str, Iterator[Row | Skip | Restore]]:
    """(format, rows) for the file or folder at `path` (a JSON backup also yields one `Restore`)."""
    from coach.crm.importers import (
        backup,
        detection,
        google,
        linkedin,
        linkedin_contacts,
        markdown,
        native,
        outlook,
        vcard,
    )
    from coach.crm.importers.encoding import open_text

    path = Path(path).expanduser()
    if not path.exists():
        raise ImportFormatError(f"{path} does not exist; check the path and try again.")
    fmt = (fmt or "auto").lower()
    if fmt == "auto":
        fmt = detection.detect(path)
    elif fmt not in FORMATS:
        raise InputError(f"Unknown format {fmt!r}: use one of auto, {', '.join(FORMATS)}.")
    if fmt == "markdown":
        return fmt, named(markdown.parse(path))
    if path.is_dir():
        raise ImportFormatError(f"{path} is a folder; only Markdown notes can be imported from a folder.")
    parser = {"linkedin": linkedin.parse, "linkedin-contacts": linkedin_contacts.parse, "outlook": outlook.parse,
              "google": google.parse, "vcard": vcard.parse, "coach": native.parse, "json": backup.parse}[fmt]

    def rows() -> Iterator[Row | Skip]:
        stream, _encoding = open_text(path, on_read)
        take = getattr(stream, "take_problems", list)
        with stream:
            for item in parser(stream, str(path)):
                for problem in take():
                    yield Skip(problem.line, problem.reason)
                yield item
            for problem in take():
                yield Skip(problem.line, problem.reason)

    items = named(rows())
    return fmt, (items if fmt in _OWN_FORMATS else tidied(items))


EMPTY_NAME = "the name is empty once invisible characters (zero-width spaces, direction marks) are removed"


def named(rows: Iterator[Row | Skip | Restore]) -> Iterator[Row | Skip | Restore]:
    """Every importer's rows, a person whose name is only invisible characters turned into a skip."""
    for item in rows:
        if isinstance(item, Row) and not item.contact.name:
            yield Skip(item.line, EMPTY_NAME)
        else:
            yield item


def tidied(rows: Iterator[Row | Skip | Restore]) -> Iterator[Row | Skip | Restore]:
    """Other apps' rows with emails validated and phones normalised; what was left out is reported."""
    from coach.crm.importers.hygiene import Hygiene

    for item in rows:
        if isinstance(item, Row):
            hygiene = Hygiene(item.problems)
            contact = item.contact
            contact.emails = hygiene.emails(contact.emails, "the email")
            contact.phones = hygiene.phones(contact.phones, "the phone")
        yield item


__all__ = ["FORMATS", "ImportReport", "PossibleDuplicate", "Restore", "Row", "Skip", "SkippedRow", "read_rows"]
