"""A vCard file as cards of content lines: cut, unfolded on bytes, then decoded.

RFC 6350 §3.2 folds lines by octets, and ownCloud, Android and others fold in
the middle of a UTF-8 character, so unfolding comes before decoding: the bytes
of a folded line are joined first and the whole line decoded after (a line
that still does not decode is read as Windows-1252 and reported). vCard 2.1
quoted-printable values continue over a line that ends with `=`; those are
joined too. The file is streamed and cut into cards at BEGIN:VCARD / END:VCARD;
a card inside a card (an AGENT, or an END:VCARD missing) is counted and
reported, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from coach.core.errors import ImportFormatError

MAX_CARD_BYTES = 8 * 1024 * 1024


@dataclass
class RawCard:
    """One card's own physical lines (nested cards left out), or None when it is oversized."""

    start: int
    lines: list[tuple[int, bytes]] | None = field(default_factory=list)
    nested: list[int] = field(default_factory=list)  # the lines where nested cards begin


def _keyword(data: bytes) -> bytes:
    return data.strip().upper()


def cards(lines: Iterator[tuple[int, bytes]], name: str) -> Iterator[RawCard]:
    """Each card of the file, with the lines of its own properties (BEGIN/END excluded)."""
    card: RawCard | None = None
    depth, size, seen = 0, 0, False
    for number, data in lines:
        word = _keyword(data)
        if depth == 0:
            if word.startswith(b"BEGIN:VCARD"):
                card, depth, size, seen = RawCard(number), 1, len(data), True
            continue
        assert card is not None
        if word.startswith(b"BEGIN:VCARD"):
            depth += 1
            card.nested.append(number)
            continue
        if word.startswith(b"END:VCARD"):
            depth -= 1
            if depth == 0:
                yield card
                card = None
            continue
        if depth > 1:
            continue  # a nested card's lines: counted by its BEGIN, not this person's
        size += len(data)
        if card.lines is not None:
            card.lines = card.lines if size <= MAX_CARD_BYTES else None
            if card.lines is not None:
                card.lines.append((number, data))
    if depth and card is not None:
        raise ImportFormatError(
            f"{name} ends inside the vCard that starts at line {card.start} (no END:VCARD): "
            "the file looks truncated; export it again."
        )
    if not seen:
        raise ImportFormatError(f"{name} contains no vCard (no BEGIN:VCARD line); check that it is a .vcf export.")


def _bare(data: bytes) -> bytes:
    return data.rstrip(b"\r\n")


def _quoted_printable(line: bytes) -> bool:
    head = line.split(b":", 1)[0].upper()
    return b"QUOTED-PRINTABLE" in head


def unfold(lines: list[tuple[int, bytes]]) -> list[tuple[int, bytes]]:
    """Logical lines (line number of their first physical line, bytes) from a card's physical lines.

    A line that starts with a space or tab continues the one before (the space is removed); a
    quoted-printable line that ends with '=' continues on the next line (the '=' is a soft break).
    """
    out: list[tuple[int, bytearray]] = []
    soft = False
    for number, data in lines:
        data = _bare(data)
        if out and data[:1] in (b" ", b"\t") and not soft:
            out[-1][1].extend(data[1:])
        elif out and soft:
            out[-1][1].extend(data)
        else:
            if not data.strip():
                continue
            out.append((number, bytearray(data)))
        last = out[-1][1] if out else bytearray()
        soft = bool(last) and last.endswith(b"=") and _quoted_printable(bytes(last))
        if soft:
            del last[-1]
    return [(number, bytes(data)) for number, data in out]


def decoded(lines: list[tuple[int, bytes]], decode: Callable[[int, bytes], str]) -> list[tuple[int, str]]:
    """Each logical line decoded whole (after unfolding), by the stream's per-line decoder."""
    return [(number, decode(number, data)) for number, data in lines]
