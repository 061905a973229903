"""Recognise an export from its content (the file name is only a hint for Markdown)."""

from __future__ import annotations

from pathlib import Path

from coach.core.errors import ImportFormatError
from coach.crm.importers import backup, google, linkedin, linkedin_contacts, native, outlook
from coach.crm.importers.encoding import detect_encoding, looks_binary, read_sample
from coach.crm.importers.markdown import SUFFIXES
from coach.crm.importers.tabular import DELIMITERS, header_under

UNRECOGNISED = (
    "{name} is not a recognised contacts export: expected a LinkedIn Connections.csv or Imported Contacts.csv, a Google "
    "or Outlook contacts CSV, a vCard (.vcf), Markdown notes or a coach export (CSV or JSON); pass --format to force one."
)


def detect(path: Path) -> str:
    """One of `FORMATS` ('linkedin', 'outlook', 'google', 'vcard', …); ImportFormatError when it is none of them."""
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
    if backup.looks_like(text):
        return "json"
    if text.startswith("---\n") or text.startswith("---\r\n") or path.suffix.lower() in SUFFIXES:
        return "markdown"
    found = header_format(text)
    if found:
        return found
    raise ImportFormatError(UNRECOGNISED.format(name=path))


def header_format(text: str) -> str | None:
    """The CSV export whose header appears in `text`, under any of the delimiters spreadsheets use."""
    for delimiter in DELIMITERS:
        # Outlook's layout before Google's: Google's current header shares First Name, Middle Name.
        for name, matches in (("coach", native.is_header), ("outlook", outlook.is_header),
                              ("google", google.is_header), ("linkedin", linkedin.is_header),
                              ("linkedin-contacts", linkedin_contacts.is_header)):
            if header_under(text, delimiter, matches):
                return name
    return None
