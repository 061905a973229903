"""The domain: contacts, notes, interactions and the user's own profile.

These pydantic models are what every part of the coach passes around; the
store maps them to SQL tables, the importers produce them, the index turns a
contact into a searchable document, and the agent reads its facts from them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field, computed_field

Channel = Literal["linkedin-note", "linkedin-message", "email"]
Goal = Literal[
    "referral", "informational-interview", "mentorship", "reconnect", "follow-up",
    "thank-you", "introduction", "partnership", "congratulations",
]
GOALS: tuple[str, ...] = Goal.__args__  # type: ignore[attr-defined]
CHANNELS: tuple[str, ...] = Channel.__args__  # type: ignore[attr-defined]


class Note(BaseModel):
    """Something the user knows about a person, in their own words."""

    id: int | None = None
    contact_id: int | None = None
    text: str = Field(description="The note, as the user wrote or imported it.")
    date: dt.date | None = Field(default=None, description="When it happened or was written.")
    source: str = Field(default="manual", description="manual, linkedin, google, vcard, markdown.")


class Interaction(BaseModel):
    """A conversation or message exchanged with a person."""

    id: int | None = None
    contact_id: int | None = None
    date: dt.date
    channel: str = Field(default="other", description="email, linkedin, call, meeting, event, other.")
    direction: Literal["outbound", "inbound", "both"] = "both"
    summary: str = ""


class Contact(BaseModel):
    """One person in the user's network."""

    id: int | None = None
    first_name: str = ""
    middle_name: str = ""
    last_name: str = ""
    company: str = ""
    title: str = ""
    emails: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    linkedin_url: str = ""
    tags: list[str] = Field(default_factory=list)
    location: str = ""
    how_we_met: str = ""
    connected_on: dt.date | None = None
    birthday: str = Field(default="", description="ISO date, or --MM-DD when the year is unknown.")
    sources: list[str] = Field(default_factory=list)
    cadence_days: int | None = Field(default=None, description="Check in every N days (overrides tag cadences).")
    last_contacted: dt.date | None = None
    notes: list[Note] = Field(default_factory=list)
    interactions: list[Interaction] = Field(default_factory=list)
    field_sources: dict[str, str] = Field(
        default_factory=dict, exclude=True,
        description="Who set each field: 'manual' (typed by the user, never overwritten by an import) or a source.",
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.middle_name, self.last_name) if p).strip()

    @property
    def email(self) -> str:
        return self.emails[0] if self.emails else ""

    def headline(self) -> str:
        """"Title at Company", or whichever part is known."""
        if self.title and self.company:
            return f"{self.title} at {self.company}"
        return self.title or self.company


class Profile(BaseModel):
    """The user: who they are and what they are after, used in drafts."""

    name: str = ""
    headline: str = ""
    goals: str = ""
    target_companies: list[str] = Field(default_factory=list)
    target_roles: list[str] = Field(default_factory=list)
