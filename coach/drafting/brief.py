"""The brief: everything a draft may draw on, already verified (the contact, the user, the goal, the request
read into typed parts, the facts), and the checks a draft is judged by."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.checks import checker, grammar
from coach.checks.checker import Grounds
from coach.checks.substance import touches
from coach.config.prompts import load_data
from coach.core.domain import Contact, Profile
from coach.core.messages import CheckReport, RequestReading, Style
from coach.crm.facts.kinds import Fact
from coach.crm.facts.names import asked_by_name, greeting_name
from coach.crm.facts.rules import extract_rules as extract
from coach.crm.facts.said import request_facts
from coach.drafting.parts import DOUBT
from coach.drafting.request import read_request


@dataclass
class Brief:
    """Everything a draft may draw on, already verified."""

    contact: Contact
    profile: Profile
    goal: str
    channel: str
    context: str = ""
    others: list[Contact] = field(default_factory=list)
    premium: bool = False
    style: Style = field(default_factory=Style)
    facts: list[Fact] | None = None  # the stored facts (with the user's edits); extracted from notes when None
    reading: RequestReading | None = None  # the request read into typed parts; read from `context` when None
    told: list[Fact] = field(default_factory=list, init=False)  # facts the request's words give (this draft only)

    def __post_init__(self) -> None:
        if self.reading is None:
            self.reading = read_request(self.context, self.contact)
        self.reading = self.reading.model_copy(deep=True)  # this brief's reading: its told facts are shown on it
        self.told = self._told()
        # what the user asked for in words ("keep it short", "make it warm") is applied, unless a button said
        self.style = Style(length=self.style.length or self.reading.length, tone=self.style.tone or self.reading.tone)

    def avoided(self, text: str) -> bool:
        """Whether `text` touches something the user said to leave out, as the leave-out check reads it (a fact
        that shares only a place with "that I left Fairhaven because of burnout" does not)."""
        return any(touches(text, thing) for thing in self.reading.avoid)

    @property
    def all_facts(self) -> list[Fact]:
        """The contact's facts, and what the user's request tells of them that no request rule read."""
        if self.facts is None:
            self.facts = extract(self.contact, me=self.profile.name)
        return self.facts + self.told

    def _told(self) -> list[Fact]:
        """Facts read from the request's unread parts (a doubt, a secret or a thing to leave out gives none);
        the reading shows them, and those parts are no longer 'not used'."""
        told: list[Fact] = []
        parts = [p for p in self.reading.left_out if not DOUBT.search(p.lower())]
        for part, found in request_facts(parts, self.contact):
            found = [f for f in found if not self.avoided(f.phrase)]
            if found:
                told += found
                self.reading.left_out.remove(part)
                self.reading.facts += [f"{f.kind}: {f.phrase}" for f in found]
        return told

    @property
    def grounds(self) -> Grounds:
        if not hasattr(self, "_grounds"):
            # the user's words ground what a draft says; what the draft must carry of them is the typed reading
            self._grounds = Grounds(contact=self.contact, profile=self.profile,
                                    request=f"{self.goal} {self.context}".strip(), others=self.others,
                                    goal=self.goal, context=self.reading.said(), facts=self.all_facts,
                                    reading=self.reading)
        return self._grounds

    def names(self) -> set[str]:
        """Words that may be capitalised mid-sentence: names and proper nouns the user gave us."""
        c = self.contact
        # from free text only the words capitalised mid-sentence: a note's first word is no name ("Gave me…")
        free = grammar.names_in(c.how_we_met, self.context, *(n.text for n in c.notes),
                                *(f.phrase for f in self.all_facts), mid_sentence=True)
        typed = [x for p in self.reading.parts if p.kind in ("role", "person", "ref", "link", "offer", "sending",
                                                              "availability") for x in (p.text, p.extra)]  # named as data
        return grammar.names_in(c.name, c.company, c.title, c.location, self.profile.name,
                                self.profile.headline, *typed) | free

    @property
    def first(self) -> str:
        """The name they go by (the notes may say it is not their given name)."""
        if not hasattr(self, "_first"):
            self._first = greeting_name(self.contact, self.context)
        return self._first

    def addressed(self, formal: bool = False) -> str:
        """How the greeting names them: a title and family name where the record carries a title (unless the
        user's words or notes say to call them by their name), else the name they go by."""
        name = self.contact.addressed(formal=formal)
        # "she said to call her Saoirse": the name they asked for, never "Dr. Flanagan"
        titled = name != self.contact.given_name and not asked_by_name(self.contact, self.context)
        return name if titled else self.first

    @property
    def limit(self) -> int | None:
        """The most characters a draft may have: the channel's, or fewer where the user said so ("150 chars")."""
        limit, most = checker.channel_limit(self.channel, self.premium), self.reading.most
        if most is not None and most.unit == "characters":
            return most.most if limit is None else min(limit, most.most)
        return limit

    def spec(self) -> dict:
        return load_data("goals")["goals"][self.goal]

    def check(self, subject: str, body: str) -> CheckReport:
        return checker.check_message(body, self.channel, self.grounds, subject, self.premium)

