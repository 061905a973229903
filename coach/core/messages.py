"""The shapes of what the coach produces: checks, drafts, advice, chat turns."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from coach.core.situation import Situation


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


# The extra of an offer that is an introduction the user offers them ("offer Rachel an intro to Lola Brennan"):
# its text is "introduce you to <who>", and the ask asks whether it is wanted.
INTRODUCTION = "introduction"


class RequestPart(BaseModel):
    """One typed part of what the user typed beside the goal; a draft says it only through its kind's frame."""

    kind: Literal["topic", "role", "person", "news", "mine", "wish", "thanks", "follow", "proposal", "their-offer",
                  "sending", "apology", "meet", "ask", "link", "ref", "referrer", "offer", "availability", "gap", "date",
                  "luck", "parting", "met"] = \
        Field(description="topic: a thing to name ('the Series B'); role: an opening the user applies for; person: "
                          "someone to be introduced to; news: their news ('promotion to VP Engineering'); mine: a "
                          "whole sentence the user wrote about themselves; wish: what the user would love to hear "
                          "about; thanks: what to thank them for; follow: what to follow up on; proposal: the idea "
                          "proposed; their-offer: what they offered or promised to do; sending: what the "
                          "message sends ('the scorecard template'); apology: what the user is sorry for ('the "
                          "delay'); luck: what the user wishes them luck with ('the keynote'); parting: a whole sentence the user asks to end on ('No rush to reply'); met: where the user met them, as the request says it ('at the harvest mixer'); meet: the meeting the user has in mind ('lunch', 'call'; extra: minutes|cadence|"
                          "when or where); ask: the user's own question for them ('flag my application'; extra: its "
                          "modal); link: a web address to carry (extra: what it is, 'my CV'); ref: a job id or number to carry; "
                          "referrer: who sent the user to them ('Kate'); offer: what the user offers to do for them "
                          "('walk you through the pricing'; extra: 'if useful'); availability: when or where the "
                          "user is free ('free any afternoon the week of 12 May', 'in Durban the week of 14 July'); date: a date "
                          "the user gave (extra: what it dates, 'sponsor deadline', 'the first one'); gap: how long "
                          "since they last spoke ('2.5 years', extra 'about'; 'since grad school').")
    text: str = Field(description="The slot's words, already addressed to the person ('your team').")
    extra: str = Field(default="", description="A typed detail: the person's relation ('your CFO'), the news "
                                               "event ('accepted').")
    minutes: int = Field(default=0, ge=0, le=240, description="A meeting's length, when the user gave one.")
    cadence: str = Field(default="", description="How often a meeting recurs ('monthly'), when the user said.")
    tail: str = Field(default="", description="When, where or what about a meeting is, as the user wrote it "
                                              "('while I'm in Dayton in November').")
    span: str = Field(default="", description="How long a recurring meeting goes on, as the user wrote it ('for 6 "
                                              "months', 'for the next half year').")


class Limit(BaseModel):
    """A length the user set in numbers ("under 200 chars", "max 150 words", "3-4 sentences max")."""

    most: int = Field(gt=0, description="The most the message may have of `unit`.")
    unit: Literal["words", "characters", "sentences"]
    said: str = Field(default="", description="The user's words for it, as typed.")

    def line(self) -> str:
        return f"at most {self.most} {self.unit if self.most != 1 else self.unit[:-1]}"


