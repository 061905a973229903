"""Openers: the line a message opens with, chosen from the contact's facts for the goal.

Each goal ranks the kinds of fact (an invitation to get back in touch beats a meeting; a favour beats a job
title); a fixed frame per kind takes the fact's phrase as it is. Pinned facts go first, hidden ones never.
A frame never says to a person what they are to the user ("you were my manager"): a past role gives
"what I learned working with you at Acme".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from coach.crm.facts.kinds import GOAL_FACTS as ORDER
from coach.crm.facts.kinds import Fact, visible
from coach.drafting.sayable import sayable

# A phrase that says when already ("in March 2026", "last week").
DATED = re.compile(r"\b(?:in|last|this|since)\s+(?:January|February|March|April|May|June|July|August|September|"
                   r"October|November|December|spring|summer|autumn|fall|winter|week|month|year|(?:19|20)\d\d)\b")


# A role in which they taught or guided the user ("formerly my capstone advisor (2016)").
TAUGHT = re.compile(r"(?:formerly )?my ((?:[\w.'-]+ )?(?:advisor|adviser|supervisor|professor|teacher|tutor|coach|mentor|"
                    r"instructor))(?: \(|$)")


@dataclass
class Opener:
    sentence: str
    kind: str
    source: str
    short: str = ""
    plain: str = ""
    vague: bool = False  # says little (worked together, nowhere and on nothing): kept only when nothing else is

    def __post_init__(self) -> None:
        self.short = self.short or self.sentence
        self.plain = self.plain or self.short


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def when(date: dt.date | None, today: dt.date, source: str = "## ") -> str:
    """'In March' (within the year), 'In March 2024' (earlier); '' without a date. Only a date the user gave
    (a dated heading, or a fact they wrote) says when it happened; a note's entry date may not."""
    if not date or date > today or not ("## " in source or source == "user" or source.startswith("interaction")):
        return ""
    return f"In {date:%B}" if (today - date).days < 300 and date.year == today.year else f"In {date:%B %Y}"


def _where(fact: Fact, facts: list[Fact]) -> str:
    """The place of the same note's heading or meeting ('at the offsite in Lyon'), if any."""
    for f in facts:
        if f is not fact and f.kind == "met-at" and f.source == fact.source and f.phrase.startswith("at "):
            return f.phrase
    return ""


# The last word of an event's name that takes "the" ("at the Hospitality Leaders Forum", not "at PyCon 2024").
EVENT_NOUNS = frozenset("forum conference summit meetup awards society association fair expo day days festival "
                        "workshop week congress symposium convention hackathon gala panel retreat offsite session "
                        "bootcamp show meeting breakfast lunch dinner mixer reception series council roundtable "
                        "assembly conf".split())


def from_fields(fact: Fact) -> str:
    """A meeting said from its typed fields: 'at the NW Supply Chain Forum in Portland'; '' without an event."""
    event = fact.event.strip()
    if not event:
        return ""
    last = re.findall(r"[A-Za-z]+", event)[-1:] or [""]
    the = "the " if last[0].lower() in EVENT_NOUNS and not event.lower().startswith("the ") else ""
    return f"at {the}{event}" + (f" in {fact.place}" if fact.place else "")


def _met_line(fact: Fact, today: dt.date, src: str) -> Opener:
    """The meeting from its fields, with its month where the user gave one."""
    p = from_fields(fact)
    w = when(fact.date, today, src)
    w = f" {w[0].lower()}{w[1:]}" if w else ""
    return Opener(f"It was good to meet you {p}{w}.", "met-at", src, short=f"We met {p}.")


