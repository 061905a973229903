"""Chat: one turn at a time through a LangGraph graph with an on-disk checkpointer.

A turn comes in as words (`Chat.ask`) or as a typed action from a button
(`Chat.act`: draft this request, revise the last draft, this is the person I
meant). Words go to the tool-calling agent when the model can call tools
(`coach/conversation/assistant.py`), otherwise to the rule router (`coach/conversation/router.py`), whose
intents dispatch through `HANDLERS`. A person is chosen once, by id: a name
that fits several people is asked back with the candidates as choices.

The conversation state (history, the last draft request, a question asked back)
is saved per thread in COACH_HOME, so "make it shorter", "friendlier" or "now as
an email" revise the last draft, in the CLI as in the app, across restarts.
"""

from __future__ import annotations

import operator
import re
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypedDict

from langgraph.graph import END, START, StateGraph
from pydantic import BaseModel, Field

from coach.conversation import bookkeeping, howto
from coach.conversation.reading import Reading, line_for, unknown_reply
from coach.conversation.router import Route, detect_goal, route
from coach.core.errors import AmbiguousError, CoachError
from coach.core.messages import Advice, ContactChoice, Draft, DraftRequest, Style, Turn
from coach.crm.resolve import choice, pick
from coach.drafting.versions import visibly_different

if TYPE_CHECKING:
    from coach.conversation.port import Coaching

Step = Callable[[str], None]
YES = re.compile(r"^(?:yes|yeah|yep|yup|sure|right|correct|that'?s (?:her|him|them|right|the one)|y)\b", re.IGNORECASE)


class ChatAction(BaseModel):
    """A turn from a button, already structured: nothing in it is re-parsed from words."""

    kind: Literal["draft", "revise", "choose"]
    request: DraftRequest | None = Field(default=None, description="draft: what to draft, to whom (by id).")
    length: int = Field(default=0, ge=-1, le=1, description="revise: -1 shorter, 1 longer.")
    tone: int = Field(default=0, ge=-1, le=1, description="revise: -1 friendlier, 1 more formal.")
    channel: str | None = Field(default=None, description="revise: the channel to switch to.")
    regenerate: bool = Field(default=False, description="revise: another draft, different from the last.")
    contact_id: int | None = Field(default=None, description="choose: the person meant, from the choices offered.")
    label: str = Field(default="", description="What the conversation shows for this turn.")


class ChatState(TypedDict, total=False):
    input: str
    action: dict | None
    history: Annotated[list[dict], operator.add]
    last_request: dict | None
    last_draft: dict | None
    pending: dict | None  # a draft (or a note, a card) asked for, waiting for the user to say which person they meant
    last_contact: int | None  # the person the last turn was about, for "her", "him", "them"
    agent_messages: list  # the tool-calling agent's own conversation (capable models)
    turn: dict


