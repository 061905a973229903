"""What the user makes of their situation, read from the clauses whose subject is the user.

Each clause (`coach.advice.clauses.clauses_of`) with the user as subject ("I…", "we…", or an infinitive framed
for the user: "how do I…", "how to…") is read as a typed `Attitude`: the head verb after auxiliaries and
adverbs, whether it is negated, the modal it carries, and the infinitive it governs ("I don't want to write
it" -> want, negated, then write). The verb classes are data (`coach/resources/advice/stances.yaml`); the
rules that turn readings into a stance are here:

    negated reluctance ("I don't want to…", "I'm not comfortable…")   -> declining, if someone asked the user
    a negated modal ("I can't…", "I won't…") before a verb of doing     -> declining, if someone asked the user
    a refusal ("how do I say no", "get out of", "I'd rather not")       -> declining, if someone asked the user
    a refusal negated ("I don't want to say no")                        -> agreeing: the reading stays 'asked'
    the user's own lapse ("I ghosted", "I snapped at", "I never replied") -> repairing
    thanks the user owes or wants to give ("I want to thank", "I'm grateful") -> thanking

What the negated wish is about decides too: "I don't want to be rude" is the manner of an answer, not a no, and
"I don't want to say no" is a yes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from coach.advice.clauses import clauses_of
from coach.core.text import sentences

DATA = Path(__file__).resolve().parent.parent / "resources" / "advice" / "stances.yaml"

_SUBJECT = {"i", "we", "i'd", "i'll", "i've", "i'm", "we'd", "we'll", "we've", "we're"}
_FRAME = {"how", "whether", "way"}  # "how to say no": an infinitive whose actor is the user
_NEGATED_MODAL = {"can't": "can", "cannot": "can", "couldn't": "could", "won't": "will", "wouldn't": "would",
                  "shouldn't": "should", "mustn't": "must"}
_NEGATION = {"not", "never", "don't", "doesn't", "didn't", "haven't", "hasn't", "hadn't", "isn't", "aren't",
             "wasn't", "weren't", "no"}
_SKIP = {"do", "does", "did", "am", "is", "are", "was", "were", "be", "been", "have", "has", "had", "really",
         "just", "still", "even", "honestly", "also", "actually", "truly", "simply", "already", "ever", "always",
         "quite", "so", "too", "very", "myself", "i", "we"}
_APOLOGY = {"apology", "apologies", "apologise", "apologize"}


@dataclass(frozen=True)
class Attitude:
    """One clause with the user as subject: its head verb, negation, modal, and what the verb governs."""

    verb: str
    negated: bool
    modal: str
    rest: tuple[str, ...]
    sentence: int


@lru_cache(maxsize=1)
def classes() -> dict:
    """The verb classes, read once."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {k: (set(v) if isinstance(v, list) else {p: set(q) for p, q in v.items()}) for k, v in data.items()}


def _read(clause: list[str], start: int, sentence: int) -> Attitude | None:
    """The head verb after the subject at `start - 1`, past auxiliaries, adverbs, negation and modals."""
    negated, modal, j = False, "", start
    while j < len(clause):
        word = clause[j]
        if word in _NEGATED_MODAL:
            negated, modal = True, _NEGATED_MODAL[word]
        elif word in _NEGATION:
            negated = True
        elif word in classes()["modal"]:
            modal = word
        elif word not in _SKIP and not (word.endswith("ly") and len(word) > 4) and word != "to":
            break
        j += 1
    if j >= len(clause):
        return Attitude("", negated, modal, (), sentence) if negated else None
    return Attitude(clause[j], negated, modal, tuple(clause[j + 1:]), sentence)


