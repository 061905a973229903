"""Short forms: the same words written shorter in the notes or in the message.

People abbreviate what they know: a note writes "Facilities Mgr" where a message says "Facilities Manager", and
a message says "fellow MechEng" where the profile says "Mechanical engineer". A claim is grounded by such a short
form only with evidence beside it: a compound's every part starts a word of the facts, in a row ("Mech|Eng":
"mechanical engineer"), or a name's other words stand as written beside the abbreviation ("Facilities" before
"Mgr"). A lone word that merely starts like one the notes use ("Mar" for "Marcus") grounds nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach.config.prompts import load_data
from coach.core.text import fold, words

# The parts of a compound written in camel case: "MechEng" -> Mech, Eng; "DevRel" -> Dev, Rel.
_CAMEL = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-ÿ]+")


def camel_parts(word: str) -> list[str]:
    """The parts of a camel-case compound ("MechEng": ["mech", "eng"]), or [] when `word` is none."""
    bare = re.sub(r"['’]s$", "", word)
    parts = _CAMEL.findall(bare)
    if len(parts) < 2 or "".join(parts) != bare or any(len(p) < 3 for p in parts):
        return []
    return [fold(p) for p in parts]


def compound_of(word: str, facts: str) -> bool:
    """Whether a camel-case compound shortens words the facts write in a row, each part starting its word
    ("MechEng" for "mechanical engineer", "DevRel" for "developer relations")."""
    parts = camel_parts(word)
    if not parts:
        return False
    pattern = r"(?<![a-z0-9])" + r"[a-z]*[\s/&-]+".join(re.escape(p) for p in parts) + r"[a-z]*(?![a-z0-9])"
    return re.search(pattern, facts) is not None


def abbreviates(short: str, long: str) -> bool:
    """Whether `short` is an abbreviation of `long` (both folded): the word's start ("eng" of "engineering",
    "assoc" of "associate"), or its first and last letters with some between, in order ("mgr" of "manager",
    "dept" of "department", "sr" of "senior"); "mgr" is no short form of "margaret"."""
    if not (2 <= len(short) < len(long)) or short[0] != long[0] or not short.isalpha():
        return False
    if long.startswith(short):
        return True
    if short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(ch in rest for ch in short)


@lru_cache(maxsize=256)
def _tokens(facts: str) -> tuple[str, ...]:
    return tuple(words(facts))


def written_shorter(phrase: str, facts: str) -> bool:
    """Whether a name of several words stands in the facts with some of its words abbreviated and the others as
    written, in the same order ("Facilities Manager" for "Facilities Mgr", "Senior Product Manager" for "Sr
    Product Mgr"): at least one word as written, each other word abbreviated."""
    wanted = words(phrase)
    if len(wanted) < 2:
        return False
    tokens = _tokens(facts)
    for i in range(len(tokens) - len(wanted) + 1):
        window = tokens[i:i + len(wanted)]
        if window[0][:1] != wanted[0][:1]:
            continue
        same = [t == w for t, w in zip(window, wanted, strict=True)]
        if any(same) and not all(same) and all(s or abbreviates(t, w) for s, t, w in zip(same, window, wanted,
                                                                                           strict=True)):
            return True
    return False


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for names in load_data("place_names")["places"]:
        for name in names:
            table[fold(name)] = tuple(n for n in names if fold(n) != fold(name))
    return table


def other_names(place: str) -> tuple[str, ...]:
    """The names the same place goes by in another language ('Warsaw': 'Warszawa'; `prompts/place_names.yaml`),
    () for a place the table does not hold."""
    return _places().get(fold(place), ())