def opener(fact: Fact, facts: list[Fact], today: dt.date, goal: str = "", person: tuple[str, ...] = ()) -> Opener | None:
    p = fact.phrase.strip().rstrip(".,;: ")
    src = fact.source
    if fact.kind == "met-at" and fact.event and not fact.edited and sayable(from_fields(fact), "met-at", person):
        return _met_line(fact, today, src)  # the typed fields say it: the heading less its asides
    if fact.kind == "offer":
        w = when(fact.date, today, src)
        return Opener(f"{w}, {p}." if w else f"When we last spoke, {p}.", "offer", src, short=f"{_cap(p)}.")
    if fact.kind == "favour" and goal == "thank-you":
        return Opener(f"Thank you again. I am so grateful that {p}.", "favour", src, short=f"Thank you again: {p}.",
                      plain=f"I am so grateful that {p}.")
    if fact.kind == "favour":
        return Opener(f"I am still grateful that {p}.", "favour", src, short=f"{_cap(p)}, thank you again.",
                      plain=f"{_cap(p)}.")
    if fact.kind == "worked-together":
        if p.startswith("we worked together"):
            said = p.split(" (", 1)[0]  # the years are data, not words to say
            return Opener(f"I often think back to when {said}.", fact.kind, src, plain=f"{_cap(said)}.",
                          vague=said == "we worked together")
        if p.startswith(("we both ", "we go way back")):  # shared now, in the present tense: said as it is
            return Opener(f"{_cap(p)}.", fact.kind, src)
        if p.startswith("we "):
            where = _where(fact, facts)
            return Opener(f"I often think back to when {p}{' ' + where if where else ''}.", fact.kind, src,
                          plain=f"{_cap(p)}.")
        return None
    if fact.kind == "role":
        taught = TAUGHT.match(p)
        if taught and fact.past:  # they taught or guided the user: said as gratitude, with its year where known
            said = taught.group(1)
            year = fact.years if re.fullmatch(r"(?:19|20)\d\d", fact.years or "") else ""
            return Opener(f"I still value your guidance from {year}, when you were my {said}." if year
                          else f"I still value your guidance as my {said}.", "role", src,
                          short=f"You were my {said}" + (f" in {year}." if year else "."))
        if fact.past and (fact.company or fact.project) and "my " in p:
            on = f" on {fact.project}" if fact.project else ""
            at = f" at {fact.company}" if fact.company else ""
            return Opener(f"I still value what I learned working with you{on}{at}.", "role", src)
        return None
    if fact.kind == "met-at":
        if p.startswith("over "):  # a coffee or a lunch: not where we first met
            w = when(fact.date, today, src)
            return Opener(f"It was good to catch up {p}" + (f" {w[0].lower()}{w[1:]}" if w else "") + ".", "met-at",
                          src, short=f"Good to catch up {p}.")
        if p.startswith(("at ", "in ", "during ")):
            talk = next((f.phrase for f in facts if f.source == src and f.phrase.startswith("we talked about ")), "")
            if talk:
                return Opener(f"It was great meeting you {p} and talking about {talk[16:]}.", "met-at", src,
                              short=f"We met {p}.")
            return Opener(f"It was great meeting you {p}.", "met-at", src, short=f"We met {p}.")
        if p.startswith(("through ", "via ")):
            return Opener(f"It was great connecting {p}.", "met-at", src, short=f"We connected {p}.")
        if p.startswith("we talked about ") and not _where(fact, facts):
            return Opener(f"I still remember when {p}.", "met-at", src, short=f"{_cap(p)}.")
        return None
    if fact.kind == "their-news" and re.match(r"you (?:left|quit|were (?:laid off|let go))\b", p):
        return None  # leaving a job is no news to open with (it may have been a layoff)
    if fact.kind == "their-news" and p.startswith("you "):
        if goal == "congratulations":
            return Opener(f"Congratulations! I saw that {p}.", "their-news", src, plain=f"I saw that {p}.")
        return Opener(f"I saw that {p}.", "their-news", src)
    if fact.kind == "their-work" and p.startswith("I "):  # "I heard you on the … podcast": the user's own contact
        return Opener(f"{p}.", "their-work", src)
    if fact.kind == "my-request" and p.startswith("I "):
        w = "" if DATED.search(p) else when(fact.date, today, src)  # "I emailed you in March": said already
        if DATED.search(p):
            return Opener(f"{p}.", "my-request", src)
        return Opener(f"{w}, {p}." if w else f"When we last spoke, {p}.", "my-request", src, short=f"{p}.")
    return None


def _said_clean(fact: Fact, person: tuple[str, ...]) -> bool:
    """Whether the words of `fact` an opener says are a clean clause: a role is said from its typed fields
    (company, project), work together without its years."""
    if fact.kind == "role":
        return True
    if fact.kind == "met-at" and fact.event and sayable(from_fields(fact), "met-at", person):
        return True
    said = fact.phrase.split(" (", 1)[0] if fact.phrase.startswith("we worked together") else fact.phrase
    return sayable(said, fact.kind, person)


def openers(facts: list[Fact], goal: str, today: dt.date | None = None, person: tuple[str, ...] = ()) -> list[Opener]:
    """The lines the facts give for `goal`, strongest first (pinned first of all); one per source. A fact whose
    phrase is no clean clause (`sayable`: shorthand, quotes, a heading that is the person's name) gives none;
    one the user wrote, edited or pinned is theirs to say."""
    today = today or dt.date.today()
    order = ORDER.get(goal, ORDER["reconnect"])
    shown = [f for f in visible(facts) if f.edited or f.pinned or _said_clean(f, person)]
    ranked = sorted((f for f in shown if f.kind in order or f.pinned),
                    key=lambda f: (not f.pinned, order.index(f.kind) if f.kind in order else 9,
                                   not f.phrase.startswith(("at ", "in ", "through ", "via ", "over "))
                                   if f.kind == "met-at" else 0,
                                   -(f.date or dt.date.min).toordinal()))
    out: list[Opener] = []
    for fact in ranked:
        line = opener(fact, shown, today, goal, person)
        if line and not any(o.source == line.source and o.kind == line.kind for o in out) \
                and line.sentence not in {o.sentence for o in out}:
            out.append(line)
    return out
