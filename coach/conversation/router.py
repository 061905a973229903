"""Routing a chat turn without the model's tool calling (a 135M model cannot do it).

Intent, contact, goal and channel are read from the words, against the user's
own contact list. Each rule is a small, testable pattern (`coach.conversation.asking` for what a message asks,
`coach.conversation.people` for whom, `coach.conversation.record_requests` for the user's own records); a turn
that matches nothing is a general question answered from the guidance.
"""

from __future__ import annotations

import re

from coach.conversation.asking import (  # noqa: F401  (the chat and tests import these from here)
    ADVISE,
    CHECK,
    DRAFT,
    EVERYONE,
    FIND,
    FIND_FIRST,
    INDIRECT,
    KNOW,
    POLITE,
    PRONOUN,
    QUESTION,
    answered,
    asks_for_advice,
    asks_question,
    asks_to_write,
    detect_channel,
    detect_goal,
    request_span,
)
from coach.conversation.carry import carried_over, refers_back, shows_again
from coach.conversation.context import draft_context, pasted, quoted_message, replies_to_email
from coach.conversation.cues import clean
from coach.conversation.howto import help_topic
from coach.conversation.lookups import asks_who
from coach.conversation.people import (
    about_last,
    company_named,
    contacts_named,
    contradicted,
    other_namesake,
    person,
    protected,
    says_whom,
    workplace_words,
    written_to,
)
from coach.conversation.reading import (
    ASK_BACK,
    Reading,
    how_known,
    intro_target,
    leftover,
    topic,
    unknown_name,
    without_closing,
)
from coach.conversation.record_requests import records
from coach.conversation.revision import asks_revision, follows_up, revision
from coach.conversation.second_look import learned_goal, second_look
from coach.conversation.topics import thanked_for
from coach.core.domain import Contact
from coach.core.messages import DraftRequest
from coach.core.text import fold
from coach.crm.resolve import Who, qualifiers

Route = Reading  # the name the chat's handlers were written against
OF_THE_COACH = re.compile(r"\b(?:can|do|does|will|would|could|are)\s+(?:you|u)\b", re.IGNORECASE)


def _several(text: str, people: list[Contact]) -> list[Contact]:
    """The people of a message that asks for more than one thing ('a note to Priya and an email to Marcus');
    an introduction names two people and asks one thing."""
    if len(people) < 2 or not re.search(r"\b(?:and|also|then)\b[^.?!]*\b(?:to|for|with)\b", text, re.IGNORECASE):
        return []
    tail = re.split(r"\b(?:and|also|then)\b", text, maxsplit=1, flags=re.IGNORECASE)[1]
    return people if DRAFT.search(tail) or detect_channel(tail) else []


def route(text: str, contacts: list[Contact], has_draft: bool, last_contact: Contact | None = None,
          previous: DraftRequest | None = None, last_intent: str = "") -> Reading:
    """The typed reading of one chat message against the user's own contacts (`last_contact`: the person the
    previous turn was about, for 'him', 'her', 'them'; `previous`: the last draft's request, which 'do the same
    for Sofia' asks again; `last_intent`: what the previous turn did, so that after a contact was shown 'now
    Sofia' shows Sofia). Of several requests in one message, the first is read."""
    text = text.strip()
    first_line = text.splitlines()[0] if text else ""
    checked = quoted_message(text) if CHECK.search(first_line) else ""
    if checked and not re.search(r"[\"“]", text) and asks_question(checked):
        checked = ""  # "quick sanity check before I action this: is it appropriate to …?": a question, not a message
    if checked:  # the message to check is kept exactly as written
        return Reading(intent="check", message=checked, channel=detect_channel(first_line),
                       why="asked to check a message")
    shared = pasted(text)
    if shared is not None:
        # a forwarded email or a shared post with the request under it: the request is read alone, and 'her' in
        # it is whoever wrote what was pasted, when that is exactly one contact's name
        authors = [c for c in contacts if shared.author and fold(c.name) == fold(shared.author)]
        reading = route(shared.own, contacts, has_draft, authors[0] if len(authors) == 1 else last_contact, previous,
                        last_intent)
        if reading.intent == "note" and reading.note:  # what was pasted is what the note keeps
            return reading.model_copy(update={"note": f"{reading.note}: {shared.body}"})
        if len(authors) == 1 and reading.intent == "clarify" and reading.goal and reading.contact is None and not (
                reading.choices or reading.unknown_name):
            # "can you draft my follow-up to this?": a message to whoever wrote what was pasted
            reading = reading.model_copy(update={"intent": "draft", "contact": authors[0], "contact_id": authors[0].id,
                                                 "contact_query": authors[0].name, "confidence": 0.6,
                                                 "why": f"a message to {authors[0].name}, who wrote what you pasted"})
        if reading.intent == "draft" and reading.goal == "follow-up" and not reading.topic:
            reading = reading.model_copy(update={"topic": topic(shared.body)})  # what the pasted email was about
        return reading
    text = clean(unquoted(text), protected(contacts), workplace_words(contacts))
    start, end = request_span(text, contacts, has_draft)
    later = text[end:].strip(" \t\n,;:-—–")
    # "is it weird to …? if not, write Daniel …": the question is answered by the request after it, read alone
    after_question = answered(text, start)
    whole = text[start if after_question else 0:end].strip()
    if after_question and (asked_about := person(text[:start], contacts).contact) is not None:
        last_contact = asked_about  # "is it odd to ask Tomas …? if not, write him …": him is Tomas
    reading = _read(whole, text[start:end].strip(), contacts, has_draft, last_contact, previous, last_intent)
    reading = second_look(reading, whole, contacts, has_draft, last_contact)
    if after_question and reading.intent == "draft" and re.search(r"\b(?:for|ask(?:ing)? for)\s+one\b", whole, re.IGNORECASE) \
            and (asked_goal := detect_goal(text[:start])):
        reading = reading.model_copy(update={"goal": asked_goal})  # "… for a referral …? if not, ask for one"
    return reading.model_copy(update={"later": later}) if later else reading


