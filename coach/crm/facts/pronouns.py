"""A span of a note with the recipient as "you": their name and pronouns swapped word for word, and the verb that
agrees with them ("he now runs" -> "you now run", "she was" -> "you were"). Other words are the note's own.
"""

from __future__ import annotations

import re

_PRONOUN = {"she": "you", "he": "you", "him": "you", "his": "your", "hers": "yours", "herself": "yourself",
            "himself": "yourself"}
_ADVERBS = {"now", "just", "still", "also", "recently", "already", "often", "really"}
_PRESENT_S = {"runs": "run", "leads": "lead", "owns": "own", "manages": "manage", "hires": "hire", "works": "work",
              "builds": "build", "heads": "head", "teaches": "teach", "organises": "organise",
              "organizes": "organize", "wants": "want", "needs": "need", "plans": "plan", "lives": "live"}
BE_AFTER_YOU = {"was": "were", "is": "are", "has": "have", "wasn't": "weren't", "isn't": "aren't", "hasn't": "haven't"}
_AFTER_HER_OBJECT = {"a", "an", "the", "to", "for", "with", "about", "at", "in", "on", "and", "when", "if", "once",
                     "that", "know", "up", "out", "back", "last", "again", "my", "our", "some", "through", "into",
                     "after", "before", "since", "over", "by", "from", "as", "so", "too", "", "i", "i'm", "i'd",
                     "i've", "i'll", "we", "how", "what", "why", "where", "who", "this", "it", "everything"}


def to_you(span: str, names: tuple[str, ...]) -> str:
    """The span with the recipient as "you": their name and pronouns swapped word for word ("was" after them
    becomes "were"). Other words are the note's own."""
    for name in sorted((n for n in names if n), key=len, reverse=True):
        span = re.sub(rf"\b{re.escape(name)}['’]s\b", "your", span)
        span = re.sub(rf"\b{re.escape(name)}\b", "she", span)
    toks = span.split(" ")
    out: list[str] = []
    subject = False  # the last "you" was a subject (from she/he): its verb agrees
    for i, tok in enumerate(toks):
        low = tok.lower().strip(",.;:!?")
        tail = tok[len(tok.rstrip(",.;:!?")):]
        if subject and low not in _ADVERBS and low not in _PRESENT_S and low not in BE_AFTER_YOU:
            subject = False
        if low == "her":
            nxt = toks[i + 1].lower().strip(",.;:!?") if i + 1 < len(toks) and not tail else ""
            out.append(("you" if nxt in _AFTER_HER_OBJECT else "your") + tail)
        elif low in _PRONOUN:
            out.append(_PRONOUN[low] + tail)
            subject = low in ("she", "he")
        elif low in BE_AFTER_YOU and out and (out[-1].lower() == "you" or out[-1] == "and" and "you" in out[:1]):
            out.append(BE_AFTER_YOU[low] + tail)
        elif subject and low in _PRESENT_S:
            out.append(_PRESENT_S[low] + tail)  # "he now runs" -> "you now run": the verb agrees, nothing else
        else:
            out.append(tok)
    return " ".join(out).replace(" i ", " I ").replace("i'm", "I'm")

