"""What every importer yields, and the small parsers they share (dates, names, URLs)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dateutil import parser as dateparser

from coach.core.domain import DESIGNATIONS, HONORIFICS, Contact, Note, Profile

MAX_NOTE_CHARS = 20_000
MAX_FIELD_CHARS = 500
MAX_ITEMS = 50  # emails, phones or tags per contact


@dataclass
class Row:
    """One person read from a file, with the problems found on its line.

    `source_id` is the export's own identifier for the person when it has one (a vCard UID): the
    same id from the same kind of export is the same person.
    """

    line: int
    contact: Contact
    problems: list[str] = field(default_factory=list)
    source_id: str = ""


@dataclass
class Skip:
    """A row that could not be imported, and why (in one sentence)."""

    line: int
    reason: str


@dataclass
class Restore:
    """What a full backup carries besides contacts: the user's profile and the per-tag cadences."""

    profile: Profile | None = None
    tag_cadences: dict[str, int] = field(default_factory=dict)


class FieldProblems:
    """Collects per-row problems while a row's fields are cleaned."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def text(self, value: object, label: str, limit: int = MAX_FIELD_CHARS) -> str:
        text = "" if value is None else str(value)
        text = text.replace("\x00", "").strip()
        if len(text) > limit:
            self.items.append(f"{label} was {len(text):,} characters long and was cut to {limit:,}")
            text = text[:limit].rstrip()
        return text

    def items_list(self, values: list[str], label: str) -> list[str]:
        out: list[str] = []
        for v in values:
            v = self.text(v, label)
            if v and v not in out:
                out.append(v)
        if len(out) > MAX_ITEMS:
            self.items.append(f"{len(out)} {label} values; kept the first {MAX_ITEMS}")
            out = out[:MAX_ITEMS]
        return out

    def date(self, value: object, label: str) -> dt.date | None:
        text = self.text(value, label, 100)
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            self.items.append(f"{label} {text[:40]!r} is not a date; imported the row without it")
            return None

    def note(self, text: object, source: str, date: dt.date | None = None) -> Note | None:
        body = self.text(text, "a note", MAX_NOTE_CHARS)
        return Note(text=body, date=date, source=source) if body else None


_NUMERIC_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str) -> dt.date:
    """A date as exports write it: 2024-03-12, 12 Mar 2024, 7-Feb-22, 03/12/2024 (month first)."""
    text = text.strip()
    if _NUMERIC_DATE.match(text):
        return dt.date.fromisoformat(text)
    for fmt in ("%d %b %Y", "%d-%b-%y"):  # LinkedIn, new and old
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    if not re.search(r"\d", text) or len(text) > 40:
        raise ValueError(text)
    try:
        value = dateparser.parse(text, default=dt.datetime(1900, 1, 1))
    except (ValueError, OverflowError, TypeError) as exc:
        raise ValueError(text) from exc
    if not 1900 <= value.year <= 2200:
        raise ValueError(text)
    return value.date()


def parse_birthday(text: str) -> str:
    """ISO date, or --MM-DD when the year is unknown (Google and vCard write --07-01 or --0701)."""
    text = text.strip()
    if not text:
        return ""
    m = re.fullmatch(r"--(\d{2})-?(\d{2})", text)
    if m:
        month, day = int(m.group(1)), int(m.group(2))
        dt.date(2000, month, day)  # raises ValueError on 13/45
        return f"--{month:02d}-{day:02d}"
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    return parse_date(text).isoformat()


def split_name(full: str) -> tuple[str, str, str]:
    """'Ana María López' -> ('Ana', 'María', 'López'); one word is a first name. A title before the name stays
    with the first name ('Dr. Anjali Raghunathan' -> ('Dr. Anjali', '', 'Raghunathan')), where the greeting
    finds it (`Contact.honorific`)."""
    parts = full.split()
    if len(parts) >= 2 and parts[0].rstrip(".").casefold() in HONORIFICS or \
            len(parts) >= 3 and parts[0].rstrip(".").casefold() in DESIGNATIONS and parts[0][:1].isupper():
        parts = [f"{parts[0]} {parts[1]}", *parts[2:]]  # 'CA Meenakshi Iyer': a designation stays with the name
    if not parts:
        return "", "", ""
    if len(parts) == 1:
        return parts[0], "", ""
    return parts[0], " ".join(parts[1:-1]), parts[-1]


GUESSED = "+guessed"  # suffix of a field source: the value stands in for a missing one (see merge_fields)


def fallback_name(contact: Contact, source: str, nickname: str = "", organisation: str = "") -> str:
    """Give a person without a name one from their nickname, organisation or first email, marked as
    guessed (any real name imported later replaces it). Returns the sentence for the report, or ''
    when there was nothing to name them after."""
    from coach.crm.importers.hygiene import email

    valid = next((e for e in contact.emails if email(e)), "")
    for value, what in ((nickname, "nickname"), (organisation, "organisation"), (valid, "email address")):
        value = " ".join(value.split())
        if value:
            contact.first_name = value
            contact.field_sources = {**contact.field_sources, "first_name": source + GUESSED}
            return f"the entry has no name; named it after its {what} ({value[:60]!r}) until a real name comes"
    return ""


def split_multi(value: str) -> list[str]:
    """Google joins several values in one cell with ' ::: '."""
    return [v.strip() for v in value.split(":::") if v.strip()] if value else []


_LINKEDIN = re.compile(r"(?:https?://)?(?:[\w-]+\.)?linkedin\.com/(in|pub|company)/([^/?#\s]+)", re.I)


def normalize_linkedin(url: str) -> str:
    """The canonical https://www.linkedin.com/in/<slug> form, or '' when it is not a LinkedIn profile."""
    m = _LINKEDIN.search(url or "")
    if not m:
        return ""
    return f"https://www.linkedin.com/{m.group(1).lower()}/{m.group(2).rstrip('/').lower()}"


def is_linkedin(url: str) -> bool:
    return bool(_LINKEDIN.search(url or ""))


def clean_tag(tag: str) -> str:
    return tag.strip().lstrip("#").strip()
