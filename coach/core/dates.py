"""Dates as notes write them, read into the words a message may use for them.

A note says "Oct 2023", "7 Nov 2024", "sep 23", "Jan–Mar 2025", "9/14", "03/22/25" or "2015 to 2017"; a message
says "in October 2023", "last November", "in March", "2015-2017". Grounding is literal, so each date a note
writes is read here into its month's full name, its year and its season: the message's words are checked
against those, never the other way round.
"""

from __future__ import annotations

import datetime as dt
import re

from coach.core.text import fold

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
# Abbreviations a note or a message may use ("Sept", "Feb."), by month number.
ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                 "sept": 9, "oct": 10, "nov": 11, "dec": 12}
# Abbreviations that are also English words ("mar", "may", "jun"): read as months only beside a number or
# another month ("may 2024", "12 mar", "jan-mar").
_WORDLIKE = {"mar", "may", "jun"}
SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring", 6: "summer",
           7: "summer", 8: "summer", 9: "autumn fall", 10: "autumn fall", 11: "autumn fall"}

# The months as notes in other languages write them (Spanish, Portuguese, French, Italian, German, Dutch): "me mudo
# en marzo", "im Juli" ground "in March", "in July".
_OTHER_MONTHS = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "januari februari maart april mei juni juli augustus september oktober november december",
)
OTHER_MONTHS = {w: i + 1 for line in _OTHER_MONTHS for i, w in enumerate(line.split()) if w not in MONTHS}
OTHER_MONTHS["setiembre"] = 9
# Those that are also names or words ("Julio", "Mars", "Mai", "Mayo"): months only in lower case, beside a number,
# or after a word that puts a time ("en marzo", "im Juli", "fin mai").
_OTHER_WORDLIKE = {"marzo", "mayo", "julio", "mars", "mai", "mei", "maio", "agosto"}
_OTHER_MONTH = re.compile(r"(?<![\w'’-])(" + "|".join(sorted(OTHER_MONTHS, key=len, reverse=True)) + r")(?![\w'’-])",
                          re.IGNORECASE)
_TIME_WORD = re.compile(r"(?:\b(?:en|em|in|im|am|à|a|de|del|do|da|di|du|fin|finde|début|inizio|fine|ab|seit|bis|"
                        r"since|until|by|from|early|late|mid|end|start)\s+|\d\.?\s*)$", re.IGNORECASE)
# A day and month written "15.11." or "03.02" (two digits each): the German and Dutch way, without a year.
_DAY_MONTH = re.compile(r"(?<![\w.,])(\d\d)\.(\d\d)(?:\.(?!\d)|(?![\d.,]))")
_ABBR = "|".join(sorted(ABBREVIATIONS, key=len, reverse=True))
_MONTH_WORD = re.compile(rf"(?<![a-z])(?P<m>{_ABBR})\.?(?![a-z])", re.IGNORECASE)
_NEAR_NUMBER = re.compile(r"^\s*['’]?\d|\d\s*$")
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})(?:\2(\d{2}|\d{4}))?(?![\d/])")
# Year first: "2024.02.09", "2024/2/9", "2024-02" and the CJK "2025年3月12日".
_YEAR_FIRST = re.compile(r"\b((?:19|20)\d\d)(?:[./-](\d{1,2})(?:[./-]\d{1,2})?\b|年\s*(\d{1,2})\s*月)")
# Month then year: "03/2023", "3.2024", "11-2019".
_MONTH_YEAR = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-]((?:19|20)\d\d)(?![\d/.-]\d)")
# Day, month and a four-digit year joined by dashes: "30-09-2025" (either order where both read as dates).
_DASHED = re.compile(r"(?<![\d-])(\d{1,2})-(\d{1,2})-((?:19|20)\d\d)(?![\d-])")
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|—|to|until|till)\s*((?:19|20)?\d\d)\b(?![-./]\d)")


def month_number(word: str) -> int | None:
    """1-12 for a month's name or abbreviation ('Sept', 'october'), else None."""
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS.index(w) + 1
    return ABBREVIATIONS.get(w)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    n = int(text)
    return n if n >= 1900 else 2000 + n if n < 70 else 1900 + n


