"""vCard 2.1, 3.0 and 4.0: each card's properties, read into a contact.

The file is cut into cards and unfolded on bytes before decoding
(`coach.crm.importers.vcard_lines`), so a fold inside a UTF-8 character never
garbles a name. Each logical line is parsed by vobject's line parser
(parameters, quoting); a line it cannot read (a `#` comment, stray text) is
skipped and reported and the card is kept. Values (quoted-printable in 2.1,
escaped commas, structured N/ORG/ADR) are decoded here. Cards that are not a
person (`KIND:group`, `org`, `location`; Apple's `X-ADDRESSBOOKSERVER-KIND:group`)
are skipped with their reason; a card without a name takes one from its
nickname, organisation or email, marked as guessed.
The coach's own export adds X-COACH-* properties and note parameters, so
that importing an export gives back the same contacts, notes and history.
"""

from __future__ import annotations

import datetime as dt
import json
import quopri
from collections.abc import Callable, Iterator
from typing import TextIO

import vobject

from coach.core.domain import Contact, Interaction
from coach.crm.importers.records import (
    FieldProblems,
    Row,
    Skip,
    clean_tag,
    fallback_name,
    is_linkedin,
    normalize_linkedin,
    parse_birthday,
    parse_date,
    split_name,
)
from coach.crm.importers.vcard_lines import MAX_CARD_BYTES, RawCard, cards, decoded, unfold

SOURCE = "vcard"
NOT_PEOPLE = {"group": "a group", "org": "an organisation", "organization": "an organisation",
              "location": "a place"}


def _byte_lines(stream: TextIO) -> tuple[Iterator[tuple[int, bytes]], Callable[[int, bytes], str]]:
    """The stream's lines as bytes and the decoder for a logical line. A `DecodedLines` stream gives its
    raw bytes (NULs already removed and reported); a UTF-16 file comes decoded and is re-encoded."""
    raw_lines = getattr(stream, "raw_lines", None)
    if raw_lines is not None:
        return raw_lines(), stream.decode_line  # type: ignore[attr-defined]

    def encoded() -> Iterator[tuple[int, bytes]]:
        for number, line in enumerate(stream, start=1):
            yield number, line.encode("utf-8", errors="replace")

    return encoded(), lambda _number, data: data.decode("utf-8", errors="replace")


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

    def list_part(self, index: int) -> list[str]:
        """The values of structured component `index`, split on its unescaped commas."""
        components = _split(self.raw, ";")
        if index >= len(components):
            return []
        return [unescape(v) for v in _split(components[index], ",")]

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


def properties(lines: list[tuple[int, str]], problems: list[str]) -> dict[str, list[Prop]]:
    """A card's properties from its decoded logical lines; a line that is not a property is reported.

    vobject's vCard behaviours are not used for values: they drop everything after an
    unescaped comma in NOTE or ORG, which vCard 2.1 files are full of.
    """
    props: dict[str, list[Prop]] = {}
    for number, line in lines:
        try:
            name, raw_params, raw, _group = vobject.base.parseLine(line, number)
        except vobject.base.ParseError:
            problems.append(f"line {number} is not a vCard property ({' '.join(line.split())[:40]!r}); "
                            "skipped that line and kept the card")
            continue
        name = name.upper()
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
    lines, decode = _byte_lines(stream)
    for card in cards(lines, name):
        if card.lines is None:
            yield Skip(card.start, f"the vCard is larger than {MAX_CARD_BYTES // (1024 * 1024)} MB")
            continue
        yield _card(card, decode)


def _card(card: RawCard, decode: Callable[[int, bytes], str]) -> Row | Skip:
    problems: list[str] = []
    if card.nested:
        shown = ", ".join(str(n) for n in card.nested[:5]) + (", …" if len(card.nested) > 5 else "")
        problems.append(f"the vCard holds {len(card.nested)} nested vCard(s) (from line {shown}: an AGENT, "
                        "or an END:VCARD missing); they were not imported")
    props = properties(decoded(unfold(card.lines or []), decode), problems)
    kind = _kind(props)
    if kind:
        return Skip(card.start, "; ".join([f"{NOT_PEOPLE[kind]} card (KIND:{kind}), not a person; not imported",
                                           *problems]))
    item = _contact(card.start, props)
    if isinstance(item, Skip):
        return Skip(item.line, "; ".join([item.reason, *problems]))
    item.problems[:0] = problems
    return item


def _kind(props: dict[str, list[Prop]]) -> str:
    """'group', 'org', 'organization' or 'location' for a card that is not a person, else ''."""
    for key in ("KIND", "X-ADDRESSBOOKSERVER-KIND"):
        for prop in props.get(key, []):
            value = prop.value.strip().lower()
            if value in NOT_PEOPLE:
                return value
    return ""


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
        # each N component is itself a comma-separated list (RFC 6350 §6.2.2): "John Richter,James Doe"
        parts = ([" ".join(" ".join(v.split()) for v in n.list_part(i) if v.strip()) for i in range(3)])
        last, first_name, middle = parts
    if not (first_name or last):
        fn = first("FN")
        first_name, middle, last = split_name(fn.value if fn else "")
    first_name, middle, last = (p.text(x, label) for x, label in (
        (first_name, "first name"), (middle, "middle name"), (last, "last name")))

    org = first("ORG")
    company = org.parts()[0] if org else ""
    urls = [u.value for key in ("URL", "X-SOCIALPROFILE") for u in props.get(key, [])]
    linkedin = next((normalize_linkedin(u) for u in urls if is_linkedin(u)), "")
    # CATEGORIES is a comma-separated list; Thunderbird escapes the separating commas ("a\, b\, c"), and a
    # category never holds a comma, so escaped and unescaped commas both separate.
    tags = [clean_tag(t) for c in props.get("CATEGORIES", []) for v in c.parts(",") for t in v.split(",")]

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
    if not (contact.first_name or contact.last_name):
        nickname = first("NICKNAME")
        named = fallback_name(contact, SOURCE, nickname.parts(",")[0] if nickname else "", company)
        if not named:
            return Skip(line, "the vCard has no name (N, FN, NICKNAME, ORG or EMAIL)")
        p.items.append(named)
    uid = first("UID")
    return Row(line, contact, p.items, source_id=uid.value if uid else "")


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
