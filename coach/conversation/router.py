"""Routing a chat turn without the model's tool calling (a 135M model cannot do it).

Intent, contact, goal and channel are read from the words, against the user's
own contact list. Each rule is a small, testable pattern; a turn that matches
nothing is a general question answered from the guidance.
"""

from __future__ import annotations

import re

from coach.conversation.reading import (
    ASK_BACK,
    CHANNEL_PHRASE,
    Reading,
    intro_target,
    leftover,
    topic,
    unknown_name,
    without_closing,
)
from coach.conversation.records import asks_due, asks_show, note_date, note_text
from coach.core.domain import Contact
from coach.core.text import fold
from coach.crm.resolve import who

GOAL_WORDS: list[tuple[str, str]] = [
    ("thank-you", r"\bthank"),
    ("congratulations", r"\bcongrat|\bnew (?:role|job|position)\b|\bpromot"),
    ("introduction", r"\bintroduc|\bintro\b|\bwarm intro"),
    ("follow-up", r"\bfollow[- ]?up|\bnudge|\bno reply|\bhaven'?t heard|\b(?:didn'?t|did not|hasn'?t|has not|"
                  r"haven'?t|have not|never) (?:yet )?(?:reply|replied|answer|answered|respond|responded|got back|"
                  r"gotten back|wrote back|written back)"),
    ("referral", r"\brefer(?:r?al|ring|red)?\b"),
    ("mentorship", r"\bmentor"),
    ("partnership", r"\bpartner|\bcollaborat|\bjoint\b|\bwork together"),
    ("informational-interview", r"\binformational|\binfo(?:rmation)? (?:call|chat|interview)|\blearn (?:about|from)"
                                r"|\bpick (?:their|her|his) brain|\bcoffee chat|\bcareer (?:advice|chat)"
                                r"|\b(?:grab|get|have|go for) (?:a )?(?:quick )?coffee\b"),
    ("reconnect", r"\breconnect|\bcatch[- ]?up|\bsay (?:hi|hello)\b|\bcheck(?:ing)? in on\b|\bbeen a while|\btouch base|\bhaven'?t (?:talked|spoken)|\bout of touch"),
]
# The channel said: a specific word wins over a generic one ("a thank-you note - email" is an email; "a message
# … by email" too), so the generic "note" and "message" are asked last.
CHANNEL_WORDS: list[tuple[str, str]] = [
    ("linkedin-note", r"\bconnection (?:note|request|message)|\blinkedin note\b|\binvite\b"),
    ("email", r"\be-?m(?:ai|ia|a)ls?\b|\bmails?\b"),
    ("linkedin-message", r"\blinkedin\b|\bdm\b|\binmail\b|\bmsg\b|\bdirect message\b"),
    ("linkedin-note", r"\bnote\b"),
    ("linkedin-message", r"\bmess?age\b"),
]
# Politeness that is not a goal: "thanks in advance!" asks for nothing to be thanked.
POLITE = re.compile(r"\b(?:thanks|thank you|thx|ty)\s+(?:so much\s+)?(?:in advance|a lot|a bunch)\b[!.,]*|"
                    r"^\W*(?:thanks|thank you|thx)\s*[!.,]+", re.IGNORECASE)
REVISE = re.compile(r"\b(shorter|shorten|too long|more formal|formal|less formal|casual|friendlier|regenerate|"
                    r"try again|another (?:version|one|draft)|redo|rewrite|as an? (?:email|e-mail|mail|linkedin|note|"
                    r"connection|dm|inmail|message)|switch (?:it )?to|instead|make (?:it|this|that)|"
                    r"(?:do|send|turn|change) (?:it|this|that)(?: one)? (?:as|to|into|by|via))\b",
                    re.IGNORECASE)
CHECK = re.compile(r"\b(check|score|review|grade|rate|critique)\b[^:\n]*\b(message|draft|note|email|this|mine|it)\b",
                   re.IGNORECASE)
FIND = re.compile(r"\b(who do i know|who (?:works?|worked|is working|are working)\b[^.?!]{0,30}\b(?:at|in|for)|anyone (?:at|who|in)|someone (?:i met|at|who)|"
                  r"find (?:people|contacts|someone|me)|contacts at|people (?:at|i know)|know at|do i know)\b",
                  re.IGNORECASE)
DRAFT = re.compile(r"\b(draft|write|compose|reach out|message|note|email|e-mail|ask|connection|send|dm|thank|"
                   r"congratulate|follow up|introduce|reconnect|drop \w+ an? (?:line|note|message)|shoot \w+ an? "
                   r"(?:line|note|message|email)|ping|text)\b", re.IGNORECASE)
