"""Whose voice a line is in, brought to the one the rules read: the user as "I", the contact by name, what
happened in the past tense.

A chat message the contact wrote says "I" for them and "you" for the user; one the user wrote says "you" for
the contact; an assistant's notes call the user by name ("Mr. Kim met her at…"); a note to self says "you" for
the user; a journal tells what happened in the present ("I meet Dana at the expo"). Each is recast word for
word: a pronoun or a name for another, a verb for its own other form (its agreement, or its past from a fixed
table of event verbs). Nothing is added, nothing reworded.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coach.core.text import _base_verb

PAST_IRREGULAR = {"gave", "took", "made", "met", "ran", "built", "taught", "told", "sent", "spoke", "wrote", "went",
                  "got", "left", "became", "won", "brought", "lent", "found", "did", "said", "saw", "came", "led",
                  "paid", "put", "set", "shared", "bought", "held", "kept", "showed", "began", "hired", "drove",
                  "sat", "had", "was", "were", "forgot", "knew", "thought", "heard", "spent"}
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)?|[^A-Za-zÀ-ÿ]+")
_CLAUSE_START = {"and", "but", "that", "when", "so", "because", "if", "then", "since", "after", "before", "while",
                 "as", "once", "said", "says"}
_NOT_VERBS = {"can", "could", "will", "would", "should", "might", "must", "may", "did", "was", "were", "had", "also",
              "just", "still", "now", "really", "already", "never", "always", "often", "recently", "finally",
              "actually", "even", "only", "not", "too", "both", "all"}
# Event verbs a journal tells in the present, and their past: what happened, never a state ("she runs growth").
_EVENTS = {"meet": "met", "tell": "told", "say": "said", "offer": "offered", "promise": "promised", "give": "gave",
           "introduce": "introduced", "help": "helped", "invite": "invited", "send": "sent", "show": "showed",
           "ask": "asked", "talk": "talked", "chat": "chatted", "discuss": "discussed", "suggest": "suggested",
           "mention": "mentioned", "review": "reviewed", "recommend": "recommended", "share": "shared",
           "walk": "walked", "sit": "sat", "hand": "handed", "swap": "swapped", "exchange": "exchanged",
           "run": "ran", "bump": "bumped", "spend": "spent", "agree": "agreed", "explain": "explained",
           "refer": "referred", "connect": "connected", "present": "presented", "pitch": "pitched", "see": "saw",
           "drive": "drove", "find": "found", "watch": "watched", "describe": "described", "host": "hosted"}
_EVENT_FORMS = {**_EVENTS, **{(v + "es" if v.endswith(("sh", "ch", "ss", "x")) else v + "s"): p
                              for v, p in _EVENTS.items()}, "says": "said"}
_STATE_AFTER_RUN = re.compile(r"^\s+(?:into|across)\b")  # "runs into" is an event; "runs growth" is a state


def past(word: str) -> bool:
    w = word.lower()
    return w.endswith("ed") or w in PAST_IRREGULAR or w.endswith("'d")


def _case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() and word[:1].islower() else word


def _third(verb: str) -> str:
    """The verb after a named subject: 'have' -> 'has', 'love' -> 'loves'; a past, a modal, an adverb stay."""
    low = verb.lower()
    if low in _NOT_VERBS or past(low) or low.endswith(("ly", "s")):
        return verb
    if low in ("am", "have", "do", "go"):
        return {"am": "is", "have": "has", "do": "does", "go": "goes"}[low]
    if low.endswith(("sh", "ch", "x", "z", "o")):
        return verb + "es"
    if len(low) > 2 and low.endswith("y") and low[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _first(verb: str) -> str:
    """The verb after a new 'I': 'owes' -> 'owe', 'is' -> 'am', 'was' stays."""
    low = verb.lower()
    fixed = {"is": "am", "was": "was", "has": "have", "does": "do", "isn't": "am not", "hasn't": "haven't",
             "doesn't": "don't", "'s": "'m"}
    if low in fixed:
        return fixed[low]
    if low in _NOT_VERBS or past(low):
        return verb
    return _base_verb(verb)


def _subject_here(start: bool, nxt: str) -> bool:
    """Whether a pronoun is a subject: it opens a clause, or a verb follows it ("told him you were…")."""
    low = nxt.lower()
    return start or low in _NOT_VERBS - {"also", "just", "still", "now", "all", "both", "too", "not", "only"} or \
        low in ("are", "have", "need", "want", "should", "do") or low.endswith(("n't", "n’t")) or \
        (past(low) and low != "had")


def _recast(text: str, swap: Callable[[str, bool], tuple[str, Callable[[str], str] | None] | None]) -> str:
    """Each word through `swap(word, is_subject)`: None keeps it; (new, agree) puts `new` in and passes the
    next word through `agree` (its verb's agreement with the new subject)."""
    tokens = _TOKEN.findall(text)
    words = [i for i, t in enumerate(tokens) if t[:1].isalpha()]
    after = {i: tokens[j] for i, j in zip(words, words[1:], strict=False)}
    out: list[str] = []
    start, agree = True, None
    for n, tok in enumerate(tokens):
        if not tok[:1].isalpha():
            out.append(tok)
            if re.search(r"[.;:!?(\n—–\"“]|\s-\s", tok):
                start = True
            continue
        if agree is not None:
            new = agree(tok)
            agree = None if tok.lower() not in _NOT_VERBS - {"can", "could", "will", "would", "should", "might",
                                                             "must", "may", "did", "was", "were", "had"} else agree
            out.append(new)
            start = False
            continue
        got = swap(tok, _subject_here(start, after.get(n, "")))
        if got is None:
            out.append(tok)
        else:
            out.append(_case(got[0], tok))
            agree = got[1]
        start = tok.lower() in _CLAUSE_START
    return "".join(out)


def spoken_by_them(text: str, name: str) -> str:
    """A message the contact wrote: their "I" is their name, their "you" is the user ("I can intro you to Bob"
    -> "Dana can intro me to Bob")."""
    mine = {"i": (name, _third), "i'm": (f"{name} is", None), "i've": (f"{name} has", None),
            "i'd": (f"{name} would", None), "i'll": (f"{name} will", None), "my": (f"{name}'s", None),
            "mine": (f"{name}'s", None), "myself": (name, None), "we": ("they", None), "us": ("them", None),
            "our": ("their", None), "we're": ("they're", None), "we've": ("they've", None),
            "your": ("my", None), "yours": ("mine", None), "you're": ("I'm", None), "you've": ("I've", None),
            "you'd": ("I'd", None), "you'll": ("I'll", None), "yourself": ("myself", None)}

    def swap(word: str, start: bool):
        low = word.lower().replace("’", "'")
        if low == "me":
            return (name, None)
        if low == "you":
            return ("I", None) if start else ("me", None)
        return mine.get(low)
    return _recast(text, swap)


def spoken_by_me(text: str, name: str) -> str:
    """A message the user wrote: their "you" is the contact ("sent you the deck" -> "sent Dana the deck")."""
    yours = {"you": (name, None), "your": (f"{name}'s", None), "yours": (f"{name}'s", None),
             "you're": (f"{name} is", None), "you've": (f"{name} has", None), "you'd": (f"{name} would", None),
             "you'll": (f"{name} will", None), "yourself": (name, None)}
    recast = _recast(text, lambda w, s: yours.get(w.lower().replace("’", "'")))
    first = recast.split(" ", 1)[0]
    return f"I {first[:1].lower()}{recast[len(first[:1]):]}" if first.islower() and past(first) else recast


def about_me(text: str, forms: tuple[str, ...]) -> str:
    """An assistant's note calling the user by name: "Mr. Kim met her at…" -> "I met her at…", "Sam owes her a
    reply" -> "I owe her a reply", "Sam's talk" -> "my talk"."""
    if not forms:
        return text
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    text = re.sub(rf"\b(?:{alts})['’]s\b(?!\s+(?:been|not|a|an|the|going|just|now)\b)", "my", text)
    marked = re.sub(rf"\b(?:{alts})\b", "zzmezz", text)
    return _recast(marked, lambda w, s: (("I", _first) if s else ("me", None)) if w == "zzmezz" else None)


def to_self(text: str) -> str:
    """A note to self in the second person: "You met Rafael at…" -> "I met Rafael at…"."""
    mine = {"your": "my", "yours": "mine", "you're": "I'm", "you've": "I've", "you'd": "I'd", "you'll": "I'll",
            "yourself": "myself"}

    def swap(word: str, start: bool):
        low = word.lower().replace("’", "'")
        if low == "you":
            return ("I", _first_were) if start else ("me", None)
        return (mine[low], None) if low in mine else None
    return _recast(text, swap)


def _first_were(verb: str) -> str:
    return {"were": "was", "are": "am", "weren't": "wasn't", "aren't": "am not"}.get(verb.lower(), verb)


_SUBJECT = r"(?:I|[Ww]e|[Ss]he|[Hh]e|[Tt]hey|{name})"


def present_journal(text: str, name: str) -> bool:
    """Whether a note tells what happened in the present tense: two clauses or more whose subject is followed
    by an event verb in the present ("I meet Dana…; she tells me…")."""
    subject = _SUBJECT.format(name=re.escape(name) if name else "I")
    forms = "|".join(sorted(_EVENT_FORMS, key=len, reverse=True))
    return len(re.findall(rf"\b{subject}\s+(?:also\s+|then\s+|just\s+)?(?:{forms})\b", text)) >= 2


def in_past(text: str, name: str) -> str:
    """A journal's present event verbs after their subject, in the past: "she tells me" -> "she told me"."""
    subject = _SUBJECT.format(name=re.escape(name) if name else "I")
    forms = "|".join(sorted(_EVENT_FORMS, key=len, reverse=True))

    def one(m: re.Match) -> str:
        verb = m.group("verb")
        if verb.lower() in ("run", "runs", "bump", "bumps") and not _STATE_AFTER_RUN.match(text[m.end():]):
            return m.group(0)
        return m.group("head") + _EVENT_FORMS[verb.lower()]
    return re.sub(rf"(?P<head>\b(?:{subject}|and)\s+(?:also\s+|then\s+|just\s+)?)(?P<verb>{forms})\b", one, text)


def second_person_note(text: str) -> bool:
    """Whether a note speaks to the user as "you" (a note to self): two sentences or more open with "You" and
    a verb, and none with "I"."""
    text = re.sub(r"[\"“][^\"“”]*[\"”]", "", text)  # what someone said, in quotes, is in their voice
    opens = re.findall(r"(?:^|[.!?]\s+|\n\s*(?:[-*•]\s*)?)(You)(?:['’]\w+)?\s", text)
    return len(opens) >= 2 and not re.search(r"\b(?:I|my|me|mine)\b|\bI['’]", text)
