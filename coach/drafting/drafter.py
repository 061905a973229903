"""Drafting as one plain loop: resolve → gather → retrieve → generate → check ⇄ revise → accept or compose.

No draft leaves this module without passing the checker's hard checks. Two
tiers of model share the graph:

* a *capable* model (`openai/<model>`, or COACH_LLM_TIER=capable) writes whole
  messages; one that passes the hard checks as written is returned as written
  (path "as-written"); otherwise the failed checks go back to the model as a
  revision request, up to two rounds ("revised"), before any sentence is cut;
* the *embedded* model (135M) writes a good line at best: its candidates are
  checked as written, then composed from verified facts keeping the model's
  sentences that pass ("repaired"), or from verified facts alone ("template").

`Draft.path` records which, and `Draft.revisions` how many rounds it took.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypedDict

from coach.checks import checker
from coach.config.prompts import load_data, load_prompt
from coach.core.domain import Contact, Profile, validate
from coach.core.errors import CoachError
from coach.core.messages import CheckReport, Citation, Draft, DraftRequest, Fact
from coach.core.text import clean, fold, words
from coach.crm.facts import book as factbook
from coach.crm.facts.rules import gather_facts
from coach.drafting.composer import (
    Brief,
    ask_for,
    body_sentences,
    compose,
    frame,
    model_sentences,
    sender_name,
    subject_for,
    variants,
)
from coach.drafting.versions import visibly_different

# The embedded model's first sentence is all the composer keeps (see BUDGET): a little more than one
# sentence's worth of tokens is enough, and keeps it fast. A capable model writes the whole message.
MAX_TOKENS = {
    "embedded": {"linkedin-note": 48, "linkedin-message": 56, "email": 56},
    "capable": {"linkedin-note": 160, "linkedin-message": 450, "email": 600},
}
BUDGET = {"embedded": 1, "capable": 8}  # how many of the model's sentences a composed draft may keep
REVISION_ROUNDS = 2
EXAMPLE_FIRST = "Dana"
EXAMPLE_MESSAGE = ("Hi Dana, great talking about payments APIs at PyCon 2024! "
                   "Would you be open to a 20-minute call next week about your team?")


# What the capable model is told about the length and register the user asked for.
LENGTH_HINT = {
    "email": {-1: "under 100 words", 0: "50-125 words", 1: "110-170 words"},
    "linkedin-message": {-1: "under 80 words", 0: "60-120 words", 1: "100-160 words"},
    "linkedin-note": {-1: "at most {limit} characters, as short as you can", 0: "at most {limit} characters",
                      1: "at most {limit} characters"},
}
TONE_HINT = {-1: " Use a warm, informal register: contractions, plain words, no stiff phrases.",
             0: "", 1: " Use a formal register (\"Dear\", no contractions, no exclamation marks)."}


# A draft that fails a hard check is offered (marked to fix) only when every hard failure is one of these: a slot
# the user fills in. Anything else (sensitive, grounding, other contacts…) is never shown.
USER_FILLS = frozenset({"placeholders"})
# A capable model's draft that still fails after its revisions is shown in its own words, marked to fix, when all it
# fails is one of these, and only one (a single unsupported name at most) (what the user can see and fix in a word: a name the notes spell otherwise, a long email):
# a composed rewrite loses what the model got right. A slip the composer fixes ("her talk" to them, a sentence
# twice) or one that says what must not be said is composed again.
FLAG_ONLY = frozenset({"placeholders", "grounding", "facts-together", "length", "subject", "goal"})


class DraftError(CoachError):
    """No draft could be made that passes the hard checks."""

    exit_code = 1


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

    def _messages(self, state: DraftState) -> list:
        req, contact = state["request"], state["contact"]
        goals = load_data("goals")
        facts = "\n".join(f"- {f.text}" for f in state["facts"] if f.source != "request") or "- (no notes yet)"
        first = contact.addressed(formal=req.style.formal) if contact.honorific else state["brief"].first
        if self.tier == "capable":
            brief = state["brief"]
            spec = goals["goals"][req.goal]
            needs = " ".join(h for h in (spec.get("marker_hint", ""), spec.get("substance_hint", "")) if h)
            needs += TONE_HINT[brief.style.tone]
            if brief.reading.avoid:
                needs += " Do not mention: " + "; ".join(brief.reading.avoid) + "."
            if req.avoid:
                needs += " Write a different version from this earlier one, with other words and another " \
                         "detail where there is one: «" + req.avoid[-1].replace("\n", " ") + "»"
            sender = sender_name(state["profile"].name)
            return self.prompt.messages(
                channel_desc=goals["channels"][req.channel]["describe"],
                limit_desc=LENGTH_HINT[req.channel][brief.style.length].format(limit=brief.limit), first_name=first,
                full_name=contact.name, headline=contact.headline() or "a contact", goal_desc=spec["describe"],
                goal_needs=needs.strip(), facts=facts,
                reason=f"Why I am writing (my own words): {req.context}" if req.context else "",
                sender=f', signed "{sender}"' if sender and req.channel != "linkedin-note" else "")
        said = state["brief"].reading.said()  # the small model sees the typed request, never the instructions
        context = f"My request: {said}" if said else ""
        if state.get("tip"):
            context = f"{context}\nGood practice: {state['tip']}".strip()
        sentences = "1 short sentence" if state["brief"].style.shorter else goals["channels"][req.channel]["sentences"]
        return self.prompt.messages(
            channel_desc=goals["channels"][req.channel]["describe"], first_name=first,
            headline=contact.headline() or "a contact", goal_desc=goals["goals"][req.goal]["describe"],
            facts=facts, context=context, sentences=sentences, example_first=EXAMPLE_FIRST,
            example_message=EXAMPLE_MESSAGE,
        )

    def _kwargs(self, channel: str, i: int, variant: int = 0) -> dict:
        """Candidate `i`'s sampling; each regenerate (`variant`) samples afresh and a little more freely."""
        warm = 0.7 if i or variant else 0.3
        kwargs: dict[str, Any] = {"max_tokens": MAX_TOKENS[self.tier][channel],
                                  "temperature": min(1.0, warm + 0.1 * variant)}
        if self.tier == "embedded":
            kwargs["seed"] = 1000 + i + 101 * variant
        return kwargs

    def generate(self, state: DraftState) -> dict:
        messages = self._messages(state)
        channel, variant = state["request"].channel, state["request"].variant
        out: list[str] = []
        if self.tier == "capable" and self.n > 1 and not self.on_token:
            # remote candidates are independent requests: send them together (one thread each)
            kwargs = self._kwargs(channel, 1, variant)
            with ThreadPoolExecutor(max_workers=self.n) as pool:
                out = list(pool.map(lambda _: str(self.model.invoke(messages, **dict(kwargs)).content),
                                    range(self.n)))
        elif self.tier == "embedded" and callable(getattr(self.model, "candidates", None)):
            # the in-process model reads the prompt once and decodes every candidate together
            out = self.model.candidates(messages, [self._kwargs(channel, i, variant) for i in range(self.n)],
                                        on_token=self.on_token)
        else:
            for i in range(self.n):
                kwargs = self._kwargs(channel, i, variant)
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
        # a capable model's draft goes out when it passes the hard checks; the small model's own draft only
        # when it passes every check (else the composition, which keeps its good lines, does better)
        report = best["report"]
        if not best["text"]:
            return "compose"
        if report.hard_passed and (self.tier == "capable" or all(c.passed for c in report.checks)
                                   and self._vouched(best["text"], state["brief"])):
            return "accept"
        if self.tier == "capable" and state.get("rounds", 0) < REVISION_ROUNDS:
            return "revise"
        return "compose"

    @staticmethod
    def _vouched(text: str, brief: Brief) -> bool:
        """The small model's draft goes out as written only when each of its sentences (its ask aside) is one
        the composer would keep from it: supported by one fact alone, and never shared history made up for
        a person the user shares none with ("great talk about your work at Cobalt")."""
        if len(body_sentences(text, finished_only=True)) < len(body_sentences(text)):
            return False  # its last sentence was cut off by the token limit
        said = [s for s in body_sentences(text)
                if not (s.rstrip().endswith("?") or checker.ASK_PATTERN.search(s))]
        kept = model_sentences(text, brief, budget=len(said) or 1, strict=True)
        return all(any(fold(k) == fold(s) for k in kept) for s in said)

    def revise(self, state: DraftState) -> dict:
        """Send the best candidate back with what failed, as the model's own conversation continued."""
        report: CheckReport = state["best"]["report"]
        failures = "\n".join(f"- {c.name}: {c.detail}." + (f" {c.suggestion}" if c.suggestion else "")
                             for c in report.checks if not c.passed)
        ask = self.revise_prompt.messages(failures=failures)
        messages = [*state["messages"], {"role": "assistant", "content": state["best"]["text"]}, *ask]
        reply = self.model.invoke(messages, **self._kwargs(state["request"].channel, 1, state["request"].variant))
        return {"candidates": [str(reply.content)], "rounds": state.get("rounds", 0) + 1}

    def accept(self, state: DraftState) -> dict:
        """A candidate passed as written (or as the model revised it): it goes out in the model's words."""
        best = state["best"]
        path = "revised" if state.get("rounds", 0) else "as-written"
        return {"draft": self._draft(state, best["subject"], best["body"].strip(), best["report"], path)}

    def compose(self, state: DraftState) -> dict:
        """Nothing passed as written: compose from verified facts, keeping the model's sentences that pass."""
        brief = state["brief"]
        avoid = tuple(dict.fromkeys(fold(text) for text in state["request"].avoid))  # the latest last
        best_text, report = state["best"]["text"], state["best"]["report"]
        failed = [c for c in report.checks if c.hard and not c.passed]
        if self.tier == "capable" and best_text and len(failed) == 1 and failed[0].name in FLAG_ONLY and \
                len(report.unsupported) <= 1:  # one slip to fix by hand; a draft failing more is composed again
            return {"draft": self._draft(state, state["best"]["subject"], state["best"]["body"].strip(), report,
                                         "needs-edit")}
        texts = [best_text] if self.tier == "capable" else state["candidates"]
        best: tuple | None = None
        for i, text in enumerate(dict.fromkeys(texts)):
            made = compose(brief, text, BUDGET[self.tier], strict=self.tier == "embedded", avoid=avoid)
            if made is None:
                continue
            subject, body, report, uses_model = made
            key = (report.score, uses_model, -i)
            if best is None or key > best[0]:
                best = (key, subject, body, report, uses_model)
        if best is None:
            made = compose(brief, avoid=avoid)
            if made is None:  # never a dead end: the best draft, with the checks it fails marked to fix
                options = [(option, brief.check(*option)) for option in variants(brief)]
                failed = "; ".join(dict.fromkeys(c.detail for _, report in options[:1] for c in report.checks
                                                 if c.hard and not c.passed))
                options = [(o, r) for o, r in options  # offered only when what fails is a slot the user fills
                           if all(c.name in USER_FILLS for c in r.checks if c.hard and not c.passed)]
                if not options:
                    options = self._slot_draft(brief)
                if not options:
                    raise DraftError(f"No draft for {brief.contact.name} passed the checks ({failed}): add what you "
                                     "share with them as a fact (how you met, what you talked about) and draft "
                                     "again.")
                (subject, body), report = max(options, key=lambda o: o[1].score)
                fails = not all(c.passed for c in report.checks)
                return {"draft": self._draft(state, subject, body, report, "needs-edit" if fails else "template")}
            best = ((0,), made[0], made[1], made[2], False)
        _, subject, body, report, uses_model = best
        return {"draft": self._draft(state, subject, body, report, "repaired" if uses_model else "template")}

    @staticmethod
    def _slot_draft(brief: Brief) -> list[tuple[tuple[str, str], CheckReport]]:
        """The last resort before a dead end: greeting, one [slot] for the line only the user can write (why
        them, why now), the goal's ask, sign-off. Offered (marked to fix) when what it fails is that slot and the
        substance the slot stands for, never a check about what it says (it says nothing the user did not)."""
        slot = "[how you know them, and why now]"  # a placeholder the checker sees (at most 40 characters)
        # the slot is a sentence of its own: the ask after it starts one ("[…]. Up for a catch-up?")
        text = frame(brief, [slot + "."], ask_for(brief, short=brief.channel == "linkedin-note"))
        subject = subject_for(brief) if brief.channel == "email" else ""
        report = brief.check(subject, text)
        fixable = USER_FILLS | {"goal", "reason", "personal", "length"}
        if all(c.name in fixable for c in report.checks if c.hard and not c.passed):
            return [((subject, text), report)]
        return []

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
