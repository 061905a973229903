"""Dates the user gives with what they date, read as a typed `date` part: the date as written (a month's or a
weekday's short name said in full) and what it dates ("deadline 28 feb", "sponsor deadline 28 feb", "start date 3
march", "dates: tues 25 or thurs 27 march, 6pm UK", "propose the first one sometime in March"). Said through fixed
frames: "The sponsor deadline is 28 February.", "My start date is 3 March.", "Possible dates: Tuesday 25 or Thursday
27 March, 6pm UK.", and after the ask "The first one could be sometime in March."
"""

from __future__ import annotations

import re

from coach.core.dates import WEEKDAYS as DAY_NAMES
from coach.core.messages import RequestPart
from coach.core.text import fold
from coach.drafting.theirs import full_months

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
# A date: a day and a month, a month and a day, a weekday and a day, or a month said on its own.
WHEN = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|"
                  rf"{_DAY}\s+\d{{1,2}}\b|(?:in|early|mid|late|end of|sometime in)[\s-]+{_MONTH}(?!\w))", re.IGNORECASE)
# What a date dates, named before it.
DATED = re.compile(r"^(?:the\s+|our\s+|my\s+)?(?P<what>(?:[\w-]+\s+){0,2}?(?:deadline|start date|start|dates?|due date|"
                   r"launch date|launch|kick-?off|cut-?off|go-live))\s*(?:is|are|:|-|=|on|would be|will be)?\s+"
                   r"(?P<when>.+)$", re.IGNORECASE)
FIRST = re.compile(r"^(?:(?:propose|suggest|maybe|ideally)\s+)?(?:that\s+)?(?:we\s+(?:do|have)\s+)?the first (?:one|session|"
                   r"call|meeting|chat)\s+(?:(?:could|would|should)\s+be\s+)?(?P<when>.+)$", re.IGNORECASE)
WEEKDAYS = {short: day.capitalize() for short, day in DAY_NAMES.items()}  # "tues" -> "Tuesday"
_THIRD = re.compile(r"\b(?:she|he|him|his|hers|her|they|them|their)\b", re.IGNORECASE)
# A part that only names what the next part dates ("dates: …", split at its colon).
LABELS = ("dates", "date", "deadline", "start date", "timing", "when")


def join_labels(parts: list[str]) -> list[str]:
    """A bare label and the part after it, joined again ("dates", "tues 25 or thurs 27 march" -> one part)."""
    out: list[str] = []
    for part in parts:
        if out and fold(out[-1]) in LABELS and WHEN.search(part):
            out[-1] = f"{out[-1]}: {part}"
        else:
            out.append(part)
    return out


def _said(when: str) -> str:
    """The date as written, a month's or a weekday's short name in full ('tues 25 or thurs 27 march')."""
    when = full_months(" ".join(when.split()).strip(" ,.;"))
    return re.sub(r"\b[a-z]{3,5}\b", lambda w: WEEKDAYS.get(w.group(0), w.group(0)), when)


def read_date(part: str) -> RequestPart | None:
    """A date and what it dates; None when the part is something else or no clean date."""
    m = FIRST.match(part.strip()) or DATED.match(part.strip())
    if not m:
        return None
    when = re.split(r",?\s+(?:so|because|as|which)\s+", m.group("when").strip(" ,.;"), maxsplit=1)[0].strip(" ,.;")
    # "15 June so need to move": the date, not the remark after it
    if not WHEN.search(when) or _THIRD.search(when) or len(when.split()) > 12 or re.search(r"[()\"!?]", when):
        return None
    what = "the first one" if m.re is FIRST else " ".join(m.group("what").split()).lower()
    if re.search(r"\bto\s+\w+$|^(?:want|wants|need|needs|plan|plans|hope|hoping|like|would|we|i|they)\b", what):
        return None  # "want to start 11 July": a wish with a verb, no dated thing to name
    return RequestPart(kind="date", text=_said(when), extra=what)


def date_sentence(part: RequestPart) -> str:
    """A date through the frame of what it dates; '' for other kinds."""
    if part.kind != "date":
        return ""
    what, when = part.extra, part.text
    if what == "the first one":
        return f"The first one could be {when}."
    if what in ("start date", "start"):
        return f"My start date is {when}."
    if what == "dates":
        return f"Possible dates: {when}."
    return f"The {what} is {when}."

