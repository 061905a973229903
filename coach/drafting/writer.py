"""The trained writer (issue 28): SmolLM2-135M with a LoRA adapter trained to write a message from typed facts.

Data-to-text, not free writing: the input is the goal, the channel, who writes to whom, the typed facts (kind,
phrase, date) and the typed request (topic, tone, length, what to avoid); the output is the message. The same
`WriterInput` and `messages()` build the training examples (training/train.py) and the prompt at run time, so
the model sees at run time exactly the shape it was trained on.

Whatever it writes is guarded like any model's draft: the drafter checks it (grounding against the facts,
grammar, one ask, the channel's limits) and keeps it only when it passes. COACH_DRAFT_WRITER chooses
composition (`compose`, the default), the trained writer (`trained`), or both with the checker choosing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from coach.core.domain import Contact, Profile
from coach.core.messages import Style

ADAPTER = Path(__file__).resolve().parent.parent / "resources" / "writer" / "smollm2-writer-lora.gguf"
SYSTEM = ("You write one short professional networking message from the facts given. Use only these facts and "
          "the request; never invent a meeting, a date, a favour or a detail. Greet the person, make one clear "
          "ask that fits the goal, sign with the sender's first name.")
CHANNEL_FORM = {
    "linkedin-note": "LinkedIn connection note: at most 200 characters, no subject",
    "linkedin-message": "LinkedIn message: 40-120 words, no subject",
    "email": "email: a first line 'Subject: ...', a blank line, then 50-150 words",
}


class WriterFact(BaseModel):
    kind: str
    phrase: str
    date: dt.date | None = None


class WriterInput(BaseModel):
    """Everything the writer is told, and nothing else."""

    goal: str
    channel: str
    sender_name: str = ""
    sender_headline: str = ""
    first_name: str
    last_name: str = ""
    company: str = ""
    title: str = ""
    honorific: str = ""
    facts: list[WriterFact] = Field(default_factory=list)
    topic: str = ""
    tone: Literal["warm", "neutral", "formal"] = "neutral"
    length: Literal["short", "normal", "long"] = "normal"
    avoid: list[str] = Field(default_factory=list)

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> WriterInput:
        """A training record (training/data/*.jsonl) as the writer's input."""
        to, sender, request = row["recipient"], row.get("sender", {}), row.get("request", {})
        return cls(goal=row["goal"], channel=row["channel"], sender_name=sender.get("name", ""),
                   sender_headline=sender.get("headline", ""), first_name=to["first_name"],
                   last_name=to.get("last_name", ""), company=to.get("company", ""), title=to.get("title", ""),
                   honorific=to.get("honorific", ""),
                   facts=[WriterFact(kind=f["kind"], phrase=f["phrase"], date=f.get("date") or None)
                          for f in row.get("facts", [])],
                   topic=request.get("topic", ""), tone=request.get("tone", "neutral"),
                   length=request.get("length", "normal"), avoid=list(request.get("avoid", [])))

    @classmethod
    def from_draft(cls, goal: str, channel: str, contact: Contact, profile: Profile, facts: list[Any],
                   topic: str = "", style: Style | None = None, avoid: list[str] = ()) -> WriterInput:
        """The drafter's typed request and the contact's visible facts as the writer's input."""
        style = style or Style()
        return cls(goal=goal, channel=channel, sender_name=profile.name, sender_headline=profile.headline,
                   first_name=contact.first_name, last_name=contact.last_name, company=contact.company,
                   title=contact.title,
                   facts=[WriterFact(kind=f.kind, phrase=f.phrase, date=f.date) for f in facts],
                   topic=topic, tone={-1: "warm", 0: "neutral", 1: "formal"}[style.tone],
                   length={-1: "short", 0: "normal", 1: "long"}[style.length], avoid=list(avoid))

    def brief(self) -> str:
        """The user turn: one labelled line per part."""
        to = " ".join(x for x in (self.honorific, self.first_name, self.last_name) if x)
        where = ", ".join(x for x in (self.title, self.company) if x)
        facts = "\n".join(f"- {f.kind}: {f.phrase}" + (f" ({f.date:%B %Y})" if f.date else "")
                          for f in self.facts) or "- none (you share no history: do not invent any)"
        lines = [f"Goal: {self.goal}", f"Channel: {CHANNEL_FORM[self.channel]}",
                 f"From: {self.sender_name}" + (f" ({self.sender_headline})" if self.sender_headline else ""),
                 f"To: {to}" + (f" ({where})" if where else ""), f"Facts:\n{facts}",
                 f"Topic: {self.topic or 'none'}", f"Tone: {self.tone}; length: {self.length}",
                 f"Avoid: {', '.join(self.avoid) or 'nothing'}"]
        return "\n".join(lines)


def messages(inp: WriterInput) -> list[dict[str, str]]:
    """The chat messages the writer reads (its answer is the message)."""
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": inp.brief()}]


def available() -> bool:
    return ADAPTER.is_file()