class Chat:
    def __init__(self, coach: Coaching, checkpointer: Any = None):
        self.coach = coach
        self._on_token: Callable[[str], None] | None = None
        self._on_step: Step | None = None
        if checkpointer is None:
            from langgraph.checkpoint.sqlite import SqliteSaver

            coach.settings.ensure_home()
            conn = sqlite3.connect(str(coach.settings.checkpoint_path), check_same_thread=False)
            checkpointer = SqliteSaver(conn)
        graph = StateGraph(ChatState)
        graph.add_node("respond", self._respond)
        graph.add_edge(START, "respond")
        graph.add_edge("respond", END)
        self.graph = graph.compile(checkpointer=checkpointer)

    @property
    def agentic(self) -> bool:
        """Whether words go to the tool-calling agent (a model that can call tools) or the rule router."""
        return self.coach.tool_calling

    def ask(self, text: str, thread_id: str = "default", on_token: Callable[[str], None] | None = None,
            on_step: Step | None = None) -> Turn:
        """One turn in words. Tokens stream to `on_token` where the model writes them; what the coach is doing
        ("Looking up your Stripe contacts…") goes to `on_step`."""
        return self._invoke({"input": text, "action": None}, thread_id, on_token, on_step)

    def act(self, action: ChatAction, thread_id: str = "default", on_token: Callable[[str], None] | None = None,
            on_step: Step | None = None) -> Turn:
        """One turn from a button: a typed request, a revision or the person chosen."""
        return self._invoke({"input": action.label, "action": action.model_dump(mode="json")}, thread_id,
                            on_token, on_step)

    def _invoke(self, values: dict, thread_id: str, on_token, on_step) -> Turn:
        self._on_token, self._on_step = on_token, on_step
        try:
            state = self.graph.invoke(values, config={"configurable": {"thread_id": thread_id}})
        finally:
            self._on_token = self._on_step = None
        return Turn.model_validate(state["turn"])

    def history(self, thread_id: str = "default") -> list[dict]:
        snapshot = self.graph.get_state({"configurable": {"thread_id": thread_id}})
        return list(snapshot.values.get("history", [])) if snapshot and snapshot.values else []

    def reset(self, thread_id: str = "default") -> None:
        self.graph.checkpointer.delete_thread(thread_id)

    def step(self, text: str) -> None:
        if self._on_step:
            self._on_step(text)

    # ------------------------------------------------------------------ node
    def _respond(self, state: ChatState) -> dict:
        text = state.get("input", "")
        update: dict[str, Any] = {}
        try:
            if state.get("action"):
                turn, update = self._action(ChatAction.model_validate(state["action"]), state)
            elif self.agentic:
                from coach.conversation.assistant import Assistant

                turn, update = Assistant(self.coach, self.step).turn(text, state)
            else:
                turn, update = self._routed(text, state)
        except AmbiguousError as exc:
            turn = Turn(reply=str(exc), intent="clarify")
        except CoachError as exc:
            turn = Turn(reply=str(exc), intent="error")
        return {**update, "turn": turn.model_dump(mode="json"),
                "history": [{"role": "user", "content": text},
                            {"role": "assistant", "content": turn.reply, "intent": turn.intent}]}

    def _routed(self, text: str, state: ChatState) -> tuple[Turn, dict]:
        contacts = self.coach.contacts()
        pending = state.get("pending")
        if pending:
            offered = [ContactChoice.model_validate(c) for c in pending["choices"]]
            chosen = pick(text, offered, contacts)
            if chosen is None and len(offered) == 1 and YES.match(text.strip()):  # "Did you mean Priya Shah?" "yes"
                chosen = offered[0].id
            if chosen is None and pending.get("ask") == "goal":
                goal = detect_goal(text)  # "what is it for?" "a referral"
                chosen, pending = (offered[0].id, {**pending, "goal": goal}) if goal else (None, pending)
            if chosen is not None:
                return (bookkeeping.pending_turn(self, chosen, pending, state)
                        or self._draft_to(chosen, pending, state))
        last = state.get("last_request")
        about = state.get("last_contact") or (last or {}).get("contact_id")
        last_contact = next((c for c in contacts if about and c.id == about), None)
        previous = DraftRequest.model_validate(last) if last else None  # "do the same for Sofia" asks it again
        said = [h for h in state.get("history") or [] if h.get("role") == "assistant"]
        r = route(text, contacts, has_draft=bool(last), last_contact=last_contact, previous=previous,
                  last_intent=said[-1].get("intent", "") if said else "")  # after a card: "now Sofia" shows hers
        turn, update = HANDLERS[r.intent](self, r, text, state)
        update.setdefault("pending", None)
        if r.later:  # several requests in one message: the first is done, and the reply says what is left
            left = f"One request at a time: this answers the first. Ask again for the rest: “{r.later}”"
            turn.note = f"{turn.note} {left}".strip()
            turn.reply = f"{turn.reply}\n\n{left}"
        return turn, update

    def _action(self, action: ChatAction, state: ChatState) -> tuple[Turn, dict]:
        if action.kind == "draft":
            if action.request is None:
                raise CoachError("A draft action needs a request: the contact, the goal and the channel.")
            return self._drafted(action.request, "draft", state)
        if action.kind == "choose":
            pending = state.get("pending")
            if not pending or action.contact_id is None:
                raise CoachError("There is no question open about who you meant: ask for the draft again.")
            if self.agentic and pending.get("agent"):
                from coach.conversation.assistant import Assistant

                picked = self.coach.store.get_contact(action.contact_id)
                return Assistant(self.coach, self.step).turn(f"I mean {picked.name} (contact #{picked.id}).", state)
            return bookkeeping.pending_turn(self, action.contact_id, pending, state) or \
                self._draft_to(action.contact_id, pending, state)
        return self._revised(Route(intent="revise", channel=action.channel, length=action.length, tone=action.tone,
                                   regenerate=action.regenerate), state)

    # ------------------------------------------------------------------ handlers (one per intent)
    def _check(self, r: Route, text: str, state: ChatState) -> tuple[Turn, dict]:
        report = self.coach.check(r.message, r.channel or "linkedin-message")
        failed = [c for c in report.checks if not c.passed]
        reply = f"Score {report.score}/100. " + (
            "Fix: " + "; ".join(f"{c.name}: {c.suggestion or c.detail}" for c in failed)
            if failed else "It passes every check.")
        return Turn(reply=reply, intent="check", check=report), {}

    def _find(self, r: Route, text: str, state: ChatState) -> tuple[Turn, dict]:
        if r.listing:  # "list all my contacts", "show everyone at Stripe": the store's list, not a search
            return bookkeeping.everyone(self, r, text, state)
        self.step("Looking through your contacts…")
        hits = self.coach.synced_retriever().search(text, kind="contacts", k=8)
        # "who do I know at Stripe": the Stripe people; "anyone in payments": those whose notes, title, company or
        # tags say it (each with why), not the runners-up
        named = [h for h in hits if h.metadata.get("mentioned") or h.metadata.get("matched")]
        hits = named or hits[:5]
        results = [h.model_dump(exclude={"metadata"}) for h in hits]
        reply = ("People who fit: " + "; ".join(f"{h.title} — {h.snippet[:140]}" for h in hits)) if hits \
            else "I found nobody for that in your contacts yet. Import your LinkedIn export first."
        one = [h for h in hits if h.kind == "contact"]  # "ask him for a referral" is about the one person found
        update = {"last_contact": int(one[0].id)} if len(one) == 1 and str(one[0].id).isdigit() else {}
        return Turn(reply=reply, intent="find", results=results), update

    def _clarify(self, r: Route, text: str, state: ChatState) -> tuple[Turn, dict]:
        """Ask back: a name that matches nobody exactly, one that fits several, several messages in one, words
        the reading cannot place, or no person at all. Never a fuzzy pick."""
        if r.leftover and r.contact is not None:
            reply = (f"A message to {r.contact.name}, but what is it for? I could not place \"{r.leftover}\". "
                     "Say the goal (reconnect, referral, thank-you, follow-up, mentorship…), or put your reason "
                     "after \"about\" or \"because\".")
            return Turn(reply=reply, intent="clarify", choices=[choice(r.contact)], reading=r.line()), {
                "pending": {**self._pending(r, [choice(r.contact)]), "ask": "goal"}}
        if r.unknown_name or r.choices:
            choices = [choice(c) for c in r.choices]
            listed = "\n".join(f"{i}. {c.label()}" for i, c in enumerate(choices, 1))
            if r.unknown_name:
                reply = unknown_reply(r.unknown_name, r.choices)
                if choices:
                    reply += "\nAnswer with the number or the #id to draft to them."
            elif r.why.startswith("several messages"):
                reply = f"One message at a time: which first?\n{listed}\nAnswer with the number or the #id."
            else:
                reply = (f"Which {r.contact_query} do you mean?\n{listed}\n"
                         "Answer with the number, the #id, or where they work.")
            return Turn(reply=reply, intent="clarify", choices=choices, reading=""), {
                "pending": self._pending(r, choices) if choices else None}
        if r.why.startswith("note"):
            reply = (f"Whose record should I keep this on: \"{r.note}\"? Say it again with their name as it is "
                     "in your contacts (\"remember that Priya …\").")
            return Turn(reply=reply, intent="clarify"), {}
        return Turn(reply="Who is it for? Name the person as they appear in your contacts.", intent="clarify"), {}

    @staticmethod
    def _pending(r: Reading, choices: list[ContactChoice]) -> dict:
        intent = r.why.split(":")[0] if r.why.startswith(("note:", "show:")) else "draft"
        return {"intent": intent, "goal": r.goal, "channel": r.channel, "context": r.context, "topic": r.topic,
                "note": r.note, "date": str(r.date) if r.date else None, "choices": [c.model_dump() for c in choices]}

    def _advise(self, r: Route, text: str, state: ChatState) -> tuple[Turn, dict]:
        self.step("Finding the guidance that fits…")
        advice = self.coach.advise(text, on_token=self._on_token)
        update: dict = {}
        if advice.script_kind == "draft" and advice.script_contact_id:  # "now as an email" revises this draft
            update = {"last_request": DraftRequest(contact_id=advice.script_contact_id,
                                                   goal=advice.script_goal or "reconnect",
                                                   channel=advice.script_channel or "linkedin-message"
                                                   ).model_dump(mode="json"), "last_draft": None}
        return Turn(reply=advice_text(advice), intent=r.intent if r.intent == "advise" else "general",
                    advice=advice, citations=advice.citations), update

    def _draft(self, r: Route, text: str, state: ChatState) -> tuple[Turn, dict]:
        request = DraftRequest(contact_id=r.contact.id, goal=r.goal, channel=r.channel, context=r.context)
        return self._drafted(request, "draft", state, r.topic)

    def _revise(self, r: Route, text: str, state: ChatState) -> tuple[Turn, dict]:
        return self._revised(r, state)

    # ------------------------------------------------------------------ drafting
    def _draft_to(self, contact_id: int, pending: dict, state: ChatState) -> tuple[Turn, dict]:
        request = DraftRequest(contact_id=contact_id, goal=pending["goal"] or "reconnect",
                               channel=pending["channel"] or "linkedin-message", context=pending.get("context", ""))
        turn, update = self._drafted(request, "draft", state, pending.get("topic", ""))
        return turn, {**update, "pending": None}

    def _revised(self, r: Route, state: ChatState) -> tuple[Turn, dict]:
        if not state.get("last_request"):
            return Turn(reply="There is no draft to change yet: ask for one first.", intent="clarify"), {}
        last = DraftRequest.model_validate(state["last_request"])
        shown = Draft.model_validate(state["last_draft"]) if state.get("last_draft") else None
        request = last.revised(r.length, r.tone, r.channel, r.regenerate, shown.body if shown else "")
        turn, update = self._drafted(request, "revise", state)
        turn.note = unchanged_note(r, last.style, request.style, shown, turn.draft)
        if turn.note:
            turn.reply = f"{turn.note}\n\n{turn.reply}"
        return turn, update

    def _drafted(self, request: DraftRequest, intent: str, state: ChatState, topic: str = "") -> tuple[Turn, dict]:
        contact = self.coach.store.get_contact(request.contact_id)
        reading = line_for(request.channel, contact.name, request.goal, topic)
        self.step(f"{reading}: drafting and checking it…")
        draft = self.coach.draft_request(request, on_token=self._on_token)
        return (Turn(reply=f"{reading}\n\n{draft_text(draft)}", intent=intent, draft=draft,
                     citations=draft.citations, reading=reading),
                {"last_request": request.model_dump(mode="json"), "last_draft": draft.model_dump(mode="json"),
                 "last_contact": request.contact_id})


