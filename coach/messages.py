"""The shapes of what the coach produces: checks, drafts, advice, chat turns."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class CheckResult(BaseModel):
    name: str
    passed: bool
    detail: str
    suggestion: str = ""
    hard: bool = Field(default=False, description="A failed hard check means the draft is never shown.")


class CheckReport(BaseModel):
    score: int = Field(description="0-100: share of weighted checks passed.")
    checks: list[CheckResult]
    unsupported: list[str] = Field(default_factory=list, description="Claims with no support in what the user knows.")

    @property
    def hard_passed(self) -> bool:
        return all(c.passed for c in self.checks if c.hard)

    def failed(self) -> list[str]:
        return [c.name for c in self.checks if not c.passed]


class Citation(BaseModel):
    source: str
    title: str


class Fact(BaseModel):
    text: str
    source: str = Field(description="Where the fact comes from: note:<id>, interaction:<id>, contact, profile, request.")


class Draft(BaseModel):
    contact: str
    contact_id: int | None = None
    goal: str
    channel: str
    subject: str = ""
    body: str
    score: int
    checks: list[CheckResult]
    citations: list[Citation] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    model: str
    prompt: str = Field(default="", description="name@version of the prompt that produced it.")
    latency_ms: int = 0
    path: Literal["as-written", "revised", "repaired", "template"] = Field(
        default="template",
        description="How the draft was made: the model's words as written, as the model revised them when told "
                    "what failed, composed from verified facts keeping the model's sentences that passed "
                    "(repaired), or from verified facts alone (template).")
    revisions: int = Field(default=0, description="Revision rounds the model was asked for.")
    repaired: bool = False
    fallback: bool = Field(default=False, description="True when no candidate passed and the grounded template was used.")
    candidates: int = 0
    candidates_passed_raw: int = 0
    limit: int | None = None

    def text(self) -> str:
        return (f"Subject: {self.subject}\n\n" if self.subject else "") + self.body


class RelatedContact(BaseModel):
    id: int | None = None
    name: str
    company: str = ""
    why: str = ""


class Advice(BaseModel):
    situation: str
    summary: str
    steps: list[str]
    script: str = ""
    citations: list[Citation] = Field(default_factory=list)
    related_contacts: list[RelatedContact] = Field(default_factory=list)
    model: str = ""
    prompt: str = ""
    latency_ms: int = 0


class Turn(BaseModel):
    reply: str
    intent: str
    draft: Draft | None = None
    advice: Advice | None = None
    results: list[dict] = Field(default_factory=list)
    check: CheckReport | None = None
    citations: list[Citation] = Field(default_factory=list)