ADVISE = re.compile(r"\b(what should i|how (?:do|should|can) i|advice|help me|struggling|laid off|layoff|fired|"
                    r"ghosted|reject(?:ed|ion)?|no reply|burn(?:ed|t)? ?out|impostor|imposter|credit for my|falling[- ]out|"
                    r"awkward|nervous|afraid|worried|stuck|decline|say no)\b", re.IGNORECASE)

# A situation asked about ("she never replied, do I nudge her?") rather than a message asked for ("write to her").
QUESTION = re.compile(r"\b(should i|do i|shall i|how (?:do|should|can|would) i|what (?:do|should|would|can) i|"
                      r"is it (?:weird|rude|ok|okay|too|bad|normal)|would it be (?:weird|rude|ok|okay)|"
                      r"(?:what'?s|what is) (?:the|a) (?:best|right|good)\b|any (?:advice|tips)|feels? (?:weird|strange)|"
                      r"without (?:sounding|looking|being|seeming|making))\b", re.IGNORECASE)
WRITE = re.compile(r"^\W*(?:please\s+|can you\s+|could you\s+)?(?:write|draft|compose|send|message|email|dm|"
                   r"thank|congratulate|reconnect|follow[- ]?up|introduce|ask|drop|shoot|ping)\b|\b(?:write|draft|compose) (?:me |him |"
                   r"her |them )?(?:a|an|the|something|one)\b|\b(?:help me|can you|could you) (?:write|draft)\b|"
                   r"\b(?:help me|i(?:'d| would) like to|i want to|i wanna|i need to|let me) (?:to )?(?:ask|write|"
                   r"draft|email|message|reach out|thank|congratulate|reconnect|follow[- ]?up|introduce|dm|ping)\b|"
                   r"\b(?:can|could|would) you (?:\w+ )?(?:write|draft|prepare|compose)\b",
                   re.IGNORECASE)


def asks_for_advice(text: str) -> bool:
    """The words describe a situation and ask what to do, without asking for a message to be written."""
    return bool((ADVISE.search(text) or QUESTION.search(text)) and not WRITE.search(text))


Route = Reading  # the name the chat's handlers were written against


def detect_goal(text: str) -> str | None:
    low = text.lower()
    for goal, pattern in GOAL_WORDS:
        if re.search(pattern, low):
            return goal
    return None


def detect_channel(text: str) -> str | None:
    low = text.lower()
    for channel, pattern in CHANNEL_WORDS:
        if re.search(pattern, low):
            return channel
    return None


def quoted_message(text: str) -> str:
    """The message the user wants checked: after a colon, in quotes, or after the first line."""
    m = re.search(r"[\"“](.+)[\"”]", text, re.DOTALL)
    if m and len(m.group(1)) > 15:
        return m.group(1).strip()
    if ":" in text:
        after = text.split(":", 1)[1].strip()
        if len(after) > 15:
            return after
    first, _, rest = text.partition("\n")
    return rest.strip()


SHORTER = re.compile(r"\b(shorter|shorten|too long|brief|briefer|trim|cut it|cut down|less wordy|too wordy|wordy|"
                     r"more concise|concise|tighter|condense|more short|fewer words|less words|too many words)\b",
                     re.IGNORECASE)
LONGER = re.compile(r"\b(longer|too short|more detail|expand|fuller|more long|a bit more|too brief)\b", re.IGNORECASE)
# "too formal" asks for less of it: the words that name a tone to move away from, checked before the others.
TOO_FORMAL = re.compile(r"\b((?:too|sounds?|so|very|a bit) (?:formal|stiff|stuffy|cold|corporate|professional|serious|"
                        r"robotic|like a robot)|stiff|stuffy|robotic|more human|less robotic|more natural)\b",
                        re.IGNORECASE)
TOO_CASUAL = re.compile(r"\btoo (?:casual|informal|friendly|chatty|relaxed|familiar|cheesy)\b", re.IGNORECASE)
FORMAL = re.compile(r"\b(?<!less )(more formal|formal|professional|polite|serious)\b", re.IGNORECASE)
CASUAL = re.compile(r"\b(less formal|friendlier|more friendly|casual|warmer|relaxed|informal|less stiff|"
                    r"friendly|warm|chill|lighter)\b", re.IGNORECASE)
AGAIN = re.compile(r"\b(regenerate|try again|another (?:version|one|draft|take|try|option)|redo|rewrite|"
                   r"(?:second|other|alternative|new) (?:option|version|draft|take)|an alternative|"
                   r"(?:less|not so) (?:generic|bland|like a template)|too (?:generic|bland))\b", re.IGNORECASE)
