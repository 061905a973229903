"""Words about the message itself, read apart from what the message is to say: never said.

- a head that names the message ("connection request to Mirela, …", "LinkedIn message to Aurelio to thank him for
  …", "I'd like an email to Lottie asking for …", "Can you write a LinkedIn message to Ada asking if …", "connect +
  congrats on …", "email abena about mentoring"): the head is the goal restated, and what follows it is read as a
  part of its own ("thank him for …", "ask for …");
- instruction words around what to say ("mention X", "say that X", "tell her X", "remind him X", "X so say that",
  "and that X"): X is read as a part, the instruction words are never said;
- a first-person sentence about the drafting or the user's feelings ("I always over-apologise", "I'm nervous about
  sounding needy", "I should probably acknowledge …", "I'd like to include my portfolio link but …"): words for the
  coach, shown, never said; what it asks to say ("acknowledge X and that Y") is read from it.

Nothing here writes English: it only finds where the user's words for the coach end and their content begins.
"""

from __future__ import annotations

import re

from coach.core.text import fold

# The message named by its channel, with the words users put before the channel noun.
_LEAD = (r"(?:(?:ok(?:ay)?|so|hi|hey)[\s,]+)*(?:(?:i(?:'d|’d| would)\s+like(?:\s+to(?=\s+(?:e-?mail|message|msg|dm|ping|"
         r"write|send|draft)\b))?|i\s+(?:need|want|have)\s+to(?:\s+(?:write|send|"
         r"draft))?|(?:can|could|would)\s+you\s+(?:please\s+)?(?:write|draft|do|help\s+me\s+(?:write|draft))|(?:please\s+)?"
         r"(?:write|draft|send|do)|(?:i\s+)?(?:need|want|wanna|would\s+like|'d\s+like)(?=\s+(?:an?|one|the)\s))"
         # the recipient said before the message ("write roz a short linkedin msg to …", "send Ana an email")
         r"(?:\s+(?!(?:an?|one|the|me|my)\b)[\w'’.-]+(?=\s+(?:an?|one)\s))?"
         r"\s+(?:me\s+)?)?")  # "Need an email to Deb asking her …", "I'd like a note to Sam"
_KIND = (r"(?:proper|quick|short|brief|cold|warm|little|li|linkedin|thank[- ]?you|thanks|congrats|congratulations|"
         r"follow[- ]?up|intro(?:duction)?|referral|reconnect(?:ion)?|partnership|mentorship|mentoring|connection|"
         r"catch[- ]?up)")
_CHANNEL = r"(?:e-?mail|mail|msg|message|note|dm|inmail|request|req|invite|connect)"
HEAD = re.compile(rf"^{_LEAD}(?:(?:an?|the|my|one)\s+)?(?:{_KIND}[\s-]+)*{_CHANNEL}(?:[\s-]+{_CHANNEL})*\b",
                  re.IGNORECASE)  # "connection request note to Tavita": the channel in two words
# The message named by its verb ("email abena about …", "I need to email Bertrand and …", "cold connect to kaveh").
VERB_HEAD = re.compile(rf"^{_LEAD}(?:(?:cold|li|linkedin|quick)\s+)?(?:e-?mail|message|msg|dm|ping|write(?=\s+to\b)|"
                       rf"connect(?=\s+(?:to|with)\b))\b", re.IGNORECASE)
# What joins the head to what the message is to do: said as the part of its own it starts.
_JOIN = re.compile(r"^(?:[,+&:]\s*|and\s+|to\s+(?=(?:ask|thank|congratulat|say|tell|follow|check|invite|introduce|"
                   r"propose|pitch|share|offer|request|remind|see)\w*\b)|for\s+(?=(?:the|an?|my)\b))+", re.IGNORECASE)
_GERUND = {"asking": "ask", "thanking": "thank", "telling": "tell", "inviting": "invite", "proposing": "propose",
           "taking": "take",
           "saying": "say", "offering": "offer", "requesting": "request for", "congratulating": "congratulate"}


def _recipient(rest: str, names: tuple[str, ...], free: bool) -> str:
    """The words after the head less the recipient ("to Mirela", "w/ kwame", "kay Tin"). `free`: after a channel
    noun "to X" names the recipient whoever X is; after a verb only one of their names does."""
    own = {fold(w) for n in names for w in n.split() if w}
    m = re.match(r"^\s*(?:(?P<prep>to|for|w/|with)\s+)?(?P<a>[\w'’.-]+)(?:\s+(?P<b>[\w'’.-]+))?", rest, re.IGNORECASE)
    if not m:
        return rest
    a, b = fold(m.group("a")), fold(m.group("b") or "")
    known = a in own or any(len(a) >= 3 and w.startswith(a) for w in own)
    if not (known or (free and m.group("prep") and fold(m.group("prep")) == "to" and m.group("a")[:1].isupper())):
        return rest
    end = m.end() if b and (b in own or (m.group("b") or "")[:1].isupper() and m.group("a")[:1].isupper()) \
        else m.end("a")
    return rest[end:]


_STARTS = re.compile(r"(?:ask|thank|congrat|say|tell|mention|follow|check|invite|introduce|intro|propose|pitch|share|"
                     r"take\s+(?:her|him|them)\s+up\b|"
                     r"offer|request|remind|see|let|about|re\b)", re.IGNORECASE)
# The kind named in the head, put back before a thing it takes ("thank you msg to X for the reference").
_KIND_WORD = (("thank", "thank you"), ("congrat", "congrats"), ("follow", "follow up"))


