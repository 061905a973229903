"""Facts from a capable model: structured output (a pydantic schema whose field descriptions are the contract)
through the model seam. The rules (`coach.crm.facts.kinds.extract`) serve the embedded tier and any model that fails.

The model picks spans: a phrase must be made of the note's own words (every content word of it appears in the
notes or fields), else it is dropped; nothing the model writes reaches a draft unchecked.
"""

from __future__ import annotations

import datetime as dt

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from coach.core.domain import Contact
from coach.core.errors import ProviderError
from coach.core.text import STOPWORDS, fold, words
from coach.crm.facts.kinds import Fact, Kind
from coach.crm.facts.rules import extract_rules as extract
from coach.llm.providers import structured


class ModelFact(BaseModel):
    kind: Kind = Field(description="met-at: where or when we met or talked; worked-together: a project, "
                                   "company or years we shared; favour: something they did for me; offer: they "
                                   "invited me to get back in touch or offered help; my-request: something I asked "
                                   "them; their-news: a change in their life or work; personal: a personal "
                                   "detail; role: a role they held relative to me (say if it is past); "
                                   "their-work: something of theirs I heard, read or watched (a podcast they were "
                                   "on, a talk, a post, a paper, a book, a video, a repo).")
    phrase: str = Field(description="A short phrase addressed to the person, using the note's own words with "
                                    "'you' for them: 'at PyCon US 2024 in Pittsburgh', 'you reviewed my "
                                    "portfolio', 'you asked me to get back in touch when roles open', 'I read your post about "
                                    "hiring juniors'.")
    date: str = Field(default="", description="YYYY-MM-DD from the note's date or heading, or empty.")
    note_id: int | None = Field(default=None, description="The id of the note it came from, if any.")
    past: bool = Field(default=False, description="For a role: it has ended.")


class ModelFacts(BaseModel):
    """Every fact the notes state about the person and the user's shared history."""

    facts: list[ModelFact] = Field(description="One entry per fact; leave out anything the notes do not say.")


SYSTEM = ("You read a user's private notes about one person and list the facts they state, as data. Never invent; "
          "use the notes' own words; a dated heading is the date and title of an interaction.")


def _notes_text(contact: Contact) -> str:
    lines = [f"Name: {contact.name}", f"Works as: {contact.headline()}", f"How we met: {contact.how_we_met}"]
    lines += [f"[note {n.id}, {n.date or 'undated'}] {n.text}" for n in contact.notes]
    return "\n".join(line for line in lines if not line.endswith(": "))


def _own_words(phrase: str, source: str) -> bool:
    have = set(words(source)) | {"you", "your", "we", "our", "my", "me", "i", "at", "in", "on", "to"}
    content = [w for w in words(phrase) if w not in STOPWORDS]
    return bool(content) and all(w in have for w in content)


def extract_with_model(model, contact: Contact, today: dt.date | None = None, me: str = "") -> list[Fact]:
    """The capable model's facts, each kept only if made of the notes' own words; the rules' on failure."""
    source = fold(_notes_text(contact))
    try:
        answer = structured(model, ModelFacts, [SystemMessage(content=SYSTEM),
                                                HumanMessage(content=_notes_text(contact))])
    except ProviderError:
        return extract(contact, today, me=me)
    if not isinstance(answer, ModelFacts):  # no tool call at all: the model answered in prose
        return extract(contact, today, me=me)
    dates = {n.id: n.date for n in contact.notes}
    out: list[Fact] = []
    for f in answer.facts:
        if not _own_words(f.phrase, source):
            continue
        try:
            date = dt.date.fromisoformat(f.date) if f.date else dates.get(f.note_id)
        except ValueError:
            date = dates.get(f.note_id)
        out.append(Fact(kind=f.kind, phrase=" ".join(f.phrase.split()).rstrip("."), date=date, past=f.past,
                        source=f"note:{f.note_id}" if f.note_id else "model"))
    return out or extract(contact, today, me=me)
