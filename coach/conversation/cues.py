"""How people say what they want, read from typed vocabularies (`prompts/requests.yaml`), not phrase by phrase.

Before anything is read, the words are cleaned the way a person would read past them: voice dictation's spoken
punctuation ("comma", "period"), chat shorthand ("u", "pls", "abt", "any1"), contractions typed without their
apostrophe ("dont", "whats", "if shed"), and typos of the request's own words ("emial", "follw", "drfat"), each
read as the cue it is one letter away from. A person's name is never corrected: a name that matches nobody is
asked back (`coach.conversation.reading.unknown_name`).

Then the goal is scored (the strongest cue wins, the first said of equal ones; politeness and what a correction
takes back do not count), the channel is read, and the message is cut into clauses so that the first request
of several is the one read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import OSA

from coach.config.prompts import load_data
from coach.core.text import STOPWORDS, fold

MIN_TYPO = 5  # shorter words are too often other words ("fine" is not "find")
WORD = re.compile(r"[^\W\d_][\w']*", re.UNICODE)


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return load_data("requests")


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Words that are words: the guidance corpus's, the cues' own and the stop words. A typo is none of these."""
    import coach.resources

    folder = Path(coach.resources.__file__).parent / "knowledge"
    seen: set[str] = set(STOPWORDS) | set(vocabulary()["typo_targets"])
    for path in folder.rglob("*.md"):
        seen.update(w.lower() for w in WORD.findall(path.read_text(encoding="utf-8")))
    return frozenset(seen)


# ------------------------------------------------------------------ cleaning the words
def _spoken(text: str) -> str:
    for said, mark in vocabulary()["spoken"].items():
        if mark.strip() not in text:
            text = re.sub(rf"\s*\b{re.escape(said)}\b", mark, text, flags=re.IGNORECASE)
    return text


@lru_cache(maxsize=1)
def _shorthand() -> tuple[re.Pattern, dict[str, str]]:
    table = {k.lower(): v for k, v in vocabulary()["shorthand"].items()}
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'/])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w'/])", re.IGNORECASE)
    return pattern, table


def _contractions(text: str) -> str:
    table = vocabulary()["contractions"]
    tokens = re.split(r"(\W+)", text)
    words = [t.lower() for t in tokens]
    for i in range(0, len(tokens), 2):
        entry = table.get(words[i])
        if not entry:
            continue
        before = words[i - 2] if i >= 2 else ""
        after = words[i + 2] if i + 2 < len(tokens) else ""
        if "after" in entry and before not in entry["after"]:
            continue
        if "before" in entry and after not in entry["before"]:
            continue
        tokens[i] = entry["to"]
    return "".join(tokens)


def _inflected(low: str) -> bool:
    """The word is a known word with an ending a learner or a typist adds to it ('informations', 'advices',
    'emailed', 'mentoring'): an inflection read loosely, never a typo of another word."""
    known = known_words()
    for ending in ("s", "es", "ed", "d", "ing"):
        stem = low[:-len(ending)]
        if low.endswith(ending) and len(stem) >= MIN_TYPO - 1 and (stem in known or stem + "e" in known):
            return True
    return False


def _typo(word: str, protected: frozenset[str], workplace: frozenset[str] = frozenset()) -> str:
    low = word.lower()
    if len(low) < MIN_TYPO or low in known_words() or fold(low) in protected or not low.isalpha() or \
            _inflected(low):
        return word
    limit = 1 if len(low) <= 7 else 2
    targets = [*vocabulary()["typo_targets"], *(w for w in workplace if len(low) >= 6)]
    near = [(OSA.distance(low, t), t) for t in targets if t[0] == low[0]]
    near = sorted((d, t) for d, t in near if d <= limit)
    if not near or (len(near) > 1 and near[0][0] == near[1][0]):
        return word  # nothing close, or two cues equally close: left as said
    fixed = near[0][1]
    return fixed.capitalize() if word[:1].isupper() else fixed


# Dictation's hesitations, read past ("the uh Datadog guy", "um, draft a note").
FILLERS = re.compile(r"(?<![\w'-])(?:u+h+|u+m+|uhm+|e+r+m+|hmm+)(?![\w'-])[,.]?\s*", re.IGNORECASE)


def clean(text: str, protected: Iterable[str] = (), workplace: Iterable[str] = ()) -> str:
    """The words as a person reads them: spoken punctuation, shorthand, apostrophes and typos of cue words
    fixed. `protected`: words never corrected (the contacts' names, companies and titles); `workplace`: the
    contacts' employer and title words a typo may stand for ("Hosptial")."""
    guard = frozenset(fold(w) for w in protected)
    places = frozenset(workplace)
    text = _spoken(text)
    text = FILLERS.sub("", text)  # "open my notes on the uh Datadog guy": dictation's hesitations
    pattern, table = _shorthand()
    text = pattern.sub(lambda m: table[m.group(0).lower()], text)
    text = _contractions(text)
    return WORD.sub(lambda m: _typo(m.group(0), guard, places), text)


