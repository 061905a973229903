"""Routing a chat turn without the model's tool calling (a 135M model cannot do it).

Intent, contact, goal and channel are read from the words, against the user's
own contact list. Each rule is a small, testable pattern; a turn that matches
nothing is a general question answered from the guidance.
"""

from __future__ import annotations

import re

from coach.conversation.carry import carried_over, refers_back
from coach.conversation.context import draft_context, quoted_message
from coach.conversation.cues import (
    channel_of,
    clauses,
    clean,
    cue_pattern,
    goal_of,
    vocabulary,
    word_pattern,
    words,
)
from coach.conversation.howto import help_topic
from coach.conversation.lookups import asks_who
from coach.conversation.reading import (
    ASK_BACK,
    Reading,
    intro_target,
    leftover,
    topic,
    unknown_name,
    without_closing,
)
from coach.conversation.records import asks_due, asks_show, asks_timeline, note_date, note_text
from coach.conversation.revision import follows_up, revision
from coach.core.domain import Contact
from coach.core.messages import DraftRequest
from coach.core.text import fold
from coach.crm.describe import described
from coach.crm.resolve import Who, qualifiers, who

# Politeness that is not a goal: "thanks in advance!" asks for nothing to be thanked.
POLITE = re.compile(r"\b(?:thanks|thank you|thx|ty)\s+(?:so much\s+)?(?:in advance|a lot|a bunch)\b[!.,]*|"
                    r"^\W*(?:thanks|thank you|thx)\s*[!.,]+", re.IGNORECASE)
CHECK = re.compile(rf"\b(?:{words('check_verbs')})\b[^:\n]*\b(?:{words('check_objects')})\b", re.IGNORECASE)
FIND = cue_pattern("find")
EVERYONE = cue_pattern("everyone")
ADVICE_ASKS = cue_pattern("advice_asks")
DRAFT = re.compile(rf"\b(?:{words('message_words')}|{'|'.join(vocabulary()['message_phrases'])})\b", re.IGNORECASE)
ADVISE = cue_pattern("situations")

# A situation asked about ("she never replied, do I nudge her?") rather than a message asked for ("write to her").
QUESTION = cue_pattern("questions")
WRITE = re.compile(rf"^\W*(?:please\s+|can you\s+|could you\s+)?(?:{words('write_verbs')})\b|\b(?:write|draft|compose) "
                   r"(?:me |him |her |them )?(?:a|an|the|something|one)\b|\b(?:help me|can you|could you) (?:write|draft)\b|"
                   rf"\b(?<!do )(?<!should )(?<!who )(?:help me|i(?:'d| would) like to|i want to|i wanna|i need to|let me) (?:to )?"
                   rf"(?:{words('wish_verbs')})\b|"
                   r"\b(?:can|could|would) you (?:\w+ )?(?:write|draft|prepare|compose)\b|"
                   r"\bhelp me (?:say|tell|reach|get back|reconnect|thank|ask|word)\b", re.IGNORECASE)


FIND_FIRST = re.compile(rf"^\W*(?:{words('find_first')})\b", re.IGNORECASE)
# A request that waits on the answer to a question before it ("Should I ping Ana? If so, draft a follow-up").
CONDITIONAL = re.compile(rf"^\W*(?:{words('conditionals')})\b", re.IGNORECASE)


def asks_to_write(text: str) -> bool:
    """A clause of the words asks for a message to be written ('…thinking about it all weekend. Could you write
    Priya an email…')."""
    return any(WRITE.search(text[a:b]) for a, b in clauses(text)) or bool(WRITE.search(text))


def asks_for_advice(text: str) -> bool:
    """The words describe a situation and ask what to do, without asking for a message to be written."""
    return bool((ADVISE.search(text) or QUESTION.search(text)) and not asks_to_write(text))


def protected(contacts: list[Contact]) -> set[str]:
    """Words never read as a typo of a cue: the contacts' names, companies and titles."""
    return {w for c in contacts for x in (c.name, c.company, c.title) for w in re.findall(r"[\w'-]+", x or "")}


def person(text: str, contacts: list[Contact]) -> Who:
    """Who the words name, or failing a name, describe ('my old boss', 'the recruiter at Contoso')."""
    named = who(text, contacts)
    if named.contact is None and not named.choices and not named.unmatched:
        return described(text, contacts)
    return named