def months_in(text: str) -> list[tuple[int, int | None]]:
    """(month, year or None) of every date the text writes, whatever its form."""
    out: list[tuple[int, int | None]] = []
    for m in _MONTH_WORD.finditer(text):
        word = m.group("m").lower()
        before, after = text[max(0, m.start() - 4):m.start()], text[m.end():m.end() + 12]
        before_run = text[max(0, m.start() - 12):m.start()]
        # in a run of months ("jan-mar", "Jan/Feb/Mar"): the word beside it is a month too
        beside_month = any(month_number(w) for w in (*re.findall(r"^\s*[-–—/]\s*([A-Za-z]{3,9})\b", after),
                                                     *re.findall(r"\b([A-Za-z]{3,9})\.?\s*[-–—/]\s*$", before_run)))
        alone = before.endswith("(") and after.startswith(")")  # "(Mar)": a date put beside a line
        if word in _WORDLIKE and not (_NEAR_NUMBER.search(before) or _NEAR_NUMBER.match(after) or beside_month
                                      or alone):
            continue
        year = re.match(r"\s*['’]?(\d{4}|\d{2})(?![\d,:])", after)  # "Oct 2023", "sep 23", "Mar '24"
        y = _year(year.group(1)) if year else None
        out.append((ABBREVIATIONS[word], y))
    for m in _OTHER_MONTH.finditer(text):
        word = m.group(1)
        after = text[m.end():m.end() + 6]
        if word.lower() in _OTHER_WORDLIKE and not (word.islower() or _NEAR_NUMBER.match(after)
                                                       or _TIME_WORD.search(text[max(0, m.start() - 12):m.start()])):
            continue
        year = re.match(r"\s*(?:de\s+|del\s+)?['’]?(\d{4})(?!\d)", after + text[m.end() + 6:m.end() + 12])
        out.append((OTHER_MONTHS[word.lower()], int(year.group(1)) if year else None))
    for m in _DAY_MONTH.finditer(_YEAR_FIRST.sub(" ", text)):
        day, month = int(m.group(1)), int(m.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12:
            out.append((month, None))
    for m in _MONTH_YEAR.finditer(text):
        if 1 <= int(m.group(1)) <= 12:
            out.append((int(m.group(1)), int(m.group(2))))
    for m in _YEAR_FIRST.finditer(text):
        month = int(m.group(2) or m.group(3))
        if 1 <= month <= 12:
            out.append((month, int(m.group(1))))
    for _, b, year in _dashed(text):
        out.append((b, year))
    text = _YEAR_FIRST.sub(" ", text)
    for m in _NUMERIC.finditer(text):
        a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), _year(m.group(4))
        if m.group(4) is None and sep == "/" and b > 12:  # "9/14" a day or "5/45" a year: the month either way
            if 1 <= a <= 12:
                out.append((a, _year(m.group(3)) if b > 31 else None))
            continue
        if m.group(4) is None and sep == ".":
            continue  # "2.5" is a number, not a date
        readings = [(a, b)] if sep == "/" else [(b, a)]
        if sep == "/" and a <= 12 and b <= 12 and a != b:
            readings.append((b, a))  # 03/04: either order
        if sep == "/" and a > 12:
            readings = [(b, a)]
        for month, day in readings:
            if 1 <= month <= 12 and 1 <= day <= 31:
                out.append((month, y))
    return out


def _dashed(text: str) -> list[tuple[int, int, int]]:
    """(day, month, year) of each dashed date ("30-09-2025"), both ways round where both read as dates."""
    out = []
    for m in _DASHED.finditer(text):
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        out += [(d, mo, year) for d, mo in dict.fromkeys([(a, b), (b, a)]) if 1 <= mo <= 12 and 1 <= d <= 31]
    return out


def date_phrases(text: str) -> str:
    """The words a message may use for the dates `text` writes: 'october 2023 2023 autumn fall …', and each
    year range as '2015-2017 2015–2017'."""
    out: list[str] = []
    for month, year in months_in(text):
        out.append(f"{MONTHS[month - 1]} {year or ''} {SEASONS[month]}".replace("  ", " "))
    for m in _YEAR_RANGE.finditer(text):
        a, b = m.group(1), m.group(2)
        b = b if len(b) == 4 else a[:2] + b
        if b <= a:
            continue
        out.append(f"{a}-{b} {a}–{b} {a} {b}")
    return " ".join(out)


_MONTH_NAMES = "|".join(sorted((*MONTHS, *ABBREVIATIONS), key=len, reverse=True))
_DAY_FIRST = re.compile(rf"(?<![\w/.])(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?[\s-]*({_MONTH_NAMES})(?![a-z])",
                        re.IGNORECASE)
_MONTH_FIRST = re.compile(rf"(?<![a-z])({_MONTH_NAMES})\.?[\s-]*(\d{{1,2}})(?:st|nd|rd|th)?(?![\d:.,/]\d|\d)",
                          re.IGNORECASE)
_ISO_DAY = re.compile(r"\b(?:19|20)\d\d[-/.](\d{1,2})[-/.](\d{1,2})\b")


