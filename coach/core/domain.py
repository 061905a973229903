"""The domain: contacts, notes, interactions and the user's own profile.

These pydantic models are what every part of the coach passes around; the
store maps them to SQL tables, the importers produce them, the index turns a
contact into a searchable document, and the agent reads its facts from them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator

from coach.core.errors import InputError
from coach.core.text import refused

Channel = Literal["linkedin-note", "linkedin-message", "email"]
Goal = Literal[
    "referral", "informational-interview", "mentorship", "reconnect", "follow-up",
    "thank-you", "introduction", "partnership", "congratulations",
]
GOALS: tuple[str, ...] = Goal.__args__  # type: ignore[attr-defined]
CHANNELS: tuple[str, ...] = Channel.__args__  # type: ignore[attr-defined]

def validate(goal: str, channel: str) -> None:
    """A goal and a channel the coach knows, else an InputError naming the choices."""
    if goal not in GOALS:
        raise InputError(f"Unknown goal '{goal}': use one of {', '.join(GOALS)}.")
    if channel not in CHANNELS:
        raise InputError(f"Unknown channel '{channel}': use one of {', '.join(CHANNELS)}.")


# Titles people put before a name ("Dr. Chidi", "Prof. Eva"): part of how to greet them, never their given name.
HONORIFICS = {"dr": "Dr.", "prof": "Prof.", "professor": "Professor", "mr": "Mr.", "mrs": "Mrs.", "ms": "Ms.",
              "mx": "Mx.", "sir": "Sir", "dame": "Dame", "capt": "Capt.", "captain": "Captain", "rev": "Rev.",
              "fr": "Fr.", "sr": "Sr.", "hon": "Hon.", "col": "Col.", "maj": "Maj.", "lt": "Lt.", "sgt": "Sgt.",
              "judge": "Judge", "chef": "Chef"}


# A profession's letters written before a name ("CA Meenakshi Iyer", "Engr. Tunde Bakare", "Atty. Reyes"): part of
# how they are listed, never a greeting's title ("Dear CA," reads as broken).
DESIGNATIONS = frozenset({"ca", "cpa", "cs", "cma", "acca", "er", "engr", "adv", "atty", "ar", "arch"})


def split_honorific(first_name: str) -> tuple[str, str]:
    """('Dr.', 'Chidi') from 'Dr. Chidi'; ('', 'Chidi') from 'Chidi' and from 'CA Chidi' (a designation)."""
    head, _, rest = first_name.strip().partition(" ")
    key = head.rstrip(".").casefold()
    if key in HONORIFICS and rest.strip():
        return HONORIFICS[key], rest.strip()
    if key in DESIGNATIONS and rest.strip() and head.rstrip(".")[:1].isupper():
        return "", rest.strip()
    return "", first_name.strip()


# Bidirectional controls: they reorder what a terminal shows ("gpj.exe" read as "exe.jpg").
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_JOINERS = frozenset("\u200c\u200d")
# The contact fields that say who someone is: cleaned on every way in, and matched on when merging.
IDENTITY_FIELDS = ("first_name", "middle_name", "last_name", "company", "title", "linkedin_url", "location")
IDENTITY_LISTS = ("emails", "phones", "tags")


def clean_identity(value: Any) -> str:
    """An identity field (a name, company, email, tag) as one clean line of visible text.

    NFC; invisible format characters (zero-width spaces, bidi overrides, soft hyphens, BOMs) and
    control characters removed; whitespace collapsed. Zero-width (non-)joiners are kept only
    between two letters of a script that needs them (Persian, Devanagari, ...), never next to
    Latin letters or at an edge, where they only hide a difference.
    """
    text = "" if value is None else str(value)
    if (text.isprintable() and "  " not in text and text == text.strip()
            and unicodedata.is_normalized("NFC", text)):
        return text  # the common case, decided at C speed: no format, control or odd space characters
    text = unicodedata.normalize("NFC", text)
    kept: list[str] = []
    for i, ch in enumerate(text):
        category = unicodedata.category(ch)
        if ch in _JOINERS:
            before, after = text[i - 1] if i else "", text[i + 1] if i + 1 < len(text) else ""
            if before.isalpha() and after.isalpha() and ord(before) > 0x24F and ord(after) > 0x24F:
                kept.append(ch)
            continue
        if category == "Cf" or (category == "Cc" and not ch.isspace()):
            continue
        kept.append(ch)
    return " ".join("".join(kept).split())


def clean_identities(values: Any) -> list[str]:
    """A list of identity values, each cleaned; empty ones dropped."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [v for v in (clean_identity(x) for x in values) if v]


