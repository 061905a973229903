"""What the user asks the coach, as typed data: the kind of question that ends their situation.

Someone asked the user for something (a reference call, a good word) and the user asks "what am I allowed to
say?", "do I vouch for him or say I can't judge?", "is that fair?": they are deciding, not saying no. Only "how do
I say no", "how do I get out of it" asks for a no. The kind is read from the question sentences (those ending in
'?', or a last sentence opening like one: "what do i even text back"):

    how-to-decline   a question after a no ("how do I turn him down", "is there a kind way to say no")
    whether          a decision between courses ("should I…", "do I…", "X or Y?", "what would you do?")
    is-it-fair       a judgement of the user's own stance ("is that fair?", "am I being unreasonable?")
    what-to-say      what the user may say or answer ("what am I allowed to say?", "what's the right way to respond?")
    how-to           any other how ("how do I follow up?")

`DECIDING` are the kinds whose answer is steps for deciding: with one of them, an 'asked' situation stays
'asked' unless the user says in a statement of their own that they refuse (`coach.advice.stance.refuses`).
"""

from __future__ import annotations

import re

from coach.advice.stance import attitudes, declines, refuses
from coach.core.text import words

KINDS = ("", "how-to-decline", "whether", "is-it-fair", "what-to-say", "how-to")
DECIDING = frozenset({"whether", "is-it-fair", "what-to-say"})
_PIECES = re.compile(r"(?<=[.!?;])\s+")
_PERSON = {"i", "we", "you"}
_JUDGED = {"that", "this", "it", "i", "we"}
_COPULA = {"is", "am", "are", "was", "were", "isn't", "aren't", "wasn't", "would"}
_AUX = {"do", "does", "did", "should", "shall", "can", "could", "would", "must", "may", "might", "am", "is"}
_OPENERS = {"how", "what", "what's", "should", "do", "does", "can", "could", "is", "am", "which", "whats"}
_SAYING = {"say", "tell", "answer", "respond", "reply", "text", "write", "mention", "word", "phrase", "put"}


def question_pieces(text: str) -> list[str]:
    """The user's questions: pieces of the text ending in '?', else a last piece that opens like a question
    (an interrogative, then an auxiliary and a person: "how do i end this")."""
    pieces = [p.strip() for p in _PIECES.split(" ".join(text.split())) if p.strip()]
    asked = [p for p in pieces if p.endswith("?")]
    if asked or not pieces:
        return asked
    last = words(pieces[-1])
    opens = len(last) >= 3 and last[0] in _OPENERS and (
        (last[0] in _AUX and last[1] in _PERSON) or (last[1] in _AUX and last[2] in _PERSON))
    return [pieces[-1]] if opens else []


def _kind(piece: str) -> str:
    said = words(piece)
    if not said:
        return ""
    if declines(piece) or _ANSWER_NO.search(" ".join(said)) or \
            ({"how", "way"} & set(said) and (_says_no(said) or _cannot(piece))):
        return "how-to-decline"
    if said[0] in _COPULA and len(said) > 1 and said[1] in _JUDGED and said[1:3] != ["it", "better"] \
            and said[1] != "there":
        return "is-it-fair"
    if (said[0] in _AUX and len(said) > 1 and said[1] in _PERSON) or "or" in said or said[:2] == ["which", "is"] \
            or re.search(r"\bwhat (?:would|should|can) (?:you|i|we) do\b", " ".join(said)):
        return "whether"
    if {"what", "what's", "how", "way"} & set(said) and _SAYING & set(said):
        return "what-to-say"
    if said[0] == "how" or "way" in said:
        return "how-to"
    return ""


def _says_no(said: list[str]) -> bool:
    """'say no', 'turn … down', 'decline' inside a how-question ("is there a respectful way to say no?")."""
    joined = " ".join(said)
    return bool(re.search(r"\b(?:say(?:ing)? no|turn(?:ing)? \w+ down|declin\w*|refus\w*|back(?:ing)? out|"
                          r"get(?:ting)? out of|bow(?:ing)? out|take(?: \w+)? back|withdraw\w*|pull(?:ing)? out)\b", joined))


def _cannot(piece: str) -> bool:
    """A no the question carries in a clause of the user's: "how do I tell her I can't be her reference?"."""
    return any(a.negated and a.modal and not a.perfect for a in attitudes(piece))


_ANSWER_NO = re.compile(r"\b(?:with|give|send) (?:a |an )?(?:\w+ )?no\b")  # "answer each with a polite no"
_ORDER = ("how-to-decline", "whether", "is-it-fair", "what-to-say", "how-to")


def read_question(text: str) -> str:
    """The kind of the user's question (`KINDS`); '' when they ask none."""
    found = {_kind(p) for p in question_pieces(text)}
    return next((k for k in _ORDER if k in found), "")


def deciding(text: str, question: str) -> bool:
    """Whether the user asks to decide (a `DECIDING` question) and says no refusal of their own outside it."""
    if question not in DECIDING:
        return False
    asked = set(question_pieces(text))
    statements = " ".join(p for p in _PIECES.split(" ".join(text.split())) if p.strip() not in asked)
    return not refuses(statements)
