"""What someone is to the user, read from what the user recorded about them.

Tags, titles, notes, how they met and their history together say it: a former
colleague is someone the user worked with at an employer they have since left
("We worked together at Bramble Bank"), a mentor is tagged or noted as one, a
recruiter by tag or title, the skip-level and the current manager by a note.
The user's own employer comes from their profile headline.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from coach.core.domain import Contact, Profile
from coach.core.text import fold

COLLEAGUE = re.compile(
    r"\b(worked (?:together|with (?:me|us))|work together|teammates?|colleagues?|co-?workers?|same team|"
    r"(?:sat|sits) next to (?:me|each other) (?:at work|in the office|for)|(?:was )?my (?:old |former |previous )?(?:manager|boss|team ?lead|tech lead)|"
    r"managed me|reported to|mentored me|my first (?:job|year))\b", re.IGNORECASE)
MANAGER_NOW = re.compile(r"\b(?<!was )my (?:manager|boss|line manager)\b(?!'s)|\bmanages me\b", re.IGNORECASE)
MANAGER_BEFORE = re.compile(r"\b(was my (?:manager|boss|team ?lead)|managed me|my (?:old|former|previous|ex-?)\s*"
                            r"(?:manager|boss))\b", re.IGNORECASE)
SKIP_LEVEL = re.compile(r"\bskip[- ]level\b|\bmy (?:manager|boss)'s (?:manager|boss)\b", re.IGNORECASE)
MENTOR = re.compile(r"\b(my mentor|mentored me|mentors me|mentoring me)\b", re.IGNORECASE)
FELL_OUT = re.compile(r"\b(fell out|falling[- ]out|have not spoken since|haven't spoken since|never made up|"
                      r"bad terms)\b", re.IGNORECASE)
SPEAKER = re.compile(r"\b(organi[sz]es|speaks at|spoke at|gave a talk|keynote)\b", re.IGNORECASE)
YEARS = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|to)\s*((?:19|20)\d\d)\b")
AT_COMPANY = re.compile(r"\bat ((?:[A-Z][\w&'’.-]*)(?:\s+(?:[A-Z][\w&'’.-]*|&|of))*)")

TAG_KINDS = {
    "mentor": "mentor", "coach": "coach", "recruiter": "recruiter", "talent": "recruiter", "hiring": "hiring",
    "founder": "founder", "partner": "partner", "client": "partner", "investor": "partner", "friend": "friend",
    "speaker": "speaker", "organizer": "speaker", "organiser": "speaker", "former-colleague": "former-colleague",
    "colleague": "colleague", "manager": "manager",
}
TITLE_KINDS = [(re.compile(r"recruit|talent|sourcer", re.IGNORECASE), "recruiter"),
               (re.compile(r"\bcoach\b", re.IGNORECASE), "coach"),
               (re.compile(r"founder|\bowner\b|\bceo\b", re.IGNORECASE), "founder"),
               (re.compile(r"partnership|business development|alliances", re.IGNORECASE), "partner")]

# How each relation reads in a reason ("former colleague at Bramble Bank").
LABELS = {"former-colleague": "former colleague", "colleague": "colleague", "former-manager": "your former manager",
          "manager": "your manager", "skip-level": "your skip-level", "mentor": "mentor", "coach": "coach",
          "recruiter": "recruiter", "hiring": "hiring", "founder": "founder", "partner": "partner",
          "friend": "friend", "speaker": "speaks and organises", "fell-out": "you fell out"}


@dataclass
class Relation:
    kind: str
    employer: str = ""  # for colleagues and managers: where they worked with the user


@dataclass
class Person:
    """One contact and what the user's data says they are to the user."""

    contact: Contact
    relations: list[Relation] = field(default_factory=list)

    def has(self, kind: str) -> bool:
        return any(r.kind == kind for r in self.relations)

    def kinds(self) -> list[str]:
        """Their relations, the specific before the general: a former manager is not also listed as a former
        colleague, nor the manager as a colleague."""
        kinds = list(dict.fromkeys(r.kind for r in self.relations))
        for specific, general in (("former-manager", "former-colleague"), ("manager", "colleague"),
                                  ("skip-level", "colleague")):
            if specific in kinds and general in kinds:
                kinds.remove(general)
        return kinds

    def employer(self, kind: str) -> str:
        return next((r.employer for r in self.relations if r.kind == kind and r.employer), "")

    @property
    def last_spoke(self) -> dt.date | None:
        dates = [d for d in [self.contact.last_contacted, *(i.date for i in self.contact.interactions)] if d]
        return max(dates) if dates else None


