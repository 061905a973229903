"""Drafting as a LangGraph graph: resolve → gather → retrieve → generate → check/repair/select.

No draft leaves this module without passing the checker's hard checks: each
candidate is checked as written, then repaired and checked again; the best
passing one wins, and when none passes the grounded template for the goal is
used, and the result says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypedDict

from langgraph.graph import END, START, StateGraph

from coach import checker
from coach.composer import Brief, Style, gather_facts, repair, template
from coach.domain import CHANNELS, GOALS, Contact, Profile
from coach.errors import CoachError, InputError
from coach.messages import CheckReport, Citation, Draft, Fact
from coach.prompts import load_data, load_prompt

# The first sentence is all the composer keeps from a candidate (see composer.BUDGET): a little more
# than one sentence's worth of tokens is enough, and keeps the embedded model fast.
MAX_TOKENS = {"linkedin-note": 48, "linkedin-message": 56, "email": 56}
EXAMPLE_FIRST = "Dana"
EXAMPLE_MESSAGE = ("Hi Dana, great talking about payments APIs at PyCon 2024! "
                   "Would you be open to a 20-minute call next week about your team?")


class DraftError(CoachError):
    """No draft could be made that passes the hard checks."""

    exit_code = 1


class DraftRequest(TypedDict, total=False):
    to: str
    goal: str
    channel: str
    context: str
    style: Style


class DraftState(TypedDict, total=False):
    request: DraftRequest
    contact: Contact
    others: list[Contact]
    profile: Profile
    facts: list[Fact]
    citations: list[Citation]
    tip: str
    candidates: list[str]
    draft: Draft


def validate(goal: str, channel: str) -> None:
    if goal not in GOALS:
        raise InputError(f"Unknown goal '{goal}': use one of {', '.join(GOALS)}.")
    if channel not in CHANNELS:
        raise InputError(f"Unknown channel '{channel}': use one of {', '.join(CHANNELS)}.")


class Drafter:
    """Builds the drafting graph over a store, a retriever and a chat model (all passed in)."""

    def __init__(self, *, store: Any, retriever: Any, model: Any, model_name: str, candidates: int = 4,
                 premium: bool = False, on_token: Callable[[str], None] | None = None,
                 contacts: Callable[[], list[Contact]] | None = None):
        self.store, self.retriever, self.model = store, retriever, model
        self.contacts = contacts or store.list_contacts
        self.model_name, self.n, self.premium = model_name, candidates, premium
        self.on_token = on_token
        self.prompt = load_prompt("draft")
        self.graph = self._build()

    def _build(self):
        g = StateGraph(DraftState)
        g.add_node("resolve", self.resolve)
        g.add_node("gather", self.gather)
        g.add_node("retrieve", self.retrieve)
        g.add_node("generate", self.generate)
        g.add_node("select", self.select)
        g.add_edge(START, "resolve")
        g.add_edge("resolve", "gather")
        g.add_edge("gather", "retrieve")
        g.add_edge("retrieve", "generate")
        g.add_edge("generate", "select")
        g.add_edge("select", END)
        return g.compile()

    def run(self, to: str, goal: str, channel: str, context: str = "", style: Style | None = None) -> Draft:
        validate(goal, channel)
        start = time.perf_counter()
        state = self.graph.invoke({"request": {"to": to, "goal": goal, "channel": channel,
                                               "context": context, "style": style or Style()}})
        draft: Draft = state["draft"]
        draft.latency_ms = int((time.perf_counter() - start) * 1000)
        return draft

    # ---------------------------------------------------------------- nodes
    def resolve(self, state: DraftState) -> dict:
        contact = self.store.resolve_contact(state["request"]["to"])  # NotFoundError / AmbiguousError ask back
        return {"contact": contact, "others": self.contacts(), "profile": self.store.get_profile()}

    def gather(self, state: DraftState) -> dict:
        return {"facts": gather_facts(state["contact"], state["request"].get("context", ""))}

    def retrieve(self, state: DraftState) -> dict:
        req = state["request"]
        goals = load_data("goals")
        query = f"{goals['goals'][req['goal']]['describe']} {goals['channels'][req['channel']]['describe']}"
        hits = self.retriever.search(query, kind="guidance", k=3) if self.retriever else []
        citations = [Citation(source=h.source, title=h.title) for h in hits]
        tip = hits[0].snippet.split("\n")[0][:200] if hits else ""
        return {"citations": citations, "tip": tip}

    def _messages(self, state: DraftState):
        req, contact = state["request"], state["contact"]
        goals = load_data("goals")
        facts = "\n".join(f"- {f.text}" for f in state["facts"] if f.source != "request") or "- (no notes yet)"
        context = f"My request: {req['context']}" if req.get("context") else ""
        if state.get("tip"):
            context = f"{context}\nGood practice: {state['tip']}".strip()
        sentences = goals["channels"][req["channel"]]["sentences"]
        if req["style"].shorter:
            sentences = "1 short sentence"
        return self.prompt.messages(
            channel_desc=goals["channels"][req["channel"]]["describe"], first_name=contact.first_name or contact.name,
            headline=contact.headline() or "a contact", goal_desc=goals["goals"][req["goal"]]["describe"],
            facts=facts, context=context, sentences=sentences, example_first=EXAMPLE_FIRST,
            example_message=EXAMPLE_MESSAGE,
        )

    def generate(self, state: DraftState) -> dict:
        messages = self._messages(state)
        channel = state["request"]["channel"]
        out: list[str] = []
        for i in range(self.n):
            kwargs = {"max_tokens": MAX_TOKENS[channel], "temperature": 0.7 if i else 0.3, "seed": 1000 + i}
            if i == 0 and self.on_token:
                pieces = []
                for chunk in self.model.stream(messages, **kwargs):
                    pieces.append(str(chunk.content))
                    self.on_token(str(chunk.content))
                out.append("".join(pieces))
            else:
                out.append(str(self.model.invoke(messages, **kwargs).content))
        return {"candidates": out}

    def select(self, state: DraftState) -> dict:
        req, contact = state["request"], state["contact"]
        brief = Brief(contact=contact, profile=state["profile"], goal=req["goal"], channel=req["channel"],
                      context=req.get("context", ""), others=state["others"], premium=self.premium,
                      style=req["style"])
        scored: list[tuple[tuple, str, str, CheckReport, bool]] = []
        raw_passed = 0
        for candidate in state["candidates"]:
            from coach.composer import clean

            subject, body = clean(candidate)
            raw = checker.check_message(body, brief.channel, brief.grounds, subject, self.premium)
            if raw.hard_passed:
                raw_passed += 1
                scored.append(((1, raw.score, 0), subject, body, raw, False))
            subject, body = repair(candidate, brief)
            fixed = checker.check_message(body, brief.channel, brief.grounds, subject, self.premium)
            if fixed.hard_passed:
                scored.append(((1, fixed.score, 1), subject, body, fixed, True))
        fallback = not scored
        if fallback:
            subject, body, report = _template_that_passes(brief, self.premium)
            repaired = True
        else:
            _, subject, body, report, repaired = max(scored, key=lambda item: item[0])
        draft = Draft(
            contact=contact.name, contact_id=contact.id, goal=req["goal"], channel=req["channel"],
            subject=subject, body=body, score=report.score, checks=report.checks,
            citations=state.get("citations", []), facts=_used_facts(state["facts"], body),
            model=self.model_name, prompt=self.prompt.ref, repaired=repaired, fallback=fallback,
            candidates=len(state["candidates"]), candidates_passed_raw=raw_passed, limit=brief.limit,
        )
        return {"draft": draft}


def _template_that_passes(brief: Brief, premium: bool) -> tuple[str, str, CheckReport]:
    """The goal's template with a fact hook, else without: never a draft that fails a hard check."""
    for with_hook in (True, False):
        subject, body = template(brief, with_hook=with_hook)
        report = checker.check_message(body, brief.channel, brief.grounds, subject, premium)
        if report.hard_passed:
            return subject, body, report
    failed = ", ".join(c.detail for c in report.checks if c.hard and not c.passed)
    raise DraftError(f"No draft for {brief.contact.name} passed the checks ({failed}); "
                     "edit the contact's details or write the message yourself and run `coach check`.")


def _used_facts(facts: list[Fact], body: str) -> list[Fact]:
    """The facts whose distinctive words appear in the draft (what the user can verify)."""
    words = set(checker.words(body))
    used = []
    for fact in facts:
        distinctive = {w for w in checker.words(fact.text) if len(w) >= 4 and w not in checker.STOPWORDS}
        if distinctive & words:
            used.append(fact)
    return used
