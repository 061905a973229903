"""A meeting's typed fields (event, place, month) read from the structured parts of a note: a heading, a
"Met:" or "Event:" line, a front-matter key. The note's own line stays the fact's phrase; these fields let a
draft say the meeting cleanly when that line is shorthand ("Midwest Sociological Society — Q&A after her
talk", "Hospitality Leaders Forum, Montréal"). Nothing here writes English: it only splits a title the user
wrote into the parts it already has.
"""

from __future__ import annotations

import datetime as dt
import re

from coach.core.dates import MONTHS, months_in

# Separators between an event's name and what the user added about it ("— Q&A after her talk", ": day 2").
_SEPARATOR = re.compile(r"\s+[—–|/]\s+|\s+-{1,2}\s+|:\s+|\s*\(")
# Words that make a title the user's aside rather than a name.
_ASIDE = re.compile(r"\?|\b(?:I|we|she|he|her|his|him|my|our|maybe|not sure|talked|asked|sent|met)\b")
_MAX_WORDS = 8


def _name(text: str) -> bool:
    """Whether `text` reads as a proper name: starts with a capital or a digit, no aside, short."""
    t = text.strip()
    return bool(t) and (t[:1].isupper() or t[:1].isdigit()) and not _ASIDE.search(t) \
        and len(t.split()) <= _MAX_WORDS and not re.search(r"[@#*_\[\]{}<>~|=+!\"“”]", t)


def _month(text: str) -> dt.date | None:
    """The first month with a year the text writes ('june 2019', '2024-03'), as that month's first day."""
    full = re.search(r"\b(" + "|".join(MONTHS) + r")\s+((?:19|20)\d\d)\b", text, re.IGNORECASE)
    if full:  # "June 2019", whose full name the abbreviations' reading leaves
        return dt.date(int(full.group(2)), MONTHS.index(full.group(1).lower()) + 1, 1)
    for month, year in months_in(text):
        if year:
            return dt.date(year, month, 1)
    return None


def _without_dates(text: str) -> str:
    """The title less a trailing month and year ('Effie Awards NYC June 2019' -> 'Effie Awards NYC')."""
    return re.sub(r"[\s,]+(?:(?:\d{1,2}\s+)?[A-Za-z]{3,9}\.?\s+['’]?\d{2,4}|\d{4}-\d{2}(?:-\d{2})?)$", "",
                  text).strip(" ,")


def meeting_fields(title: str, date: dt.date | None = None) -> dict:
    """{'event', 'place', 'date'} from a meeting's title; empty strings for what the title does not give.
    The date is the one given (a dated heading) or a month and year written in the title."""
    title = " ".join(title.split()).strip(" .:-")
    title = re.sub(r"^(?:at|in|during)\s+(?=[A-Z0-9])", "", title)
    head = _SEPARATOR.split(title, maxsplit=1)[0].strip(" ,")
    when = date or _month(title)
    parts = [p.strip() for p in head.split(",")]
    event = _without_dates(parts[0])
    place = next((p for p in parts[1:2] if _name(p) and not _month(p) and len(p.split()) <= 3
                  and not re.search(r"\d", p)), "")
    if not _name(event) or event.isdigit():
        return {"event": "", "place": "", "date": when}
    return {"event": event, "place": place, "date": when}