class RequestReading(BaseModel):
    """What the user typed beside the goal, read into typed parts: what a draft may say, and how to write it.
    Instructions (length, tone, language, things to leave out) are applied, never said."""

    parts: list[RequestPart] = Field(default_factory=list)
    length: int = Field(default=0, ge=-1, le=1, description="-1 'keep it short', 1 'a bit longer'.")
    tone: int = Field(default=0, ge=-1, le=1, description="-1 warm or casual, 1 formal.")
    language: str = Field(default="", description="A language asked for ('French'); drafts are in English.")
    avoid: list[str] = Field(default_factory=list, description="Things the user said not to mention.")
    subject: str = Field(default="", description="An email subject the user gave word for word.")
    sign_as: str = Field(default="", description="How the user asked to sign ('Mei & the Flourish team', 'CEO', "
                                                 "a dash sign-off '-M').")
    closing: str = Field(default="", description="The closing word the user gave before their name ('All best,'); "
                                                 "the tone's ('Best,') when empty.")
    echo: list[str] = Field(default_factory=list, description="Words that only restate the kind of message ('just "
                                                                "want to reconnect', 'congrats msg'): never said.")
    to_coach: list[str] = Field(default_factory=list, description="The user's words to the coach about the drafting "
                                                                  "or their feelings ('I always over-apologise'): "
                                                                  "read, never said.")
    left_out: list[str] = Field(default_factory=list, description="Words that could not be read: never said.")
    others: list[str] = Field(default_factory=list, description="Words about a third person only ('he started this "
                                                                "week' when the user calls the recipient 'her'): "
                                                                "never said as the recipient's.")
    facts: list[str] = Field(default_factory=list, description="What the user knows, read from their words as "
                                                               "facts ('met-at: at the Mass Timber Summit').")
    most: Limit | None = Field(default=None, description="A length the user set in numbers: every draft keeps to it.")

    def said(self) -> str:
        """The words of the typed parts: what a message may carry of the request."""
        return " ".join(" ".join(p for p in (part.text, part.extra, part.tail, part.span) if p) for part in self.parts)

    def line(self) -> str:
        """The reading in one line, as shown beside the draft."""
        bits = [f"{p.kind}: " + " ".join(x for x in (f"{p.minutes} min" if p.minutes else "", p.text, p.cadence, p.span,
                                                     p.tail) if x) if p.kind == "meet" else f"{p.kind}: {p.text}" + (f" {p.tail}" if p.tail else "") +
                (f" ({p.extra})" if p.extra else "") for p in self.parts]
        bits += [{-1: "shorter", 1: "longer"}[self.length]] if self.length and not self.most else []
        bits += [self.most.line()] if self.most else []
        bits += [{-1: "warmer", 1: "formal"}[self.tone]] if self.tone else []
        bits += [f"leave out: {', '.join(self.avoid)}"] if self.avoid else []
        bits += [f"subject: {self.subject}"] if self.subject else []
        bits += [f"sign as: {' '.join(x for x in (self.closing, self.sign_as) if x)}"] if self.sign_as or self.closing \
            else []
        bits += [f"language: {self.language} (drafts are written in English; translate before sending)"] \
            if self.language else []
        bits += [f"fact from the request: {x}" for x in self.facts]
        bits += [f"the goal, restated: {', '.join(repr(x) for x in self.echo)}"] if self.echo else []
        bits += [f"for the coach: {', '.join(repr(x) for x in self.to_coach)}"] if self.to_coach else []
        bits += [f"about someone else: {', '.join(repr(x) for x in self.others)}"] if self.others else []
        bits += [f"not used: {', '.join(repr(x) for x in self.left_out)}"] if self.left_out else []
        return " · ".join(bits)


class Draft(BaseModel):
    contact: str
    contact_id: int | None = None
    goal: str
    channel: str
    context: str = Field(default="", description="The user's own words the draft was asked with.")
    reading: str = Field(default="", description="How those words were read, in one line: what the draft may "
                                                 "say (topic, role, news…), the style asked for, what to leave out "
                                                 "and what was not used.")
    subject: str = ""
    body: str
    score: int
    checks: list[CheckResult]
    citations: list[Citation] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    model: str
    prompt: str = Field(default="", description="name@version of the prompt that produced it.")
    latency_ms: int = 0
    path: Literal["as-written", "revised", "repaired", "template", "needs-edit", "trained"] = Field(
        default="template",
        description="How the draft was made: the model's words as written, as the model revised them when told "
                    "what failed, composed from verified facts keeping a capable model's sentences that passed "
                    "(repaired), or from verified facts alone (template); needs-edit: nothing passed, the best "
                    "draft is shown with what to fix; trained: the trained writer's draft (COACH_DRAFT_WRITER).")
    revisions: int = Field(default=0, description="Revision rounds the model was asked for.")
    repaired: bool = False
    fallback: bool = Field(default=False, description="True when no candidate passed and the grounded template was used.")
    candidates: int = 0
    candidates_passed_raw: int = 0
    limit: int | None = None

    def text(self) -> str:
        return (f"Subject: {self.subject}\n\n" if self.subject else "") + self.body

    def how_made(self) -> str:
        """How the draft was made, in words for the user."""
        said = {"as-written": "the model's draft, as written",
                "revised": "the model's draft, revised after the checker said what failed",
                "repaired": "composed from your notes, keeping the capable model's sentences that passed",
                "template": "composed from your notes and your request; no model sentence is in it",
                "needs-edit": "the best draft, but it fails the checks marked below: fix those before sending",
                "trained": "written by the trained writer from your facts, and passed every check",
                }[self.path]
        return said + (f" ({self.revisions} revision round{'s' if self.revisions > 1 else ''})"
                       if self.revisions else "")


class RelatedContact(BaseModel):
    """Someone in the user's network who could help with the situation, and why."""

    id: int | None = None
    name: str
    company: str = ""
    why: str = Field(default="", description="The reason, as a person would say it: 'former colleague at "
                                             "Bramble Bank · last spoke 8 months ago'.")
    relations: list[str] = Field(default_factory=list, description="What the user's data says they are: named, "
                                 "company, former-colleague, mentor, recruiter, skip-level, …")
    last_contacted: dt.date | None = Field(default=None, description="When the user last spoke with them.")


