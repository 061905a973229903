"""Chat as a tool-calling agent, for a model that can call tools (`openai/<model>`, or COACH_AGENT=on).

A LangGraph graph: the model reads the conversation and either answers or calls
the coach's tools (`coach/conversation/tools.py`); tool results go back to it until it
answers. The conversation (with its tool calls) is kept in the chat's
checkpointed state, so "make it shorter" next turn revises the last draft
through the tool. What the user sees is guarded: a message-like text in the
model's answer is the drafting graph's checked draft, or it is checked here and
left out when it fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypedDict

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langgraph.errors import GraphRecursionError
from langgraph.graph import END, START, StateGraph
from langgraph.graph.message import add_messages
from langgraph.prebuilt import ToolNode, tools_condition
from pydantic import ValidationError

from coach.config.prompts import load_prompt
from coach.conversation.tools import Log, Toolbox
from coach.core.errors import CoachError, model_server_error
from coach.core.messages import CheckReport, Draft, DraftRequest, Turn
from coach.core.text import SIGNOFF, fold, words
from coach.crm.resolve import who

if TYPE_CHECKING:
    from coach.conversation.port import Coaching

MAX_STEPS = 8  # model calls per turn; a model that loops is stopped with what it has
KEEP_MESSAGES = 40  # the agent's memory across turns, cut at a user turn
SUBJECT = re.compile(r"^\s*\**subject\**\s*:", re.IGNORECASE)
FENCE = re.compile(r"^\s*```")


class AgentState(TypedDict):
    messages: Annotated[list[BaseMessage], add_messages]


def tool_error(exc: Exception) -> str:
    """What the model reads when a tool fails: the coach's own one-sentence message, never a traceback."""
    if isinstance(exc, CoachError):
        return f"Error: {exc}"
    source = getattr(exc, "source", exc)  # ToolNode wraps bad arguments in a ToolInvocationError
    if isinstance(source, ValidationError):
        return "Error: the tool's arguments were invalid: " + "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in source.errors()[:3])
    return f"Error: the tool failed ({type(exc).__name__}); tell the user it did not work and why, briefly."


class Assistant:
    def __init__(self, coach: Coaching, step: Callable[[str], None]):
        self.coach, self.step = coach, step
        self.prompt = load_prompt("agent")

    def turn(self, text: str, state: dict) -> tuple[Turn, dict]:
        log = Log(last_request=DraftRequest.model_validate(state["last_request"]) if state.get("last_request")
                  else None,
                  last_draft=Draft.model_validate(state["last_draft"]) if state.get("last_draft") else None)
        box = Toolbox(self.coach, log, step=self.step)
        tools = box.tools()
        graph = self._graph(tools)
        history = list(state.get("agent_messages") or [])
        self.step("Thinking…")
        try:
            out = graph.invoke({"messages": [*history, HumanMessage(content=text)]},
                               config={"recursion_limit": 2 * MAX_STEPS + 1})
            messages = out["messages"]
            answer = _text(messages[-1]) if isinstance(messages[-1], AIMessage) else ""
        except GraphRecursionError:
            messages = [*history, HumanMessage(content=text)]
            answer = f"I stopped after {MAX_STEPS} steps without finishing; here is what I have."
        except CoachError:
            raise
        except Exception as exc:  # the model server, when the model is not the coach's own checked client
            explained = model_server_error(exc, self.coach.settings.llm_base_url, self.coach.model_name)
            if explained is None:
                raise
            raise explained from None
        reply, check, note = guard(answer, log, self.coach)
        draft = log.drafts[-1] if log.drafts else None
        intent = "draft" if draft else "clarify" if log.choices else "advise" if log.advice else \
            "find" if log.results else "check" if check else "general"
        turn = Turn(reply=reply, intent=intent, draft=draft, advice=log.advice, results=log.results, check=check,
                    citations=(draft.citations if draft else log.advice.citations if log.advice else []),
                    choices=log.choices if not draft else [], steps=log.steps, note=note, agent=True)
        update: dict[str, Any] = {"agent_messages": _trim(messages),
                                  "pending": {"agent": True, "choices": [c.model_dump() for c in log.choices]}
                                  if log.choices and not draft else None}
        if log.last_request is not None and draft is not None:
            update["last_request"] = log.last_request.model_dump(mode="json")
            update["last_draft"] = draft.model_dump(mode="json")
        return turn, update

    def _graph(self, tools: list):
        model = self.coach.model.bind_tools(tools)
        system = SystemMessage(content=self.prompt.render()[0][1])

        def call_model(state: AgentState) -> dict:
            return {"messages": [model.invoke([system, *state["messages"]])]}

        g = StateGraph(AgentState)
        g.add_node("model", call_model)
        g.add_node("tools", ToolNode(tools, handle_tool_errors=tool_error))
        g.add_edge(START, "model")
        g.add_conditional_edges("model", tools_condition, {"tools": "tools", END: END})
        g.add_edge("tools", "model")
        return g.compile()


