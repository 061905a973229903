"""A scripted tool-calling model for the OpenAI-compatible stand-in server (wire format, not LangChain objects).

It plays the part a capable model plays in the coach's agent, by simple rules over the request it is sent: the
user's last words and the tool results since. Nothing else is scripted: the coach's tools, the drafting graph
and its checks, and the HTTP round trips through langchain-openai are real. Drafting requests (sent without
tools) get an empty answer, so drafts are composed from the user's notes and checked.

Run it as a server for the CLI: `python -m tests.standin --port 0 --responder tests.standin_agent:play`.
"""

from __future__ import annotations

import json
import re

from coach.conversation.context import user_context
from coach.conversation.router import detect_channel, detect_goal
from tests.standin.script import Reply, content_text

FIND = re.compile(r"who do i know (?:at|in) ([^?.!,]+)", re.IGNORECASE)
REVISE = {"shorter": {"length": -1}, "longer": {"length": 1}, "formal": {"tone": 1}, "friendlier": {"tone": -1},
          "another": {"regenerate": True}}


def _call(tool: str, /, **args) -> Reply:
    return Reply(tool_calls=[{"name": tool, "arguments": args}])


def _since_user(messages: list[dict]) -> tuple[list[str], list[dict]]:
    """The user's messages so far, and the tool results after the last one (parsed)."""
    said = [content_text(m.get("content")) for m in messages if m.get("role") == "user"]
    last = max(i for i, m in enumerate(messages) if m.get("role") == "user")
    calls = {c["id"]: c["function"]["name"] for m in messages[last:] for c in (m.get("tool_calls") or [])}
    results = []
    for m in messages[last:]:
        if m.get("role") == "tool":
            text = content_text(m.get("content"))
            try:
                body = json.loads(text)
            except ValueError:
                body = {"error": text}
            results.append({"name": calls.get(m.get("tool_call_id"), ""), "result": body})
    return said, results


def _draft_call(contact_id: int, text: str, mention: str = "") -> Reply:
    return _call("draft_message", contact_id=contact_id, goal=detect_goal(text) or "reconnect",
                 channel=detect_channel(text) or "linkedin-message", context=user_context(text, mention))


def play(request: dict) -> Reply | str:
    if not request.get("tools"):
        return ""  # a drafting request: the coach composes from verified facts
    said, results = _since_user(request["messages"])
    text = said[-1]
    if not results:
        chosen = re.search(r"#(\d+)", text)
        if chosen and len(said) > 1:  # the user answered "which one?" with an id
            return _draft_call(int(chosen.group(1)), said[-2])
        found = FIND.search(text)
        if found:
            return _call("find_contacts", query=found.group(1).strip())
        for word, args in REVISE.items():
            if word in text.lower():
                return _call("revise_draft", **args)
        return _call("resolve_person", name=text)
    last = results[-1]
    name, result = last["name"], last["result"]
    if "error" in result or (isinstance(result, dict) and str(result.get("error", "")).startswith("Error")):
        return f"That did not work: {result.get('error')}"
    if name == "find_contacts":
        people = result.get("people") or []
        if not people:
            return "You have nobody there in your contacts yet."
        if re.search(r"\b(draft|write|note|message|email)\b", text, re.IGNORECASE):
            return _draft_call(people[0]["id"], text, mention=FIND.search(text).group(0) if FIND.search(text) else "")
        return "You know: " + "; ".join(f"{p['name']} ({p['title']}, {p['company']})" for p in people)
    if name == "resolve_person":
        if "ambiguous" in result:
            listed = "\n".join(f"- {c['name']}, {c['title'] or 'no title'} at {c['company']} (#{c['id']})"
                               for c in result["ambiguous"])
            return f"Several people are called that. Which one do you mean?\n{listed}"
        return _draft_call(result["contact"]["id"], text, mention=result["contact"]["name"])
    if name in ("draft_message", "revise_draft"):
        found = [r["result"] for r in results if r["name"] == "find_contacts"]
        who = ""
        if found and found[0].get("people"):
            who = "You know " + "; ".join(f"{p['name']} ({p['title']} at {p['company']})"
                                          for p in found[0]["people"]) + ".\n\n"
        return f"{who}Here is the {result['channel']} to {result['to']}, checked ({result['checks_passed']} of " \
               f"{result['checks']} checks pass):\n\n{result['draft']}"
    return "Done."
