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
    regret of the user's own act ("I shouldn't have…", "I was out of order") -> repairing
    a favour the user already gave ("I passed her CV on", "I vouched for him")   -> settled: no longer asked
    thanks the user owes or wants to give ("I want to thank", "I'm grateful") -> thanking
    the user after something of someone ("I need to go back to work", "how can I vet a partner", "the etiquette
    for messaging recruiters?")                                          -> seeking: the user is the one asking

What the negated wish is about decides too: "I don't want to be rude" is the manner of an answer, not a no, and
"I don't want to say no" is a yes. Every user subject in a clause is read ("…the people I ignored"), and a clause
joined by "and"/"then" with no subject of its own takes the user's from the clause before ("I quit and then
ignored their calls"), as does a sentence that opens on a past verb ("Said things I regret.").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
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
# A modal inside the user's clause, after its verb, opens a clause of someone else's ("…afraid it will …").
_MODAL_AUX = {"will", "would", "could", "might", "may", "can", "won't", "wouldn't", "couldn't", "can't", "he'll",
              "she'll", "they'll", "it'll", "he'd", "she'd", "they'd", "it'd"}
_INVERTED = {"do", "can", "could", "should", "would", "will", "shall", "may", "might", "must"}  # "how do I…"
_REQUEST_PRONOUN = {"it", "this", "that", "it's", "that's", "this's", "it'd", "that'd", "it'll"}  # what was asked
_APOLOGY = {"apology", "apologies", "apologise", "apologize"}
_JOINED = {"and", "then", "but", "or"}  # a clause opening so, with no subject, shares the clause before's
_COPULA = {"was", "were", "been", "am", "is", "are", "i'm", "we're"}
_LEAD_IN = _JOINED | _FRAME | {"so", "now", "honestly", "frankly", "also", "still", "just", "because", "since",
                               "if", "when", "though", "although", "that", "to", "do", "should", "can", "could",
                               "would", "did", "what", "why", "where", "am", "is", "are", "was"}


@dataclass(frozen=True)
class Attitude:
    """One clause with the user as subject: its head verb, negation, modal, and what the verb governs."""

    verb: str
    negated: bool
    modal: str
    rest: tuple[str, ...]
    sentence: int
    perfect: bool = False  # a modal's perfect ("should have", "shouldn't have"): what the user did, judged
    copula: bool = False  # "I was …", "I'm …", "I've been …": the user described
    relative: bool = False  # a later subject in its clause ("a person I can't vouch for"): says what the user did,
    # not what they make of a request
    ahead: bool = False  # "how do I…", "should I…", "how to…", "I want to…": what the user would do, not did


@lru_cache(maxsize=1)
def classes() -> dict:
    """The verb classes, read once."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {k: (set(v) if isinstance(v, list) else {p: set(q) for p, q in v.items()}) for k, v in data.items()}


def _read(clause: list[str], start: int, sentence: int) -> Attitude | None:
    """The reading of the clause after its subject (`clause[start - 1]`, or none)."""
    return _read_from(clause, start, sentence, start > 0 and clause[start - 1] in _COPULA)


def _read_from(clause: list[str], start: int, sentence: int, copula: bool) -> Attitude | None:
    """The head verb after the subject at `start - 1`, past auxiliaries, adverbs, negation and modals."""
    negated, modal, perfect, j = False, "", False, start
    while j < len(clause):
        word = clause[j]
        if word == "have" and modal and clause[j + 1: j + 2] != ["to"]:  # "have to" is a need, not the perfect
            perfect = True
        copula = copula or word in _COPULA
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
        return Attitude("", negated, modal, (), sentence, perfect, copula) if negated or perfect else None
    if copula and clause[j] in ("a", "an", "so", "such", "very", "really", "totally", "pretty", "quite"):
        j += 1  # "I was a jerk", "I was so rude": the word that describes the user
    if j >= len(clause):
        return None
    return Attitude(clause[j], negated, modal, tuple(clause[j + 1:]), sentence, perfect, copula)


def attitudes(text: str) -> list[Attitude]:
    """Every clause of `text` with the user as its subject, read."""
    out: list[Attitude] = []
    for n, sentence in enumerate(sentences(text)):
        users = False  # whether the clause before had the user as subject
        inner = False  # whether that clause ended in someone else's clause under a modal
        for k, clause in enumerate(clauses_of(sentence)):
            if set(clause) <= _JOINED:  # "and" cut off before "then …": the clause after is still joined
                continue
            had = False
            if _elided(clause, users, k, inner):  # "…and then ignored their calls", "Said things I regret."
                start = 1 if clause[0] in _JOINED else 0
                read = _read(clause, start, n)
                if read:
                    out.append(read)
                had = True
            for i, word in enumerate(clause):
                framed = word in _FRAME and i + 1 < len(clause) and clause[i + 1] == "to"
                if word in _SUBJECT or framed:
                    read = _read(clause, i + 1, n)
                    if read:
                        later = not framed and (had or i > 0 and clause[i - 1] not in _LEAD_IN)
                        asking = framed or (i > 0 and clause[i - 1] in _INVERTED)
                        out.append(replace(read, relative=later, ahead=asking))
                    had = True
            users = had
            inner = had and _embedded(out[-1:])
    return out


def _embedded(last: list[Attitude]) -> bool:
    """Whether the user's clause ends in a clause of someone else's under a modal ("I'm afraid her remark will
    land badly"): a bare verb joined after it with no subject ("…and hurt them both") continues that one."""
    rest = last[0].rest if last else ()
    return any(w in _MODAL_AUX for w in rest[1:])


def _elided(clause: list[str], users: bool, k: int, inner: bool = False) -> bool:
    """Whether a clause has no subject of its own and is the user's: joined to a clause of the user's
    ("and then ignored"), or the opening of a sentence on a past verb ("Said things I regret.")."""
    words = [w for w in clause if w not in _SKIP - {"i", "we"} and w not in _JOINED - {clause[0]}]
    if not words or words[0] in _SUBJECT or (clause[0] in _JOINED and words[1:2] and words[1] in _SUBJECT):
        return False
    verb = words[0] if clause[0] not in _JOINED else (words[1] if len(words) > 1 else "")
    past = verb.endswith("ed") or verb in classes()["lapse"] or verb in classes()["past"]
    if clause[0] in _JOINED:  # "…and then ignored", "…but don't want to": a past verb or a negation
        if inner and not verb.endswith("ed"):
            return False  # "…afraid it will go badly and hurt us both": the bare verb is the modal clause's
        return users and (past or verb in _NEGATION or verb in _NEGATED_MODAL)
    # "Said things I regret.", or a list of the user's acts after a comma ("I panicked, yelled at him and left"):
    # a past verb with no subject of its own, opening the sentence or following a clause of the user's
    return past and (k == 0 or (users and not inner and verb in classes()["lapse"] | classes()["past"]))


def _infinitive(a: Attitude) -> Attitude | None:
    """The verb an attitude governs through 'to' ("want to write it" -> write) or 'of/about …ing' ("thinking of
    sending"), with its own negation."""
    if len(a.rest) < 2 or not (a.rest[0] == "to" or (a.rest[0] in ("of", "about") and a.rest[1].endswith("ing"))):
        return None
    words = [w for w in a.rest[1:] if w not in ("really", "just", "even", "ever", "always")]
    if words and words[0] in _NEGATION:
        return Attitude(words[1] if len(words) > 1 else "", True, "", tuple(words[2:]), a.sentence, ahead=True)
    return Attitude(words[0], False, "", tuple(words[1:]), a.sentence, ahead=True) if words else None


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
    if a.verb in c["letting_down"] and "down" in a.rest[:3] and not a.negated and \
            (a.ahead or a.modal or c["softening"] & set(a.rest[:5])):
        return "declining"  # "how do I let him down", "I'll have to let her down gently"
    if a.verb in c["letting_down"] and "down" in a.rest[:3] and not a.negated and not a.copula:
        return "repairing"  # "I let her down": the user's own lapse
    if a.negated and a.modal and not a.verb and not a.perfect:
        return "declining"  # "I can't, …", "I just won't.": a no with the request left unsaid
    if a.negated and a.verb in c["reluctance"]:
        if a.verb == "think" and a.rest[:1] and a.rest[0] in _REQUEST_PRONOUN and c["approval"] & set(a.rest[1:6]):
            return "declining"  # "I didn't think it was wise", "I don't think that's a good idea"
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
    if a.perfect and a.modal == "should" and (a.negated or a.verb in c["owed"]):
        return "repairing"  # "I shouldn't have said it", "I should have replied": the user's own act, regretted
    if a.copula and not a.negated and a.verb in c["fault"]:
        return "repairing"  # "I was a jerk about it", "I've been unfair to her"
    if a.negated:
        return None
    if a.verb in c["cessation"] and a.rest[:1] and a.rest[0].endswith("ing"):
        return "declining"  # "I've stopped forwarding them": a no already being said
    if a.verb in c["lapse"] and not a.modal and not a.copula:  # "I'm upset", "I was hurt": a feeling, no lapse
        return "repairing"
    if a.verb == "owe" and _APOLOGY & set(a.rest[:4]):
        return "repairing"
    if a.verb in c["gratitude"] or (a.verb in c["giving"] and (c["gratitude"] | c["gift"]) & set(a.rest[:6])):
        return "thanking"
    if inner:
        return stance(inner)  # "I want to thank her", "I need to decline", "I'd like to get out of it"
    return None


def granted(a: Attitude) -> bool:
    """Whether a reading is a favour the user already gave: "I forwarded her CV", "I put him in touch with…",
    "I gave her a glowing reference" (past, not negated, no modal)."""
    c = classes()
    if a.negated or a.modal or {"my", "our"} & set(a.rest[:3]):  # "I sent my CV": the user's own, no favour
        return False
    if a.verb in c["granting"]:
        return True
    objects = c["granting_objects"].get(a.verb)
    return bool(objects and objects & set(a.rest[:5]))


def gave_already(text: str) -> bool:
    """Whether the user says they already did a favour asked of them (so the request is settled, not open)."""
    return any(granted(a) for a in attitudes(text))


def _vouching(a: Attitude) -> bool:
    """Whether a clause refuses to stand behind someone ("I would not recommend him", "I don't want to refer her"):
    a decline whose request is implied, since only someone else's asking puts it to the user."""
    if stance(a) != "declining":
        return False
    inner = _infinitive(a) or a
    return inner.verb in classes()["vouching"] and not (inner.rest[:1] and inner.rest[0] in ("me", "myself", "us"))


def declines(text: str) -> bool:
    """Whether a clause of the user's own says no, asked or not ("I don't want to keep doing it")."""
    return any(stance(a) == "declining" for a in attitudes(text) if not a.relative)


def refuses(text: str) -> bool:
    """Whether the user says outright, in a clause of their own, that they say no ("I want to decline", "I'd rather
    not", "how do I get out of it", a bare "I can't."; not "I can't recommend her", which weighs what was asked)."""
    return any(not a.relative and ((not a.negated and (_refusal(a) or (lambda i: i is not None and _refusal(i) and
                                                                         not i.negated)(_infinitive(a))))
                                   or (a.negated and a.modal and not a.verb and not a.perfect))  # "I can't."
               for a in attitudes(text))


def _pursuit(a: Attitude) -> bool:
    """Whether a verb goes after something from someone: 'reopen', 'message', or 'go' with 'back'."""
    c = classes()
    if a.verb in c["pursuit"]:
        return True
    particles = c["pursuit_particles"].get(a.verb)
    return bool(particles and particles & set(a.rest[:2]))


def _seeking(a: Attitude) -> bool:
    """Whether one reading says the user is after something: a pursuit the user wishes or needs ("I want to reopen
    the door", "I need to go back to work") or asks the coach how to do ("how can I check her record")."""
    if a.negated or a.relative or a.perfect:
        return False
    if a.ahead and _pursuit(a):
        return True
    inner = _infinitive(a) if a.verb in classes()["wish"] else None
    return bool(inner and not inner.negated and _pursuit(inner))


def _topic_of_question(sentence: str) -> bool:
    """Whether a question is about a pursuit as such, the user its unsaid actor: a gerund of pursuit after 'for',
    'about', 'on' or 'of' with no owner before it ("what's the etiquette for messaging recruiters?", "any tips on
    approaching a former boss?"; not "what about him messaging me?")."""
    if not sentence.rstrip().endswith("?"):
        return False
    for clause in clauses_of(sentence):
        for i, word in enumerate(clause[1:], 1):
            if clause[i - 1] in ("for", "about", "on", "of") and word.endswith("ing") and \
                    _pursuit(Attitude(word, False, "", tuple(clause[i + 1:]), 0)) and \
                    clause[i + 1: i + 2] not in (["me"], ["us"]):
                return True
    return False


def seeks(text: str) -> bool:
    """Whether the user says, in a clause of their own or a question about how to, that they are after something
    from someone: with no stance and no request told, the user is the one asking."""
    return any(_seeking(a) for a in attitudes(text)) or any(_topic_of_question(s) for s in sentences(text))


_ORDER = ("declining", "agreeing", "repairing", "thanking")


# What a request comes as, when the user has not yet answered it ("I missed a call", "I haven't answered her email").
_REQUEST_THINGS = frozenset("it this that him her them call calls email emails message messages voicemail text "
                            "texts request invite invitation dm dms".split())


# Not answering, or letting a request sit: "I ignored it", "I haven't replied", "I missed his call".
_ANSWERING = frozenset("answered replied responded returned ignored missed acknowledged written called texted emailed "
                       "rung rang".split())


def _unanswered(a: Attitude) -> bool:
    """A request the user has not answered yet ("I ignored it", "I haven't answered", "I missed a call"): where
    someone asked the user, the matter is still what to say to them, not a lapse of the user's to mend."""
    if a.verb not in _ANSWERING or a.modal or not (a.negated or a.rest):  # "I should have replied" is a lapse owned,
        # and "she'll be missed" no request at all
        return False
    return (not a.rest or a.rest[0] in _REQUEST_THINGS or
                                         bool(_REQUEST_THINGS & set(a.rest[:3])) or a.rest[0] in ("yet", "back"))


def awaits_answer(text: str) -> bool:
    """The user says they have not answered a request yet ("I ignored it", "I haven't replied")."""
    return any(_unanswered(a) for a in attitudes(text) if not a.relative)


def read_stance(text: str, asked: bool) -> str | None:
    """The user's stance over the whole text: a decline or a yes (only when someone asked the user), else owning a
    lapse, else thanks; None when no clause of the user's says."""
    said = [a for a in attitudes(text) if not (asked and _unanswered(a))]
    found = {stance(a) for a in said if not a.relative} | {stance(a) for a in said if a.relative} & {"repairing"}
    found -= {None}
    if not asked and not any(_vouching(a) for a in attitudes(text) if not a.relative):
        found -= {"declining", "agreeing"}
    return next((s for s in _ORDER if s in found), None)
