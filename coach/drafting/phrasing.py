"""Phrasing: the register a draft is moved to, and the reason a situation the user told the coach gives.

The user's request is read into typed parts in `coach/drafting/request.py`; the frames and the register table
are data (`prompts/phrasing.yaml`).
"""

from __future__ import annotations

import re

from coach.config.prompts import load_data
from coach.core.text import ensure_period, fold, sentences


def _data() -> dict:
    return load_data("phrasing")


def situation_reason(text: str) -> str:
    """The reason a message may give, from what the user told the coach about a situation: the first thing
    told (a question is for the coach), up to where it turns to how they feel; '' when what is left is still
    for the coach (feelings, the recipient in the third person, asking what to do)."""
    data = _data()["request"]
    told = [s for s in sentences(text) if not s.rstrip().endswith("?")]
    if not told:
        return ""
    first = re.split(data["situation_turns"], told[0].strip(), maxsplit=1)[0].strip().rstrip(".,;:!")
    first = re.sub(r"[\s,]+(?:and|or|so|then)$", "", first)  # "… two weeks ago and... nothing"
    low = f" {fold(first)} "
    if len(first.split()) < 3 or any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", low)
                                     for w in data["not_for_them"]) or re.search(data["about_them"], low):
        return ""
    if re.match(r"[A-Z][a-z]+ed\b", first) and fold(first.split()[0]) not in data["lowercase_starters"]:
        first = f"I {first[0].lower()}{first[1:]}"  # "Emailed Oliver…": the user's shorthand
    return ensure_period(first)


def register(text: str, tone: int) -> str:
    """`text` (in our plain phrasing) moved to the register asked for: 1 formal, -1 casual, 0 as it is.
    Only the phrases listed under `tone` in prompts/phrasing.yaml change; the user's facts are untouched."""
    if not tone:
        return text
    column = 1 if tone > 0 else 2
    for row in _data()["tone"]:
        plain, target = row[0], row[column]
        if plain == target:
            continue
        head = f"[{plain[0].upper()}{plain[0].lower()}]" if plain[0].isalpha() and not plain.startswith("I ") \
            else re.escape(plain[0])  # "It was…" also as "it was…" after "Hi Priya,"; "I am" stays "I"
        text = re.sub(r"(?<![A-Za-z'])" + head + re.escape(plain[1:]),
                      lambda m, t=target: _same_case(t, m.group(0)), text)
    return text


def _same_case(new: str, old: str) -> str:
    """`new` with the case of `old`'s first letter (the pronoun "I" stays upper case)."""
    if not new[:1].isalpha() or new.startswith(("I ", "I'")):
        return new
    return (new[0].upper() if old[:1].isupper() else new[0].lower()) + new[1:]