def visible(text: str) -> str:
    """Stored text made safe to print on a terminal: bidi controls shown as <U+202E> instead of obeyed."""
    if not any(ch in BIDI_CONTROLS for ch in text):
        return text
    return "".join(f"<U+{ord(ch):04X}>" if ch in BIDI_CONTROLS else ch for ch in text)


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
    """One person in the user's network.

    Identity fields are cleaned on every way in (construction and assignment): see `clean_identity`.
    """

    model_config = ConfigDict(validate_assignment=True)

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

    @field_validator(*IDENTITY_FIELDS, mode="before")
    @classmethod
    def _clean_text(cls, value: Any) -> str:
        return clean_identity(value)

    @field_validator(*IDENTITY_LISTS, mode="before")
    @classmethod
    def _clean_list(cls, value: Any) -> list[str]:
        return clean_identities(value)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.middle_name, self.last_name) if p).strip()

    @property
    def honorific(self) -> str:
        """A title the name carries ('Dr.' for 'Dr. Chidi Okafor'), else ''."""
        return split_honorific(self.first_name)[0]

    @property
    def given_name(self) -> str:
        """The first name without any title: what 'Hi …,' uses."""
        return split_honorific(self.first_name)[1] or self.name.split(" ")[0]

    @property
    def noted_title(self) -> str:
        """'Dr.' or 'Prof.' when the user's notes write it before this person's family name ('signs as "Dr.
        Bertrand-Kuo"', 'Dr. Farah Qureshi-Bell'); '' otherwise, and '' wherever the notes refuse it ('not "Dr
        Castellanos", he hated that')."""
        if not self.last_name:
            return ""
        family = re.escape(self.last_name.split(" ")[0])
        given = re.escape(self.given_name)
        found = ""
        for note in self.notes:
            text = note.text or ""
            for m in re.finditer(rf"\b(Dr|Prof)\.?\s+(?:{given}\w*\s+)?{family}\b", text):
                if refused(text, m.start(), m.end()):
                    return ""  # 'pls not "Dr Castellanos", he hated that': the notes refuse the title
                found = found or f"{m.group(1)}."
        return found

    def addressed(self, formal: bool = False) -> str:
        """How a greeting names them: 'Dr. Okafor' when the name (or the user's notes) carries a title,
        'Professor Lindqvist' in a formal message to someone whose job title is professor, else their given name."""
        title = self.honorific or self.noted_title or \
            ("Professor" if formal and self.title.casefold().startswith("professor") else "")
        return f"{title} {self.last_name}" if title and self.last_name else self.given_name

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

    @field_validator("name", "headline", mode="before")
    @classmethod
    def _clean_text(cls, value: Any) -> str:
        return clean_identity(value)

    @field_validator("target_companies", "target_roles", mode="before")
    @classmethod
    def _clean_list(cls, value: Any) -> list[str]:
        return clean_identities(value)



def clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Contact fields given by hand (an edit), with the identity ones cleaned as the model cleans them."""
    out = dict(fields)
    for key, value in fields.items():
        if value is None:
            continue
        if key in IDENTITY_FIELDS:
            out[key] = clean_identity(value)
        elif key in IDENTITY_LISTS:
            out[key] = clean_identities(value)
    return out
