"""What the person offered the user, named by its noun ("the referral she offered", "the intro to Fenna he offered
back in sept", "remind her of the referral she offered"), read as a `their-offer` part and said back to them through
a fixed frame ("You kindly offered to refer me.", "You kindly offered to introduce me to Fenna back in September.").

Only nouns whose deed has a fixed verb phrase are read (an introduction, a referral, a reference); when and where
they offered it is kept as the user wrote it, with a month's short name said in full.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coach.core import dates
from coach.core.messages import RequestPart
from coach.core.text import fold

# The noun for what they offered, and the deed it names (said after "offered to").
DEEDS = {"intro": "introduce me", "introduction": "introduce me", "referral": "refer me", "reference": "be a reference"}
# Someone named after "to" ("to Fenna", "to Yara at Loomwise"): who the introduction is to.
_TO = r"(?P<to>\s+to\s+(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?(?:\s+(?:at|from)\s+(?-i:[A-Z])[\w&'’.-]*" \
      r"(?:\s+(?-i:[A-Z])[\w&'’.-]*)*)?)?"
OFFERED = re.compile(r"^(?:(?:ask|remind|nudge|chase|follow up)\b[^,;]{0,40}?\s+(?:for|of|about|on|do|re)\s+)?"
                     r"(?:the|that|your|his|her|their)\s+(?P<noun>" + "|".join(DEEDS) + r")\b" + _TO +
                     r"\s+(?:that\s+|which\s+)?(?:she|he|they|you|{who})\s+(?:had\s+|kindly\s+)?(?P<v>offered|promised)"
                     r"(?:\s+(?:me|to do|to make))?(?P<when>\s+.+)?$", re.IGNORECASE)
# When or where it was offered: a short phrase that starts with a time or place word.
_WHEN = re.compile(r"^(?:back\s+)?(?:in|at|on|last|during|after|over|before)\s+[^,;]{2,40}$", re.IGNORECASE)
# A month's short name and its full name ("may" is a word first, so it stays as written).
MONTHS = {short: dates.MONTHS[n - 1].capitalize() for short, n in dates.ABBREVIATIONS.items() if short != "may"}
_THIRD = re.compile(r"\b(?:she|he|him|his|hers|her|they|them|their)\b", re.IGNORECASE)


def full_months(text: str) -> str:
    """A month's short name said in full ('sept' -> 'September', 'march' -> 'March'); other words as written."""
    long = {m.lower() for m in MONTHS.values()}
    return re.sub(r"\b[A-Za-z]{3,9}\b", lambda w: MONTHS.get(fold(w.group(0)), w.group(0).capitalize()
                                                             if fold(w.group(0)) in long else w.group(0)), text)


def read_offered(part: str, who: str, to_you: Callable[[str], str]) -> RequestPart | None:
    """A thing they offered, named by its noun; None when the part says something else or cannot be said cleanly."""
    m = re.match(OFFERED.pattern.replace("{who}", who), part.strip(), re.IGNORECASE)
    if not m:
        return None
    when = " ".join((m.group("when") or "").split())
    if when and (not _WHEN.match(when) or _THIRD.search(to_you(when) or "her")):
        return None
    deed = DEEDS[fold(m.group("noun"))] + (m.group("to") or "")
    verb = "kindly offered" if fold(m.group("v")) == "offered" else "promised"
    return RequestPart(kind="their-offer", text=deed.strip(), extra=verb, tail=full_months(when))