# A checklist's box before an item ("[ ] email priya re referral", "- [x] note: …", "☐ …"): the item is the request.
_BOX = re.compile(r"^[ \t]*(?:[-*•][ \t]*)?(?:\[[ xX✓✔]?\]|[☐☑☒✅✔✓])[ \t]*", re.MULTILINE)
# A line quoting the turn before ("> Would you be open to a call?"): what the user answers, not what they ask.
_QUOTED = re.compile(r"^[ \t]*>.*$\n?", re.MULTILINE)


# A message to the person of the previous turn about someone named ("write her a note offering to introduce her to
# Priya", "email him about meeting Ana").
_TO_THEM_ABOUT_ANOTHER = re.compile(r"\b(?:write|message|email|draft|send|ping|dm|text)\s+(?:him|her|them)\b[^.?!]*"
                                    r"\bintroduc\w*\s+(?:him|her|them)\s+to\s+[A-Z]", re.IGNORECASE)


# A message like an earlier one, for someone else: "do one like the one you did for Priya but for Daniel".
_LIKE_THAT_ONE = re.compile(r"\b(?:like|same as|as)\s+the\s+one\s+(?:you\s+)?(?:did|wrote|made|drafted|sent|just did)\s+"
                            r"(?:for|to)\s+[^,.;:!?—–]{1,40}?,?\s+but\s+(?:for|to)\s+(?P<rest>.+)", re.IGNORECASE)


# A change of mind mid-message: what follows it replaces what came before.
_CHANGED_MIND = re.compile(r"\b(?:no,?\s+actually|actually,?\s+(?:no|make it)|wait,?\s+no|no,?\s+wait|or rather|scratch that|"
                           r"on second thought)\b", re.IGNORECASE)


# A correction of the goal just drafted for, and nothing more: "not a referral, just a catch-up", "no, more of a
# thank-you", "it should be a follow-up, not a reconnect".
_NOT_THAT = re.compile(r"^\W*(?:no|nope|nah|wait|sorry|oops)?[\s,.!]*(?:it'?s\s+|it was\s+|that'?s\s+)?not\s+"
                       r"(?:an?\s+)?(?P<old>[^,.;:!?—–]{1,30}?)\s*[,.;:!?—–-]+\s*(?P<new>[^.?!]{1,60})[.!]*$",
                       re.IGNORECASE)
_SHOULD_BE = re.compile(r"^\W*(?:no|nope|wait|sorry)?[\s,.!]*(?:it|this|that)\s+(?:should|was meant to)\s+be\s+"
                        r"(?:an?\s+)?(?P<new>[^,.;]{1,30}?)\s*,?\s*not\s+(?:an?\s+)?(?P<old>[^.?!]{1,30})[.!]*$",
                        re.IGNORECASE)


def goal_corrected(text: str, previous_goal: str) -> str | None:
    """The goal the user meant, when the words only correct the goal of the message just drafted ('not a
    referral, just a catch-up'); None otherwise."""
    m = _NOT_THAT.match(text.strip()) or _SHOULD_BE.match(text.strip())
    if m is None:
        return None
    new = detect_goal(m.group("new"))
    return new if new and new != previous_goal else None


