"""Streamed CSV reading: find the header row, then yield rows with their line numbers.

Exports put things before the header (LinkedIn's `Notes:` preamble), so the
header is found by its column names in the first rows rather than by skipping
a fixed count. The delimiter is found the same way: a European spreadsheet saves
"CSV" with semicolons (the comma is its decimal mark), some tools with tabs, so
the first lines are read under each candidate and the one whose header the
importer recognises wins (csv.Sniffer decides when none does). Rows are yielded
one at a time from a decoded text stream.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from coach.core.errors import ImportFormatError
from coach.crm.importers.records import Skip

HEADER_SCAN_ROWS = 60
DELIMITERS = (",", ";", "\t", "|")
SNIFF_CHARS = 256 * 1024  # the first lines read to choose the delimiter
FIELD_LIMIT = 8 * 1024 * 1024  # one cell may be large (a 1 MB note) but not unbounded

csv.field_size_limit(FIELD_LIMIT)


def norm_header(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").split()).casefold()


class CsvRows:
    """Iterate a CSV stream as (start_line, cells), turning csv errors into skips.

    A file that ends inside a quoted field is truncated: that raises
    ImportFormatError at the end, which rolls the whole import back.
    """

    def __init__(self, stream: Iterable[str], name: str, delimiter: str = ","):
        self.name = name
        self.reader = csv.reader(stream, strict=True, delimiter=delimiter)
        self._last_line = 0

    def __iter__(self) -> Iterator[tuple[int, list[str]] | Skip]:
        while True:
            start = self._last_line + 1
            try:
                cells = next(self.reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self._last_line = self.reader.line_num
                message = str(exc)
                if "unexpected end of data" in message:
                    raise ImportFormatError(
                        f"{self.name} ends inside a quoted field at line {start}: the file looks truncated; "
                        "export it again."
                    ) from None
                if "field larger than field limit" in message:
                    message = f"a cell is larger than {FIELD_LIMIT // (1024 * 1024)} MB"
                yield Skip(start, f"unreadable CSV row ({message})")
                continue
            self._last_line = self.reader.line_num
            yield start, cells


def find_header(
    rows: Iterator[tuple[int, list[str]] | Skip], matches: Callable[[set[str]], bool]
) -> tuple[int, list[str]] | None:
    """Advance `rows` to the first header row accepted by `matches`; None if none in the first rows."""
    for scanned, item in enumerate(rows):
        if scanned >= HEADER_SCAN_ROWS:
            return None
        if isinstance(item, Skip):
            continue
        line, cells = item
        if matches({norm_header(c) for c in cells}):
            return line, cells
    return None


def header_under(text: str, delimiter: str, matches: Callable[[set[str]], bool]) -> bool:
    """Whether `text` (the start of a file) has a header row `matches` accepts when split on `delimiter`."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in itertools.islice(reader, HEADER_SCAN_ROWS):
            if matches({norm_header(c) for c in cells}):
                return True
    except csv.Error:
        return False
    return False


def sniff_delimiter(text: str, matches: Callable[[set[str]], bool]) -> str:
    """The delimiter of a CSV export whose first lines are `text`: comma, semicolon, tab or bar."""
    for delimiter in DELIMITERS:
        if header_under(text, delimiter, matches):
            return delimiter
    try:
        return csv.Sniffer().sniff(text[:SNIFF_CHARS], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return ","


def head_lines(stream: TextIO) -> list[str]:
    """The first lines of `stream` (up to HEADER_SCAN_ROWS lines or SNIFF_CHARS characters), consumed."""
    lines: list[str] = []
    size = 0
    for line in stream:
        lines.append(line)
        size += len(line)
        if len(lines) >= HEADER_SCAN_ROWS or size >= SNIFF_CHARS:
            break
    return lines


def table_rows(stream: TextIO, name: str, matches: Callable[[set[str]], bool], what: str):
    """Yield (line, RowView) or Skip for each data row after the header `matches` accepts."""
    head = head_lines(stream)
    delimiter = sniff_delimiter("".join(head), matches)
    rows = iter(CsvRows(itertools.chain(head, stream), name, delimiter))
    found = find_header(rows, matches)
    if found is None:
        raise ImportFormatError(
            f"{name} has no {what} header row in its first {HEADER_SCAN_ROWS} rows; "
            "check that it is the right export or pass --format."
        )
    cols = column_map(found[1])
    width = len(found[1])
    for item in rows:
        if isinstance(item, Skip):
            yield item
            continue
        line, cells = item
        if is_blank(cells):
            continue
        if len(cells) != width:
            yield Skip(line, f"the row has {len(cells)} cells where the header has {width} "
                             "(a missing quote, or a truncated line)")
            continue
        yield line, RowView(cols, cells)


def column_map(header: list[str]) -> dict[str, int]:
    """Normalized column name -> index (the first column wins on duplicates)."""
    out: dict[str, int] = {}
    for i, cell in enumerate(header):
        out.setdefault(norm_header(cell), i)
    return out


class RowView:
    """Read a CSV row by column name."""

    __slots__ = ("cells", "cols")

    def __init__(self, cols: dict[str, int], cells: list[str]):
        self.cols = cols
        self.cells = cells

    def get(self, name: str) -> str:
        i = self.cols.get(name)
        if i is None or i >= len(self.cells):
            return ""
        return self.cells[i]

    def first(self, *names: str) -> str:
        for n in names:
            v = self.get(n)
            if v.strip():
                return v
        return ""


def is_blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def table_contacts(stream: TextIO, name: str, matches: Callable[[set[str]], bool], what: str,
                   contact: Callable[[int, RowView], object]) -> Iterator:
    """Each data row made into a contact by `contact(line, row)`; a Skip from the table passes through."""
    for item in table_rows(stream, name, matches, what):
        yield item if isinstance(item, Skip) else contact(*item)
