"""Recognise an export from its content (the file name is only a hint for Markdown)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from coach.errors import ImportFormatError
from coach.importers import google, linkedin, native
from coach.importers.encoding import detect_encoding, looks_binary, read_sample
from coach.importers.markdown import SUFFIXES
from coach.importers.tabular import HEADER_SCAN_ROWS, norm_header

UNRECOGNISED = (
    "{name} is not a recognised contacts export: expected a LinkedIn Connections.csv, a Google Contacts CSV, "
    "a vCard (.vcf), Markdown notes or a coach export; pass --format to force one."
)


def detect(path: Path) -> str:
    """'linkedin', 'google', 'vcard', 'markdown' or 'coach'; ImportFormatError when it is none of them."""
    if path.is_dir():
        return "markdown"
    sample = read_sample(path)
    if not sample.strip():
        raise ImportFormatError(f"{path} is empty; export your contacts again and retry.")
    if looks_binary(sample):
        raise ImportFormatError(
            f"{path} is not a text file (it looks binary); import a CSV, vCard (.vcf) or Markdown export."
        )
    text = sample.decode(detect_encoding(sample), errors="replace").lstrip("\ufeff \t\r\n")
    if text[:11].upper() == "BEGIN:VCARD":
        return "vcard"
    if text.startswith("---\n") or text.startswith("---\r\n") or path.suffix.lower() in SUFFIXES:
        return "markdown"
    found = header_format(text)
    if found:
        return found
    raise ImportFormatError(UNRECOGNISED.format(name=path))


def header_format(text: str) -> str | None:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for i, cells in enumerate(reader):
            if i >= HEADER_SCAN_ROWS:
                break
            cols = {norm_header(c) for c in cells}
            for name, matches in (("coach", native.is_header), ("google", google.is_header),
                                  ("linkedin", linkedin.is_header)):
                if matches(cols):
                    return name
    except csv.Error:
        return None
    return None
