"""Who asks whom, read from the clauses' structure rather than from lists of phrasings.

Each sentence (`coach.core.text.sentences`) is cut into clauses at punctuation and conjunctions. In a clause
that holds a request verb ("ask", "request", "beg", "invite", "pitch", or "want"/"expect"/"need"/"push"
followed by an object and "to"), the requester is the verb's subject, found by walking back over
auxiliaries, adverbs and an infinitive's governing verb ("I really want to ask", "should I ask", "how to
ask": the user; "my old manager has asked", "she keeps pushing": someone else; a participle with no subject
of its own, "…messaged me asking for", takes the subject of the clause before). The one asked is the
verb's object: "me"/"us" (or "whether I could", "for my help") is the user; anyone else is someone else.

    X asked me to…          -> someone asked the user          ('asked')
    I want to ask X…        -> the user asks someone           ('asking')
    X wants me to…          -> someone asked the user          ('asked')
    I'd like X to…          -> the user asks someone           ('asking')

Someone asking for, or offering to carry, the user's own application ("the recruiter asked for my CV", "he said
he'd walk my resume into HR") is help the user seeks: the user is the one asking (`Request.offer`). A request
word after a determiner ("a more direct approach", "her request") is a noun, no request.

A negated clause ("she never asked me") states no request, nor does someone else's in a clause opening with
"if" ("if I'm ever asked for a referral"). The reader (`coach.advice.reader`) weighs this
reading with its stance cues and the phrasebook classifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.core.text import fold, sentences

USER, OTHER = "user", "other"

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+|-[0-9]+)?|[,;:()\-–—]+")  # a range ("40-80") is one token
_HYPOTHETICAL = {"if", "unless", "suppose", "supposing"}  # a clause opening so states no request that was made
_BREAK = {"if", "unless", "and", "but", "so", "because", "since", "although", "though", "while", "whereas", "yet", "or", "then"}
# Verbs that are a request whatever follows; their forms are listed so no stemming guesses wrong.
ASK = _ASK = {"ask", "asks", "asked", "asking", "request", "requests", "requested", "requesting", "beg", "begs", "begged",
        "begging", "invite", "invites", "invited", "inviting", "pitch", "pitches", "pitched", "pitching",
        "approach", "approaches", "approached", "approaching"}
# Carrying something on: with the user's own application as object, someone doing it helps the user.
_CARRY = {"walk", "walks", "walked", "walking", "pass", "passes", "passed", "passing", "forward", "forwards",
          "forwarded", "forwarding", "hand", "hands", "handed", "handing", "give", "gives", "gave", "giving",
          "take", "takes", "took", "taking", "bring", "brings", "brought", "bringing", "put", "puts", "putting",
          "submit", "submits", "submitted", "submitting", "send", "sends", "sent", "sending", "drop", "drops",
          "dropped", "dropping", "share", "shares", "shared", "sharing"}
# The user's application, as the object of a request or of carrying ("my CV", "a copy of my resume").
_TOPIC = {"on", "for", "about", "of"}  # a gerund after these in a question, with no subject, is the asker's own act
_MATERIAL = {"resume", "resumes", "cv", "cvs", "application", "portfolio", "name"}
_DEGREE = {"more", "most", "less", "very", "quite", "fairly"}
_NOUN_BEFORE = {"a", "an", "the", "my", "your", "his", "her", "their", "our", "its", "more", "any", "no", "every",
                "each", "some"}
# Verbs that are a request only with an object and an infinitive: "wants me to", "I'd like him to".
CONTROL = _CONTROL = {"want", "wants", "wanted", "wanting", "expect", "expects", "expected", "expecting", "need", "needs",
            "needed", "push", "pushes", "pushed", "pushing", "pressure", "pressures", "pressured", "pressuring",
            "urge", "urges", "urged", "urging", "nag", "nags", "nagged", "nagging", "like", "love", "get", "gets",
            "got", "getting"}
_AUX = {"do", "does", "did", "don't", "doesn't", "didn't", "should", "shouldn't", "can", "can't", "cannot",
        "could", "couldn't", "would", "wouldn't", "will", "won't", "shall", "may", "might", "must", "have", "has",
        "had", "haven't", "hasn't", "hadn't", "be", "been", "being", "is", "am", "are", "was", "were", "isn't",
        "aren't", "wasn't", "weren't", "keep", "keeps", "kept", "keeping", "just", "really", "also", "still",
        "now", "already", "finally", "recently", "never", "not", "always", "even", "actually", "once", "again",
        "politely", "directly", "suddenly", "then", "i'd", "i'll", "i've", "i'm", "we'd", "we'll", "we've",
        "she's", "he's", "they've", "she'd", "he'd", "they'd", "ever", "repeatedly", "constantly", "somehow",
        "eventually", "go", "going", "gonna", "try", "trying", "tried", "plan", "planning", "hope", "hoping",
        "want", "wanting", "wants", "wanted", "need", "needs", "needed", "like", "decide", "decided", "mean",
        "meaning", "thinking", "about", "of", "how", "whether", "when", "if", "what", "way", "best", "to", "and"}
_NEGATION = {"not", "never", "don't", "doesn't", "didn't", "won't", "wouldn't", "haven't", "hasn't", "hadn't",
             "isn't", "wasn't", "can't", "cannot", "couldn't", "shouldn't", "no"}
_WANTING = {"want", "wants", "wanted", "wanting", "need", "needs", "needed", "needing", "expect", "expects",
            "expected", "like"}
_DETERMINERS = {"my", "our", "his", "her", "their", "the", "a", "an", "someone", "somebody", "him", "them"}
_USER_OWN = {"my", "our", "mine"}
_MODAL = {"would", "might", "could", "may", "should", "will", "wouldn't", "won't", "couldn't"}
_PASSIVE = {"was", "were", "been", "being", "am", "is", "are", "get", "got", "gets", "getting", "i'm", "i've"}
_USER_SUBJECT = {"i", "we", "i'd", "i'll", "i've", "i'm", "we'd", "we'll", "we've", "we're"}
_USER_OBJECT = {"me", "us", "myself"}
_OTHER_PRONOUN = {"he", "she", "they", "he's", "she's", "they're", "he'd", "she'd", "they'd", "they've", "he'll",
                  "she'll", "they'll", "someone",
                  "somebody", "people", "everyone", "nobody", "who", "which", "that"}
# A clause that opens with one of these and has no subject of its own is an infinitive or a question to the
# reader whose actor is the user ("how to ask", "is it okay to ask").
_USER_FRAME = {"how", "whether", "okay", "ok", "fine", "weird", "rude", "strange", "awkward", "wrong", "late",
               "best", "way", "too", "right", "appropriate", "acceptable", "better", "worth"}


@dataclass(frozen=True)
class Request:
    """One request clause: who asks, who is asked ('' when the clause does not say), the verb, the sentence."""

    asker: str
    asked: str
    verb: str
    sentence: int
    offer: bool = False  # the user's own application asked for or carried on: help to the user


def clauses_of(sentence: str) -> list[list[str]]:
    """One sentence cut into clauses of folded tokens, at punctuation and conjunctions."""
    tokens = _TOKEN.findall(fold(sentence))
    out: list[list[str]] = [[]]
    for tok in tokens:
        if not tok[0].isalnum() or (tok in _BREAK and out[-1]):
            out.append([])
            if not tok[0].isalnum():
                continue
        out[-1].append(tok)
    return [c for c in out if c]


def _subject(clause: list[str], at: int) -> tuple[str, bool, bool]:
    """(who the subject of the verb at `at` is: user, other or '', negated, passive) walking back over
    auxiliaries; 'was asked', 'have been invited' are passive."""
    negated = passive = False
    i = at - 1
    governing = False  # past an infinitive's 'to', the verb or adjective that governs it is passed over once
    while i >= 0 and (clause[i] in _AUX or clause[i].endswith("ly") or governing) and \
            clause[i] not in _USER_FRAME - _AUX:
        negated = negated or clause[i] in _NEGATION
        passive = passive or (clause[i] in _PASSIVE and clause[at].endswith("ed"))
        if clause[i] in _USER_SUBJECT:
            return USER, negated, passive
        if clause[i] in _OTHER_PRONOUN:  # "they've asked me", "she'd asked": a contracted subject, not an auxiliary
            return OTHER, negated, passive
        governing = clause[i] == "to" and i > 0 and clause[i - 1] not in _AUX  # "hesitating to ask"
        i -= 1
    if i < 0:
        return (USER if set(clause[:at]) & _USER_FRAME else ""), negated, passive
    word = clause[i]
    if word in _USER_SUBJECT or word in _USER_OBJECT or word in _USER_FRAME:
        return USER, negated, passive  # "help me ask"; "is it okay to ask": the user asks
    return OTHER, negated, passive


def _object(clause: list[str], at: int) -> str:
    """Who the verb at `at` is aimed at: the user, someone else, or '' (not said)."""
    rest = clause[at + 1:]
    if not rest:
        return ""
    first = rest[0]
    if first in _USER_OBJECT:
        return USER
    if first in ("whether", "if") and len(rest) > 1 and rest[1] in _USER_SUBJECT:
        return USER  # "asked whether I could"
    if first == "that" and len(rest) > 1 and rest[1] in _USER_SUBJECT:
        return USER  # "requested that I look over"
    if first in ("for", "about") and len(rest) > 1 and rest[1] in ("my", "our"):
        return USER  # "asked for my help"
    if first in ("for", "about", "to", "whether", "if", "around", "again", "a", "an", "the", "that"):
        return ""
    return OTHER


def _control(clause: list[str], at: int) -> str:
    """For a control verb: whom it wants to act ('me to' -> the user; 'him to' / 'my boss to' -> other), or, with
    no one between, whom the wanted act is aimed at ('wants to connect with me', 'hopes to pick my brain': the
    user)."""
    rest = clause[at + 1: at + 6]
    if "to" not in rest:
        return ""
    before = rest[: rest.index("to")]
    if not before:
        aimed = clause[at + 2: at + 6]
        wished = bool(_MODAL & set(clause[:at]))  # "why would anyone want to meet me": no one wants it yet
        return USER if clause[at].startswith("want") and not wished and (_USER_OBJECT | _USER_OWN) & set(aimed) \
            else ""
    if before[0] in _USER_OBJECT:
        return USER
    if before[0] in ("a", "an", "some", "more", "it", "this", "that", "out", "in", "back", "on", "up", "time",
                     "help", "advice"):
        return ""  # "need a way to", "get back to": no one is asked to act
    return OTHER


def _noun(clause: list[str], at: int) -> bool:
    """Whether the request word at `at` is a noun: a determiner just before it ("her request"), or a degree word
    before the one word that describes it ("a more direct approach", "a very polite invite")."""
    before = clause[max(0, at - 2): at]
    if before[-1:] and before[-1] in _NOUN_BEFORE:
        return True
    return len(before) == 2 and before[0] in _DEGREE


def _own_application(rest: list[str]) -> bool:
    """Whether the words after a verb name the user's own application ("my resume", "a copy of my CV")."""
    window = rest[:6]
    return any(w == "my" and n in _MATERIAL for w, n in zip(window, window[1:], strict=False))


