"""Questions about the app itself ("how do I export my data?", "can I import my LinkedIn connections?"), read
from the vocabulary in `prompts/help.yaml` and answered with where the app does it: the page, and the `coach`
command. They are no networking situation, so no guidance article answers them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from coach.config.prompts import load_data
from coach.core.messages import Turn

if TYPE_CHECKING:
    from coach.conversation.reading import Reading


class HelpTopic(BaseModel):
    """One job of the app and where it is done."""

    name: str
    words: list[str] = Field(description="Patterns of the words that name this job.")
    page: str = Field(description="The app page that does it (a key of `coach.ui.nav.PAGES`).")
    where: str = Field(description="Where on that page, in words.")
    commands: list[str] = Field(description="The `coach` commands that do it.")
    answer: str


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return load_data("help")


@lru_cache(maxsize=1)
def topics() -> dict[str, HelpTopic]:
    return {name: HelpTopic(name=name, **body) for name, body in vocabulary()["topics"].items()}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, dict[str, list[re.Pattern]]]:
    ask = re.compile("|".join(f"(?:{p})" for p in vocabulary()["asks"]), re.IGNORECASE)
    does = re.compile("|".join(f"(?:{p})" for p in vocabulary()["does"]), re.IGNORECASE)
    words = {name: [re.compile(p, re.IGNORECASE) for p in t.words] for name, t in topics().items()}
    return ask, does, words


def help_topic(text: str) -> str:
    """The app's job the words ask about ('export'), or '' when they ask about none: how, where or whether
    (or an order to do it: 'export my contacts') with a job's own words; of several, the one most named."""
    ask, does, words = _patterns()
    if not (ask.search(text) or does.search(text)):
        return ""
    scored = [(sum(1 for p in ps if p.search(text)), -i, name) for i, (name, ps) in enumerate(words.items())]
    best = max(scored)
    return best[2] if best[0] else ""


def help_text(name: str) -> str:
    """The answer, where it is in the app, and the command that does it."""
    t = topics()[name]
    commands = "\n".join(f"    {c}" for c in t.commands)
    return f"{t.answer}\n\nIn the app: {t.where}.\nFrom the command line:\n{commands}"


def answer(chat: Any, r: Reading, text: str, state: dict) -> tuple[Turn, dict]:
    """The chat's turn for a question about the app: the answer, where it is, the command; and the page to open."""
    return Turn(reply=help_text(r.help), intent="help", reading=r.line(), page=topics()[r.help].page), {}
