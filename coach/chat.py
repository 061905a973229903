"""Chat: one turn at a time through a LangGraph graph with an on-disk checkpointer.

The conversation state (history, the last draft and what it was asked for) is
saved per thread in COACH_HOME, so "make it shorter", "more formal" or "now as
an email" revise the last draft, in the CLI as in the app, across restarts.
"""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypedDict

from langgraph.graph import END, START, StateGraph

from coach.composer import Style
from coach.errors import AmbiguousError, CoachError
from coach.messages import Advice, Draft, Turn
from coach.router import route

if TYPE_CHECKING:
    from coach.agent import Coach


class ChatState(TypedDict, total=False):
    input: str
    history: Annotated[list[dict], operator.add]
    last_request: dict | None
    last_draft: dict | None
    turn: dict


class Chat:
    def __init__(self, coach: Coach, checkpointer: Any = None):
        self.coach = coach
        self._on_token: Callable[[str], None] | None = None
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

    def ask(self, text: str, thread_id: str = "default", on_token: Callable[[str], None] | None = None) -> Turn:
        """One turn: route, act, remember. Tokens stream to `on_token` where the model writes them."""
        self._on_token = on_token
        try:
            state = self.graph.invoke({"input": text}, config={"configurable": {"thread_id": thread_id}})
        finally:
            self._on_token = None
        return Turn.model_validate(state["turn"])

    def history(self, thread_id: str = "default") -> list[dict]:
        snapshot = self.graph.get_state({"configurable": {"thread_id": thread_id}})
        return list(snapshot.values.get("history", [])) if snapshot and snapshot.values else []

    def reset(self, thread_id: str = "default") -> None:
        self.graph.checkpointer.delete_thread(thread_id)

    # ------------------------------------------------------------------ node
    def _respond(self, state: ChatState) -> dict:
        text = state["input"]
        coach = self.coach
        contacts = coach.contacts()
        r = route(text, contacts, has_draft=bool(state.get("last_draft")))
        update: dict[str, Any] = {}
        try:
            if r.intent == "check":
                report = coach.check(r.message, r.channel or "linkedin-message")
                failed = [c for c in report.checks if not c.passed]
                reply = f"Score {report.score}/100. " + (
                    "Fix: " + "; ".join(f"{c.name}: {c.suggestion or c.detail}" for c in failed)
                    if failed else "It passes every check.")
                turn = Turn(reply=reply, intent="check", check=report)
            elif r.intent == "find":
                hits = coach.synced_retriever().search(text, kind="contacts", k=8)
                named = [h for h in hits if h.metadata.get("mentioned")]
                hits = named or hits[:5]  # "who do I know at Stripe": the Stripe people, not the runners-up
                results = [h.model_dump(exclude={"metadata"}) for h in hits]
                reply = ("People who fit: " + "; ".join(f"{h.title} — {h.snippet[:80]}" for h in hits)) if hits \
                    else "I found nobody for that in your contacts yet. Import your LinkedIn export first."
                turn = Turn(reply=reply, intent="find", results=results)
            elif r.intent in ("draft", "revise"):
                turn, update = self._draft_turn(r, state)
            elif r.intent == "clarify":
                who = f" called {r.contact_query}" if r.contact_query else ""
                reply = (f"Who should it go to? I know several people{who}: name them in full or use their id."
                         if r.contact_query else
                         "Who is it for? Name the person as they appear in your contacts.")
                turn = Turn(reply=reply, intent="clarify")
            else:
                advice = coach.advise(text, on_token=self._on_token)
                turn = Turn(reply=advice_text(advice), intent=r.intent if r.intent == "advise" else "general",
                            advice=advice, citations=advice.citations)
        except AmbiguousError as exc:
            turn = Turn(reply=str(exc), intent="clarify")
        except CoachError as exc:
            turn = Turn(reply=str(exc), intent="error")
        return {**update, "turn": turn.model_dump(mode="json"),
                "history": [{"role": "user", "content": text},
                            {"role": "assistant", "content": turn.reply, "intent": turn.intent}]}

    def _draft_turn(self, r, state: ChatState) -> tuple[Turn, dict]:
        if r.intent == "revise":
            last = dict(state["last_request"] or {})
            style = Style(**last.get("style", {}))
            style.shorter = style.shorter or r.style.shorter
            style.formal = style.formal or r.style.formal
            request = {**last, "channel": r.channel or last["channel"],
                       "style": {"shorter": style.shorter, "formal": style.formal}}
        else:
            request = {"to": str(r.contact.id), "goal": r.goal, "channel": r.channel,
                       "context": "", "style": {"shorter": False, "formal": False}}
        draft = self.coach.draft(request["to"], request["goal"], request["channel"], request.get("context", ""),
                                 style=Style(**request["style"]), on_token=self._on_token)
        return (Turn(reply=draft_text(draft), intent=r.intent, draft=draft, citations=draft.citations),
                {"last_request": request, "last_draft": draft.model_dump(mode="json")})


def draft_text(draft: Draft) -> str:
    head = f"{draft.channel} to {draft.contact} ({draft.goal}), score {draft.score}/100"
    head += f" — {draft.how_made()}"
    return f"{head}\n\n{draft.text()}"


def advice_text(advice: Advice) -> str:
    """Advice as chat text: summary, steps, the script (to whom, or with slots), the example labelled as one,
    people who could help with why, the note, and the sources."""
    steps = "\n".join(f"{i}. {s}" for i, s in enumerate(advice.steps, 1))
    out = f"{advice.summary}\n\n{steps}"
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