def _opening(clause: list[str]) -> str:
    """Who a clause opens with as its subject: the user ('I…', 'we…'), someone else (a noun), '' (a verb)."""
    first = next((w for w in clause if w not in _AUX and not w.endswith("ly")), "")
    if not first or first.endswith(("ing", "ed")):
        return ""
    return USER if first in _USER_SUBJECT else OTHER


def _toward(rest: list[str]) -> bool:
    """Whether a thing wanted comes from or leads to a person: 'from my old boss', 'to her team' (not 'to meet')."""
    return any(w in ("from", "to", "with") and n in _DETERMINERS for w, n in zip(rest, rest[1:], strict=False))


def _wanted(clause: list[str], at: int) -> str:
    """'favour' when a wanting verb takes a thing as its object ("wants an intro", "want a referral from")."""
    if clause[at] not in _WANTING or at + 1 >= len(clause):
        return ""
    return "favour" if clause[at + 1] in ("a", "an", "some", "my", "your", "his", "her", "their", "our") else ""


def requests(text: str) -> list[Request]:
    """Every request clause in `text`, in order."""
    out: list[Request] = []
    for n, sentence in enumerate(sentences(text)):
        previous = ""
        for clause in clauses_of(sentence):
            subject_here = ""
            hypothetical = clause[0] in _HYPOTHETICAL
            for i, word in enumerate(clause):
                if (word in _ASK or word in _CARRY) and _own_application(clause[i + 1:]) and not _noun(clause, i):
                    asker, negated, _ = _subject(clause, i)
                    if word.endswith("ing") and (i == 0 or clause[i - 1] not in _AUX):
                        asker = subject_here or (_opening(clause) if i else previous)
                    if asker == OTHER and not negated:  # "she asked for my CV", "he'd walk my resume in"
                        out.append(Request(OTHER, USER, word, n, offer=True))
                        break
                if word in _ASK and not _noun(clause, i):
                    asker, negated, passive = _subject(clause, i)
                    if word.endswith("ing") and (i == 0 or clause[i - 1] not in _AUX):
                        # a participle: "…messaged me, asking for", "I wrote to friends asking whether": the
                        # clause's own subject, else (a clause opening on its verb) the clause before's
                        asker = subject_here or (_opening(clause) if i else "") or previous
                        if not subject_here and i and clause[i - 1] in _TOPIC and sentence.rstrip().endswith("?"):
                            asker = USER  # "any tips on asking a former boss?": the question's topic is the user's act
                    asked = _object(clause, i)
                    if passive:  # "I was asked to", "she's been invited to"
                        asker, asked = (OTHER, asker) if asker else ("", "")
                    elif asker == OTHER and not asked:
                        asked = USER  # someone asked, nobody named: in the user's story, they asked the user
                    if asker and not negated and asker != asked and not (hypothetical and asker == OTHER):
                        out.append(Request(asker, asked, word, n))  # "if I'm ever asked": no one has asked
                        break
                elif word in _CONTROL:
                    asked = _control(clause, i) or _wanted(clause, i)
                    asker, negated, _ = _subject(clause, i)
                    if word.endswith("ing") and i and clause[i - 1] in _USER_OBJECT:
                        asker = subject_here or (_opening(clause) if i > 1 else previous)  # "…messaged me wanting"
                    if asked == "favour":  # "wants an intro to my boss" / "I want a referral from her"
                        asked = USER if asker == OTHER and (_USER_OBJECT | _USER_OWN) & set(clause[i + 1:]) else \
                            OTHER if asker == USER and _toward(clause[i + 2:]) else ""
                    if asked and asker and asker != asked and not negated and not (hypothetical and asker == OTHER):
                        out.append(Request(asker, asked, word, n))
                        break
                if word in _USER_SUBJECT:
                    subject_here = USER
                elif word in _OTHER_PRONOUN and not subject_here:
                    subject_here = OTHER
            previous = subject_here or _opening(clause) or previous
    return out


def who_asks(text: str) -> str | None:
    """'asked' when someone else asks the user (the first request clause that says who asks whom), 'asking' when
    the user asks someone or someone helps the user with their own application; None when no clause says."""
    for request in requests(text):
        if request.offer:  # someone helps the user with their own application: the user is the one asking
            return "asking"
        if request.asker == OTHER and request.asked == USER:
            return "asked"
        if request.asker == USER and request.asked != USER:
            return "asking"
    return None
