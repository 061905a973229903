"""The advice's key idea: the lead article's overview sentences that best answer the user, or, with a capable
model, its summary and steps written from the cited articles, kept only when the articles support them (most
content words found there, no name or number from elsewhere); `Advice.summary_source` records which.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np

from coach.advice.situations import IDEA_FIT, QUESTION_FIT, Match, Recogniser
from coach.checks.grounds import PLACEHOLDER, claims
from coach.core.messages import Advice
from coach.core.text import content_words, fold, last_question, sentences, stem
from coach.retrieval.knowledge import OVERVIEW, Article, article_steps

SUPPORTED_SHARE = 0.85  # a model's sentence is kept when this share of its content words is in the articles


def opening(article: Article, sentences_: int = 2) -> str:
    """The first sentences of an article's overview."""
    intro = article.sections.get(OVERVIEW, "")
    return " ".join(sentences(" ".join(intro.split()))[:sentences_])


# ------------------------------------------------------------------ grounding a model's words
def supported(text: str, sources: str, situation: str, share: float = SUPPORTED_SHARE) -> bool:
    """Whether `text` says what `sources` say: most content words found there, and every name or number
    it states found in the sources or the user's own words."""
    found = content_words(text)
    if not found or PLACEHOLDER.search(text):
        return False
    vocabulary = {stem(w) for w in content_words(sources, min_len=1)}
    ratio = sum(stem(w) in vocabulary for w in found) / len(found)
    known = fold(f"{sources}\n{situation}")
    for _, value in claims(text):
        if not re.search(r"(?<![a-z0-9])" + re.escape(fold(value)) + r"(?![a-z0-9])", known):
            return False
    return ratio >= share


def parse_reply(reply: str) -> tuple[str, list[str]]:
    """'Summary: …' / 'Steps:' / '1. …' -> (summary, steps); a reply without a Steps line is all summary."""
    parts = re.split(r"(?im)^\W*steps\W*$", reply.strip(), maxsplit=1)
    summary = re.sub(r"(?i)^\W*summary\W*:\W*", "", parts[0].strip())
    steps = [m.group(1).strip() for m in re.finditer(r"(?m)^\s*\d+[.)]\s+(.+)$", parts[1])] if len(parts) > 1 else []
    return " ".join(summary.split()), steps



def summarise(advice: Advice, text: str, lead: Match, second: Match | None, recogniser: Recogniser,
              asked: np.ndarray, prompt: Any = None, ask: Callable[[list], str] | None = None) -> None:
    """The key idea: the lead's overview sentences that best answer `asked` (the user's question, embedded). A
    capable model (`ask`: the prompt's messages to its reply) may write the summary and steps instead."""
    fit = QUESTION_FIT if last_question(text) else IDEA_FIT
    advice.summary = recogniser.key_idea(asked, lead.article, fit=fit) or opening(lead.article)
    if ask is None:
        return
    cited = [lead.article] + ([second.article] if second else [])
    guidance = "\n\n".join(
        f"### {a.title}\n{a.sections.get(OVERVIEW, '')}\nSteps:\n"
        + "\n".join(f"{i}. {s}" for i, s in enumerate(article_steps(a), 1)) for a in cited)
    reply = ask(prompt.messages(situation=text, guidance=guidance))
    advice.prompt = prompt.ref
    summary, steps = parse_reply(reply)
    sources = "\n".join(f"{a.title}\n{a.body}" for a in cited)
    summary = " ".join(sentences(summary)[:3])
    if len(summary.split()) >= 6 and supported(summary, sources, text):
        advice.summary, advice.summary_source = summary, "model"
    if 3 <= len(steps) <= 7 and all(supported(s, sources, text) for s in steps):
        advice.steps = steps
