"""Importers: LinkedIn, Google Contacts, vCard, Markdown notes and the coach's own CSV.

`read_rows(path, fmt)` detects the format from the content (or takes the one
forced), opens the file as a decoded stream and yields one `Row` per person or
a `Skip` per unreadable row. Files that cannot be read or recognised raise
`ImportFormatError` (one sentence, nothing written). The store merges rows in
one transaction (`coach.importers.merge`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import BaseModel, Field

from coach.errors import ImportFormatError, InputError
from coach.importers.records import Row, Skip

FORMATS = ("linkedin", "google", "vcard", "markdown", "coach")


class SkippedRow(BaseModel):
    line: int = Field(description="Line of the file where the row starts (1 for a Markdown file).")
    reason: str


class ImportReport(BaseModel):
    """What an import did: `coach import --json` prints this."""

    file: str
    format: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[SkippedRow] = Field(default_factory=list)


def read_rows(path: str | Path, fmt: str = "auto",
              on_read: Callable[[int], None] | None = None) -> tuple[str, Iterator[Row | Skip]]:
    """(format, rows) for the file or folder at `path`."""
    from coach.importers import detection, google, linkedin, markdown, native, vcard
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
        return fmt, markdown.parse(path)
    if path.is_dir():
        raise ImportFormatError(f"{path} is a folder; only Markdown notes can be imported from a folder.")
    parser = {"linkedin": linkedin.parse, "google": google.parse, "vcard": vcard.parse,
              "coach": native.parse}[fmt]

    def rows() -> Iterator[Row | Skip]:
        stream, _encoding = open_text(path, on_read)
        with stream:
            yield from parser(stream, str(path))

    return fmt, rows()


__all__ = ["FORMATS", "ImportReport", "Row", "Skip", "SkippedRow", "read_rows"]
