"""The name a person goes by, when the notes say it is not the first word of their name.

"Nguyễn Thị Lan, she goes by Lan", "Gosia (Małgorzata) Wiśniewska", "aliases: [Greg Ashby]", a note headed
"Ben Krause" for Benedikt Krause: a greeting uses "Lan", "Gosia", "Greg", "Ben". Read from the notes as data
(a word of the note, never a guess): an explicit cue ("goes by", "prefers", "call her", "aka", a name in
brackets beside the given name), or a shorter form of the given name written before their family name.
"""

from __future__ import annotations

import re

from coach.core.domain import Contact
from coach.core.text import STOPWORDS, fold

_NAME = r"([A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]{1,20})"
_CUES = (
    re.compile(r"\b(?:goes by|go by|prefers to be called|known as|call(?:s|ed)? (?:her|him|them|me)|calls? (?:herself|"
               r"himself|themself|themselves)|aka|a\.k\.a\.?|nickname:?)\s+[\"'“‘]?" + _NAME),
    # dictated or typed in lower case: "he goes by greg" (a name only after an explicit cue)
    re.compile(r"\b(?:goes by|go by|prefers to be called|call(?:s|ed)? (?:her|him|them|me))\s+[\"'“‘]?"
               r"([a-zà-ÿ][\w'’-]{1,20})\b"),
    re.compile(_NAME + r"\s*=\s*(?:her |his |their )?(?:first|given|preferred) name", re.IGNORECASE),
    re.compile(r"\baliases?\s*:\s*\[?\s*[\"'“]?" + _NAME),
    re.compile(r"\bprefers\s+[\"“‘']" + _NAME + r"[\"”’']"),
    re.compile(r"[\"“‘']" + _NAME + r"[\"”’']\s+(?:to\s+(?:everyone|friends|colleagues|most people|all|us)|for short|"
               r"informally|day[- ]to[- ]day)"),
    # how they sign: 'signs DMs "Bia"', 'still signs his messages "Tomek"', "signs off as Jo"
    re.compile(r"\bsigns\b(?:\s+(?!as\b)[\w.]+){0,3}?\s+(?:as\s+)?[\"“‘']" + _NAME + r"[\"”’']"),
    re.compile(r"\bsigns(?: off)? as\s+" + _NAME),
    # a record's field: '"nickName": "Alex"', 'Nickname__c: Kei', 'preferred_name = Sol'
    re.compile(r"(?i:\b(?:nick_?name|preferred_?name)\w*)[\"']?\s*[:=]\s*[\"']?" + _NAME),
)
# Cues that also say other things ("call me anytime", "called him Monday"): a lower-case word after them, or a name
# after "called", counts when it is a short form of the given name (it starts as the given name does, or the table
# of short forms lists it), or, after "call her/him/them", when it is no word that says when or how to call.
_LOOSE = {1}
_WHEN = frozenset("back later tomorrow today tonight soon asap again first next now sometime anytime whenever "
                  "directly instead out up about on at when if after before re abt and to this that".split())
# Month and day words a note writes capitalised ("Jan", "March", "Sat"): never a short form of a name.
_CALENDAR = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "mon", "tue", "wed",
             "thu", "fri", "sat", "sun"}
_NOT_NAMES = {"the", "her", "him", "them", "me", "a", "an", "email", "phone", "text", "first", "mr", "ms", "mrs",
              "dr", "prof", "she", "he", "they", "i"}