def attitudes(text: str) -> list[Attitude]:
    """Every clause of `text` with the user as its subject, read."""
    out: list[Attitude] = []
    for n, sentence in enumerate(sentences(text)):
        for clause in clauses_of(sentence):
            for i, word in enumerate(clause):
                framed = word in _FRAME and i + 1 < len(clause) and clause[i + 1] == "to"
                if word in _SUBJECT or framed:
                    read = _read(clause, i + 1, n)
                    if read:
                        out.append(read)
                    break
    return out


def _infinitive(a: Attitude) -> Attitude | None:
    """The verb an attitude governs through 'to' ("want to write it" -> write) or 'of/about …ing' ("thinking of
    sending"), with its own negation."""
    if len(a.rest) < 2 or not (a.rest[0] == "to" or (a.rest[0] in ("of", "about") and a.rest[1].endswith("ing"))):
        return None
    words = [w for w in a.rest[1:] if w not in ("really", "just", "even", "ever", "always")]
    if words and words[0] in _NEGATION:
        return Attitude(words[1] if len(words) > 1 else "", True, "", tuple(words[2:]), a.sentence)
    return Attitude(words[0], False, "", tuple(words[1:]), a.sentence) if words else None


def _refusal(a: Attitude) -> bool:
    c = classes()
    if a.verb in c["refusal"]:
        return True
    if a.verb in c["rather"] and "not" in a.rest[:2]:
        return True
    particles = c["refusal_particles"].get(a.verb)
    return bool(particles and particles & set(a.rest[:4]))


def stance(a: Attitude) -> str | None:
    """'declining', 'agreeing', 'repairing', 'thanking' or None for one reading ('declining' and 'agreeing' still
    need someone to have asked the user: `read_stance` checks that)."""
    c = classes()
    inner = _infinitive(a)
    if _refusal(a):
        return "agreeing" if a.negated and not a.modal else "declining"  # "I can't say no" still wants out
    if a.negated and a.verb in c["reluctance"]:
        if a.verb in ("think", "sure", "feel") and not (_SUBJECT | c["reluctance"]) & set(a.rest[:3]):
            return None  # "I don't think he'd mind": no attitude of the user's to what was asked
        if inner and _refusal(inner):
            return "agreeing"  # "I don't want to say no"
        if inner and inner.verb in c["manner"]:
            return None  # "I don't want to be rude"
        return "declining"
    if a.negated and a.verb in c["capacity"] or (a.verb in ("got", "have") and a.rest[:1] == ("no",)
                                                and set(a.rest[1:3]) & c["capacity"]):
        return "declining"  # "I have no bandwidth", "I've got no time for this"
    if a.negated and a.modal and a.verb and a.verb not in c["manner"] and \
            not (a.rest and (a.rest[0].endswith("ing") or a.rest[0] == "but")):
        return "declining"  # "I can't recommend her", "I won't lie for him" (not "I can't help thinking")
    if a.negated and a.verb in c["owed"] and not a.modal:
        return "repairing"  # "I never replied", "I didn't thank her"
    if a.negated:
        return None
    if a.verb in c["cessation"] and a.rest[:1] and a.rest[0].endswith("ing"):
        return "declining"  # "I've stopped forwarding them": a no already being said
    if a.verb in c["lapse"]:
        return "repairing"
    if a.verb == "owe" and _APOLOGY & set(a.rest[:4]):
        return "repairing"
    if a.verb in c["gratitude"] or (a.verb in c["giving"] and (c["gratitude"] | c["gift"]) & set(a.rest[:6])):
        return "thanking"
    if inner:
        return stance(inner)  # "I want to thank her", "I need to decline", "I'd like to get out of it"
    return None


_ORDER = ("declining", "agreeing", "repairing", "thanking")


def read_stance(text: str, asked: bool) -> str | None:
    """The user's stance over the whole text: a decline or a yes (only when someone asked the user), else owning a
    lapse, else thanks; None when no clause of the user's says."""
    found = {stance(a) for a in attitudes(text)} - {None}
    if not asked:
        found -= {"declining", "agreeing"}
    return next((s for s in _ORDER if s in found), None)
