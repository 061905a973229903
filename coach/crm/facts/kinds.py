"""Facts: what the user knows about a person, as typed, dated, sourced data the user can see and fix.

Extracted by rules for the embedded tier (`coach.crm.facts.rules`), by a capable model's structured output
otherwise (`coach.crm.facts.extract`); stored, and fixed by the user, in `coach.crm.facts.book`.

A dated Markdown heading (`## 2024-05-02 Offsite in Lyon`) arrives as a note whose first line is the
heading's title: it is the interaction's date and title, never sentence text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal

from pydantic import BaseModel, Field

from coach.core.text import fold

Kind = Literal["met-at", "worked-together", "favour", "offer", "my-request", "their-news", "personal", "role",
               "their-work"]
KINDS: tuple[str, ...] = ("met-at", "worked-together", "favour", "offer", "my-request", "their-news", "personal",
                          "role", "their-work")


# Which kinds of fact suit each goal, strongest first (an invitation to get back in touch beats a meeting; a favour
# beats a job title): the composer opens with the first one a contact has, and the goal check takes it as what a
# message with no reason of the user's own is about. Their work the user heard or read ("I heard you on the …
# podcast") is a hook for a stranger: after anything shared, before their news (news is what anyone can read).
GOAL_FACTS: dict[str, tuple[str, ...]] = {
    "referral": ("offer", "favour", "worked-together", "role", "met-at", "their-news", "their-work"),
    "reconnect": ("offer", "worked-together", "role", "favour", "met-at", "their-news"),
    "congratulations": ("their-news", "worked-together", "favour", "role", "met-at", "their-work"),
    "thank-you": ("favour", "offer", "worked-together", "role", "met-at"),
    "follow-up": ("my-request", "offer", "met-at", "favour", "worked-together", "role"),
    "informational-interview": ("offer", "favour", "met-at", "worked-together", "role", "their-work", "their-news"),
    "mentorship": ("favour", "offer", "worked-together", "role", "met-at", "their-work", "their-news"),
    "introduction": ("offer", "favour", "worked-together", "met-at", "their-work"),
    "partnership": ("worked-together", "met-at", "offer", "favour", "their-work", "their-news"),
}

class Fact(BaseModel):
    """One thing the user knows about a person, ready to use in a message."""

    id: int | None = None
    contact_id: int | None = None
    kind: Kind = Field(description="What the fact shows: met-at (where/when we met or talked), worked-together, "
                                   "favour (they did for me), offer (they invited me to get back in touch, "
                                   "offered help), my-request (I asked them), their-news, personal, role, "
                                   "their-work (I heard, read or watched something of theirs: a podcast, a talk, a "
                                   "post, a paper, a book, a video, a repo).")
    phrase: str = Field(description="A short ready-to-use phrase addressed to the person, in the note's own "
                                    "words: 'at PyCon US 2024 in Pittsburgh', 'you reviewed my portfolio'.")
    date: dt.date | None = Field(default=None, description="When it happened (the note's date or heading).")
    source: str = Field(default="", description="field:<name> or note:<id>, and the heading it sat under.")
    company: str = ""
    project: str = Field(default="", description="The team or project it was on ('the payments team').")
    event: str = Field(default="", description="For a meeting: the event's name ('NW Supply Chain Forum').")
    place: str = Field(default="", description="For a meeting or a talk: the town or venue ('Montréal').")
    work: str = Field(default="", description="For their work: what it is ('podcast', 'talk', 'post', 'paper').")
    title: str = Field(default="", description="For their work: the show's or the piece's name ('Filed & Approved').")
    years: str = Field(default="", description="For roles and work together: '2017-2019'.")
    past: bool = Field(default=False, description="A role that ended (a former manager is past).")
    confirmed: bool = False
    pinned: bool = False
    hidden: bool = False
    edited: bool = Field(default=False, description="The user wrote or changed it: re-extraction keeps it.")
    origin: str = Field(default="", description="The key it was extracted with (empty when the user added it).")

    @property
    def key(self) -> str:
        """Identity across re-extraction: the source and the span it came from."""
        return hashlib.sha1(f"{self.kind}|{self.source}|{fold(self.phrase)}".encode()).hexdigest()[:16]

    def public(self) -> dict:
        return {"id": self.id, "kind": self.kind, "text": self.phrase,
                "date": self.date.isoformat() if self.date else None, "source": self.source,
                "confirmed": self.confirmed}


def merge(stored: list[Fact], extracted: list[Fact]) -> tuple[list[Fact], list[Fact], list[Fact]]:
    """(keep, add, drop) for a re-extraction: a fact the user touched (edited, confirmed, pinned, hidden) is
    kept as they left it and its origin is never extracted again; untouched facts follow the notes."""
    touched = [f for f in stored if f.edited or f.confirmed or f.pinned or f.hidden]
    blocked = {f.origin for f in touched}
    by_origin = {f.origin: f for f in stored if f not in touched}
    wanted = [f for f in extracted if f.key not in blocked]
    keep = touched + [by_origin[f.key] for f in wanted if f.key in by_origin]
    add = [f.model_copy(update={"origin": f.key}) for f in wanted if f.key not in by_origin]
    drop = [f for f in by_origin.values() if f not in keep]
    return keep, add, drop


def visible(facts: list[Fact]) -> list[Fact]:
    """Facts a draft may use: hidden ones never; pinned first."""
    return sorted((f for f in facts if not f.hidden), key=lambda f: (not f.pinned, not f.confirmed))


