"""The other people a message speaks of: a pronoun beside one of them is about them, not the recipient.

A name counts as a person's when the user's own words use it the way people's names are used: before a verb
("Sam mentioned"), after a relation or a role ("my colleague Sam", "his IT lead on the call: Sam Ek"), or with one
in apposition ("Sam Ek, a friend from uni", "Sam Ek — senior Android dev").
"""

from __future__ import annotations

import re

from coach.checks.grounds import ALWAYS_OK, COMMON_CAPITALISED
from coach.checks.registry import Message
from coach.core.text import fold, has_word, without_possessive, words
from coach.crm.names import everyday

# A quoted passage of a sentence or more ("a short blurb you can forward: '…'"): the user's words about themselves.
QUOTED = re.compile(r"[\"“][^\"”]{40,}[\"”]")
# A passage set apart for them to paste or forward: between two rule lines ("---", "***"), or quoted line by line
# with ">". It speaks to someone else, of the user and of the recipient, and restates what the message asks.
_RULE = r"^[ \t]*(?:-{3,}|\*{3,}|_{3,}|={3,}|~{3,})[ \t]*$"
SET_APART = re.compile(rf"{_RULE}\n(?s:.*?)\n{_RULE}|(?:^[ \t]*>[^\n]*(?:\n|$))+", re.MULTILINE)


# A line that hands them a passage to pass on ("Here's a line you could paste into the group chat:"): the
# paragraph after it is that passage.
_HANDS_OVER = re.compile(r"^[^\n]*\b(?:blurb|line|lines|paragraph|para|text|bit|intro|summary|something|note|"
                         r"description|message)\b[^\n]{0,80}?\b(?:paste|forward|share|pass (?:it )?on|send (?:it )?on|"
                         r"use|copy|drop)\b[^\n]*:[ \t]*\n(?:[ \t]*\n)?(?P<passage>(?:[^\n]+(?:\n|$))+)",
                         re.IGNORECASE | re.MULTILINE)


def in_own_voice(text: str) -> str:
    """What a message says to its reader in its own voice: without a quoted passage or a blurb set apart for them
    to forward (each stands in for a blank line)."""
    text = _HANDS_OVER.sub(lambda m: m.group(0)[:m.start("passage") - m.start()] + "\n", text)
    return QUOTED.sub(" ", SET_APART.sub("\n", text))


def people_in(text: str, m: Message) -> list[str]:
    """Names in `text`, other than the recipient's, their employer's and the user's, that the user's notes or
    request give as a person's (a capitalised word, grounded in what the user wrote; one opening its sentence only
    when it is no everyday word)."""
    c = m.grounds.contact
    skip = _own_words(m) | set(words(m.grounds.profile.name)) | ({fold(m.first)} if m.first else set())
    if c:
        skip |= set(words(f"{c.title} {c.location}"))
    known = m.grounds.fact_text()
    found = []
    said = text.strip()
    for run in re.finditer(r"\b[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’-]+", said):
        w = fold(without_possessive(run.group(0)))
        if w in skip or w in COMMON_CAPITALISED or w in ALWAYS_OK or not has_word(w, known):
            continue
        # a sentence's first word is a name only when it is no everyday word ("Bea says hi", never "Will you")
        if (run.start() == 0 or re.search(r"[.!?:]\s+$", said[:run.start()])) and everyday(w):
            continue
        if not _names_a_person(w, m):
            continue
        found.append(w)
    return found


# Who a person is to the user or the recipient: a relation or a role.
_RELATION = (r"colleague|friend|neighbou?r|manager|boss|mentor|husband|wife|partner|cousin|sister|brother|aunt|uncle|"
             r"director|ceo|cfo|cto|coo|vp|head|lead|supervisor|assistant|advisor|adviser|cofounder|co-founder|founder|"
             r"recruiter|engineer|developer|dev|designer|researcher|scientist|analyst|student|classmate|teammate")
