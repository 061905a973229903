"""What the drafting model is sent: the prompt's messages for each tier, and each candidate's sampling.

A capable model is told the goal's needs, the length and register asked for, what to leave out and the user's own
words; the small model sees the typed request and one line of good practice, never the user's instructions to
the coach.
"""

from __future__ import annotations

from typing import Any

from coach.config.prompts import load_data
from coach.core.messages import DraftRequest, Fact
from coach.drafting.asks import sender_name
from coach.drafting.brief import Brief

# The embedded model's candidates are checked and counted, never sent (`coach.drafting.drafter`): a little more
# than one sentence's worth of tokens shows what it can do, and keeps it fast. A capable model writes the whole
# message.
MAX_TOKENS = {
    "embedded": {"linkedin-note": 48, "linkedin-message": 56, "email": 56},
    "capable": {"linkedin-note": 160, "linkedin-message": 450, "email": 600},
}
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


def length_hint(channel: str, brief: Brief) -> str:
    """The length the capable model is told: the user's own number when they set one ("at most 150 words"),
    within the channel's limit; else the channel's range for the length they asked for."""
    hint = LENGTH_HINT[channel][brief.style.length].format(limit=brief.limit)
    most = brief.reading.most
    if most is None or (most.unit == "characters" and brief.limit is not None and most.most >= brief.limit):
        return hint
    return most.line() + (f" (and at most {brief.limit} characters)" if brief.limit is not None
                          and most.unit != "characters" else "")


def prompt_messages(prompt: Any, tier: str, req: DraftRequest, brief: Brief, facts: list[Fact], tip: str = "") -> list:
    """The prompt's messages for `req` (the facts as listed for the model, `tip` from the guidance)."""
    contact = brief.contact
    goals = load_data("goals")
    facts_text = "\n".join(f"- {f.text}" for f in facts if f.source != "request") or "- (no notes yet)"
    first = contact.addressed(formal=req.style.formal) if contact.honorific else brief.first
    if tier == "capable":
        spec = goals["goals"][req.goal]
        needs = " ".join(h for h in (spec.get("marker_hint", ""), spec.get("substance_hint", "")) if h)
        needs += TONE_HINT[brief.style.tone]
        if brief.reading.avoid:
            needs += " Do not mention: " + "; ".join(brief.reading.avoid) + "."
        if req.avoid:
            needs += " Write a different version from this earlier one, with other words and another " \
                     "detail where there is one: «" + req.avoid[-1].replace("\n", " ") + "»"
        sender = sender_name(brief.profile.name)
        return prompt.messages(
            channel_desc=goals["channels"][req.channel]["describe"],
            limit_desc=length_hint(req.channel, brief), first_name=first,
            full_name=contact.name, headline=contact.headline() or "a contact", goal_desc=spec["describe"],
            goal_needs=needs.strip(), facts=facts_text,
            reason=f"Why I am writing (my own words): {req.context}" if req.context else "",
            sender=f', signed "{sender}"' if sender and req.channel != "linkedin-note" else "")
    said = brief.reading.said()  # the small model sees the typed request, never the instructions
    context = f"My request: {said}" if said else ""
    if tip:
        context = f"{context}\nGood practice: {tip}".strip()
    sentences = "1 short sentence" if brief.style.shorter else goals["channels"][req.channel]["sentences"]
    return prompt.messages(
        channel_desc=goals["channels"][req.channel]["describe"], first_name=first,
        headline=contact.headline() or "a contact", goal_desc=goals["goals"][req.goal]["describe"],
        facts=facts_text, context=context, sentences=sentences, example_first=EXAMPLE_FIRST,
        example_message=EXAMPLE_MESSAGE,
    )


def sampling(tier: str, channel: str, i: int, variant: int = 0) -> dict:
    """Candidate `i`'s sampling; each regenerate (`variant`) samples afresh and a little more freely."""
    warm = 0.7 if i or variant else 0.3
    kwargs: dict[str, Any] = {"max_tokens": MAX_TOKENS[tier][channel],
                              "temperature": min(1.0, warm + 0.1 * variant)}
    if tier == "embedded":
        kwargs["seed"] = 1000 + i + 101 * variant
    return kwargs
