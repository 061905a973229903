"""Phrasing: what the user wrote, as sentences to the person.

The user's request ("congratulate her on the Series B", "My team could supply
the data pipeline for his pilot.") and their notes ("Talked about payments APIs
at PyCon", "She mentored me in the Women in Tech program") speak *of* the
recipient. A message speaks *to* them. The patterns and frames are data
(`prompts/phrasing.yaml`); this module applies them.
"""

from __future__ import annotations

import re

from coach.config.prompts import load_data
from coach.core.domain import Contact
from coach.core.text import capitalise, ensure_period, fold, second_person, sentences

DETERMINERS = ("the ", "your ", "her ", "his ", "their ", "a ", "an ", "my ", "our ")


def _data() -> dict:
    return load_data("phrasing")


def names_of(contact: Contact) -> tuple[str, ...]:
    """How a user may refer to the recipient in a request or a note."""
    return tuple(n for n in (contact.name, f"{contact.first_name} {contact.last_name}".strip(),
                             contact.first_name) if n)


def _who(contact: Contact) -> str:
    return "|".join(["her", "him", "them", *(re.escape(n) for n in names_of(contact))])


def _fill(template: str, x: str) -> str:
    x = x.strip().rstrip(".!;,")
    return template.replace("{X}", capitalise(x)).replace("{x}", x)


def _tidy(text: str) -> str:
    """The user's quick punctuation made readable: 'A; B' -> 'A, and B'; no doubled spaces."""
    text = " ".join(text.split())
    text = re.sub(r"\s*;\s*(?=[a-z]|I\b)", ", and ", text)
    text = re.sub(r",\s+(?=it (?:got|helped|led|made|landed)\b)", ": ", text)  # "the article, it got me…"
    return text


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


def request_sentence(context: str, goal: str, contact: Contact) -> str:
    """The user's reason for writing, as one or two sentences to the person ('' when there is none)."""
    context = _tidy(context.strip())
    if not context or len(context) > 280:
        return ""
    topic, sep, rest = (re.split(r"(\s+[—–-]+\s+|:\s+)", context, maxsplit=1) + ["", ""])[:3]
    if sep and rest.strip() and _noun_phrase(second_person(topic, names_of(contact))):
        # "the intro to Dana — I got the job": the thing, framed for the goal, then what the user said of it
        said = second_person(rest.strip(), names_of(contact))
        return f"{request_sentence(topic, goal, contact)} {ensure_period(capitalise(said))}"
    data = _data()["request"]
    who = _who(contact)
    for rule in data["imperatives"]:
        match = re.match(rule["pattern"].replace("{who}", who), context, re.IGNORECASE)
        if match:
            x = second_person(match.group("x"), names_of(contact))
            return ensure_period(_fill(rule["say"], x))
    if re.match(data["instruction"], context, re.IGNORECASE):
        return ""  # words meant for the coach ("draft a note to the best one"), never for the recipient
    said = second_person(context, names_of(contact))
    low = fold(said)
    if _noun_phrase(said):
        frame = data["noun_phrase"].get(goal) or data["noun_phrase"]["default"]
        if frame:
            return ensure_period(_fill(frame, said))
    already = data["already"].get(goal)
    if already and re.search(rf"\b{already}", low):
        return ensure_period(capitalise(said))
    frames = data["statement"].get(goal) or data["statement"]["default"]
    about_them = low.startswith(("you ", "you're ", "your "))
    first = fold(said.split(" ", 1)[0])
    x = said[:1].lower() + said[1:] if first in data["lowercase_starters"] else said  # "mateo" never
    return ensure_period(_fill(frames["about_them" if about_them else "other"], x))


VERBS = re.compile(r"\b(is|are|was|were|has|have|had|got|won|hit|made|became|began|took|left|could|would|can|will|"
                   r"should|might|must|do|does|did|\w{3,}ed)\b")


def _noun_phrase(text: str) -> bool:
    """A short thing named, not a sentence: 'the Series B', 'your intro to Dana', 'the Connect team at Stripe'."""
    low = fold(text)
    return len(text.split()) <= 12 and low.startswith(DETERMINERS) and not VERBS.search(" ".join(low.split()[1:]))


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
