"""What a message takes from the turn before it: the request itself, for someone else ("do the same for Sofia",
"now one for Wei too"), and the person ("write to her", "should I even send this?" after a draft to her).

The previous request is typed (`DraftRequest`, from the chat's state); nothing is re-read from the words of the
turn before. Its goal and channel carry over to the person now named, unless the new words say their own.
"""

from __future__ import annotations

import re

from coach.conversation.asking import DRAFT, asks_to_write
from coach.conversation.cues import cue_pattern, word_pattern
from coach.conversation.reading import Reading
from coach.core.domain import Contact
from coach.core.messages import DraftRequest
from coach.crm.resolve import Who


def carried_over(text: str, named: Who, unknown: tuple[str, list[Contact]], previous: DraftRequest | None,
                 goal: str | None, channel: str | None) -> Reading | None:
    """The previous request again, for the person now named (by name, description, or a name asked back); None
    when the words do not ask for it again or name nobody new."""
    if previous is None or not cue_pattern("carry_over").search(text):
        return None
    contact, mention = named.contact, named.mention
    said, near = unknown
    if contact is not None and contact.id == previous.contact_id and not said:
        return None
    carried = {"goal": goal or previous.goal, "channel": channel or previous.channel, "carried": True}
    if said:
        return Reading(intent="clarify", unknown_name=said, choices=near, contact_query=said, confidence=0.3,
                       why=f"no contact is called {said}", **carried)
    if contact is not None:
        return Reading(intent="draft", contact=contact, contact_query=mention,
                       why=f"the same request for {contact.name}", **carried)
    if named.choices:
        return Reading(intent="clarify", choices=named.choices, contact_query=mention, confidence=0.4,
                       why=f"several contacts are called {mention}", **carried)
    return None


def refers_back(text: str, has_draft: bool) -> bool:
    """The words point at the person of the previous turn: 'him', 'her', 'them'; after a draft, also 'it',
    'this', 'the draft' (the message to that person)."""
    return bool(word_pattern("pronouns").search(text) or (has_draft and word_pattern("draft_refs").search(text)))


# Words that ask for what was just done, for someone else, and nothing more: "now do the same for Sofia",
# "now the other Marcus", "and Wei?", "what about Ana".
_AGAIN = re.compile(r"\b(?:same|now|too|also|as well|ditto|likewise|other|second|what about|how about|and)\b", re.IGNORECASE)


def shows_again(text: str) -> bool:
    """The message asks for the previous turn's action again and for nothing else (no message to write)."""
    return bool(_AGAIN.search(text)) and not asks_to_write(text) and not DRAFT.search(text)
