"""A chat message read as a request about the user's own records: keep a note on someone, who is due for a
check-in, show someone's card. The words are `coach.conversation.records`'s patterns; this reads them against
the person named (or the person of the previous turn) and asks back a name that fits several or nobody."""

from __future__ import annotations

from coach.conversation.asking import (
    ADVICE_ASKS,
    FIND,
    PRONOUN,
    asks_for_advice,
    asks_to_write,
    detect_channel,
    detect_goal,
)
from coach.conversation.reading import Reading
from coach.conversation.records import asks_about, asks_due, asks_show, asks_timeline, note_date, note_text
from coach.conversation.revision import asks_again
from coach.core.domain import Contact
from coach.crm.resolve import Who


def records(text: str, lead: str, named: Who, last_contact: Contact | None, has_draft: bool,
            unknown: tuple[str, list[Contact]], company: str = "") -> Reading | None:
    """A request about the user's own records: keep a note on someone, who is due, show someone's card; None
    when the words ask for none of these. A note or a card for a name several people share, or one nobody has,
    is asked back; a note that names nobody after a draft is about the person drafted to. `company`: a workplace
    the words name, which makes 'anyone at Globex I could talk to?' a search there, not who is due."""
    contact, choices, mention = named.contact, named.choices, named.mention
    pronoun = False
    kept = note_text(text, has_draft) or note_text(lead, has_draft)
    if contact is None and not choices and last_contact is not None and (PRONOUN.search(text) or
                                                                         (kept and has_draft)):
        contact, pronoun = last_contact, True
    said, near = unknown
    if kept and said and said in kept and (contact is not None or pronoun):
        said = ""  # "add that he just got promoted to Group PM": a name inside what is kept is what it says
    if kept:
        if said:
            return Reading(intent="clarify", unknown_name=said, choices=near, contact_query=said, note=kept,
                           confidence=0.3, why=f"note: no contact is called {said}")
        if contact is not None:
            return Reading(intent="note", contact=contact, contact_query=mention, note=kept, pronoun=pronoun,
                           date=note_date(text), why=f"a note on {contact.name}")
        if choices:
            return Reading(intent="clarify", choices=choices, contact_query=mention, note=kept, confidence=0.4,
                           why=f"note: several contacts are called {mention}")
        return Reading(intent="clarify", note=kept, confidence=0.3, why="note: about whom?")
    if asks_to_write(text):
        return None
    if contact is None and not choices and not company and asks_due(text):
        return Reading(intent="due", why="who is due for a check-in")
    # a question about one person that asks for no message, goal, channel, advice or search is about their card
    # ("what's the latest with Priya?", "remind me who Sam Ortiz is")
    about = asks_about(lead) and detect_goal(lead) is None and detect_channel(lead) is None and not (
        asks_for_advice(text) or FIND.search(lead))
    if ((asks_show(lead) and detect_goal(lead) is None) or asks_timeline(lead) or about) and \
            not ADVICE_ASKS.search(text) and not (has_draft and asks_again(text)):
        # "give me a completely different take" after a draft asks for another version, not for their card
        if said:
            return Reading(intent="clarify", unknown_name=said, choices=near, contact_query=said, confidence=0.3,
                           why=f"show: no contact is called {said}")
        if contact is not None:
            return Reading(intent="show", contact=contact, contact_query=mention, pronoun=pronoun,
                           why=f"what you have on {contact.name}")
        if choices:
            return Reading(intent="clarify", choices=choices, contact_query=mention, confidence=0.4,
                           why=f"show: several contacts are called {mention}")
    return None