def read_head(part: str, names: tuple[str, ...]) -> tuple[str, str]:
    """(the head naming the message, the words after it as a part of its own); ('', part) when there is no head."""
    m = HEAD.match(part) or VERB_HEAD.match(part)
    if not m:
        return "", part
    rest = _recipient(part[m.end():], names, free=bool(HEAD.match(part)))
    rest = re.sub(r"^\s*(?:on|via|over|by)\s+(?:linkedin|li|email|e-mail)\b", "", rest, flags=re.IGNORECASE).strip()
    kind = next((word for stem, word in _KIND_WORD if stem in fold(m.group(0))), "")
    if kind and re.match(r"(?:for|on|from|after|about|re\b)", rest, re.IGNORECASE):
        return part[:len(part) - len(rest)].strip(), f"{kind} {rest}"  # "thank you msg to X for the reference"
    if re.match(r"with\s+(?:the|my|our)\s+\S", rest, re.IGNORECASE):  # "follow up email to X with the numbers"
        return part[:len(part) - len(rest)].strip(), "sending " + rest[4:].strip()
    joined = _JOIN.match(rest)
    rest = _JOIN.sub("", rest).strip(" ,.;:")
    head = part[:len(part) - len(rest)].strip(" ,+&:") if rest else part
    first = rest.split(" ", 1)[0] if rest else ""
    if fold(first) in _GERUND:
        rest = _GERUND[fold(first)] + rest[len(first):]
    if not rest or joined or _STARTS.match(rest) or re.match(r"(?:from|at|for)\b", rest, re.IGNORECASE):
        return head, rest
    return "", part  # "email is the best way to reach her": no head


# Instruction words around what to say: the content is read, the instruction is not said.
SAY_AFTER = re.compile(r"^(?P<x>.+?)[,\s]+(?:(?:so|and)\s+)?(?:please\s+)?(?:say|mention|tell (?:her|him|them))\s+"
                       r"(?:that|it|so)$", re.IGNORECASE)
SAY_BEFORE = re.compile(r"^(?:(?:please|also|and|maybe|definitely|do)\s+)*(?:mention(?:ing)?|say(?:ing)?|"
                        r"tell(?:ing)?\s+(?:her|him|them|\w+)|let\s+(?:her|him|them|\w+)\s+know|remind(?:ing)?\s+"
                        r"(?:her|him|them|\w+)(?:\s+(?:of|about))?|note|add|and)\s+(?:specifically\s+|also\s+)?"
                        r"(?:that\s+)?(?P<x>.+)$", re.IGNORECASE)
SAY_THAT = re.compile(r"^that\s+(?P<x>(?:i|i'm|i'll|i've|i'd|we|we're|we'll|my|our)\b.+)$", re.IGNORECASE)


def said_content(part: str) -> str:
    """What a part asks the message to say, less the instruction words around it ('' when there are none)."""
    for rx in (SAY_AFTER, SAY_THAT, SAY_BEFORE):
        if m := rx.match(part.strip()):
            x = m.group("x").strip(" ,.;:")
            return x if x and fold(x) not in ("thanks", "thank you", "hi", "hello", "congrats") else ""
    return ""


# A first-person sentence about the drafting or the user's feelings: for the coach.
TO_COACH = re.compile(
    r"^(?:honestly\s+|also\s+|and\s+)?(?:i|i'm|i am|i've|i'd|i’d|i'll)\b.*\b(?:over-?apologi[sz]\w*|apologi[sz]e too much|"
    r"ramble|waffle|overthink|overshare|grovel\w*|nervous|worried|anxious|scared|awkward|needy|cringe|"
    r"bad at (?:writing|messages|emails|this)|never know how|(?:should|could|might|want to|need to|'d like to|’d like to|"
    r"would like to|'d love to|would love to)(?:\s+probably|\s+maybe)?\s+(?:acknowledge|mention|say|include|add|attach|"
    r"note|apologi[sz]e|point out|flag)|(?:'d|’d|would) rather (?:it|the|that)|don'?t want (?:it|the message|to sound|"
    r"to come)|sound(?:s|ing)? (?:like|needy|salesy|desperate|pushy|weird)|"
    # how the message should come across, in a learner's word order too: "I want it sound natural, not like robot",
    # "I don't want to look cheap"
    r"(?:want|need|'d like|’d like|would like)\s+(?:it|the (?:message|email|note|tone))\s+(?:to\s+)?(?:sound|be|read|feel|"
    r"look|come across)|(?:don'?t|do not|dont)\s+want\s+to\s+(?:look|seem|appear|come across|be seen as)|"
    r"not like (?:a\s+)?robot)\b", re.IGNORECASE)
# What such a sentence asks to say: "I should probably acknowledge X and that Y".
_ASKS_TO_SAY = re.compile(r"\b(?:acknowledge|mention|say|note|point out|flag|add)\s+(?:specifically\s+|also\s+)?"
                          r"(?:that\s+)?(?P<x>.+)$", re.IGNORECASE)


def to_coach(part: str) -> tuple[bool, list[str]]:
    """(whether the part is the user's words to the coach, the things it asks the message to say)."""
    if not TO_COACH.match(part.strip()):
        return False, []
    m = _ASKS_TO_SAY.search(part)
    if not m or re.search(r"\bbut\b", m.group("x"), re.IGNORECASE):
        return True, []
    return True, [x.strip(" ,.") for x in re.split(r",?\s+and\s+that\s+", m.group("x")) if x.strip(" ,.")]