class Advice(BaseModel):
    """Advice for a situation: the lead article's idea and steps, a script, and people who could help."""

    situation: Situation | None = Field(default=None, description="The situation as read from the user's words "
                                                                  "(direction, counterpart, stake, time); its "
                                                                  "`reading` line heads every answer.")
    title: str = Field(description="Title of the lead article: the guidance that answers the situation.")
    summary: str
    summary_source: Literal["model", "article"] = Field(
        default="article", description="'article': the lead article's own sentences; 'model': written by a "
                                       "capable model and kept because the cited articles support it.")
    steps: list[str]
    script: str = Field(default="", description="A message to send: a checked draft to `script_contact`, or a "
                                                "neutral script with slots ('Hi [name],') the user fills.")
    script_kind: Literal["draft", "neutral"] = "neutral"
    script_contact_id: int | None = Field(default=None, description="Who the script is to: the draft's "
                                                                      "recipient, or the contact a neutral "
                                                                      "script greets (named or picked).")
    script_contact: str = Field(default="", description="Their name.")
    script_goal: str = Field(default="", description="The drafting goal of the draft, e.g. follow-up.")
    script_channel: str = ""
    script_draft: Draft | None = Field(default=None, description="The draft itself, with its checks.")
    example: str = Field(default="", description="The lead article's example message: an example with invented "
                                                 "people, never to send as it is.")
    note: str = Field(default="", description="What the coach decided and why: two articles combined, a name "
                                              "that fits several contacts.")
    citations: list[Citation] = Field(default_factory=list)
    related_contacts: list[RelatedContact] = Field(default_factory=list)
    model: str = ""
    prompt: str = ""
    latency_ms: int = 0


class Style(BaseModel):
    """How the user wants the message to read. Each step goes both ways: "shorter" then "longer" is back
    to usual, "more formal" then "friendlier" is back to neutral."""

    length: int = Field(default=0, ge=-1, le=1, description="-1 shorter, 0 as usual, 1 longer.")
    tone: int = Field(default=0, ge=-1, le=1, description="-1 friendlier (casual), 0 neutral, 1 formal.")

    @property
    def shorter(self) -> bool:
        return self.length < 0

    @property
    def longer(self) -> bool:
        return self.length > 0

    @property
    def formal(self) -> bool:
        return self.tone > 0

    @property
    def casual(self) -> bool:
        return self.tone < 0

    def moved(self, length: int = 0, tone: int = 0) -> Style:
        """One step in each direction asked for, within the range."""
        return Style(length=max(-1, min(1, self.length + length)), tone=max(-1, min(1, self.tone + tone)))

    def describe(self) -> str:
        parts = [{-1: "shorter", 1: "longer"}.get(self.length, ""), {-1: "friendlier", 1: "formal"}.get(self.tone, "")]
        return ", ".join(p for p in parts if p) or "as usual"


class DraftRequest(BaseModel):
    """What the drafter is asked for, with the person already chosen (by id): the app's buttons, the chat's
    router and the agent's draft tool all send this, so a name is resolved once and never re-parsed."""

    contact_id: int = Field(description="The contact's id in the store.")
    goal: str = Field(description="What the message is for: one of the drafting goals.")
    channel: str = Field(default="linkedin-message", description="Where it is sent.")
    context: str = Field(default="", description="The user's own words: their reason, the role, the news.")
    style: Style = Field(default_factory=Style)
    variant: int = Field(default=0, ge=0, description="0 for the first draft; each regenerate asks for another.")
    avoid: list[str] = Field(default_factory=list, description="Bodies already shown: a regenerate differs from "
                                                               "them.")

    @field_validator("context")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return " ".join(value.split())

    def revised(self, length: int = 0, tone: int = 0, channel: str | None = None, regenerate: bool = False,
                shown: str = "") -> DraftRequest:
        """The request for a revision of the draft it produced (`shown`, its body): one style step each way,
        another channel, or another version that differs from the drafts shown so far."""
        return self.model_copy(update={
            "channel": channel or self.channel, "style": self.style.moved(length, tone),
            "variant": self.variant + 1 if regenerate else self.variant,
            "avoid": [*self.avoid, shown][-3:] if regenerate and shown else self.avoid})


class ContactChoice(BaseModel):
    """A person the coach offers when a name fits several: chosen by id, never by name again."""

    id: int
    name: str
    company: str = ""
    title: str = ""

    def label(self) -> str:
        at = " at ".join(p for p in (self.title, self.company) if p) if self.title else self.company
        return f"{self.name} ({at}, #{self.id})" if at else f"{self.name} (#{self.id})"


class Turn(BaseModel):
    reply: str
    intent: str
    draft: Draft | None = None
    advice: Advice | None = None
    results: list[dict] = Field(default_factory=list)
    check: CheckReport | None = None
    citations: list[Citation] = Field(default_factory=list)
    choices: list[ContactChoice] = Field(default_factory=list, description="For a name that fits several people: "
                                                                           "the ones to choose from.")
    steps: list[str] = Field(default_factory=list, description="What the coach did, in order (tool steps).")
    note: str = Field(default="", description="What the coach could not do as asked, and why.")
    reading: str = Field(default="", description="What the coach understood, in one line: 'Email to Priya Shah · "
                                                 "referral · Product Manager, Connect'.")
    agent: bool = Field(default=False, description="Answered by the tool-calling agent (the reply is the model's "
                                                   "words, with the checked draft in it).")
    page: str = Field(default="", description="help: the app page that does what was asked (a key of the app's "
                                              "pages: 'contacts', 'settings', …).")
