"""Drafting as one plain loop: resolve → gather → retrieve → generate → check ⇄ revise → accept or compose.

No draft leaves this module without passing the checker's hard checks. Two
tiers of model share the graph:

* a *capable* model (`openai/<model>`, or COACH_LLM_TIER=capable) writes whole
  messages; one that passes the hard checks as written is returned as written
  (path "as-written"); otherwise the failed checks go back to the model as a
  revision request, up to two rounds ("revised"), before any sentence is cut;
* the *embedded* model (135M) cannot write a sentence a person would send: its
  candidates are checked and counted (`candidates_passed_raw`, which the eval
  compares per backend), and the message is composed from verified facts and
  the user's request alone ("template").
  (Held-out sessions 7-18, judged blind: every one of the 17 drafts that kept
  one of its sentences was rejected, against one in five template drafts sent
  or sent after an edit.)

`Draft.path` records which, and `Draft.revisions` how many rounds it took. What the model is sent is in
`coach.drafting.model_prompt`; what a draft falls back on when nothing passed as written, in
`coach.drafting.fallback`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypedDict

from coach.config.prompts import load_data, load_prompt
from coach.core.domain import Contact, Profile, validate
from coach.core.messages import CheckReport, Citation, Draft, DraftRequest, Fact
from coach.core.text import clean, fold, words
from coach.crm.facts import book as factbook
from coach.crm.facts.rules import gather_facts
from coach.drafting.brief import Brief
from coach.drafting.fallback import recompose
from coach.drafting.model_prompt import MAX_TOKENS, prompt_messages, sampling
from coach.drafting.versions import visibly_different

REVISION_ROUNDS = 2


class DraftState(TypedDict, total=False):
    request: DraftRequest
    contact: Contact
    others: list[Contact]
    profile: Profile
    facts: list[Fact]
    brief: Brief
    citations: list[Citation]
    tip: str
    messages: list
    candidates: list[str]
    raw_passed: int
    best: dict
    rounds: int
    draft: Draft


class Drafter:
    """Drafts over a store, a retriever and a chat model (all passed in): each step reads the state and
    returns what it adds."""

    def __init__(self, *, store: Any, retriever: Any, model: Any, model_name: str, candidates: int = 4,
                 premium: bool = False, on_token: Callable[[str], None] | None = None,
                 contacts: Callable[[], list[Contact]] | None = None, capable: bool = False,
                 writer: Any = None, writer_mode: str = "compose"):
        self.store, self.retriever, self.model = store, retriever, model
        self.contacts = contacts or store.list_contacts
        self.model_name, self.n, self.premium = model_name, candidates, premium
        self.on_token = on_token
        self.tier = "capable" if capable else "embedded"
        self.prompt = load_prompt("draft_capable" if capable else "draft")
        self.revise_prompt = load_prompt("revise")
        # the trained writer (issue 28): the embedded model with its LoRA adapter, guarded by the same checks
        self.writer, self.writer_mode = (writer, writer_mode) if not capable and writer_mode != "compose" else (None, "")

    def run(self, request: DraftRequest) -> Draft:
        """Draft what `request` asks for; the person is already chosen (by id)."""
        validate(request.goal, request.channel)
        start = time.perf_counter()
        state: DraftState = {"request": request}
        for step in (self.resolve, self.gather, self.retrieve, self.generate, self.check):
            state.update(step(state))
        while (then := self._after_check(state)) == "revise":  # at most REVISION_ROUNDS rounds (see _after_check)
            state.update(self.revise(state))
            state.update(self.check(state))
        state.update(self.accept(state) if then == "accept" else self.compose(state))
        if self.writer is not None:
            state.update(self.written(state))
        draft: Draft = state["draft"]
        draft.latency_ms = int((time.perf_counter() - start) * 1000)
        return draft

    # ---------------------------------------------------------------- steps
    def resolve(self, state: DraftState) -> dict:
        contact = self.store.get_contact(state["request"].contact_id)  # NotFoundError names the id
        return {"contact": contact, "others": self.contacts(), "profile": self.store.get_profile()}

    def gather(self, state: DraftState) -> dict:
        req = state["request"]
        contact = state["contact"]
        # the stored facts, with the user's edits, pins and hidden ones; a store without a facts table
        # (a test double) gives the rules' reading of the notes
        facts = factbook.facts(self.store, contact.id) if hasattr(self.store, "_write") and contact.id else None
        brief = Brief(contact=contact, profile=state["profile"], goal=req.goal, channel=req.channel,
                      context=req.context, others=state["others"], premium=self.premium,
                      style=req.style, facts=facts)  # built once: its grounds (and the other-contacts table) are reused
        return {"facts": gather_facts(contact, brief.reading.said(), brief.all_facts), "brief": brief}

    def retrieve(self, state: DraftState) -> dict:
        req = state["request"]
        goals = load_data("goals")
        query = f"{goals['goals'][req.goal]['describe']} {goals['channels'][req.channel]['describe']}"
        # the corpus alone answers this (Retriever.guidance syncs it, or reads an earlier answer back)
        hits = self.retriever.guidance(query, k=3) if self.retriever else []
        citations = [Citation(source=h.source, title=h.title) for h in hits]
        tip = hits[0].snippet.split("\n")[0][:200] if hits else ""
        return {"citations": citations, "tip": tip}

    def generate(self, state: DraftState) -> dict:
        messages = prompt_messages(self.prompt, self.tier, state["request"], state["brief"], state["facts"],
                                   state.get("tip", ""))
        channel, variant = state["request"].channel, state["request"].variant
        out: list[str] = []
        if self.tier == "capable" and self.n > 1 and not self.on_token:
            # remote candidates are independent requests: send them together (one thread each)
            kwargs = sampling(self.tier, channel, 1, variant)
            with ThreadPoolExecutor(max_workers=self.n) as pool:
                out = list(pool.map(lambda _: str(self.model.invoke(messages, **dict(kwargs)).content),
                                    range(self.n)))
        elif self.tier == "embedded" and callable(getattr(self.model, "candidates", None)):
            # the in-process model reads the prompt once and decodes every candidate together
            out = self.model.candidates(messages, [sampling(self.tier, channel, i, variant) for i in range(self.n)],
                                        on_token=self.on_token)
        else:
            for i in range(self.n):
                kwargs = sampling(self.tier, channel, i, variant)
                if i == 0 and self.on_token:
                    pieces = []
                    for chunk in self.model.stream(messages, **kwargs):
                        pieces.append(str(chunk.content))
                        self.on_token(str(chunk.content))
                    out.append("".join(pieces))
                else:
                    out.append(str(self.model.invoke(messages, **kwargs).content))
        return {"messages": messages, "candidates": out, "rounds": 0}

    def check(self, state: DraftState) -> dict:
        """Check every candidate as written; keep the best one (fewest hard failures, then score)."""
        brief = state["brief"]
        best: dict | None = None
        passed = 0
        avoid = {fold(text) for text in state["request"].avoid}
        for i, candidate in enumerate(state["candidates"]):
            subject, body = clean(candidate)
            if brief.channel != "email":
                subject = ""
            if fold(body.strip()) in avoid or (avoid and not visibly_different(body, state["request"].avoid[-1:])):
                continue  # a regenerate that came back the same, or one phrase changed, is no new draft
            report = brief.check(subject, body)
            passed += report.hard_passed
            hard_failed = sum(1 for c in report.checks if c.hard and not c.passed)
            key = (-hard_failed, report.score, -i)
            if best is None or key > best["key"]:
                best = {"key": key, "text": candidate, "subject": subject, "body": body, "report": report}
        if best is None:  # every candidate repeated an earlier draft: compose another
            best = {"key": (), "text": "", "subject": "", "body": "", "report": CheckReport(score=0, checks=[])}
        update: dict[str, Any] = {"best": best}
        if state.get("rounds", 0) == 0:
            update["raw_passed"] = passed
        return update

    def _after_check(self, state: DraftState) -> str:
        best = state["best"]
        # a capable model's draft goes out when it passes the hard checks; the small model's never does
        report = best["report"]
        if not best["text"]:
            return "compose"
        if report.hard_passed and self.tier == "capable":
            return "accept"
        if self.tier == "capable" and state.get("rounds", 0) < REVISION_ROUNDS:
            return "revise"
        return "compose"

    def revise(self, state: DraftState) -> dict:
        """Send the best candidate back with what failed, as the model's own conversation continued."""
        report: CheckReport = state["best"]["report"]
        failures = "\n".join(f"- {c.name}: {c.detail}." + (f" {c.suggestion}" if c.suggestion else "")
                             for c in report.checks if not c.passed)
        ask = self.revise_prompt.messages(failures=failures)
        messages = [*state["messages"], {"role": "assistant", "content": state["best"]["text"]}, *ask]
        reply = self.model.invoke(messages, **sampling(self.tier, state["request"].channel, 1, state["request"].variant))
        return {"candidates": [str(reply.content)], "rounds": state.get("rounds", 0) + 1}

    def accept(self, state: DraftState) -> dict:
        """A candidate passed as written (or as the model revised it): it goes out in the model's words."""
        best = state["best"]
        path = "revised" if state.get("rounds", 0) else "as-written"
        return {"draft": self._draft(state, best["subject"], best["body"].strip(), best["report"], path)}

    def compose(self, state: DraftState) -> dict:
        """Nothing passed as written: compose from verified facts, keeping the model's sentences that pass."""
        subject, body, report, path = recompose(state["brief"], self.tier, state["best"],
                                                state["request"].avoid)
        return {"draft": self._draft(state, subject, body, report, path)}

    def written(self, state: DraftState) -> dict:
        """The trained writer's candidates, from the typed facts and request, checked like any model's. With
        COACH_DRAFT_WRITER=trained the best one that passes every hard check is the draft; with `both` it must
        also score at least as well as the composed draft. Otherwise the composed draft stands."""
        from coach.drafting.writer import WriterInput, messages

        req, brief = state["request"], state["brief"]
        reading = brief.reading
        inp = WriterInput.from_draft(req.goal, req.channel, state["contact"], state["profile"],
                                     [f for f in brief.all_facts if not f.hidden], topic=reading.said(),
                                     style=brief.style, avoid=reading.avoid)
        chat = messages(inp)  # {"role", "content"} dicts, as the model clients take them
        params = [{"max_tokens": MAX_TOKENS["capable"][req.channel], "temperature": 0.3 if i == 0 else 0.7,
                   "seed": 2000 + i + 101 * req.variant} for i in range(self.n)]
        # one call per candidate: llama.cpp applies the adapter in the model's own context, which the batched
        # candidates decoder (a context of its own) does not carry
        texts = [str(self.writer.invoke(chat, **p).content) for p in params]
        best = None
        for text in texts:
            subject, body = clean(text)
            report = brief.check(subject, body)
            if report.hard_passed and (best is None or report.score > best[2].score):
                best = (subject, body.strip(), report)
        composed: Draft = state["draft"]
        if best is None or (self.writer_mode == "both" and best[2].score < composed.score):
            return {}
        return {"draft": self._draft(state, best[0], best[1], best[2], "trained")}

    def _draft(self, state: DraftState, subject: str, body: str, report: CheckReport, path: str) -> Draft:
        req, contact = state["request"], state["contact"]
        return Draft(
            contact=contact.name, contact_id=contact.id, goal=req.goal, channel=req.channel, context=req.context,
            reading=state["brief"].reading.line(),
            subject=subject, body=body, score=report.score, checks=report.checks,
            citations=state.get("citations", []), facts=_used_facts(state["facts"], body),
            model=self.model_name, prompt=self.prompt.ref, path=path, revisions=state.get("rounds", 0),
            repaired=path in ("repaired", "template"), fallback=path == "template",
            candidates=self.n, candidates_passed_raw=state.get("raw_passed", 0),
            limit=state["brief"].limit,
        )


def _used_facts(facts: list[Fact], body: str) -> list[Fact]:
    """The facts whose distinctive words appear in the draft (what the user can verify)."""
    from coach.core.text import STOPWORDS

    used_words = set(words(body))
    used = []
    for fact in facts:
        distinctive = {w for w in words(fact.text) if len(w) >= 4 and w not in STOPWORDS}
        if distinctive & used_words:
            used.append(fact)
    return used
