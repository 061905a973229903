"""A revision of the draft on the table, read from words: shorter or longer, friendlier or more formal, another
version, another channel. Each style step goes one way or the other ("too formal" asks for less of it)."""

from __future__ import annotations

import re

from coach.conversation.cues import cue_pattern
from coach.conversation.reading import Reading

QUESTION = cue_pattern("questions")
REVISE = re.compile(r"\b(shorter|shorten|too long|more formal|formal|less formal|casual|friendlier|regenerate|"
                    r"try again|another (?:version|one|draft)|redo|rewrite|as an? (?:email|e-mail|mail|linkedin|note|"
                    r"connection|dm|inmail|message)|switch (?:it )?to|instead|make (?:it|this|that)|"
                    r"(?:do|send|turn|change) (?:it|this|that)(?: one)? (?:as|to|into|by|via))\b",
                    re.IGNORECASE)
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
AGAIN_SHORT = re.compile(r"\b(another|different|one more(?: time| try| version)?|again|new version|other version|"
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


def revision(text: str, channel: str | None) -> Reading:
    """How a revision moves the last draft: each style step goes one way or the other, never only one way."""
    length = -1 if SHORTER.search(text) else (1 if LONGER.search(text) else 0)
    again = bool(AGAIN.search(text) or AGAIN_SHORT.search(text))
    tone = (-1 if TOO_FORMAL.search(text) else 1 if TOO_CASUAL.search(text) else -1 if CASUAL.search(text)
            else 1 if FORMAL.search(text) else 0)
    return Reading(intent="revise", channel=channel, length=length, tone=tone, regenerate=again,
                 why="revising the last draft")