# Words that revise the draft on the table only in a short message that asks nothing else ("one more time
# please", "by mail?", "a bit warmer"): in a longer one they may be about something else.
AGAIN_SHORT = re.compile(r"\b(different|one more(?: time| try| version)?|again|new version|other version|"
                         r"something else|give me another)\b", re.IGNORECASE)
SHORT_FOLLOW_UP = 8  # words


def follows_up(text: str, channel: str | None, goal: str | None) -> bool:
    """The words change the draft on the table (a style step, another channel, another version) rather than ask
    for something new."""
    if REVISE.search(text) or AGAIN.search(text) or SHORTER.search(text) or LONGER.search(text) \
            or TOO_FORMAL.search(text) or TOO_CASUAL.search(text):
        return True
    short = len(text.split()) <= SHORT_FOLLOW_UP and goal is None and not QUESTION.search(text)
    return short and bool(AGAIN_SHORT.search(text) or CASUAL.search(text) or FORMAL.search(text) or channel)
# Where the user's own reason starts in "Write a note to Priya about the Connect team": after a dash, a colon, a
# sentence end, or words that introduce what it is about.
CONTEXT_START = re.compile(r"\s[—–-]+\s|:\s|;\s|[.?!]\s+|,\s*(?=(?:she|he|they|i|we|my|our)\b)|"
                           r"\b(?:about|regarding|because|since|re)\b\s*|\b(?:on|for) (?=(?:her|his|their|the|my)\b)",
                           re.IGNORECASE)
INSTRUCTION = re.compile(r"^(?:please\s+|(?:can|could) you\s+|now\s+|then\s+)?(?:draft|write|compose|send|email|"
                         r"message|dm|ping|reach out)\b", re.IGNORECASE)
NOT_CONTEXT = re.compile(r"^(?:(?:a|an|the|my|please|to|and|for|by|via|as|on|in|it|them|her|him|linkedin|"
                         r"connection|note|message|email|e-?mail|dm|request|referral|reconnect|catch ?up|"
                         r"follow[- ]?up|thanks?|intro(?:duction)?|mentor(?:ship)?|congrats|now|something|short|"
                         r"quick)\W*)*$", re.IGNORECASE)


def user_context(text: str, mention: str) -> str:
    """The user's own words for the message: what follows the instruction ('… to Priya about the Connect team at
    Stripe: I saw the PM opening' -> 'the Connect team at Stripe: I saw the PM opening'), or '' when the words only
    say who, what for and where."""
    at = fold(text).find(fold(mention)) if mention else -1
    tail_from = at + len(mention) if at >= 0 else 0
    m = CONTEXT_START.search(text, tail_from)
    if not m:
        return ""
    rest = text[m.end():].strip(" \t—–-:;,")
    while INSTRUCTION.match(rest):  # "who do I know at Stripe? draft a note to the best one about X": X
        m = CONTEXT_START.search(rest, 1)
        rest = rest[m.end():].strip(" \t—–-:;,") if m else ""
    return "" if NOT_CONTEXT.match(rest) else rest


def revision(text: str, channel: str | None) -> Route:
    """How a revision moves the last draft: each style step goes one way or the other, never only one way."""
    length = -1 if SHORTER.search(text) else (1 if LONGER.search(text) else 0)
    again = bool(AGAIN.search(text) or AGAIN_SHORT.search(text))
    tone = (-1 if TOO_FORMAL.search(text) else 1 if TOO_CASUAL.search(text) else -1 if CASUAL.search(text)
            else 1 if FORMAL.search(text) else 0)
    return Route(intent="revise", channel=channel, length=length, tone=tone, regenerate=again,
                 why="revising the last draft")


PRONOUN = re.compile(r"\b(?:him|her|them|he|she|they|his|their)\b", re.IGNORECASE)
KNOW = re.compile(r"\b(?:do i know|who do i know|know (?:at|in|anyone|someone|somebody|people))\b", re.IGNORECASE)