_BEFORE = re.compile(r"\b(?:" + _RELATION + r"|dr\.?|mr\.?|ms\.?|mrs\.?|intro(?:duce \w+|duction)? to|"
                     r"intro'?d (?:me|us) to|introduced (?:me|us) to|recommended|referred|hired|"
                     r"(?:she|he|they|you) (?:sent|introduced|recommended|referred))[,:]?\s+(?:[a-z]+\s+)?$"
                     # a role, a few words, then a colon: "wants his IT lead on a call: Sam Ek"
                     r"|\b(?:" + _RELATION + r")\b(?:\s+[\w/]+){0,4}?\s*:\s*$")
_AFTER = re.compile(r"(?:\s+[A-Z][\w'’-]+)?(?:['’]s)?\s+(?:said|says|mentioned|told|suggested|introduced|offered|"
                    r"asked|sent|gave|recommended|is|was|has|had|thinks|wants|will|would|and I|who|\(|,\s*(?:her|"
                    r"his|my|a|the)\b)"
                    # in apposition: "Sam Ek — friend from uni", "Sam Ek: senior Android dev, 8 yrs", "Sam Ek - my ex-lead"
                    r"|(?:\s+[A-Z][\w'’-]+)?(?:\s*[—–:]|\s+-)\s*(?:(?:a|an|my|our|the|his|her|their)\s+)?"
                    r"(?:[\w-]+\s+){0,2}?(?:" + _RELATION + r")\b", re.IGNORECASE)


# Where a chat log's speaker stands: a line's start, or after its timestamp ("[03/02/24, 21:14] ", "21:14 - ").
_SPEAKS = re.compile(r"(?:^|\n)[ \t]*(?:\[[^\]\n]{1,30}\][ \t]*|[\d/.:, ]{4,25}[-–][ \t]*)?$")


# What a person did, as a note lists it after their full name and a dash: "Sam Ek - led the migration on my team".
_DID = re.compile(r"^\s*[-—–:]\s+(?:led|ran|built|managed|worked|joined|left|moved|mentored|trained|taught|"
                  r"reported|headed)\b", re.IGNORECASE)
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]+")


def _full_name_did(text: str, start: int, end: int) -> bool:
    """Whether the word at start:end is part of a full name (a capitalised word beside it) followed by a dash and
    what they did; an organisation's one word ("Acme - ran the pilot") is no person."""
    before = re.search(r"[A-ZÀ-ÖØ-Þ][\w'’-]+[ \t]+$", text[max(0, start - 30):start])
    after = re.match(r"[ \t]+" + _CAPITAL.pattern, text[end:])
    tail = text[end + after.end():] if after else text[end:]
    return bool(before or after) and _DID.match(tail) is not None


def _names_a_person(word: str, m: Message) -> bool:
    """Whether the user's own words use `word` as a person's name: written before a verb or a family name
    the way people are ("Sam mentioned", "Ray Ortiz"), after a relation or a role, or with a role beside it
    ("Ray Ortiz — senior dev"), or speaking in a chat log ("[03/02/24] Bea: …"); not a place or an organisation
    ("at Kestrel")."""
    c = m.grounds.contact
    texts = [m.grounds.context, m.grounds.request, *((n.text for n in c.notes) if c else ())]
    for t in texts:
        for hit in re.finditer(rf"(?i:(?<![a-z]){re.escape(word)}(?![a-z]))", t or ""):
            before = (t or "")[max(0, hit.start() - 40):hit.start()].lower()
            after = (t or "")[hit.end():hit.end() + 40]
            if _BEFORE.search(before):
                return True
            if re.search(r"\b(?:at|in|of|from|for|to)\s$", before):
                continue
            if _AFTER.match(after) or _full_name_did(t or "", hit.start(), hit.end()):
                return True
            if _SPEAKS.search(before) and re.match(r"\s*:\s+\S", after):  # "[03/02/24, 21:14] Bea: guess who…"
                return True
    return False


def _own_words(m: Message) -> set[str]:
    c = m.grounds.contact
    return set(words(f"{c.name} {c.company}")) if c else set()