def unquoted(text: str) -> str:
    """The words the user wrote for this turn: checklist boxes off, and the lines quoting the previous turn left
    out where the user wrote anything under them."""
    text = _BOX.sub("", text)
    own = _QUOTED.sub("", text).strip()
    return own or text


def _read(text: str, lead: str, contacts: list[Contact], has_draft: bool, last_contact: Contact | None,
          previous: DraftRequest | None, last_intent: str = "") -> Reading:
    """The reading of a message's first request (`text`, from its start; `lead`, without the preamble)."""
    named = written_to(other_namesake(person(text, contacts), text, last_contact, contacts), text)
    if (changed := _CHANGED_MIND.search(text)) is not None and (named.contact is not None or named.choices):
        # "write to Ana, actually no, make it Priya": the person named after the change of mind
        after = person(text[changed.end():], contacts)
        if after.contact is not None and (named.contact is None or after.contact.id != named.contact.id):
            named = after
    if (instead := _LIKE_THAT_ONE.search(text)) is not None:
        # "do one like the one you did for Priya but for Daniel": Daniel; Priya only says which message to copy
        after = person(instead.group("rest"), contacts)
        if after.contact is not None or after.choices:
            named = after
    if last_contact is not None and _TO_THEM_ABOUT_ANOTHER.search(text):
        # "write them a message offering to introduce them to Priya": them, the person just spoken of; Priya is
        # whom they would meet
        named = Who(contact=last_contact, mention=last_contact.name)
    contact, mention = named.contact, named.mention
    full_name = contact is not None and " " in mention.strip() and bool(  # a name, not a description ("the PM")
        set(fold(mention).split()) & set(fold(contact.name).split()))
    unknown = (named.unmatched, named.near) if named.unmatched else ("", []) if full_name or named.choices or (
        contact is None and mention) else unknown_name(text, contacts, mention)
    unknown = unknown if unknown[0] else contradicted(text, named, contacts)
    company = company_named(text, contacts)
    kept = records(text, lead, named, last_contact, has_draft, unknown, company_named(lead or text, contacts))
    if kept is not None:
        return kept
    if last_intent == "show" and named.contact is not None and (last_contact is None or named.contact.id !=
                                                               last_contact.id) and shows_again(text):
        # after a contact was shown, "now do the same for Sofia", "now the other Marcus": show that one
        return Reading(intent="show", contact=named.contact, contact_query=named.mention,
                       why=f"the same as before, for {named.contact.name}")
    wanted = help_topic(lead or text)
    if wanted and not ((contact is not None or named.choices) and asks_to_write(text)):
        return Reading(intent="help", help=wanted, why=f"how to use the app: {wanted}")
    if EVERYONE.search(lead or text) and contact is None and not named.choices and not asks_to_write(text):
        return Reading(intent="find", listing=True, topic=company, why="asked for everyone" + (
            f" at {company}" if company else ""))
    writes_to = (contact is not None or bool(named.choices)) and asks_to_write(lead or text)
    # "ask her if she could introduce me to someone who works in …": a message to a named person, not a search
    if (asks_who(lead or text) and not asks_to_write(lead or text)) or (FIND.search(lead or text) and not writes_to
                                                                        and not (
            (QUESTION.search(text) or ADVISE.search(text)) and not KNOW.search(text) and not FIND_FIRST.search(text))):
        return Reading(intent="find", topic=company, why="asked who they know")
    goal = detect_goal(POLITE.sub(" ", without_closing(lead))) or detect_goal(POLITE.sub(" ", without_closing(text)))
    channel = detect_channel(text) or ("email" if replies_to_email(text) else None)
    if (changed := _CHANGED_MIND.search(text)) is not None:
        # "an email to Sofia, no actually make it a LinkedIn message": what is said after the change of mind wins
        after = text[changed.end():]
        channel = detect_channel(after) or channel
        goal = detect_goal(POLITE.sub(" ", after)) or goal
    if has_draft and asks_revision(text) and about_last(named, last_contact) and not unknown[0] and not (
            asks_to_write(text) or (QUESTION.search(text) and asks_for_advice(text))):
        # a style step asked of the draft on the table wins over the context said beside it ("too stiff, he was
        # my manager for years, …"): that context names nobody new and asks for no new message, and a situation's
        # word inside it ("add a line on how her advice helped") asks nothing; a question about what to do does
        return revision(text, channel)
    if previous is not None and last_contact is not None and contact is None and not named.choices and not unknown[0]:
        corrected = goal_corrected(text, previous.goal)
        if corrected:  # "not a referral, just a catch-up": the same message with the goal the user meant
            return Reading(intent="draft", contact=last_contact, contact_query=last_contact.name, goal=corrected,
                           channel=channel or previous.channel, carried=True, pronoun=True,
                           why=f"the last message to {last_contact.name}, as a {corrected}")
    again = None if asks_for_advice(text) else carried_over(text, named, unknown, previous, goal, channel)
    if again is not None:
        return again
    same = contact is not None and last_contact is not None and contact.id == last_contact.id and goal is None
    if has_draft and (same or (contact is None and not named.choices)) and follows_up(text, channel, goal):
        return revision(text, channel)
    wants_draft = bool(DRAFT.search(text) or goal)
    unknown, near = unknown
    if unknown and (wants_draft or asks_for_advice(text)):
        return Reading(intent="clarify", unknown_name=unknown, choices=near, contact_query=unknown, goal=goal or
                       "reconnect", channel=channel or "linkedin-message", topic=topic(text),
                       context=draft_context(text, unknown), confidence=0.3,
                       why=f"no contact is called {unknown}")
    pronoun = False
    if contact is None and not named.choices and last_contact is not None and (
            PRONOUN.search(text) or (asks_for_advice(text) and refers_back(text, has_draft))):
        contact, pronoun = last_contact, True
    if (contact is not None or mention or goal) and asks_for_advice(text):
        # "I asked Aisha Bello for a referral… do I nudge her?": advice (which drafts to her), not a referral draft
        return Reading(intent="advise", contact=contact, choices=named.choices, contact_query=mention, goal=goal,
                       pronoun=pronoun, why="a situation to handle")
    about = topic(text) or (intro_target(text) if goal == "introduction" else thanked_for(text)
                            if goal == "thank-you" else "")
    context = draft_context(text, mention) or about
    people = contacts_named(text, contacts) if contact is not None and not pronoun else []
    if len(people) > 1 and goal == "introduction" and not says_whom(text):
        # "ask Priya to introduce me to Elena": Priya, the first named (unless "the email to …" says whom)
        contact, mention = people[0], people[0].name
    if contact is not None and wants_draft:
        both = [] if goal == "introduction" else _several(text, people)
        if both:  # "a note to Priya and an email to Marcus": the first, as asked
            text = re.split(r"\b(?:and|also|then)\b", text, maxsplit=1, flags=re.IGNORECASE)[0]
            contact, mention = both[0], both[0].name
            goal, channel = detect_goal(text) or goal, detect_channel(text)
            about = topic(text) or about
            context = draft_context(text, mention) or about
        goal = goal or learned_goal(text)  # "she passed her exam, write her something": a congratulation
        rest = leftover(text, [contact.name, mention, about, context, how_known(text), *qualifiers(contact)])
        # Words nothing accounts for are asked back only when they leave the goal unclear; with the goal said,
        # they are left out of the message (never pasted into it) and the draft goes ahead.
        unclear = 0.6 if goal is None else 0.2
        confidence = 1.0 - (0.15 if goal is None else 0) - (0.1 if channel is None else 0) - (unclear if rest else 0)
        reading = Reading(intent="draft", contact=contact, contact_query=mention, goal=goal or "reconnect",
                          channel=channel or "linkedin-message", topic=about, context=context, pronoun=pronoun,
                          leftover=rest, confidence=max(confidence, 0.0), why=f"a message to {contact.name}")
        if reading.confidence < ASK_BACK:
            return reading.model_copy(update={"intent": "clarify", "why": "words I could not place"})
        return reading
    if named.choices and wants_draft:
        return Reading(intent="clarify", choices=named.choices, contact_query=mention, goal=goal or "reconnect",
                       channel=channel or "linkedin-message", topic=about, context=context,
                       why=f"several contacts are called {mention}")
    if ADVISE.search(text) or INDIRECT.search(text) or (QUESTION.search(text) and not OF_THE_COACH.search(text)):
        # "I'm wondering how people keep it up": asked as a statement; "am I doing something wrong?": of themselves
        # (a question of what the coach does, "do you send them yourself?", is about the app)
        return Reading(intent="advise", goal=goal, why="a situation to handle")
    if DRAFT.search(text) and goal and not contact:
        return Reading(intent="clarify", goal=goal, channel=channel or "linkedin-message", topic=about,
                       context=context, confidence=0.4, why="a message, but to whom?")
    return Reading(intent="general", why="a general question")
