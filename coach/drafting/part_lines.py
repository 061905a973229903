"""The request's typed parts said to the person: each kind through its fixed frame (`prompts/requests.yaml`
frames, and the frames of the wants, offers and gap readers). Nothing here glues the user's free text into a
sentence: a part's words are said only inside its kind's frame, and a line that breaks a grammar invariant or is
no clean clause is dropped."""

from __future__ import annotations

import re

from coach.checks import grammar
from coach.config.prompts import load_data
from coach.core.domain import Contact
from coach.core.jobs import job_words_pattern
from coach.core.messages import RequestPart, RequestReading
from coach.core.text import capitalise, ensure_period, fold
from coach.crm.names import everyday
from coach.drafting.dates import date_sentence
from coach.drafting.occasions import occasion_sentence
from coach.drafting.offers import offer_sentence
from coach.drafting.parts import DETERMINERS
from coach.drafting.request import read_request
from coach.drafting.sayable import SLIP, sayable
from coach.drafting.since import gap_sentence
from coach.drafting.wants import want_sentence

# Parts that say how, not why: said after the rest of the request, next to the ask.
LOGISTICS = frozenset({"ref", "link", "sending", "availability"})


def _frame(kind: str, goal: str) -> str:
    if kind == "topic":
        frames = load_data("phrasing")["request"]["noun_phrase"]
        return frames.get(goal) or frames["default"]
    return {
        "role": "I am applying for {x}.",
        "person": "I would love to meet {x}{extra}.",
        "thanks": "Thank you for {x}.",
        "follow": "A quick follow-up on {x}.",
        # a joint idea for a partnership; the terms of anything else ("monthly calls, six months"; "early Dec
        # for the next rig slot") are what the user has in mind
        "proposal": "I have an idea for us: {x}." if goal == "partnership" else "What I have in mind: {x}.",
        "their-offer": "You {extra} to {x}.",
        "apology": "Sorry for {x}.",
        "luck": "Good luck with {x}!",
        "parting": "{x}",
        "met": "It was great meeting you {x}.",
        "mine": "{x}",
        "referrer": "{x} suggested I reach out to you.",
        "referrer/passed": "{x} kindly passed on your details.",
        "referrer/linked": "{x} put us in touch.",
        "referrer/named": "{x} passed my name on to you.",
    }.get(kind, "{x}")


def _news(part: RequestPart, goal: str) -> str:
    if part.extra:  # a thing and what happened to it: "your KubeCon talk" + "accepted"
        return f"Congratulations on {part.text} getting {part.extra}!" if goal == "congratulations" \
            else f"I saw that {part.text} got {part.extra}."
    if re.match(r"[a-z]+ing\b", part.text):
        return f"Congratulations on {part.text}!"  # "becoming CFO": the step itself, never "the new role as becoming"
    if re.fullmatch(rf"(?:(?:senior|new|interim|acting|deputy|assistant|associate|executive|chief)\s+)*(?:[A-Z][\w&/-]*\s+)*"
                    rf"(?:{job_words_pattern()})s?", part.text, re.IGNORECASE) and not fold(part.text).startswith(DETERMINERS):
        return f"Congratulations on the new role as {part.text}!"  # a bare title ("COO"): the new role it names
    if re.fullmatch(r"[a-z]+", part.text) and not part.text.endswith(("ing", "s")):
        return f"Congratulations on the {part.text}!"  # a bare noun ("baby", "promotion"): the one they had
    return f"Congratulations on {part.text}!"