def goes_by(contact: Contact) -> str:
    """The name the notes say this person goes by, or '' when they say nothing (the given name stands)."""
    given = contact.given_name
    texts = [contact.how_we_met, *(n.text for n in contact.notes)]
    for text in texts:
        for i, cue in enumerate(_CUES):
            for m in cue.finditer(text or ""):
                name = m.group(1)
                negated = re.search(r"(?:n't|not|never|dont|hates?|no)\s+(?:\w+\s+)?$", text[max(0, m.start() - 16):m.start()])
                loose = i in _LOOSE or re.match(r"call(?:s|ed) ", m.group(0), re.IGNORECASE)
                said = i in _LOOSE and re.match(r"call (?:her|him|them)\b", m.group(0)) and fold(name) not in _WHEN \
                    and fold(name) not in STOPWORDS
                if _a_name(name, given) and not negated and (not loose or said or _short_of(name, given)):
                    return name[:1].upper() + name[1:]
    family = contact.last_name.split(" ")[0] if contact.last_name else ""
    for text in texts:  # "Lottie (Charlotte Ashdown)": the name they go by, their full name in brackets
        m = re.search(_NAME + r"\s*\(\s*" + re.escape(given) + r"\s+" + re.escape(family) + r"\b[^()]{0,40}\)",
                      text or "") if family else None
        if m and _a_name(m.group(1), given):
            return m.group(1)
    for text in texts:  # "Gosia (Małgorzata) Wiśniewska", "Małgorzata (Gosia)"
        for m in re.finditer(_NAME + r"\s*\(\s*" + _NAME + r"\s*\)", text or ""):
            a, b = m.group(1), m.group(2)
            if fold(b) == fold(given) and fold(a) != fold(given):
                return a
            if fold(a) == fold(given) and fold(b) != fold(given) and fold(b) not in _NOT_NAMES \
                    and len(b) < len(a):
                return b
    for text in texts:  # 'Tobias "Toby" Ngata-Lowe': a quoted name inside the full name
        m = re.search(re.escape(given) + r"\s+[\"“‘']" + _NAME + r"[\"”’']", text or "")
        if m and fold(m.group(1)) != fold(given) and fold(m.group(1)) not in _NOT_NAMES:
            return m.group(1)
    short = _short_form(contact, texts)
    if short:
        return short
    last = contact.last_name.split(" ")[0] if contact.last_name else ""
    if last and len(given) > 3:  # "Greg Ashby" in the notes of Gregory Ashby: a short form before the family name
        for text in texts:
            for m in re.finditer(_NAME + r"\s+" + re.escape(last) + r"\b", text or ""):
                name = m.group(1)
                if fold(name) != fold(given) and len(name) < len(given) and fold(name)[:2] == fold(given)[:2]:
                    return name
    return ""


_DAYS_MONTHS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
                "march", "april", "june", "july", "august", "september", "october", "november", "december"}


def _a_name(name: str, given: str) -> bool:
    """Whether a word a cue gives can be a name other than their given one (not "her", "Monday", "Jan")."""
    f = fold(name)
    return f != fold(given) and f not in _NOT_NAMES and f not in _DAYS_MONTHS and f not in _CALENDAR


def _short_of(name: str, given: str) -> bool:
    """`name` is a short form of `given`: it starts as the given name does ("Sid", "Tomek"), or the table of
    short forms says so ("Lottie" for Charlotte)."""
    from coach.crm.names import related

    a, b = fold(name), fold(given)
    return (len(a) >= 2 and a[:2] == b[:2] and len(a) < len(b)) or related(a, b)


# A name the notes say not to use: "never Bert", "don't call him Rob", "not Kav".
_REFUSED = re.compile(r"\b(?:never|not|don'?t call (?:her|him|them)|doesn'?t like|hates?|no)\s+[\"'“‘]?$",
                      re.IGNORECASE)


def _short_form(contact: Contact, texts: list) -> str:
    """A short form of the given name that the notes, an @handle or an email address use on its own ("Met Sol
    at…", "@gwen.t", "seun.am@…" for Solomon, Gwendolyn, Oluwaseun): a word of three letters or more that the given
    name starts or ends with, or that shares its first three letters, never the given name itself."""
    given = fold(contact.given_name)
    if len(given) < 5:
        return ""
    words: list[str] = []
    for text in texts:
        words += [m.group(1) for m in re.finditer(r"(?<![\w@.])([A-ZÀ-ÖØ-Þ][a-zà-ÿ'’]{2,})\b", text or "")
                  if not _REFUSED.search((text or "")[max(0, m.start() - 24):m.start()])]  # not "never Bert"
        words += [w.capitalize() for w in re.findall(r"@([a-z]{3,})[._]?", text or "")]  # handles
    words += [w.capitalize() for e in contact.emails for w in re.findall(r"^([a-z]{3,})[._@]", e.lower())]
    for word in words:
        w = fold(word)
        if w == given or len(w) > len(given) - 2 or w in _NOT_NAMES or w[:3] in _CALENDAR:
            continue
        diminutive = w[:3] == given[:3] and len(w) <= 5 and w.endswith(("y", "ie", "i", "o"))  # Toby, Susie
        if given.startswith(w) or given.endswith(w) or diminutive:
            return word
    return ""


def greeting_name(contact: Contact) -> str:
    """What 'Hi …,' calls them: the name they go by, else their given name."""
    return goes_by(contact) or contact.given_name