def contradicted(text: str, named: Who, contacts: list[Contact]) -> tuple[str, list[Contact]]:
    """A name said with a workplace that is not theirs ('Priya at Datadog' when Priya is at Stripe): asked back
    as a name that matches nobody, with the person it could be."""
    if named.contact is None or not named.mention:
        return "", []
    companies = {fold(c.company) for c in contacts if c.company}
    m = re.search(rf"\b{re.escape(named.mention)}\s+(?:at|from|of|@)\s+(?P<co>[\w&'-]+(?:\s+[\w&'-]+)?)", text,
                  re.IGNORECASE)
    if not m:
        return "", []
    said = [w for w in (fold(m.group("co")), fold(m.group("co").split()[0])) if w in companies]
    if said and said[0] != fold(named.contact.company) and fold(named.contact.company) not in said:
        return f"{named.mention} at {m.group('co').split()[0]}", [named.contact]
    return "", []


def _kind(clause: str, contacts: list[Contact]) -> str:
    """What a clause asks for, when it asks for something on its own: a note, who is due, who they know, a
    message, a card; 'if' for a request that waits on an answer; '' for none."""
    if CONDITIONAL.match(clause):
        return "if"
    if note_text(clause):
        return "note"
    if asks_due(clause):
        return "due"
    if (FIND.search(clause) and FIND_FIRST.search(clause)) or asks_who(clause):
        return "find"
    named = person(clause, contacts)
    if WRITE.search(clause) or (detect_goal(clause) and (DRAFT.search(clause) or named.contact or named.choices)):
        return "draft"
    if asks_show(clause) and (named.contact or named.choices):
        return "show"
    return ""


def request_span(text: str, contacts: list[Contact]) -> tuple[int, int]:
    """Where the first request of the message starts and where it ends: what comes before it is its preamble,
    and a later clause that asks for something else (or a message to someone else) is another request."""
    spans = clauses(text)
    kinds = [_kind(text[a:b], contacts) for a, b in spans]
    lead = next((i for i, k in enumerate(kinds) if k), None)
    if lead is None:
        return 0, len(text)
    if kinds[lead] == "if":
        return 0, spans[lead][0]
    first = person(text[:spans[lead][1]], contacts).contact
    for (a, b), k in zip(spans[lead + 1:], kinds[lead + 1:], strict=True):
        other = person(text[a:b], contacts).contact
        if k and (k != kinds[lead] or (k == "draft" and other is not None and first is not None and other != first)):
            return spans[lead][0], a
    return spans[lead][0], len(text)


Route = Reading  # the name the chat's handlers were written against


def detect_goal(text: str) -> str | None:
    """The goal the words ask for (`coach.conversation.cues.goal_of`)."""
    return goal_of(text)


def detect_channel(text: str) -> str | None:
    """The channel the words name (`coach.conversation.cues.channel_of`)."""
    return channel_of(text)


PRONOUN = word_pattern("pronouns")
KNOW = word_pattern("know")


def records(text: str, lead: str, named: Who, last_contact: Contact | None, has_draft: bool,
            unknown: tuple[str, list[Contact]]) -> Reading | None:
    """A request about the user's own records: keep a note on someone, who is due, show someone's card; None
    when the words ask for none of these. A note or a card for a name several people share, or one nobody has,
    is asked back; a note that names nobody after a draft is about the person drafted to."""
    contact, choices, mention = named.contact, named.choices, named.mention
    pronoun = False
    kept = note_text(text, has_draft) or note_text(lead, has_draft)
    if contact is None and not choices and last_contact is not None and (PRONOUN.search(text) or
                                                                         (kept and has_draft)):
        contact, pronoun = last_contact, True
    said, near = unknown
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
    if contact is None and not choices and asks_due(text):
        return Reading(intent="due", why="who is due for a check-in")
    if ((asks_show(lead) and detect_goal(lead) is None) or asks_timeline(lead)) and not ADVICE_ASKS.search(text):
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


def contacts_named(text: str, contacts: list[Contact]) -> list[Contact]:
    """Everyone named in the words, in the order named (one person per clause split on 'and', 'also', 'then',
    'to', 'with')."""
    out: list[Contact] = []
    for part in re.split(r"\b(?:and|also|then|to|with)\b|[,;.]", text):
        found = who(part, contacts).contact
        if found is not None and found not in out:
            out.append(found)
    return out