def sentences(reading: RequestReading, goal: str, contact: Contact, skip: tuple[str, ...] = ()) -> list[str]:
    """The request's typed parts as sentences to the person, each through its kind's frame; a sentence that
    breaks a grammar invariant, or whose words are no clean clause (shorthand, symbols: `sayable`), is dropped,
    never sent. `skip`: the kinds the ask says already (the role a referral asks about)."""
    names = grammar.names_in(contact.name, contact.company, *(p.text for p in reading.parts),
                             *(p.extra for p in reading.parts)) | \
        grammar.names_in(*(n.text for n in contact.notes), mid_sentence=True)  # the names `as_written` restores
    cased = casing(contact)  # once for all the lines
    out: list[str] = []
    frames: set[str] = set()
    thanked: int | None = None  # where the thanks line is, for a second thing thanked for
    # what the user tells and asks first, then the logistics beside the ask (the job id, a link, what is attached)
    for part in sorted(reading.parts, key=lambda p: p.kind in LOGISTICS):
        if part.kind in ("link", "ref", "meet", "ask"):  # said through their own frames, or in the ask
            line = want_sentence(part, goal) if part.kind not in skip else ""
            if line and line not in out:
                out.append(line)
            continue
        if part.kind in skip or not sayable(part.text, "request"):
            continue
        x = part.text.strip().rstrip(".!;,")
        if SLIP.search(fold(x)):  # a slip of second-language English after a clean head: the head alone
            head = re.split(r"\s+and\s+(?:for\s+)?", x, maxsplit=1)[0]
            x = head if head != x and not SLIP.search(fold(head)) else x
        carried = {p.kind for p in reading.parts} & {"link", "ref", "role"}
        if part.kind == "sending" and carried and re.search(r"\b(?:id|ids|link|links|url|number|ref|reference|posting)\b",
                                                            fold(x)):
            continue  # "send him the job id: PR-2291": the id's own line says it ("I'm sending the job id" repeats it)
        if part.kind in ("offer", "sending", "availability"):
            line = offer_sentence(part)
        elif part.kind == "follow" and part.extra:
            line = occasion_sentence(part)
        elif part.kind == "date":
            if part.extra == "the first one" and "first-date" in skip:
                continue  # said after the ask
            line = date_sentence(part)
        elif part.kind == "gap":
            line = gap_sentence(part)
        elif part.kind == "news":
            line = _news(part, goal)
        elif part.kind == "their-offer" and part.extra == "said you would":
            line = f"You said you would {x}."
        elif part.kind == "wish":
            line = f"I would love to hear {x}." if re.match(r"(?:how|what|why|whether|when|where|who|if)\b", fold(x)) \
                else f"I would love to hear about {x}."
        else:
            frame = _frame(f"{part.kind}/{part.extra}" if part.kind == "referrer" and part.extra else part.kind, goal)
            if part.kind == "topic" and re.match(r"(?:my|our)\b", fold(x)):
                if len(x.split()) < 3:
                    continue  # "(my fault, …)": an aside about the user, no subject to write about
                frame = "I wanted to tell you about {x}."  # "our experience at Solera": the user's own, never theirs
            if part.kind == "thanks" and thanked is not None:  # "thank her for the photos too": one thanks, both
                also = re.sub(r"\s+(?:too|as well|also)$", "", x)
                joined = f"{out[thanked][:-1]}, and for {also}."
                if grammar.ok(joined, names):
                    out[thanked] = joined
                continue
            if frame != "{x}" and frame in frames:
                continue  # one frame says one thing: a second "I have an idea for us: …" repeats the first
            frames.add(frame)
            extra = f", {part.extra}" if part.kind == "person" and part.extra else part.extra
            x = f"{x} {part.tail}" if part.kind == "their-offer" and part.tail else x
            line = frame.replace("{X}", capitalise(x)).replace("{x}", x).replace("{extra}", extra)
        line = ensure_period(capitalise(as_written(line, cased)))
        if grammar.ok(line, names) and line not in out:
            thanked = len(out) if part.kind == "thanks" else thanked
            out.append(line)
    return out


def casing(contact: Contact) -> dict[str, str]:
    """Folded word -> how the notes write it, for the words they only ever capitalise and that are no everyday
    word (a company, a place: "Saltmarsh"). Built once per set of lines."""
    sources = " ".join([contact.company or "", contact.title or "", contact.location or "",
                        *(n.text for n in contact.notes)])
    cased: dict[str, str] = {}
    for w in re.findall(r"(?<![\w@./-])[A-ZÀ-ÖØ-Þ][\w&'’-]{2,}", sources):
        if not w.isupper():
            cased.setdefault(fold(w), w)
    lower = {fold(w) for w in re.findall(r"(?<![\w@./-])[a-zà-ÿ][\w&'’-]{2,}", sources)}  # a word the notes also write
    return {k: v for k, v in cased.items() if k not in lower and not everyday(k)}


def as_written(line: str, cased: dict[str, str]) -> str:
    """The line with the names the user typed in lower case written as the notes write them (`casing`: "the job
    at saltmarsh" -> "Saltmarsh"), and "i" as "I"."""
    line = re.sub(r"(?<![\w'’])i(?=\s|['’](?:m|ve|d|ll)\b)", "I", line)
    return re.sub(r"(?<![\w@./-])[a-zà-ÿ][\w&'’-]{2,}", lambda m: cased.get(fold(m.group(0)), m.group(0)), line)



def request_sentence(context: str, goal: str, contact: Contact) -> str:
    """The user's reason for writing as sentences to the person ('' when no part of it could be typed)."""
    return " ".join(sentences(read_request(context, contact), goal, contact))
