"""A revision of the draft on the table, read from words: shorter or longer, friendlier or more formal, another
version, another channel. The words are the vocabulary's (`prompts/requests.yaml`, `revision`), and each style
step goes one way or the other: "too formal", "less casual" and "it sounds stiff" ask to move away from what
they name, "more professional", "make it sound warmer" and "not friendly enough" towards it.

Where those words read no step ("it's kind of abrupt as is", "it reads like a legal notice lol"), or only name a
tone without saying which way, the change reader (`coach.conversation.intents.change_model`, trained on replies
written apart from any evaluation set) reads the whole reply, and its change is taken when it is likely enough."""

from __future__ import annotations

import re
from functools import lru_cache

from coach.conversation.cues import cue_pattern, vocabulary
from coach.conversation.reading import Reading
from coach.retrieval.learned import Guess

QUESTION = cue_pattern("questions")
SHORT_FOLLOW_UP = 8  # words
WINDOW = 4  # words looked back from a tone word for what decides its direction
CHANGE_TAKEN = 0.5  # how likely the change reader's change of length or version must be where the words read none
# … a change of tone, whatever the words named (which way a tone goes, "too stiff" or "more proper", is what
# sentence meaning tells least apart), and to read a reply as a revision at all where the rules read none
CHANGE_SURE = 0.7
TONES = {"more-formal": 1, "friendlier": -1}
LENGTHS = {"shorter": -1, "longer": 1}


def _words(name: str) -> list[str]:
    return vocabulary()["revision"][name]


def _phrases(table: dict[str, int]) -> re.Pattern:
    """One pattern for phrases that each count one way: the longest first, so 'too brief' is not 'brief'."""
    keys = sorted(table, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _length() -> tuple[re.Pattern, dict[str, int]]:
    table = {w: -1 for name in ("shorter", "too_long") for w in _words(name)}
    table.update({w: 1 for name in ("longer", "too_short") for w in _words(name)})
    return _phrases(table), table


@lru_cache(maxsize=1)
def _tone() -> tuple[re.Pattern, dict[str, tuple[int, bool]]]:
    """Each tone word: the direction it asks for (1 more formal, -1 friendlier) and whether it names a fault
    (said of the draft as it is, so never turned round)."""
    table = {w: (1, False) for w in _words("formal")}
    table.update({w: (-1, False) for w in _words("friendly")})
    table.update({w: (-1, True) for w in _words("too_formal")})
    table.update({w: (1, True) for w in _words("too_casual")})
    return _phrases(table), table


@lru_cache(maxsize=8)
def _listed(name: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in _words(name)), re.IGNORECASE)


def _sign(votes: list[int]) -> int:
    total = sum(votes)
    return (1 if total > 0 else -1) if total else (votes[-1] if votes else 0)


def length_step(text: str) -> int:
    """-1 shorter, 1 longer, 0 neither. A proportion of what exists ('a third the size', 'twice as long') and
    content asked to be added to it ('add a sentence about …') move it too."""
    pattern, table = _length()
    votes = [table[m.group(0).lower()] for m in pattern.finditer(text)]
    votes += [-1 for _ in _listed("fraction").finditer(text)] + [1 for _ in _listed("multiple").finditer(text)]
    return _sign(votes + [1 for _ in _listed("adding").finditer(text)])


def _direction(before: str, after: str) -> tuple[int, bool]:
    """Whether a tone word is asked for (1) or away from (-1), from the words just before it ('too formal',
    'make it sound professional', 'less casual') and after ('formal enough'); and whether a word decided it."""
    if re.match(r"\W*enough\b", after, re.IGNORECASE):
        return 1, True
    away, toward, skip = set(_words("away")), set(_words("toward")), set(_words("skip"))
    said = re.findall(r"[\w'-]+", before.lower())[-WINDOW:]
    i = len(said)
    while i > 0:
        two = " ".join(said[i - 2:i]) if i >= 2 else ""
        for word in (two, said[i - 1]):
            if word in away:
                return -1, True
            if word in toward:
                return 1, True
        if said[i - 1] not in skip:
            break
        i -= 1
    return 1, False


def tone_step(text: str) -> tuple[int, bool]:
    """-1 friendlier, 1 more formal, 0 neither; and whether the words plainly ask for it (a fault named, or a
    word such as 'too', 'more', 'make it sound' that settles which way), not only name a tone."""
    votes, settled = _tone_votes(text)
    # "make it more professional, it is sounding very casual": the way asked for outweighs a tone only named
    return _sign(settled or votes), bool(settled)


