"""A length the user sets in numbers ("under 200 chars", "Max 150 words", "~100-150 words", "3-4 sentences max",
"200 char limit!"), read into a typed `Limit` once: the request reader shows it beside the draft, the length
check holds every draft to it, and a capable model is told it.

A number of words or characters limits the message wherever it is said; a number of sentences or lines only when
the instruction is about the whole message (the caller decides: "keep the old days to one line max" sizes one
part, not the draft)."""

from __future__ import annotations

import re

from coach.core.messages import Limit

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_N = r"(?:\d{1,4}|one|two|three|four|five|six)"
_UNIT = r"(?P<unit>chars?|characters?|words?|sentences?|lines?)\b"
_BEFORE = r"(?P<cap>under|max(?:imum)?|at most|no more than|up to|less than|within|below|<|<=)"
_ABOUT = r"(?P<about>around|about|approx(?:imately)?\.?|roughly|maybe|~|ca\.?)"
# "under 200 chars", "max 150 words", "<200 char", "~100-150 words", "around 150 words", "2-3 sentences",
# "200 chars max", "200 char limit", "80 words tops", "4-5 sentences max", "one line max"
LIMIT = re.compile(
    rf"(?:{_BEFORE}\s*|{_ABOUT}\s*)?(?:(?P<low>{_N})\s*(?:-|–|to)\s*)?(?P<n>{_N})[\s-]*{_UNIT}"
    rf"(?:\s*(?P<after>max(?:imum)?|limit|or (?:less|fewer)|tops|at most|at the most|max\.?))?",
    re.IGNORECASE)
TOLERANCE = 1.2  # "around 150 words", "~120 words": a target, not a ceiling, so a fifth over still fits


def _count(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBER_WORDS[token.lower()]


def read_limit(text: str, whole: bool = True) -> Limit | None:
    """The tightest length `text` sets in numbers, or None. `whole`: the words are about the whole message, so a
    number of sentences or lines limits it too; otherwise only words and characters do."""
    found: list[Limit] = []
    for m in LIMIT.finditer(text or ""):
        unit = m.group("unit").lower().rstrip("s")
        unit = {"char": "characters", "character": "characters", "word": "words", "line": "sentences",
                "sentence": "sentences"}[unit]
        if unit == "sentences" and not whole:
            continue
        n, low = _count(m.group("n")), m.group("low")
        capped = bool(m.group("cap") or m.group("after"))
        if unit == "words" and not (capped or m.group("about") or low):
            # a bare "200 chars" is a limit; "the 500 words I wrote" is not: a number of words limits only beside
            # a range, a cap or "about"
            continue
        approx = bool(m.group("about")) or bool(low)
        most = round(n * TOLERANCE) if approx and unit != "sentences" else n
        found.append(Limit(most=most, unit=unit, said=m.group(0).strip()))
    return found[0] if found else None  # the first said: a second mention repeats it ("200 chars… 200 char limit")


def within(limit: Limit, *, words: int, characters: int, sentences: int) -> bool:
    """Whether a message of this size keeps to `limit`."""
    return {"words": words, "characters": characters, "sentences": sentences}[limit.unit] <= limit.most
