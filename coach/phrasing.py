"""Phrasing: what the user wrote, as sentences to the person.

The user's request ("congratulate her on the Series B", "My team could supply
the data pipeline for his pilot.") and their notes ("Talked about payments APIs
at PyCon", "She mentored me in the Women in Tech program") speak *of* the
recipient. A message speaks *to* them. The patterns and frames are data
(`prompts/phrasing.yaml`); this module applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.domain import Contact
from coach.prompts import load_data
from coach.text import capitalise, ensure_period, fold, second_person, sentences

DETERMINERS = ("the ", "your ", "her ", "his ", "their ", "a ", "an ", "my ", "our ")


def _data() -> dict:
    return load_data("phrasing")


def names_of(contact: Contact) -> tuple[str, ...]:
    """How a user may refer to the recipient in a request or a note."""
    return tuple(n for n in (contact.name, f"{contact.first_name} {contact.last_name}".strip(),
                             contact.first_name) if n)


def _who(contact: Contact) -> str:
    return "|".join(["her", "him", "them", *(re.escape(n) for n in names_of(contact))])


def _fill(template: str, x: str) -> str:
    x = x.strip().rstrip(".!;,")
    return template.replace("{X}", capitalise(x)).replace("{x}", x)


def _tidy(text: str) -> str:
    """The user's quick punctuation made readable: 'A; B' -> 'A, and B'; no doubled spaces."""
    text = " ".join(text.split())
    text = re.sub(r"\s*;\s*(?=[a-z]|I\b)", ", and ", text)
    text = re.sub(r",\s+(?=it (?:got|helped|led|made|landed)\b)", ": ", text)  # "the article, it got me…"
    return text


def situation_reason(text: str) -> str:
    """The reason a message may give, from what the user told the coach about a situation: the first thing
    told (a question is for the coach), up to where it turns to how they feel; '' when what is left is still
    for the coach (feelings, the recipient in the third person, asking what to do)."""
    data = _data()["request"]
    told = [s for s in sentences(text) if not s.rstrip().endswith("?")]
    if not told:
        return ""
    first = re.split(data["situation_turns"], told[0].strip(), maxsplit=1)[0].strip().rstrip(".,;:!")
    first = re.sub(r"[\s,]+(?:and|or|so|then)$", "", first)  # "… two weeks ago and... nothing"
    low = f" {fold(first)} "
    if len(first.split()) < 3 or any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", low)
                                     for w in data["not_for_them"]):
        return ""
    if re.match(r"[A-Z][a-z]+ed\b", first) and fold(first.split()[0]) not in data["lowercase_starters"]:
        first = f"I {first[0].lower()}{first[1:]}"  # "Emailed Oliver…": the user's shorthand
    return ensure_period(first)


def request_sentence(context: str, goal: str, contact: Contact) -> str:
    """The user's reason for writing, as one or two sentences to the person ('' when there is none)."""
    context = _tidy(context.strip())
    if not context or len(context) > 280:
        return ""
    topic, sep, rest = (re.split(r"(\s+[—–-]+\s+|:\s+)", context, maxsplit=1) + ["", ""])[:3]
    if sep and rest.strip() and _noun_phrase(second_person(topic, names_of(contact))):
        # "the intro to Dana — I got the job": the thing, framed for the goal, then what the user said of it
        said = second_person(rest.strip(), names_of(contact))
        return f"{request_sentence(topic, goal, contact)} {ensure_period(capitalise(said))}"
    data = _data()["request"]
    who = _who(contact)
    for rule in data["imperatives"]:
        match = re.match(rule["pattern"].replace("{who}", who), context, re.IGNORECASE)
        if match:
            x = second_person(match.group("x"), names_of(contact))
            return ensure_period(_fill(rule["say"], x))
    if re.match(data["instruction"], context, re.IGNORECASE):
        return ""  # words meant for the coach ("draft a note to the best one"), never for the recipient
    said = second_person(context, names_of(contact))
    low = fold(said)
    if _noun_phrase(said):
        frame = data["noun_phrase"].get(goal) or data["noun_phrase"]["default"]
        if frame:
            return ensure_period(_fill(frame, said))
    already = data["already"].get(goal)
    if already and re.search(rf"\b{already}", low):
        return ensure_period(capitalise(said))
    frames = data["statement"].get(goal) or data["statement"]["default"]
    about_them = low.startswith(("you ", "you're ", "your "))
    first = fold(said.split(" ", 1)[0])
    x = said[:1].lower() + said[1:] if first in data["lowercase_starters"] else said  # "mateo" never
    return ensure_period(_fill(frames["about_them" if about_them else "other"], x))


VERBS = re.compile(r"\b(is|are|was|were|has|have|had|got|won|hit|made|became|began|took|left|could|would|can|will|"
                   r"should|might|must|do|does|did|\w{3,}ed)\b")


