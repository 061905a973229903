"""vCard 2.1, 3.0 and 4.0, parsed by vobject one card at a time.

The file is streamed: cards are cut at BEGIN:VCARD / END:VCARD (so that each
gets its line number and a broken card is skipped alone), then vobject's line parser
unfolds lines and reads parameters; values (quoted-printable in 2.1, escaped
commas, structured N/ORG/ADR) are decoded here.
The coach's own export adds X-COACH-* properties and note parameters, so
that importing an export gives back the same contacts, notes and history.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import quopri
from collections.abc import Iterator
from typing import TextIO

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


class Prop:
    """One content line: NAME;PARAMS:value, unfolded and quoted-printable decoded."""

    __slots__ = ("name", "params", "raw")

    def __init__(self, name: str, params: dict[str, list[str]], raw: str):
        self.name, self.params, self.raw = name, params, raw

    @property
    def value(self) -> str:
        return unescape(self.raw)

    def parts(self, sep: str = ";") -> list[str]:
        return [unescape(p) for p in _split(self.raw, sep)]

    def param(self, key: str) -> str:
        values = self.params.get(key.upper()) or []
        return values[0] if values else ""


def _split(raw: str, sep: str) -> list[str]:
    out, buf, escaped = [], [], False
    for ch in raw:
        if escaped:
            buf.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == sep:
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    out.append("".join(buf))
    return out


def unescape(raw: str) -> str:
    out, escaped = [], False
    for ch in raw:
        if escaped:
            out.append("\n" if ch in "nN" else ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        else:
            out.append(ch)
    return "".join(out).replace("\r\n", "\n").strip()


def properties(text: str) -> dict[str, list[Prop]]:
    """Parse one card's content lines with vobject's line parser (folding, QP soft breaks, parameters).

    vobject's vCard behaviours are not used for values: they drop everything after an
    unescaped comma in NOTE or ORG, which vCard 2.1 files are full of.
    """
    props: dict[str, list[Prop]] = {}
    depth = 0
    for line, number in vobject.base.getLogicalLines(io.StringIO(text), True):
        name, raw_params, raw, _group = vobject.base.parseLine(line, number)
        name = name.upper()
        if name in ("BEGIN", "END"):
            depth += 1 if name == "BEGIN" else -1
            continue
        if depth != 1:
            continue  # a nested card (AGENT) is not this person
        params: dict[str, list[str]] = {}
        for item in raw_params:
            if len(item) == 1:
                params.setdefault("TYPE", []).append(str(item[0]).upper())
            else:
                params.setdefault(str(item[0]).upper(), []).extend(str(v) for v in item[1:])
        encoding = [v.upper() for v in params.get("ENCODING", [])] + params.get("TYPE", [])
        if "QUOTED-PRINTABLE" in encoding:
            charset = (params.get("CHARSET") or ["utf-8"])[0]
            data = quopri.decodestring(raw.encode("latin-1", errors="replace"))
            try:
                raw = data.decode(charset, errors="replace")
            except LookupError:
                raw = data.decode("utf-8", errors="replace")
        elif "B" in encoding or "BASE64" in encoding:
            continue  # photos and other binary data
        props.setdefault(name, []).append(Prop(name, params, raw))
    return props


def parse(stream: TextIO, name: str) -> Iterator[Row | Skip]:
    for line, text in cards(stream, name):
        if text is None:
            yield Skip(line, f"the vCard is larger than {MAX_CARD_CHARS // (1024 * 1024)} MB")
            continue
        try:
            props = properties(text)
        except vobject.base.ParseError as exc:
            yield Skip(line, f"the vCard could not be parsed ({_short(exc)})")
            continue
        yield _contact(line, props)


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]


def _contact(line: int, props: dict[str, list[Prop]]) -> Row | Skip:
    p = FieldProblems()

    def first(key: str) -> Prop | None:
        return props[key][0] if props.get(key) else None

    first_name = middle = last = ""
    n = first("N")
    if n:
        parts = (n.parts() + ["", "", ""])[:3]
        last, first_name, middle = (" ".join(x.split()) for x in parts)
    if not (first_name or last):
        fn = first("FN")
        first_name, middle, last = split_name(fn.value if fn else "")
    first_name, middle, last = (p.text(x, label) for x, label in (
        (first_name, "first name"), (middle, "middle name"), (last, "last name")))
    if not (first_name or last):
        return Skip(line, "the vCard has no name (N or FN)")

    org = first("ORG")
    company = org.parts()[0] if org else ""
    urls = [u.value for key in ("URL", "X-SOCIALPROFILE") for u in props.get(key, [])]
    linkedin = next((normalize_linkedin(u) for u in urls if is_linkedin(u)), "")
    tags = [clean_tag(t) for c in props.get("CATEGORIES", []) for t in c.parts(",")]

    birthday = ""
    bday = first("BDAY")
    if bday and bday.value:
        raw = bday.value
        try:
            birthday = parse_birthday(raw.split("T")[0] if "T" in raw else raw)
        except ValueError:
            p.items.append(f"BDAY {raw[:30]!r} is not a date; imported the card without it")

    location = ""
    adr = first("ADR")
    if adr:
        parts = (adr.parts() + [""] * 7)[:7]
        location = ", ".join(x for x in (parts[3], parts[4], parts[6]) if x.strip()) or \
            " ".join(" ".join(parts).split())

    notes = []
    for item in props.get("NOTE", []):
        date = None
        raw_date = item.param("X-COACH-DATE")
        if raw_date:
            try:
                date = parse_date(raw_date)
            except ValueError:
                p.items.append(f"note date {raw_date[:30]!r} is not a date; imported the note without it")
        note = p.note(item.value, item.param("X-COACH-SOURCE") or SOURCE, date)
        if note:
            notes.append(note)

    title = first("TITLE")
    contact = Contact(
        first_name=first_name, middle_name=middle, last_name=last,
        company=p.text(company, "ORG"),
        title=p.text(title.value if title else "", "TITLE"),
        emails=p.items_list([e.value for e in props.get("EMAIL", [])], "EMAIL"),
        phones=p.items_list([t.value.removeprefix("tel:") for t in props.get("TEL", [])], "TEL"),
        linkedin_url=linkedin,
        tags=p.items_list([t for t in tags if t], "CATEGORIES"),
        location=p.text(location, "ADR"),
        birthday=birthday,
        notes=notes,
        sources=[SOURCE],
    )
    _coach_extensions(props, contact, p)
    return Row(line, contact, p.items)


def _coach_extensions(props: dict[str, list[Prop]], contact: Contact, p: FieldProblems) -> None:
    """X-COACH-* properties written by `coach export --format vcard`."""
    def one(key: str) -> str:
        items = props.get(key.upper())
        return items[0].value if items else ""

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
    for item in props.get("X-COACH-INTERACTION", []):
        try:
            contact.interactions.append(Interaction(
                date=dt.date.fromisoformat(item.param("X-COACH-DATE")),
                channel=item.param("X-COACH-CHANNEL") or "other",
                direction=item.param("X-COACH-DIRECTION") or "both",
                summary=item.value,
            ))
        except ValueError:
            p.items.append("an X-COACH-INTERACTION has a bad date or direction; skipped it")