def _tone_votes(text: str) -> tuple[list[int], list[int]]:
    """Every tone word's way, and the ways a fault or a word such as 'more' settles."""
    pattern, table = _tone()
    votes, settled = [], []
    for m in pattern.finditer(text):
        way, fault = table[m.group(0).lower()]
        turn, decided = (1, True) if fault else _direction(text[:m.start()], text[m.end():])
        votes.append(way * turn)
        if decided:
            settled.append(way * turn)
    return votes, settled


def tone_torn(text: str) -> bool:
    """The words settle the tone both ways ("so stiff … make it a bit more lekker and chatty")."""
    settled = _tone_votes(text)[1]
    return 1 in settled and -1 in settled


def asks_revision(text: str) -> bool:
    """The words plainly ask for a style step on the draft on the table: a length step, or a tone step that a
    fault named ('too stiff') or a word such as 'more' or 'make it sound' settles. Such words revise the draft
    whatever context is said beside them ('he was my manager for years, make it sound like me')."""
    tone, plain = tone_step(text)
    return bool(length_step(text) or (tone and plain))


def asks_again(text: str) -> bool:
    """The words ask for another version of the draft on the table, or name a change to it, in a message of any
    length ("give me a completely different take", "rewrite it")."""
    return bool(_listed("change").search(text) or _listed("again").search(text))


# The draft on the table asked for on another channel, in a message of any length ("she hardly uses LinkedIn, can
# you transform it in an email?", "could you redo this as a connection note").
CHANNEL_SWITCH = re.compile(r"\b(?:make|turn|transform|convert|change|switch|redo|rewrite|do|move|put|pivot|flip|shift|"
                            r"swap|port|adapt|reformat)\s+(?:it|this|that|"
                            r"the (?:draft|message|note|email))\s+(?:in|into|to|as|over to|for)\s+(?:an?\s+)?"
                            r"(?:e-?mail|linkedin|dm|inmail|note|message|connection|msg)", re.IGNORECASE)


def follows_up(text: str, channel: str | None, goal: str | None) -> bool:
    """The words change the draft on the table (a style step, another channel, another version) rather than ask
    for something new."""
    tone, plain = tone_step(text)
    if asks_again(text) or length_step(text) or (tone and plain) or (channel and CHANNEL_SWITCH.search(text)):
        return True
    short = len(text.split()) <= SHORT_FOLLOW_UP and goal is None and not QUESTION.search(text)
    if short and bool(_listed("again_short").search(text) or tone or channel):
        return True
    if goal is not None or QUESTION.search(text):
        return False
    guess = change_guess(text)  # "it reads like a legal notice lol. warmer pls, we were actually close"
    return guess.label not in ("none", "channel") and guess.probability >= CHANGE_SURE


@lru_cache(maxsize=64)
def change_guess(text: str) -> Guess:
    """The change reader's reading of a reply, once per reply (`follows_up` and `revision` both ask)."""
    from coach.conversation.intents import change_model

    return change_model().guess(text)


def revision(text: str, channel: str | None, guess: Guess | None = None) -> Reading:
    """How a revision moves the last draft: each style step goes one way or the other, never only one way. Where
    the words read no step, name a tone without saying which way or settle it both ways, the change reader's change when it is likely
    enough (`guess`: its reading, for tests)."""
    again = bool(_listed("again").search(text) or _listed("again_short").search(text))
    length, (tone, plain) = length_step(text), tone_step(text)
    why = "revising the last draft"
    if not (length or again or channel or (tone and plain)) or (tone_torn(text) and not (length or again)):
        guess = guess or change_guess(text)
        sure = guess.probability >= (CHANGE_SURE if tone or guess.label in TONES else CHANGE_TAKEN)
        if sure and guess.label in TONES:
            tone, why = TONES[guess.label], why + " (read by the change reader)"
        elif sure and guess.label in LENGTHS and not tone:
            length, why = LENGTHS[guess.label], why + " (read by the change reader)"
        elif sure and guess.label == "another" and not tone:
            again, why = True, why + " (read by the change reader)"
    return Reading(intent="revise", channel=channel, length=length, tone=tone, regenerate=again, why=why)
