"""vCard 2.1, 3.0 and 4.0, parsed by vobject one card at a time.

The file is streamed: cards are cut at BEGIN:VCARD / END:VCARD (so that each
gets its line number and a broken card is skipped alone), then vobject parses
folded lines, quoted-printable (2.1), escaped commas and structured values.
The coach's own export adds X-COACH-* properties and note parameters, so
that importing an export gives back the same contacts, notes and history.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any, TextIO

import vobject

from coach.domain import Contact, Interaction
from coach.errors import ImportFormatError
from coach.importers.records import (
    FieldProblems,
    Row,
    Skip,
    clean_tag,
    is_linkedin,
    normalize_linkedin,
    parse_birthday,
    parse_date,
    split_name,
)

SOURCE = "vcard"
MAX_CARD_CHARS = 8 * 1024 * 1024
_READ_CHUNK = 1 << 20


def _lines(stream: TextIO) -> Iterator[tuple[int, str, bool]]:
    """(line number, text, complete) — very long lines come in pieces, so memory stays bounded."""
    number = 1
    while True:
        piece = stream.readline(_READ_CHUNK)
        if not piece:
            return
        complete = piece.endswith(("\n", "\r"))
        yield number, piece, complete
        if complete:
            number += 1


def cards(stream: TextIO, name: str) -> Iterator[tuple[int, str | None]]:
    """(line of BEGIN, card text) for each card; text is None when the card is oversized."""
    start, buf, size, depth, seen = 0, [], 0, 0, False
    for number, piece, _complete in _lines(stream):
        stripped = piece.strip().upper()
        if depth == 0:
            if stripped.startswith("BEGIN:VCARD"):
                start, buf, size, depth, seen = number, [piece], len(piece), 1, True
            continue
        if stripped.startswith("BEGIN:VCARD"):
            depth += 1
        elif stripped.startswith("END:VCARD"):
            depth -= 1
        size += len(piece)
        if size <= MAX_CARD_CHARS:
            buf.append(piece)
        if depth == 0:
            yield start, ("".join(buf) if size <= MAX_CARD_CHARS else None)
            buf = []
    if depth:
        raise ImportFormatError(
            f"{name} ends inside the vCard that starts at line {start} (no END:VCARD): "
            "the file looks truncated; export it again."
        )
    if not seen:
        raise ImportFormatError(f"{name} contains no vCard (no BEGIN:VCARD line); check that it is a .vcf export.")


def parse(stream: TextIO, name: str) -> Iterator[Row | Skip]:
    for line, text in cards(stream, name):
        if text is None:
            yield Skip(line, f"the vCard is larger than {MAX_CARD_CHARS // (1024 * 1024)} MB")
            continue
        try:
            card = vobject.readOne(text, allowQP=True)
        except Exception as exc:  # vobject raises many types on malformed input; the card is skipped
            yield Skip(line, f"the vCard could not be parsed ({_short(exc)})")
            continue
        try:
            yield _contact(line, card)
        except (ValueError, TypeError, AttributeError, UnicodeError) as exc:
            yield Skip(line, f"the vCard has an unreadable value ({_short(exc)})")


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(t for t in (_text(v) for v in value) if t)
    return str(value or "").strip()


def _all(card: Any, key: str) -> list[Any]:
    return list(card.contents.get(key, []))


def _param(line: Any, key: str) -> str:
    values = line.params.get(key.upper()) or []
    return str(values[0]) if values else ""


def _contact(line: int, card: Any) -> Row | Skip:
    p = FieldProblems()
    first = middle = last = ""
    n = card.contents.get("n")
    if n:
        value = n[0].value
        if hasattr(value, "given"):
            first, middle, last = _text(value.given), _text(value.additional), _text(value.family)
        else:
            parts = (str(value).split(";") + ["", "", ""])[:3]
            last, first, middle = (x.strip() for x in parts)
    if not (first or last):
        fn = card.contents.get("fn")
        first, middle, last = split_name(_text(fn[0].value) if fn else "")
    first, middle, last = (p.text(x, label) for x, label in ((first, "first name"), (middle, "middle name"),
                                                                  (last, "last name")))
    if not (first or last):
        return Skip(line, "the vCard has no name (N or FN)")

    company = ""
    org = card.contents.get("org")
    if org:
        value = org[0].value
        units = value if isinstance(value, list) else [value]
        company = _text(units[0]) if units else ""

    urls = [_text(u.value) for key in ("url", "x-socialprofile") for u in _all(card, key)]
    linkedin = next((normalize_linkedin(u) for u in urls if is_linkedin(u)), "")
    tags = [clean_tag(t) for c in _all(card, "categories")
            for t in (c.value if isinstance(c.value, list) else str(c.value).split(","))]

    birthday = ""
    bday = card.contents.get("bday")
    if bday and _text(bday[0].value):
        raw = _text(bday[0].value)
        try:
            birthday = parse_birthday(raw[:10] if "T" in raw else raw)
        except ValueError:
            p.items.append(f"BDAY {raw[:30]!r} is not a date; imported the card without it")

    location = ""
    adr = card.contents.get("adr")
    if adr:
        a = adr[0].value
        location = ", ".join(x for x in (_text(getattr(a, k, "")) for k in ("city", "region", "country")) if x) \
            if hasattr(a, "city") else _text(a).replace(";", " ").strip()

    notes = []
    for item in _all(card, "note"):
        date = None
        raw_date = _param(item, "X-COACH-DATE")
        if raw_date:
            try:
                date = parse_date(raw_date)
            except ValueError:
                p.items.append(f"note date {raw_date[:30]!r} is not a date; imported the note without it")
        note = p.note(_text(item.value), _param(item, "X-COACH-SOURCE") or SOURCE, date)
        if note:
            notes.append(note)

    contact = Contact(
        first_name=first, middle_name=middle, last_name=last,
        company=p.text(company, "ORG"),
        title=p.text(_text(card.contents["title"][0].value) if card.contents.get("title") else "", "TITLE"),
        emails=p.items_list([_text(e.value) for e in _all(card, "email")], "EMAIL"),
        phones=p.items_list([_text(t.value).removeprefix("tel:") for t in _all(card, "tel")], "TEL"),
        linkedin_url=linkedin,
        tags=p.items_list([t for t in tags if t], "CATEGORIES"),
        location=p.text(location, "ADR"),
        birthday=birthday,
        notes=notes,
        sources=[SOURCE],
    )
    _coach_extensions(card, contact, p)
    return Row(line, contact, p.items)


def _coach_extensions(card: Any, contact: Contact, p: FieldProblems) -> None:
    """X-COACH-* properties written by `coach export --format vcard`."""
    def one(key: str) -> str:
        items = card.contents.get(key)
        return _text(items[0].value) if items else ""

    contact.how_we_met = p.text(one("x-coach-how-we-met"), "how we met", 20_000)
    if one("x-coach-location"):
        contact.location = p.text(one("x-coach-location"), "location")
    for key, attr in (("x-coach-connected-on", "connected_on"), ("x-coach-last-contacted", "last_contacted")):
        if one(key):
            setattr(contact, attr, p.date(one(key), key.upper()))
    cadence = one("x-coach-cadence-days")
    if cadence.isdigit() and 0 < int(cadence) < 100_000:
        contact.cadence_days = int(cadence)
    sources = [s.strip() for s in one("x-coach-sources").split(",") if s.strip()]
    if sources:
        contact.sources = sources
    if one("x-coach-field-sources"):
        try:
            value = json.loads(one("x-coach-field-sources"))
            if isinstance(value, dict):
                contact.field_sources = {str(k): str(v) for k, v in value.items()}
        except ValueError:
            p.items.append("X-COACH-FIELD-SOURCES is not JSON; ignored it")
    for item in _all(card, "x-coach-interaction"):
        try:
            contact.interactions.append(Interaction(
                date=dt.date.fromisoformat(_param(item, "X-COACH-DATE")),
                channel=_param(item, "X-COACH-CHANNEL") or "other",
                direction=_param(item, "X-COACH-DIRECTION") or "both",
                summary=_text(item.value),
            ))
        except ValueError:
            p.items.append("an X-COACH-INTERACTION has a bad date or direction; skipped it")
