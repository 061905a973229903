"""What a chat message asks for, and what for, as small learned readers read it beside the rules.

The rule router (`coach.conversation.router`) reads the person, the channel and the change of a message well,
but which of the eight things a message asks for (a draft, a revision, advice, a search, a card, a note, who is
due, or nothing), and the purpose of a message asked for, it can only read from the cue words it knows: a formal
"kindly furnish a list of whom I owe a reply", a slangy "pop this on her record", a typo'd "shoe me Priya", or
"she just passed her qualifying exam, write her something" (a congratulation nobody named) say it in words no
list holds; nor can it read how "it's kind of abrupt as is" wants a draft changed. These readers read the whole
message instead (`coach.retrieval.learned`: sentence meaning and spelling), trained on the labelled examples of
`prompts/intent_examples.yaml`, `prompts/goal_examples.yaml` and `prompts/change_examples.yaml`, which were
written for training, in many registers, apart from any evaluation set. The router asks them only where its own
reading is weak (`coach.conversation.second_look`, `coach.conversation.revision`).
"""

from __future__ import annotations

from functools import lru_cache

from coach.config.prompts import load_data
from coach.core.domain import GOALS
from coach.retrieval.learned import Guess, LearnedReader, meaning

INTENTS = ("draft", "revise", "advise", "find", "show", "note", "due", "other")
# How a reply to a draft just shown asks it to change: the same message on another channel ("channel"), or no
# change at all ("none": thanks, a question, a new request).
CHANGES = ("shorter", "longer", "more-formal", "friendlier", "another", "channel", "none")
LABELS = {"intent": INTENTS, "goal": GOALS, "change": CHANGES}


def examples(kind: str = "intent") -> dict[str, list[str]]:
    """The labelled training messages of `kind` ("intent", "goal" or "change"), by label."""
    labels = LABELS[kind]
    found = load_data(f"{kind}_examples")
    unknown = set(found) - set(labels)
    if unknown:
        raise ValueError(f"prompts/{kind}_examples.yaml has examples for unknown labels: {', '.join(sorted(unknown))}.")
    return {label: [str(t) for t in found.get(label) or []] for label in labels}


@lru_cache(maxsize=1)
def intent_model() -> LearnedReader:
    return LearnedReader(examples("intent"), meaning("intents"))


@lru_cache(maxsize=1)
def goal_model() -> LearnedReader:
    return LearnedReader(examples("goal"), meaning("goals"))


@lru_cache(maxsize=1)
def change_model() -> LearnedReader:
    return LearnedReader(examples("change"), meaning("changes"))


__all__ = ["CHANGES", "INTENTS", "Guess", "change_model", "examples", "goal_model", "intent_model"]
