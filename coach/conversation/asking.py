"""What a chat message asks for, clause by clause: a message written, advice, a search, a check; and where the
first request of a message starts and ends.

The patterns are the vocabulary's (`prompts/requests.yaml`); the rule router (`coach.conversation.router`)
reads a whole message with them, and `request_span` cuts a message that asks several things down to its first.
"""

from __future__ import annotations

import re

from coach.conversation.cues import (
    channel_of,
    clauses,
    cue_pattern,
    goal_of,
    polite,
    vocabulary,
    word_pattern,
    words,
)
from coach.conversation.lookups import asks_who
from coach.conversation.people import person
from coach.conversation.records import asks_due, asks_show, keeps_what_came_before, note_text
from coach.conversation.revision import asks_revision
from coach.core.domain import Contact

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
                   # the same asked as a statement with a tag: "you can write Wei something …, right?"
                   r"^\W*(?:so\s+|and\s+)?you (?:can|could) (?:\w+ )?(?:write|draft|prepare|compose)\b|"
                   r"\bhelp me (?:say|tell|reach|get back|reconnect|thank|ask|word)\b|"
                   # "help me with writing …", "help me for writing …": the verb as a gerund after a preposition
                   r"\bhelp me (?:for|with|in|on) (?:writ|draft|compos|prepar)\w*\b|"
                   # "help me with a message for Priya", "help with an email to Dan": the message itself asked for
                   r"\bhelp(?: me)? (?:with|on|for) (?:a|an|the|my|this|one)\s+(?:(?:short|quick|little|brief)\s+)?"
                   r"(?:message|e-?mail|mail|note|linkedin|dm|letter|text|reply|msg)\b|"
                   # "make an email for Ana", "please you can make email for …": a message made (never "make it …",
                   # nor "make the email shorter", which revise the draft on the table)
                   r"\b(?:make|create)\s+(?:(?:for\s+)?me\s+)?(?:(?:an?|one)\s+(?:[\w-]+\s+)?)?(?:e-?mail|message|note|dm|inmail|letter)\b|"
                   # the words asked for, as a hypothetical: "what would I even say to Daniel if …" ("what do I say to her?"
                   # after a story asks how to handle it)
                   r"\bwhat (?:would|could|might) (?:i|we) (?:\w+ )?(?:say|write|send|tell) (?:to )?"
                   r"(?!(?:if|when|about|in|on|at)\b)\w|"
                   # the coach asked to do it, in any learner's word order: "I need you write to …", "want you to draft"
                   rf"\b(?:need|want|would like|'d like|ask)\s+(?:you|u)\s+(?:to\s+)?(?:{words('write_verbs')})\b",
                   re.IGNORECASE)

FIND_FIRST = re.compile(rf"^\W*(?:{words('find_first')})\b", re.IGNORECASE)
# A request that waits on the answer to a question before it ("Should I ping Ana? If so, draft a follow-up").
CONDITIONAL = re.compile(rf"^\W*(?:{words('conditionals')})\b", re.IGNORECASE)
PRONOUN = word_pattern("pronouns")
KNOW = word_pattern("know")
INDIRECT = cue_pattern("indirect_questions")


def detect_goal(text: str) -> str | None:
    """The goal the words ask for (`coach.conversation.cues.goal_of`)."""
    return goal_of(text)


def detect_channel(text: str) -> str | None:
    """The channel the words name (`coach.conversation.cues.channel_of`)."""
    return channel_of(text)


# Something the user asks to be sent or given to themselves ("send me his details", "give me the info on Ana").
TO_ME = re.compile(r"^\W*(?:(?:please|pls|kindly|can you|could you)\s+)*(?:send|give|share|forward)\s+me\s+"
                   r"(?:all\s+)?(?:the\s+|his\s+|her\s+|their\s+|what\b|everything\b)", re.IGNORECASE)


def asks_to_write(text: str) -> bool:
    """A clause of the words asks for a message to be written ('…thinking about it all weekend. Could you write
    Priya an email…')."""
    if TO_ME.match(text):  # "please send me the details of Mr. Daniel": something sent to the user, not a message
        return False
    spans = [(a, b) for a, b in clauses(text) if not polite(text[a:b])]  # "Thank you." thanks the coach
    rest = text[spans[0][0]:] if spans else ""
    return any(WRITE.search(text[a:b]) for a, b in spans) or bool(WRITE.search(rest))


