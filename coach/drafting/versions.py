"""Versions of a draft: what a regenerate ("another one") must change for the user to see another draft.

A version is visibly another when it says other things, not the same things with one phrase cut: at least two
of its sentences (or all of them, when it has fewer) are sentences no earlier version said, or it says the same
sentences in another order. The greeting and sign-off (lines that end in a comma or say no sentence) are the
frame every version shares and are not counted.
"""

from __future__ import annotations

import re

from coach.core.text import fold

VISIBLE = 2  # new sentences that make another version visibly another


def said(body: str) -> list[str]:
    """The sentences of a body that say something, folded: no greeting, no sign-off, no signature (a note's
    greeting stays with its first sentence, the same in every version)."""
    out = []
    for line in fold(body).splitlines():  # bodies may come folded (lower case): split at any sentence end
        for s in re.split(r"(?<=[.!?])\s+", line.strip()):
            flat = " ".join(s.split())
            if flat and not flat.endswith(",") and re.search(r"[.!?]$", flat):
                out.append(flat)
    return out


def new_sentences(body: str, shown: list[str]) -> int:
    """How many sentences of `body` no earlier version (`shown`, their bodies) said."""
    before = {s for other in shown for s in said(other)}
    return sum(1 for s in said(body) if s not in before)


def visibly_different(body: str, shown: list[str]) -> bool:
    """Whether `body` is visibly another version than each of `shown`: two or more sentences of its own (all of
    them, when it has fewer), or the same sentences in another order."""
    mine = said(body)
    if not shown:
        return True
    for other in shown:
        theirs = said(other)
        fresh = sum(1 for s in mine if s not in set(theirs))
        reordered = sorted(mine) == sorted(theirs) and mine != theirs
        if fresh < min(VISIBLE, len(mine)) and not reordered:
            return False
    return bool(mine)