# ------------------------------------------------------------------ the guard
def message_spans(text: str) -> list[tuple[int, int]]:
    """Line ranges [start, end) of the message-like texts in `text`: a greeting line ('Hi Priya,') or a subject
    line, up to its sign-off and name, the end of its code block, or the end of the paragraph run."""
    lines = text.splitlines()
    spans: list[tuple[int, int]] = []
    i, fenced_from = 0, None
    while i < len(lines):
        line = lines[i]
        if FENCE.match(line):
            fenced_from = None if fenced_from is not None else i
            i += 1
            continue
        if not (SUBJECT.match(line) or _greeting(line)):
            i += 1
            continue
        start = fenced_from if fenced_from is not None else i
        j = i + 1
        while j < len(lines):
            if fenced_from is not None and FENCE.match(lines[j]):
                j += 1
                fenced_from = None
                break
            if fenced_from is None and SIGNOFF.match(lines[j]):
                j += 1
                if j < len(lines) and 0 < len(lines[j].split()) <= 3 and not lines[j].rstrip().endswith((".", ":")):
                    j += 1  # the name under the sign-off
                break
            if fenced_from is None and not lines[j].strip() and (j + 1 >= len(lines) or not lines[j + 1].strip()):
                break
            j += 1
        spans.append((start, j))
        i = j
    return spans


GREETING_LINE = re.compile(r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon))\s+((?:(?:[A-Z][\w.'’-]*|\[[^\]\n]+\])\s*){1,3}),",
                           re.IGNORECASE)


def _greeting(line: str) -> bool:
    """'Hi Priya,' or 'Dear Dr. Lee,' (a name, then a comma) starts a message; 'Hi! You know…' does not."""
    m = GREETING_LINE.match(line)
    return bool(m) and (m.group(1)[:1].isupper() or m.group(1).startswith("["))


def _body(lines: list[str]) -> str:
    return "\n".join(x for x in lines if not FENCE.match(x)).strip()


def _same(a: str, b: str) -> bool:
    """Whether two messages say the same: nearly all the words of each are in the other."""
    wa, wb = set(words(fold(a))), set(words(fold(b)))
    return bool(wa and wb) and len(wa & wb) >= 0.9 * max(len(wa), len(wb))


def guard(answer: str, log: Log, coach: Any) -> tuple[str, CheckReport | None, str]:
    """The model's answer as the user may see it: every message-like text in it is one of this turn's checked
    drafts (shown as the drafter made it), or passes the checks itself; anything else is left out, with a note.
    Returns (reply, the check of a message the model wrote itself, the note)."""
    lines = answer.splitlines()
    check: CheckReport | None = None
    notes: list[str] = []
    out: list[str] = []
    last = 0
    for start, end in message_spans(answer):
        out.extend(lines[last:start])
        last = end
        body = _body(lines[start:end])
        draft = next((d for d in reversed(log.drafts) if _same(body, d.text()) or _same(body, d.body)), None)
        if draft is not None:
            out.append(f"```\n{draft.text()}\n```")
            continue
        if log.drafts:
            notes.append("I left out a message the model retyped differently from the checked draft; the draft "
                         "below is the one that passed.")
            continue
        channel = log.last_request.channel if log.last_request else "linkedin-message"
        greeted = who(GREETING_LINE.match(next(x for x in lines[start:end] if _greeting(x)) or "").group(1),
                      coach.contacts()) if any(_greeting(x) for x in lines[start:end]) else None
        to = str(log.last_request.contact_id) if log.last_request else \
            str(greeted.contact.id) if greeted and greeted.contact else None
        report = coach.check(body, channel, to)
        if report.hard_passed:
            check = report
            out.append(f"```\n{body}\n```")
            notes.append(f"That message is the model's own; the checker scores it {report.score}/100.")
        else:
            failed = ", ".join(c.name for c in report.checks if c.hard and not c.passed)  # names: the text stays out
            notes.append(f"I left out a message that did not pass the checks ({failed}). Ask me to draft it and "
                         "the coach will write one that does.")
    out.extend(lines[last:])
    reply = "\n".join(out).strip()
    if log.drafts and fold(log.drafts[-1].body[:40]) not in fold(reply):  # the draft is always shown
        reply = f"{reply}\n\n```\n{log.drafts[-1].text()}\n```".strip()
    note = " ".join(notes)
    if note:
        reply = f"{reply}\n\n{note}".strip()
    return reply or "Done.", check, note


# ------------------------------------------------------------------ helpers
def _text(message: AIMessage) -> str:
    content = message.content
    if isinstance(content, list):
        return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return str(content or "")


def _trim(messages: list[BaseMessage]) -> list[BaseMessage]:
    """The last messages, starting at a user turn (a tool result never loses its call)."""
    if len(messages) <= KEEP_MESSAGES:
        return messages
    tail = messages[-KEEP_MESSAGES:]
    first = next((i for i, m in enumerate(tail) if isinstance(m, HumanMessage)), len(tail))
    return tail[first:]