# What each intent of the rule router does: one entry per intent, no if/elif chain.
HANDLERS: dict[str, Callable[[Chat, Route, str, ChatState], tuple[Turn, dict]]] = {
    "check": Chat._check, "find": Chat._find, "clarify": Chat._clarify, "advise": Chat._advise,
    "general": Chat._advise, "draft": Chat._draft, "revise": Chat._revise,
    "show": bookkeeping.show, "note": bookkeeping.note, "due": bookkeeping.due, "help": howto.answer,
}


def unchanged_note(r: Route, before: Style, after: Style, shown: Draft | None, draft: Draft | None) -> str:
    """Why a revision did not change what was asked, in one plain sentence: nothing left to cut (with the
    length), a limit reached, or no other version to offer."""
    if draft is None:
        return ""
    same = shown is not None and shown.text() == draft.text()
    if r.length < 0 and (before.length == after.length or same):
        what = "one thing you share and the ask" if draft.channel == "linkedin-note" else \
            "the greeting, one personal line and the ask"
        kind = "connection note" if draft.channel == "linkedin-note" else "message"
        return f"At {len(draft.body)} characters this {kind} is already as short as it can be: {what} are all it says."
    if r.length and before.length == after.length:
        return f"It is already as {'short' if r.length < 0 else 'long'} as I make it."
    if r.tone and before.tone == after.tone:
        return f"It is already as {'formal' if r.tone > 0 else 'friendly'} as I make it."
    if r.regenerate and shown is not None and (same or not visibly_different(draft.body, [shown.body])):
        return ("There is no other version to offer from what your notes hold: add a note (how you met, what you "
                "talked about) and ask again." if same else
                "Your notes hold no other version: this one only rewords a line; add a note for another.")
    if same:
        return "Your notes hold nothing more to change here, so the draft stays as it was."
    return ""