def _noun_phrase(text: str) -> bool:
    """A short thing named, not a sentence: 'the Series B', 'your intro to Dana', 'the Connect team at Stripe'."""
    low = fold(text)
    return len(text.split()) <= 12 and low.startswith(DETERMINERS) and not VERBS.search(" ".join(low.split()[1:]))


# ---------------------------------------------------------------- notes and history
@dataclass
class Hook:
    """One opening line built from one fact, with what kind of history it shows."""

    sentence: str
    kind: str
    strength: int
    source: str
    plain: str = ""  # the clause alone, as a sentence: a second line in the same frame reads better so
    short: str = ""  # a shorter form for a connection note

    def __post_init__(self) -> None:
        self.plain = self.plain or self.sentence
        self.short = self.short or self.sentence


def _expand_shorthand(text: str) -> str:
    for short, full in _data()["history"]["shorthand"].items():
        text = text.replace(short, full)
    return " ".join(text.split())


def clause(text: str, contact: Contact) -> str | None:
    """A note's first clause with a subject, in the second person: 'Talked payments' -> 'we talked about payments'."""
    text = _tidy(_expand_shorthand(text.strip()))
    first = re.split(r"(?<=[.!?])\s|,\s(?=(?:talked|discussed|chatted|met|worked|said|mentioned)\b)", text,
                     maxsplit=1)[0].strip().rstrip(".!;,")
    if not first or len(first) > 140:
        return None
    verbs = _data()["history"]["note_verbs"]
    head, _, rest = first.partition(" ")
    if head.lower().endswith("ing") and head.lower() in _data()["history"]["progressive"] and rest:
        first = f"you are {first[:1].lower()}{first[1:]}"
    elif head.lower() in verbs and rest:
        if head.lower() in ("talked", "chatted", "spoke") and not re.match(r"(about|with|through|at|on)\b", rest):
            rest = f"about {rest}"
        first = f"{verbs[head.lower()]} {rest}"
    said = second_person(first, names_of(contact))
    if not re.match(r"(we|you|i|my|our|your)\b", fold(said)):
        return None  # a note that is not a clause about us ("Stripe, payments team") is left to the facts list
    return said[:1].lower() + said[1:] if not said.startswith("I ") else said


def shared_phrase(text: str, contact: Contact) -> str | None:
    """A note that names shared history without a verb ('Two years of shared on-call work at Datadog')."""
    text = _expand_shorthand(text.strip())
    first = re.split(r"(?<=[.!?;])\s", text, maxsplit=1)[0].strip().rstrip(".!;,")
    if not first or len(first) > 140 or _kind_of(first)[0] not in ("together", "favour"):
        return None
    if re.match(r"\w+ed\s+(?:me|us|him|her|them|my|our)\b", fold(first)):
        return None  # a clause without its subject ('Walked me through…'), not a phrase: never 'our walked me…'

    said = second_person(first, names_of(contact))
    if not fold(said).startswith(DETERMINERS):
        said = "our " + said[:1].lower() + said[1:]
    return said if said.split(" ", 1)[0].isupper() and len(said.split(" ", 1)[0]) > 1 else said[:1].lower() + said[1:]


def how_we_met_hook(how: str, contact: Contact) -> Hook | None:
    """'at PyCon 2024' / 'PyCon 2024' / 'we worked together at Bluepeak' / 'she mentored me in …' as one line."""
    how = _expand_shorthand(" ".join(how.split()).rstrip("."))
    if not how:
        return None
    how = second_person(how, names_of(contact))  # the user's "after her talk" is "after your talk" to her
    frames = _data()["history"]["frames"]
    low = fold(how)
    if low.startswith(("at ", "in ", "during ", "on ")):
        return Hook(ensure_period(_fill(frames["met_at"], how)), "met", 3, "contact:how_we_met",
                    short=ensure_period(f"We met {how}"))
    if low.startswith(("through ", "via ")):
        return Hook(ensure_period(_fill(frames["connected"], how.split(" ", 1)[1])), "met", 2, "contact:how_we_met")
    said = clause(how, contact)
    hook = _hook_for_clause(said, "contact:how_we_met") if said else None
    if hook:
        return hook
    head = low.split(" ", 1)[0]
    if head in ("intro", "introduction", "referral", "mutual"):
        return Hook(ensure_period(_fill(frames["connected"], ("an " if head.startswith("intro") else "a ") + how)),
                    "met", 2, "contact:how_we_met")
    if re.search(r"\b(network|group|community|club|program|programme|slack|discord|forum|list)\b", low):
        the = "" if low.startswith(("the ", "a ", "an ")) else "the "
        return Hook(ensure_period(_fill(frames["connected"], the + how)), "met", 2, "contact:how_we_met")
    if how[:1].isupper() or any(ch.isdigit() for ch in how):
        the = "the " if how.split()[-1].islower() else ""  # "Config 2023 design-systems workshop" is a thing
        return Hook(ensure_period(_fill(frames["met_at"], f"at {the}{how}")), "met", 3, "contact:how_we_met",
                    short=ensure_period(f"We met at {the}{how}"))
    return None


