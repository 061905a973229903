"""A second look at a rule reading that is weak: what the learned intent model (`coach.conversation.intents`)
reads where the rules read nothing, or only a catch-all.

The rules stay in charge of what they read from structure: a draft to a named person for a goal, a revision
of the draft on the table, a note whose words they found, a check, how to use the app. Where they read no
request at all ("general"), the model's intent is taken when it is likely enough; where they read a catch-all
(advice, a search, a card, who is due) and the model is sure of another of those and gives the rules' own
almost no chance, the model's is taken. The person is still the one the words name, exactly (or the person of
the previous turn, for 'him', 'her'); a name that matches nobody or several is asked back, as everywhere.
"""

from __future__ import annotations

import re

from coach.conversation.asking import PRONOUN, detect_goal
from coach.conversation.intents import goal_model, intent_model
from coach.conversation.people import about_last, company_named, person
from coach.conversation.reading import Reading, unknown_name
from coach.conversation.records import note_date, note_text
from coach.conversation.revision import change_guess, revision
from coach.core.domain import Contact
from coach.crm.resolve import Who
from coach.retrieval.learned import Guess

TAKEN = 0.5  # how likely the model's intent must be where the rules read no request
TAKEN_NAMED = 0.4
SURE = 0.85  # … and where the rules read a catch-all, with the rules' own below
DOUBTED = 0.05
GOAL_TAKEN = 0.5  # how likely the learned goal must be, for a message that names none
CATCH_ALL = ("advise", "find", "show", "due")
# what each may become on a second look (a catch-all never becomes a draft: that needs the rules' person and goal)
BECOMES = {"general": ("advise", "find", "show", "note", "due", "revise"),
           "advise": ("find", "show", "note", "due"), "find": ("advise", "due", "note"),
           "show": ("advise", "note", "due"), "due": ("advise", "find"),
           # "a message, but to whom?": a request the rules took for a message to nobody named
           "clarify": ("due", "find", "advise")}
MODEL = " (read by the intent model)"
# How sure the change reader must be that a reply asks for no change before the intent model's 'revise' is dropped.
NO_CHANGE = 0.5
WHY = {"advise": "a situation to handle", "find": "asked who they know", "due": "who is due for a check-in",
       "show": "what you have on someone", "note": "a note on someone", "revise": "revising the last draft"}


def learned_goal(text: str, guess: Guess | None = None) -> str | None:
    """The purpose of a message asked for that names none, as the learned goal reader reads it when it is likely
    enough ('she just passed her qualifying exam, write her something': congratulations); None otherwise."""
    guess = guess or goal_model().guess(text)
    return guess.label if guess.probability >= GOAL_TAKEN else None


def second_look(reading: Reading, text: str, contacts: list[Contact], has_draft: bool,
                last_contact: Contact | None, guess: Guess | None = None) -> Reading:
    """`reading`, or the learned model's where the rules' is weak and the model's is sure (see the module)."""
    if reading.intent not in BECOMES or (reading.intent == "clarify" and (reading.unknown_name or reading.choices
                                                                          or reading.contact is not None)):
        return reading
    guess = guess or intent_model().guess(text)
    if guess.label not in BECOMES[reading.intent]:
        return reading
    named = person(text, contacts)  # read once: who the words name decides both how sure and whom it is about
    if reading.intent == "general":  # the rules read no request: the model's likeliest, when likely enough
        # (a card or a note on someone the words name exactly takes less: "shoe me Ines")
        exact = guess.label in ("show", "note") and named.contact is not None
        sure = guess.probability >= (TAKEN_NAMED if exact else TAKEN)
    else:
        sure = guess.probability >= SURE and guess.chance(reading.intent) < DOUBTED
    if not sure:
        return reading
    other = _read_as(guess.label, text, named, contacts, has_draft, last_contact)
    return other if other is not None else reading


def _read_as(intent: str, text: str, named: Who, contacts: list[Contact], has_draft: bool,
             last_contact: Contact | None) -> Reading | None:
    """The reading of `text` as asking for `intent`, its person (`named`) read as the rules read people; None
    where that intent cannot be carried out from these words (a note on nobody, a revision with no draft)."""
    why = WHY[intent] + MODEL
    if intent == "due":
        return Reading(intent="due", why=why)
    if intent == "find":
        return Reading(intent="find", topic=company_named(text, contacts), why=why)
    if intent == "revise":  # the draft on the table, when the words name nobody else ('too formal for Sam too')
        fits = has_draft and about_last(named, last_contact)
        change = change_guess(text)
        if change.label == "none" and change.probability >= NO_CHANGE:
            return None  # "merci, it is perfect like this": a reply that asks the draft to change in no way
        return revision(text, None).model_copy(update={"why": why}) if fits else None
    contact, pronoun = named.contact, False
    said, near = (named.unmatched, named.near) if named.unmatched else (
        ("", []) if contact is not None or named.choices else unknown_name(text, contacts, named.mention))
    if intent == "advise":
        return Reading(intent="advise", contact=contact, choices=named.choices, contact_query=named.mention,
                       goal=detect_goal(text), why=why)
    if said:
        return Reading(intent="clarify", unknown_name=said, choices=near, contact_query=said, confidence=0.3,
                       why=f"{intent}: no contact is called {said}")
    if named.choices:
        return Reading(intent="clarify", choices=named.choices, contact_query=named.mention, confidence=0.4,
                       why=f"{intent}: several contacts are called {named.mention}")
    if contact is None and last_contact is not None and PRONOUN.search(text):
        contact, pronoun = last_contact, True
    if contact is None:
        return None
    if intent == "show":
        return Reading(intent="show", contact=contact, contact_query=named.mention, pronoun=pronoun, why=why)
    kept = note_text(text, has_draft) or _after_marker(text)
    return Reading(intent="note", contact=contact, contact_query=named.mention, note=kept, pronoun=pronoun,
                   date=note_date(text), why=why) if kept else None


def _after_marker(text: str) -> str:
    """What a note asks to keep where the rules' note words did not find it: the words after a colon, a dash or
    'that' ('pop this on her record: she is back in May', 'save this — Wei graduates next year'); '' where none
    is said."""
    m = re.search(r"(?::|\s[—–-])\s*(\S.*)$|\bthat\s+(\S.*)$", text, re.DOTALL)
    return (m.group(1) or m.group(2)).strip() if m else ""

