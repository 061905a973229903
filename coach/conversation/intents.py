"""What a chat message asks for, as a small learned model reads it beside the rules.

The rule router (`coach.conversation.router`) reads the person, the goal, the channel and the change of a message
well, but which of the eight things a message asks for (a draft, a revision, advice, a search, a card, a note,
who is due, or nothing) it can only read from the cue words it knows: a formal "kindly furnish a list of whom
I owe a reply", a slangy "pop this on her record" or a typo'd "shoe me Priya" say it in words no list holds.
This model reads the whole message instead (`coach.retrieval.learned`: sentence meaning and spelling), trained
on the labelled examples of `prompts/intents.yaml`, which were written for training, in many registers, apart
from any evaluation set. The router asks it only where its own reading is weak
(`coach.conversation.second_look`).
"""

from __future__ import annotations

from functools import lru_cache

from coach.config.prompts import load_data
from coach.retrieval.learned import Guess, LearnedReader, meaning

INTENTS = ("draft", "revise", "advise", "find", "show", "note", "due", "other")


def examples() -> dict[str, list[str]]:
    """The labelled training messages, by intent."""
    found = load_data("intents")
    unknown = set(found) - set(INTENTS)
    if unknown:
        raise ValueError(f"prompts/intents.yaml has examples for unknown intents: {', '.join(sorted(unknown))}.")
    return {intent: [str(t) for t in found.get(intent) or []] for intent in INTENTS}


@lru_cache(maxsize=1)
def intent_model() -> LearnedReader:
    return LearnedReader(examples(), meaning("intents"))


__all__ = ["INTENTS", "Guess", "examples", "intent_model"]