def records(text: str, contact: Contact | None, choices: list[Contact], mention: str,
            last_contact: Contact | None) -> Reading | None:
    """A request about the user's own records: keep a note on someone, who is due, show someone's card; None
    when the words ask for none of these. A note or a card for a name several people share is asked back."""
    pronoun = False
    if contact is None and not choices and last_contact is not None and PRONOUN.search(text):
        contact, pronoun = last_contact, True
    kept = note_text(text)
    if kept:
        if contact is not None:
            return Reading(intent="note", contact=contact, contact_query=mention, note=kept, pronoun=pronoun,
                           date=note_date(text), why=f"a note on {contact.name}")
        if choices:
            return Reading(intent="clarify", choices=choices, contact_query=mention, note=kept, confidence=0.4,
                           why=f"note: several contacts are called {mention}")
        return Reading(intent="clarify", note=kept, confidence=0.3, why="note: about whom?")
    if WRITE.search(text):
        return None
    if contact is None and not choices and asks_due(text):
        return Reading(intent="due", why="who is due for a check-in")
    if asks_show(text) and detect_goal(text) is None:
        if contact is not None:
            return Reading(intent="show", contact=contact, contact_query=mention, pronoun=pronoun,
                           why=f"what you have on {contact.name}")
        if choices:
            return Reading(intent="clarify", choices=choices, contact_query=mention, confidence=0.4,
                           why=f"show: several contacts are called {mention}")
    return None


def draft_context(text: str, mention: str) -> str:
    """The user's own words for the message, without what only asks for it: 'for the PM role? An email please.'
    -> 'the PM role' (a sentence of channel words and politeness is dropped, and a trailing 'by email')."""
    kept = []
    for sentence in re.split(r"(?<=[.?!])\s+", user_context(text, mention)):
        sentence = CHANNEL_PHRASE.sub("", sentence).strip(" ,;:")
        sentence = re.sub(r"\s*\b(?:please|thanks|thank you)\W*$", "", sentence, flags=re.IGNORECASE).strip(" ,;:")
        if sentence and not NOT_CONTEXT.match(sentence):
            kept.append(sentence.rstrip(".?! ") if len(kept) == 0 else sentence)
    return " ".join(kept).strip()


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


def route(text: str, contacts: list[Contact], has_draft: bool, last_contact: Contact | None = None) -> Reading:
    """The typed reading of one chat message against the user's own contacts (`last_contact`: the person the
    previous turn was about, for 'him', 'her', 'them')."""
    text = text.strip()
    first_line = text.splitlines()[0] if text else ""
    if CHECK.search(first_line) and quoted_message(text):
        return Reading(intent="check", message=quoted_message(text), channel=detect_channel(first_line),
                       why="asked to check a message")
    named = who(text, contacts)
    contact, mention = named.contact, named.mention
    kept = records(text, named.contact, named.choices, mention, last_contact)
    if kept is not None:
        return kept
    if FIND.search(text) and not (QUESTION.search(text) and not KNOW.search(text)):
        return Reading(intent="find", why="asked who they know")
    goal, channel = detect_goal(POLITE.sub(" ", without_closing(text))), detect_channel(text)
    same = contact is not None and last_contact is not None and contact.id == last_contact.id and goal is None
    if has_draft and (same or (contact is None and not named.choices)) and follows_up(text, channel, goal):
        return revision(text, channel)
    wants_draft = bool(DRAFT.search(text) or goal)
    full_name = contact is not None and " " in mention.strip()
    unknown, near = ("", []) if full_name or named.choices else unknown_name(text, contacts, mention)
    if unknown and (wants_draft or asks_for_advice(text)):
        return Reading(intent="clarify", unknown_name=unknown, choices=near, contact_query=unknown, goal=goal or
                       "reconnect", channel=channel or "linkedin-message", topic=topic(text),
                       context=draft_context(text, unknown), confidence=0.3,
                       why=f"no contact is called {unknown}")
    pronoun = False
    if contact is None and not named.choices and last_contact is not None and PRONOUN.search(text):
        contact, pronoun = last_contact, True
    if (contact is not None or mention or goal) and asks_for_advice(text):
        # "I asked Aisha Bello for a referral… do I nudge her?": advice (which drafts to her), not a referral draft
        return Reading(intent="advise", contact=contact, contact_query=mention, goal=goal, pronoun=pronoun,
                       why="a situation to handle")
    about = topic(text) or (intro_target(text) if goal == "introduction" else "")
    context = draft_context(text, mention) or about
    people = contacts_named(text, contacts) if contact is not None and not pronoun else []
    if len(people) > 1 and goal == "introduction":  # "ask Priya to introduce me to Elena": Priya, the first named
        contact, mention = people[0], people[0].name
    if contact is not None and wants_draft:
        both = [] if goal == "introduction" else _several(text, people)
        if both:
            return Reading(intent="clarify", choices=both, contact_query=" and ".join(c.name for c in both),
                           goal=goal or "reconnect", channel=channel or "linkedin-message", confidence=0.4,
                           why="several messages in one: which first?")
        rest = leftover(text, [contact.name, contact.company, contact.title, mention, about, context,
                               *contact.tags])
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