def same_company(a: str, b: str) -> bool:
    fa, fb = fold(a).strip(), fold(b).strip()
    return bool(fa and fb) and (fa == fb or fa.startswith(fb + " ") or fb.startswith(fa + " "))


def current_employer(profile: Profile) -> str:
    """The user's employer, from their headline ('Data engineer at Pinecrest Logistics, …')."""
    match = AT_COMPANY.search(profile.headline or "")
    return match.group(1).strip(" .,") if match else ""


def _employer_in(text: str, contact: Contact) -> str:
    match = AT_COMPANY.search(text)
    return match.group(1).strip(" .,'’") if match else contact.company


def _ended(text: str, today: dt.date | None = None) -> bool:
    """A dated role that is over: 'my manager at Acme 2017-2019' (a past role is past)."""
    span = YEARS.search(text)
    return bool(span) and int(span.group(2)) < (today or dt.date.today()).year


def read_person(contact: Contact, employer: str) -> Person:
    """What `contact` is to the user (employer: the user's current one), from tags, title, notes and history."""
    person = Person(contact)
    add = person.relations.append
    for tag in contact.tags:
        kind = TAG_KINDS.get(fold(tag))
        if kind == "colleague" and not same_company(contact.company, employer):
            kind = "former-colleague"
        if kind:
            add(Relation(kind, contact.company if "colleague" in kind else ""))
    for pattern, kind in TITLE_KINDS:
        if pattern.search(contact.title or ""):
            add(Relation(kind))
    texts = [n.text for n in contact.notes] + [contact.how_we_met] + [i.summary for i in contact.interactions]
    for text in filter(None, texts):
        if COLLEAGUE.search(text):
            where = _employer_in(text, contact)
            before = MANAGER_BEFORE.search(text) or MANAGER_NOW.search(text) and _ended(text)
            now = bool(employer) and same_company(where, employer) and not before and not _ended(text)
            add(Relation("colleague" if now else "former-colleague", where))
            if before:
                add(Relation("former-manager", where))
            elif MANAGER_NOW.search(text) and not SKIP_LEVEL.search(text):
                add(Relation("manager", where))
        elif MANAGER_NOW.search(text) and not SKIP_LEVEL.search(text):
            add(Relation("manager", _employer_in(text, contact)))
        if SKIP_LEVEL.search(text):
            add(Relation("skip-level", contact.company))
        if MENTOR.search(text):
            add(Relation("mentor"))
        if FELL_OUT.search(text):
            add(Relation("fell-out"))
        if SPEAKER.search(text):
            add(Relation("speaker"))
    if employer and same_company(contact.company, employer) and not person.has("colleague"):
        add(Relation("colleague", contact.company))
    seen: set[tuple[str, str]] = set()
    person.relations = [r for r in person.relations if not ((r.kind, r.employer) in seen or seen.add((r.kind, r.employer)))]
    return person


def ago(date: dt.date, today: dt.date) -> str:
    """'3 weeks ago', '8 months ago', '2 years ago'."""
    days = (today - date).days
    if days < 1:
        return "today" if days == 0 else "recently"
    for size, unit, limit in ((1, "day", 14), (7, "week", 61), (30.44, "month", 730)):
        if days < limit:
            n = max(1, round(days / size))
            return f"{n} {unit}{'s' if n > 1 else ''} ago"
    n = round(days / 365.25)
    return f"{n} year{'s' if n > 1 else ''} ago"