def asks_for_advice(text: str) -> bool:
    """The words describe a situation and ask what to do, without asking for a message to be written."""
    return bool((ADVISE.search(text) or QUESTION.search(text) or INDIRECT.search(text)) and not asks_to_write(text))


def asks_question(text: str) -> bool:
    """The words ask the coach what to do or how things are done, directly or as a statement ('I wonder how …'),
    and ask for no message."""
    return bool((QUESTION.search(text) or INDIRECT.search(text) or ADVICE_ASKS.search(text)) and not WRITE.search(text))


def _kind(clause: str, contacts: list[Contact], has_draft: bool = False) -> str:
    """What a clause asks for, when it asks for something on its own: a note, a change to the draft on the table,
    who is due, who they know, a message, a card; 'if' for a request that waits on an answer; '' for none."""
    if CONDITIONAL.match(clause):
        return "if"
    if polite(clause):
        return ""  # "Thank you." to the coach, before what the user asks next
    if note_text(clause, has_draft) or keeps_what_came_before(clause):
        return "note"
    if has_draft and asks_revision(clause) and not WRITE.search(clause):
        return "revise"
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


# Leave to go on given after a question to the coach: "if not", "if so", "if it's fine", "if that's ok".
_GO_AHEAD = (r"if\s+(?:not|so|yes|no|ok|okay|fine|it(?:'s|’s|\s+is)\s+(?:not\s+)?(?:fine|ok|okay|alright|weird|too much)|"
             r"that(?:'s|’s|\s+is)\s+(?:fine|ok|okay|alright)|you\s+think\s+(?:it(?:'s|’s)\s+)?(?:ok|okay|fine))")
GO_AHEAD = re.compile(_GO_AHEAD, re.IGNORECASE)
_ANSWERED = re.compile(r"\?\s*(?:" + _GO_AHEAD + r")[\s,.;:]*$", re.IGNORECASE)


def answered(text: str, start: int) -> bool:
    """Whether the request that starts at `start` answers a question asked before it ("is it weird to …? if
    not, write …"): the request is then read alone, the question being answered by doing it."""
    return start > 0 and _ANSWERED.search(text[:start]) is not None


def request_span(text: str, contacts: list[Contact], has_draft: bool = False) -> tuple[int, int]:
    """Where the first request of the message starts and where it ends: what comes before it is its preamble,
    and a later clause that asks for something else (or a message to someone else) is another request.
    `has_draft`: a draft is on the table, which a style step ('cut it down') changes."""
    spans = clauses(text)
    kinds = [_kind(text[a:b], contacts, has_draft) for a, b in spans]
    # "is it weird to ask …? if not, write Daniel …": the question is answered by doing what comes after it (a
    # request to nobody, "Should I ping Ana? If so, draft a follow-up", stays with the question)
    for i in range(1, len(spans) - 1):
        after = text[spans[i + 1][0]:]
        if GO_AHEAD.fullmatch(text[slice(*spans[i])].strip(" ,.;:")) and asks_question(text[slice(*spans[i - 1])]) \
                and kinds[i + 1] == "draft" and (PRONOUN.search(after) or person(after, contacts).contact):
            spans, kinds = spans[i + 1:], kinds[i + 1:]
            break
    lead = next((i for i, k in enumerate(kinds) if k), None)
    if lead is None:
        return 0, len(text)
    if kinds[lead] == "if":
        return 0, spans[lead][0]
    if kinds[lead] == "note" and keeps_what_came_before(text[slice(*spans[lead])]):
        start = 0  # "Just met Marcus, he is hiring. Can you save that?": what came before is what is kept
        end = next((a for (a, _), k in zip(spans[lead + 1:], kinds[lead + 1:], strict=True) if k and k != "note"),
                   len(text))
        return start, end
    if kinds[lead] in ("due", "find", "show") and any(asks_question(text[a:b]) for a, b in spans[:lead]):
        # a question about what to do, asked first, is the request; a look-up asked after it waits ("how do people
        # keep it up without burning out? (and show me who's due)"); a message asked after a story is still read
        return 0, spans[lead][0]
    first = person(text[:spans[lead][1]], contacts).contact
    for (a, b), k in zip(spans[lead + 1:], kinds[lead + 1:], strict=True):
        other = person(text[a:b], contacts).contact
        if k and (k != kinds[lead] or (k == "draft" and other is not None and first is not None and other != first)):
            return spans[lead][0], a
    return spans[lead][0], len(text)