def day_months(text: str) -> str:
    """The words a message may use for the days `text` writes, with their month: 'nov 17', '17-Nov-2025',
    '2025-11-17' and '17/11' (either order where both read as dates) give '17 november november 17'."""
    found: list[tuple[int, int]] = []
    for m in _DAY_FIRST.finditer(text):
        found.append((int(m.group(1)), month_number(m.group(2)) or 0))
    for m in _MONTH_FIRST.finditer(text):
        found.append((int(m.group(2)), month_number(m.group(1)) or 0))
    for m in _ISO_DAY.finditer(text):
        found.append((int(m.group(2)), int(m.group(1))))
    found += [(day, month) for day, month, _ in _dashed(text)]
    for m in _NUMERIC.finditer(_ISO_DAY.sub(" ", text)):
        a, sep, b = int(m.group(1)), m.group(2), int(m.group(3))
        if sep == "." and m.group(4) is None:
            continue  # "2.5" is a number
        found += [(a, b), (b, a)]  # "03/06": the 3rd of June or the 6th of March, as the writer's country reads it
    return " ".join(f"{day} {MONTHS[month - 1]} {MONTHS[month - 1]} {day}" for day, month in dict.fromkeys(found)
                    if 1 <= month <= 12 and 1 <= day <= 31)


WEEKDAYS = {"mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "weds": "wednesday",
            "thu": "thursday", "thur": "thursday", "thurs": "thursday", "fri": "friday", "sat": "saturday",
            "sun": "sunday"}
# A weekday a note writes short and capitalised ("most Sats", "Thurs 5pm"): lower case it is a word ("I sat").
_WEEKDAY = re.compile(r"\b(Mon|Tues?|Weds?|Thu(?:rs?)?|Fri|Sat|Sun)(s)?\b\.?")


def weekdays(text: str) -> str:
    """The words a message may use for the weekdays a note writes short: "most Sats" gives 'saturday saturdays'."""
    return " ".join(f"{day} {day}s" for day in dict.fromkeys(WEEKDAYS[m.group(1).lower()]
                                                             for m in _WEEKDAY.finditer(text)))


def date_words(date: dt.date | None) -> str:
    """The words a message may use for a fact's date: 'March 2025 2025 spring', so 'in March' and 'last
    spring' are grounded when a fact carries that date."""
    return f"{date:%B %Y} {date.year} {SEASONS[date.month]}" if date else ""


_COMPASS = {"northwest": "NW", "northeast": "NE", "southwest": "SW", "southeast": "SE", "north-west": "NW",
            "north-east": "NE", "south-west": "SW", "south-east": "SE"}


def claim_forms(kind: str, value: str) -> list[str]:
    """The forms a message's claim may be grounded by: a month's abbreviation as its full name ('Sept' ->
    'september'), a compass point as its short form ('Pacific Northwest' -> 'Pacific NW'), a year cut to two
    digits as the year ("'12" -> '2012'), a year range as its years ('2018-2019', '2015–17')."""
    if kind == "name":
        n = month_number(value)
        if n and value.lower().rstrip(".") not in MONTHS:
            return [MONTHS[n - 1]]
        # a compass point the notes shorten ("Pacific NW", "the NE office"): the claim in their form
        short = " ".join(_COMPASS.get(w.lower(), w) for w in value.split())
        return [short] if short != value else []
    if kind == "number" and re.fullmatch(r"'\d\d", value):  # "Lakeshore '12": the year the notes write in full
        return [f"{19 if int(value[1:]) > dt.date.today().year % 100 + 1 else 20}{value[1:]}"]
    m = _YEAR_RANGE.fullmatch(value.strip())
    if kind == "number" and m:
        a, b = m.group(1), m.group(2)
        return [a, b if len(b) == 4 else a[:2] + b]
    return []


def iso_dates(text: str) -> list:
    """The dates written in a text as YYYY-MM-DD (a dated heading kept in a note), or as calendar exports and
    backups write them, run together (iCalendar's DTSTART:20250116T120000, DTSTART;VALUE=DATE:20250303)."""
    out = []
    for m in re.finditer(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b|(?<![\w.-])((?:19|20)\d\d)(\d\d)(\d\d)(?=T\d{4,6}Z?\b|\b)",
                         text):
        year, month, day = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
        try:
            out.append(dt.date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return out


def short_years(text: str) -> str:
    """The years a note writes with two digits after a name ("kubecon eu 24", "RecSys '22") or after an
    apostrophe anywhere ("'19: she moved", "class of '98"): '2024 2022 2019 1998'."""
    folded = fold(text)
    after_name = [f"20{m.group(1)}" for m in re.finditer(r"(?<=[a-z] )'?(\d\d)\b(?![\d:.,%/-])", folded)
                  if 10 <= int(m.group(1)) <= 39]
    clipped = [str(_year(m.group(1))) for m in re.finditer(r"(?<![\w'])'(\d\d)(?![\d'%])", folded)]
    return " ".join(dict.fromkeys(after_name + clipped))
