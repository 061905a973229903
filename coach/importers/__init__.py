"""Importers: LinkedIn, Google Contacts, vCard, Markdown notes, the coach's own CSV and its JSON backup.

`read_rows(path, fmt)` detects the format from the content (or takes the one
forced), opens the file as a decoded stream and yields one `Row` per person or
a `Skip` per unreadable row. Files that cannot be read or recognised raise
`ImportFormatError` (one sentence, nothing written). The store merges rows in
one transaction (`coach.importers.merge`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, model_serializer

from coach.errors import ImportFormatError, InputError
from coach.importers.records import Restore, Row, Skip

FORMATS = ("linkedin", "google", "vcard", "markdown", "coach", "json")


class SkippedRow(BaseModel):
    line: int = Field(description="Line of the file where the row starts (1 for a Markdown file; "
                                  "the contact's number in a JSON backup).")
    reason: str


class ImportReport(BaseModel):
    """What an import did: `coach import --json` prints this."""

    file: str
    format: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[SkippedRow] = Field(default_factory=list)
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
    from coach.importers import backup, detection, google, linkedin, markdown, native, vcard
    from coach.importers.encoding import open_text

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
    parser = {"linkedin": linkedin.parse, "google": google.parse, "vcard": vcard.parse,
              "coach": native.parse, "json": backup.parse}[fmt]

    def rows() -> Iterator[Row | Skip]:
        stream, _encoding = open_text(path, on_read)
        with stream:
            yield from parser(stream, str(path))

    return fmt, named(rows())


EMPTY_NAME = "the name is empty once invisible characters (zero-width spaces, direction marks) are removed"


def named(rows: Iterator[Row | Skip | Restore]) -> Iterator[Row | Skip | Restore]:
    """Every importer's rows, a person whose name is only invisible characters turned into a skip."""
    for item in rows:
        if isinstance(item, Row) and not item.contact.name:
            yield Skip(item.line, EMPTY_NAME)
        else:
            yield item


__all__ = ["FORMATS", "ImportReport", "Restore", "Row", "Skip", "SkippedRow", "read_rows"]
