"""Questions about who is in the user's network that name a kind of person rather than a workplace.

The `find` cues of `prompts/requests.yaml` read "who do I know at Stripe" and "anyone in healthcare"; these read
the same question asked through what the user holds ("do I have any recruiters saved?", "have I got any
designers?"), where they keep people ("any SREs in here?", "founders in my network?") or a search through the
network ("search my contacts for machine learning", "look through my connections for someone in fintech", "who
do I have in design?"). A kind of person is a word of `people_nouns`, a plural that ends the way people's roles
end and is no thing of `not_people`, or an acronym's plural; so "do I have any options?" asks nothing of the
network.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach.conversation.cues import words


@lru_cache(maxsize=1)
def _people() -> str:
    """A kind of person, as a pattern: a listed word, a role-like plural that is no listed thing, SREs, PMs."""
    things = words("not_people")
    return (rf"(?:{words('people_nouns')}|(?!(?:{things})\b)[a-z][\w-]*(?:er|or|ist|ian|ant|ent|ee)s"
            r"|(?-i:[A-Z]{2,5}s))(?![\w-])")


@lru_cache(maxsize=1)
def _lookup() -> re.Pattern:
    people, places = _people(), words("network_places")
    some = r"(?:[\w-]+\s+){0,3}?"  # "any senior product …", "any good …"
    return re.compile(
        # what the user holds: "do I have any recruiters", "have I got any designers saved", "do we know any SREs"
        rf"\b(?:(?:do|did)\s+(?:i|we)\s+(?:have|know|got)|have\s+(?:i|we)\s+got)\s+(?:any|some)\s+{some}{people}"
        # where the user keeps them: "any SREs in here?", "founders in my network?", "recruiters saved?"
        rf"|(?:^\W*|\bany\s+){some}{people}\s+(?:{places})\b"
        # a search through the network: "search my contacts for …", "look through my connections", "I search people"
        rf"|\b(?:{words('search_verbs')})\s+(?:for\s+|in\s+|on\s+|across\s+)?(?:(?:my|the|all|all my)\s+)?"
        rf"(?:{words('network_words')})\b"
        # "who do I have in design?", "who I have?", "who've we got" (and not "who do I have to call", which asks
        # who is due)
        r"|\bwho(?:\s+else)?(?:'ve|\s+have|\s+do)?\s+(?:i|we)\s+(?:have|got)\b(?!\s+to\b)"
        # the kind of person is the whole question: "any florists?", "any good PMs out there?"
        rf"|^\W*(?:(?:got|have\s+(?:i|we)\s+got)\s+)?any\s+{some}{people}(?:\s+[\w-]+){{0,2}}\s*[?!.]*\s*$",
        re.IGNORECASE)


def asks_who(text: str) -> bool:
    """The words ask who in the user's network is a kind of person, or to search the network."""
    return bool(_lookup().search(text))