# ------------------------------------------------------------------ clauses and politeness
CLAUSE = re.compile(r"(?<=[.?!])\s+|\n+|[;:]\s+|\s+[—–]\s+|\s+-\s+|,\s*(?:and\s+)?(?:also|then)\s+|"
                    r"\s+and\s+(?:also|then)\s+|,?\s+&\s+|,\s*and\s+(?=(?:tell|remind|show|let|give|find|"
                    r"log|note|who)\b)|\s+and\s+(?=(?:tell me|remind me|show me|let me know|who)\b)|,\s+",
                    re.IGNORECASE)


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause: sentences, and the parts joined by 'and also', 'then', a dash, a comma."""
    spans, start = [], 0
    for m in CLAUSE.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def polite(clause: str) -> bool:
    """The clause only thanks, greets or apologises ('Thank you so much!', 'thanks in advance', 'Hi!')."""
    said = re.findall(r"[a-z'-]+", fold(clause))
    return bool(said) and all(w in vocabulary()["politeness"] for w in said)


def without_politeness(text: str) -> str:
    """The text without clauses that only thank or greet: 'thanks!' at either end asks for no thank-you."""
    return " ".join(text[a:b] for a, b in clauses(text) if not polite(text[a:b]))


# ------------------------------------------------------------------ goal and channel
@lru_cache(maxsize=1)
def _goal_cues() -> list[tuple[str, int, re.Pattern]]:
    out = []
    for goal, cues in vocabulary()["goals"].items():
        for kind, weight in (("say", 3), ("hint", 2), ("lean", 1)):
            out += [(goal, weight, re.compile(p, re.IGNORECASE)) for p in cues.get(kind, [])]
    return out


def goal_of(text: str) -> str | None:
    """The goal the words ask for: the strongest cue, of equal ones the first said; a correction ('a reference,
    no wait, a referral') takes back the goals before it."""
    low = without_politeness(text).lower()
    for said in vocabulary()["corrections"]:
        at = low.rfind(said)
        if at >= 0 and _best(low[at + len(said):]):
            low = low[at + len(said):]
    return _best(low)


def _best(low: str) -> str | None:
    found = [(-weight, m.start(), goal) for goal, weight, cue in _goal_cues() if (m := cue.search(low))]
    return min(found)[2] if found else None


@lru_cache(maxsize=1)
def _channel_cues() -> list[tuple[str, re.Pattern]]:
    return [(channel, re.compile(p, re.IGNORECASE)) for channel, p in vocabulary()["channels"]]


# A channel named only to be turned down: "instead of email", "rather than a LinkedIn note", "not by email".
NOT_CHANNEL = re.compile(r"\b(?:instead of|rather than|not|no|(?:don'?t|do not|never)\s+(?:make|send|do|write|draft)\s+"
                         r"(?:it|this|that|them)?\s*(?:as\s+)?)\s*(?:as\s+|by\s+|via\s+|over\s+|in\s+|on\s+)?"
                         r"(?:an?\s+|the\s+)?(?:e-?mail|linkedin(?:\s+(?:note|message|dm))?|dm|inmail|note|message|"
                         r"connection\s+(?:request|note))s?\b", re.IGNORECASE)


# The channel a message is made into ("turn this into a LinkedIn message", "switch it to email", "as a note", "can
# it be a DM", "a LinkedIn DM instead"): the one asked for, whatever other channel the words mention ("she never
# checks email").
TARGET = re.compile(r"\b(?:(?:turn|chang|convert|switch|mak|redo|rewrit|do|send|put|mov|reformat|adapt|redraft)"
                    r"\w*\s+(?:(?:(?:the|my|that|this)\s+)?(?:(?:previous|last|earlier)\s+)?[\w-]+\s+)?"
                    r"(?:in)?to|as|be)\s+(?:an?\s+|the\s+)?"
                    r"(?P<c>[\w-]+(?:\s+[\w-]+){0,2})|\b(?P<i>[\w-]+(?:\s+[\w-]+)?)\s+instead\b", re.IGNORECASE)


def channel_of(text: str) -> str | None:
    """The channel the words name, anywhere in the message; the one a message is made into wins, then a specific
    word over a generic one, and a channel turned down ("as a LinkedIn message instead of email", "not by email")
    is not the one asked for."""
    said = NOT_CHANNEL.sub(" ", text)
    for m in TARGET.finditer(said):
        made = next((channel for channel, cue in _channel_cues() if cue.search(m.group("c") or m.group("i"))), None)
        if made:
            return made
    for channel, cue in _channel_cues():
        if cue.search(said):
            return channel
    return None


@lru_cache(maxsize=8)
def cue_pattern(name: str) -> re.Pattern:
    """One of the vocabulary's lists of cues ('questions', 'find') as one pattern."""
    return re.compile("|".join(f"(?:{p})" for p in vocabulary()[name]), re.IGNORECASE)


def words(name: str) -> str:
    """One of the vocabulary's lists of plain words ('pronouns') as an alternation to put in a pattern: escaped,
    the longest first, a space matching any run of spaces."""
    said = sorted(vocabulary()[name], key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in said)


@lru_cache(maxsize=16)
def word_pattern(name: str) -> re.Pattern:
    """One of the vocabulary's lists of plain words as one pattern of whole words."""
    return re.compile(rf"(?<!\w)(?:{words(name)})(?!\w)", re.IGNORECASE)
