"""The occasion or topic the user names in the request, read into the existing typed request parts.

- an informational interview, chat or call "about" something ("info interview about breaking into fintech"): the
  topic, as a `wish` ("I would love to hear about …");
- a follow-up "from" where the two last met ("follow up from the booth", "following up from the meetup"): a
  `follow` part whose extra says "from", said as "Following up from …";
- thanks for one thing or several ("thanks for having me + the book", "thank you for the intro and the notes"):
  one `thanks` part, each thing after its own "for";
- a question whether they have done a thing ("just ask if they decided", "ask whether she's heard back"): an
  `ask` part said as "Have you …?", for a fixed set of verbs whose past participle is their past;
- any other question the user wants asked ("ask if anything's changed on timing and whether the brief is still
  coming"): a `wish`, said as "I would love to hear whether …".

Each reader takes `to_you`, the word-for-word swap of the recipient to "you" that returns '' when someone else is
left in the words; the sentences come only from the kinds' frames.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coach.core.messages import RequestPart
from coach.core.text import fold

INFO = re.compile(r"^(?:(?:an?|the|quick|short)\s+)*(?:info(?:rmational)?|informative|exploratory)\s+"
                  r"(?:interview|chat|call|conversation|coffee)\s+(?:about|on|re:?|regarding|around)\s+(?P<x>.+)$",
                  re.IGNORECASE)
FROM = re.compile(r"^(?:(?:a|quick|short)\s+)*follow(?:ing)?[\s-]*up\s+(?:from|after)\s+(?P<x>(?:the|our|that|last|\w+['’]s)\s+"
                  r"[^,;]+)$", re.IGNORECASE)
# Whom a thanks is to ("to her", "to Siobhán", "to roz"): a pronoun or one or two words that are no article.
_TO_WHOM = r"(?:her|him|them|(?!(?:the|a|an|my|our|your|you)\b)[\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
THANKS = re.compile(r"^(?:(?:(?:say|send|give)\s+)?(?:(?:a|an|my)\s+)?(?:(?:big|huge|massive|special|proper|quick|short|"
                    r"brief|heartfelt|warm|real|sincere|belated|little)\s+)*(?:thanks|thank[\s-]*you|thx|ty|many thanks)"
                    rf"(?:\s+(?:note|email|message|msg))?(?:\s+to\s+{_TO_WHOM})?|"
                    rf"(?:say\s+)?thank(?:\s+(?:you|{_TO_WHOM}))?|thanking(?:\s+{_TO_WHOM})?)"
                    # the channel said between whom and what for: "thank Pip on LinkedIn for her reference"
                    r"(?:\s+(?:on|by|via|over|in\s+an?)\s+(?:linkedin|li|email|e-mail|mail|text|whatsapp|slack|dm|"
                    r"message|note))?"
                    r"\s+(?:(?:so\s+much|again|properly|"
                    r"personally|once more|a lot)\s+)*for\s+(?P<x>.+)$", re.IGNORECASE)
# A reason after the thing thanked for ("the ARE help since I passed and never told her"): not part of the thing.
_BECAUSE = re.compile(r"\s+(?:(?:since|as|when|now)\s+(?=(?:i|i've|i'm|we|we've|you|she|he|they|it)\b)|because\s+|now that\s+|"
                      r"which\s+|cause\s+|cos\s+).*$", re.IGNORECASE)
# The recipient as an object ("taking her up on", "inviting him"), not as an owner ("her workshop").
_THEM = re.compile(r"\b(?:him|them)\b|\bher\b(?!\s+(?!(?:up|on|in|out|to|for|with|about|at|and)\b)[a-z]{2,})",
                   re.IGNORECASE)
# Where one thing thanked for ends and the next begins: "+", "&", "and", a comma.
_ITEMS = re.compile(r"\s*(?:\+|&|,\s*(?:and\s+)?|\s+and\s+(?:for\s+)?)\s*", re.IGNORECASE)
# Verbs whose past participle is their past: "ask if they decided" -> "Have you decided?".
DONE_VERBS = ("decided", "heard back", "heard", "finished", "reviewed", "received", "signed", "settled", "picked",
              "chosen", "made a decision", "had a chance", "had time", "looked", "filled", "closed", "confirmed",
              "finalised", "finalized", "approved")
DONE = re.compile(r"^(?:(?:just|politely|gently|quickly)\s+)*ask\s+(?:(?:her|him|them)\s+)?(?:if|whether)\s+"
                  r"(?:she|he|they)(?:\s+(?:have|has|already|ever|finally|yet))*\s+(?P<v>"
                  + "|".join(v.replace(" ", r"\s+") for v in DONE_VERBS) + r")\b(?P<rest>[^?]*)\??$", re.IGNORECASE)
_THIRD = re.compile(r"\b(she|he|him|his|hers|her|they|them|their)\b", re.IGNORECASE)


# The user's own question of any other kind, whatever its subject ("ask if the budget is settled").
WHETHER = re.compile(r"^(?:(?:just|also|politely|gently|quickly|and)\s+)*(?:ask|check)\s+(?:(?:her|him|them)\s+)?"
                     r"(?:if|whether)\s+(?P<x>(?!(?:she|he|they|you)\b).+)$", re.IGNORECASE)


def read_occasion(part: str, to_you: Callable[[str], str]) -> RequestPart | None:
    """A part that names the occasion or the topic; None otherwise."""
    if m := INFO.match(part):
        said = to_you(m.group("x").strip(" ,."))
        return RequestPart(kind="wish", text=said) if said and len(said.split()) <= 12 else None
    if m := FROM.match(part):
        said = to_you(m.group("x").strip(" ,."))
        return RequestPart(kind="follow", text=said, extra="from") if said and len(said.split()) <= 10 else None
    if m := THANKS.match(part):
        things = [x.strip(" ,.") for x in _ITEMS.split(_BECAUSE.sub("", m.group("x"))) if x.strip(" ,.")]
        # a later item with them as its object ("… and taking her up on the reading list") is what the user does
        things = things[:1] + [x for x in things[1:] if not _THEM.search(x)]
        items = [to_you(x) for x in things]
        if not items or not all(items) or len(items) > 3 or any(len(x.split()) > (16 if len(items) == 1 else 10) for x in items):
            return None
        return RequestPart(kind="thanks", text=" and for ".join(items))
    if m := DONE.match(part):
        rest = " ".join(m.group("rest").split()).strip(" ,.")
        if _THIRD.search(rest) or len(rest.split()) > 10:
            return None
        verb = " ".join(fold(m.group("v")).split())
        return RequestPart(kind="ask", text=f"{verb} {rest}".strip(), extra="Have")
    if m := WHETHER.match(part):
        said = to_you(m.group("x").strip(" ?.!"))
        return RequestPart(kind="wish", text=f"whether {said}") if said and len(said.split()) <= 25 else None
    return None


def occasion_sentence(part: RequestPart) -> str:
    """A follow-up from where the two last met, through its frame; '' for other parts."""
    if part.kind == "follow" and part.extra == "from":
        return f"Following up from {part.text.strip().rstrip('.!;,')}."
    return ""