def _several(text: str, people: list[Contact]) -> list[Contact]:
    """The people of a message that asks for more than one thing ('a note to Priya and an email to Marcus');
    an introduction names two people and asks one thing."""
    if len(people) < 2 or not re.search(r"\b(?:and|also|then)\b[^.?!]*\b(?:to|for|with)\b", text, re.IGNORECASE):
        return []
    tail = re.split(r"\b(?:and|also|then)\b", text, maxsplit=1, flags=re.IGNORECASE)[1]
    return people if DRAFT.search(tail) or detect_channel(tail) else []


def company_named(text: str, contacts: list[Contact]) -> str:
    """The workplace of a contact the words name ('show everyone at Stripe': 'Stripe'), as the contacts spell it;
    '' for none."""
    said = " " + re.sub(r"[^a-z0-9&]+", " ", fold(text)) + " "
    names = sorted({c.company for c in contacts if c.company}, key=len, reverse=True)
    return next((n for n in names if " " + re.sub(r"[^a-z0-9&]+", " ", fold(n)).strip() + " " in said), "")


def route(text: str, contacts: list[Contact], has_draft: bool, last_contact: Contact | None = None,
          previous: DraftRequest | None = None) -> Reading:
    """The typed reading of one chat message against the user's own contacts (`last_contact`: the person the
    previous turn was about, for 'him', 'her', 'them'; `previous`: the last draft's request, which 'do the same
    for Sofia' asks again). Of several requests in one message, the first is read."""
    text = text.strip()
    first_line = text.splitlines()[0] if text else ""
    if CHECK.search(first_line) and quoted_message(text):  # the message to check is kept exactly as written
        return Reading(intent="check", message=quoted_message(text), channel=detect_channel(first_line),
                       why="asked to check a message")
    text = clean(text, protected(contacts))
    start, end = request_span(text, contacts)
    text, lead = text[:end].strip(), text[start:end].strip()
    named = person(text, contacts)
    contact, mention = named.contact, named.mention
    full_name = contact is not None and " " in mention.strip()
    unknown = (named.unmatched, named.near) if named.unmatched else ("", []) if full_name or named.choices or (
        contact is None and mention) else unknown_name(text, contacts, mention)
    unknown = unknown if unknown[0] else contradicted(text, named, contacts)
    kept = records(text, lead, named, last_contact, has_draft, unknown)
    if kept is not None:
        return kept
    wanted = help_topic(lead or text)
    if wanted and not ((contact is not None or named.choices) and asks_to_write(text)):
        return Reading(intent="help", help=wanted, why=f"how to use the app: {wanted}")
    company = company_named(text, contacts)
    if EVERYONE.search(lead or text) and contact is None and not named.choices and not asks_to_write(text):
        return Reading(intent="find", listing=True, topic=company, why="asked for everyone" + (
            f" at {company}" if company else ""))
    if (asks_who(lead or text) and not asks_to_write(lead or text)) or (FIND.search(lead or text) and not (
            (QUESTION.search(text) or ADVISE.search(text)) and not KNOW.search(text) and not FIND_FIRST.search(text))):
        return Reading(intent="find", topic=company, why="asked who they know")
    goal = detect_goal(POLITE.sub(" ", without_closing(lead))) or detect_goal(POLITE.sub(" ", without_closing(text)))
    channel = detect_channel(text)
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
    about = topic(text) or (intro_target(text) if goal == "introduction" else "")
    context = draft_context(text, mention) or about
    people = contacts_named(text, contacts) if contact is not None and not pronoun else []
    if len(people) > 1 and goal == "introduction":  # "ask Priya to introduce me to Elena": Priya, the first named
        contact, mention = people[0], people[0].name
    if contact is not None and wants_draft:
        both = [] if goal == "introduction" else _several(text, people)
        if both:  # "a note to Priya and an email to Marcus": the first, as asked
            text = re.split(r"\b(?:and|also|then)\b", text, maxsplit=1, flags=re.IGNORECASE)[0]
            contact, mention = both[0], both[0].name
            goal, channel = detect_goal(text) or goal, detect_channel(text)
            about = topic(text) or about
            context = draft_context(text, mention) or about
        rest = leftover(text, [contact.name, mention, about, context, *qualifiers(contact)])
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
    if ADVISE.search(text):
        return Reading(intent="advise", goal=goal, why="a situation to handle")
    if DRAFT.search(text) and goal and not contact:
        return Reading(intent="clarify", goal=goal, channel=channel or "linkedin-message", topic=about,
                       context=context, confidence=0.4, why="a message, but to whom?")
    return Reading(intent="general", why="a general question")
