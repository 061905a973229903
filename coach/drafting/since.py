"""How long it has been since the user and the person last spoke, read from the user's words as a typed part
("haven't talked in like 2.5 years", "haven't spoken since grad school", "it's been ages"), said through a fixed
frame ("It has been about 2.5 years since we last spoke.", "We have not spoken since grad school.")."""

from __future__ import annotations

import re

from coach.core.messages import RequestPart

_NOT_SPOKEN = (r"(?:we\s+)?(?:haven'?t|have not|hadn'?t|had not|havent|not|never)\s+(?:really\s+)?(?:talked|spoken|"
               r"chatted|caught up|been in touch|seen each other|met up|connected)")
GAP = re.compile(rf"^(?:(?:acknowledge|mention|say|admit|note)\s+(?:that\s+)?)?(?:(?:we|i)\s+)?(?:{_NOT_SPOKEN}|(?:it'?s|it has|it'?s been|it has been)\s+been|been)\s+"
                 r"(?P<rest>.+)$", re.IGNORECASE)
_SINCE = re.compile(r"^since\s+(?P<x>(?:grad(?:uate)? school|graduation|grad|uni(?:versity)?|college|school|the \w+(?: \w+){0,3}|"
                    r"(?:19|20)\d\d|covid(?: started)?|(?:we|i|you|she|he|they)\s+\w+(?: \w+){0,5}|"
                    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
                    r"(?: (?:19|20)\d\d)?|last (?:year|summer|spring|autumn|fall|winter)|\w+'s \w+))\b", re.IGNORECASE)
_NUMBER = r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few|several)"
_HOW = r"(?P<how>about|almost|nearly|over|more than|around|roughly|~)?"
_FOR = re.compile(rf"^(?:in|for)?\s*(?:like\s+)?{_HOW}\s*(?P<n>{_NUMBER})\s*\+?\s*(?P<unit>years?|yrs?|months?|mos?|"
                  r"weeks?|wks?)\b", re.IGNORECASE)
_AGES = re.compile(r"^(?:in|for)?\s*(?:ages|forever|years|so long|a long time|way too long|too long)\b", re.IGNORECASE)
_UNITS = {"yr": "year", "yrs": "years", "mo": "month", "mos": "months", "wk": "week", "wks": "weeks"}
_PRONOUN = re.compile(r"\b(?:she|he|her|him|his|hers)\b", re.IGNORECASE)


def read_gap(part: str) -> RequestPart | None:
    """The time since the two last spoke, as the user wrote it; None when the part says something else."""
    m = GAP.match(part.strip())
    if not m:
        return None
    rest = re.split(r"\s+(?:and|but|so|because)\s+|[,;!]|\.(?!\d)", m.group("rest"), maxsplit=1)[0].strip()
    rest = re.sub(r"^(?:to|with)\s+(?:him|her|them|[A-ZÀ-ÖØ-Þ][\w'’-]+)\s+", "", rest)  # "talked to Bernie in 6 years"
    if since := _SINCE.match(rest):
        x = "graduation" if since.group("x").lower() == "grad" else since.group("x")  # the word said in full
        return RequestPart(kind="gap", text=f"since {x}") if not _PRONOUN.search(x) else None
    if re.search(r"\b(?:answer|answered|reply|replied|response|responded|heard|since i|since my)\b", rest, re.IGNORECASE):
        return None  # "it's been 3 weeks no answer": time since the user wrote, not since the two last spoke
    if span := _FOR.match(rest):
        n, unit = span.group("n"), span.group("unit").lower()
        unit = _UNITS.get(unit, unit)
        if n.replace(".", "").isdigit() and float(n) != 1 and not unit.endswith("s"):
            unit += "s"
        how = (span.group("how") or "about").lower().replace("~", "about")
        return RequestPart(kind="gap", text=f"{n} {unit}", extra=how)
    if re.match(r"^(?:in|for)?\s*(?:many\s+)?months\b", rest, re.IGNORECASE):
        return RequestPart(kind="gap", text="months")
    if _AGES.match(rest):
        return RequestPart(kind="gap", text="too long")
    return None


def gap_sentence(part: RequestPart) -> str:
    """'It has been about 2.5 years since we last spoke.' / 'We have not spoken since grad school.'"""
    if part.text.startswith("since "):
        return f"We have not spoken {part.text}, and I have been meaning to say hello."
    if part.text == "months":
        return "It has been months since we last spoke."
    if part.text == "too long":
        return "It has been far too long since we last spoke."
    return f"It has been {part.extra} {part.text} since we last spoke."