def draft_text(draft: Draft) -> str:
    head = f"{draft.channel} to {draft.contact} ({draft.goal}), score {draft.score}/100"
    head += f" — {draft.how_made()}"
    return f"{head}\n\n{draft.text()}"


def advice_text(advice: Advice) -> str:
    """Advice as chat text: summary, steps, the script (to whom, or with slots), the example labelled as one,
    people who could help with why, the note, and the sources."""
    steps = "\n".join(f"{i}. {s}" for i, s in enumerate(advice.steps, 1))
    out = f"{advice.summary}\n\n{steps}"
    if advice.situation:
        out = f"*{advice.situation.reading}*\n\n{out}"
    if advice.script:
        if advice.script_kind == "draft":
            head = f"A message to {advice.script_contact} ({advice.script_goal}, {advice.script_channel}), checked:"
        else:
            head = "A message you could adapt (fill in the [slots]):"
        out += f"\n\n{head}\n\n```\n{advice.script}\n```"
    if advice.example and advice.script_kind == "draft":  # a neutral script is the example with slots already
        out += f"\n\nExample from the guide (its people are invented):\n\n```\n{advice.example}\n```"
    if advice.related_contacts:
        out += "\n\nPeople who could help:\n" + "\n".join(f"- {p.name} — {p.why}" for p in advice.related_contacts)
    if advice.note:
        out += f"\n\nNote: {advice.note}"
    if advice.citations:
        out += "\n\nFrom: " + "; ".join(c.title for c in advice.citations)
    return out