def _kind_of(text: str) -> tuple[str, int]:
    for item in _data()["history"]["kinds"]:
        if re.search(item["match"], text, re.IGNORECASE if item["kind"] != "met" else 0):
            return item["kind"], int(item["strength"])
    return "news", 1


def _hook_for_clause(said: str, source: str) -> Hook | None:
    frames = _data()["history"]["frames"]
    kind, strength = _kind_of(said)
    low = fold(said)
    if kind == "together":
        frame = frames["together_we"] if low.startswith("we ") else frames["together_you"]
    elif kind == "favour" and low.startswith("you "):
        frame = frames["favour"]
    elif kind == "met" and re.match(r"we met (at|in|during|on) ", low):
        where = said.split(" ", 2)[2]
        return Hook(ensure_period(_fill(frames["met_at"], where)), kind, strength, source,
                    short=ensure_period(f"We met {where}"))
    elif kind in ("met", "talked") and low.startswith("we "):
        frame = frames["talked"]
    else:
        if _noun_phrase(re.split(r"[,;]", said, maxsplit=1)[0]):
            return None  # "my mentor since 2023, and…": no statement to remember, and no "I remember that" fits
        frame, kind, strength = frames["news"], ("favour" if kind == "favour" else "news"), min(strength, 2)
    return Hook(ensure_period(_fill(frame, said)), kind, strength, source, plain=ensure_period(capitalise(said)))


def interaction_hook(summary: str, contact: Contact, source: str) -> Hook | None:
    """The last conversation, in the user's words ('Walked her through the migration'): 'I walked you through…'."""
    text = _tidy(_expand_shorthand(summary.strip()))
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].strip().rstrip(".!;,")
    if not first or len(first) > 160:
        return None
    low = fold(first)
    if re.match(r"(sent|walked|told|asked|showed|shared|gave|emailed|called|met|thanked|introduced|updated|"
                r"offered|promised|pitched|presented)\b", low):
        said = second_person(f"I {first[:1].lower()}{first[1:]}", names_of(contact))
    elif re.match(r"(i|we)\b", low):
        said = second_person(first, names_of(contact))
    else:
        return None
    if re.search(r"\b(she|he|her|his|him)\b", fold(said)):
        return None  # someone else is spoken of: not safe to send as it is
    return Hook(ensure_period(_fill(_data()["history"]["frames"]["last_time"], said)), "together", 4, source,
                plain=ensure_period(capitalise(said)))


def note_hook(text: str, contact: Contact, source: str) -> Hook | None:
    said = clause(text, contact)
    hook = _hook_for_clause(said, source) if said else None
    if hook:
        more = re.search(r",\s*(talked|discussed|chatted)\s+(?:about\s+)?([^,;.]{3,60})",
                         _expand_shorthand(text))
        if hook.kind == "met" and more and hook.sentence.startswith("It was great meeting you"):
            verb = {"talked": "talking about", "chatted": "chatting about", "discussed": "discussing"}[more.group(1)]
            hook.sentence = f"{hook.sentence[:-1]} and {verb} {more.group(2).strip()}."
        return hook
    together = re.match(r"(coffee|lunch|dinner|drinks|breakfast|a call|call|chat|a chat|walk)\s+(at|after|during|in)\s+"
                        r"([^,;.]{3,60})", _expand_shorthand(text.strip()), re.IGNORECASE)
    if together:
        thing = together.group(1).lower().removeprefix("a ")
        place = together.group(3).strip()
        the = "" if place[:1].isupper() or fold(place).startswith(DETERMINERS) else "the "
        return Hook(f"I enjoyed our {thing} {together.group(2).lower()} {the}{place}.", "met", 3, source)
    phrase = shared_phrase(text, contact)
    if phrase:
        return Hook(ensure_period(_fill(_data()["history"]["frames"]["shared"], phrase)), "together", 4, source)
    return None


def register(text: str, tone: int) -> str:
    """`text` (in our plain phrasing) moved to the register asked for: 1 formal, -1 casual, 0 as it is.
    Only the phrases listed under `tone` in prompts/phrasing.yaml change; the user's facts are untouched."""
    if not tone:
        return text
    column = 1 if tone > 0 else 2
    for row in _data()["tone"]:
        plain, target = row[0], row[column]
        if plain == target:
            continue
        head = f"[{plain[0].upper()}{plain[0].lower()}]" if plain[0].isalpha() and not plain.startswith("I ") \
            else re.escape(plain[0])  # "It was…" also as "it was…" after "Hi Priya,"; "I am" stays "I"
        text = re.sub(r"(?<![A-Za-z'])" + head + re.escape(plain[1:]),
                      lambda m, t=target: _same_case(t, m.group(0)), text)
    return text


def _same_case(new: str, old: str) -> str:
    """`new` with the case of `old`'s first letter (the pronoun "I" stays upper case)."""
    if not new[:1].isalpha() or new.startswith(("I ", "I'")):
        return new
    return (new[0].upper() if old[:1].isupper() else new[0].lower()) + new[1:]
