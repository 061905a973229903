"""What the user brings to the person, read as typed request parts: an offer, an enclosure, when they are free.

- `offer`: what the user offers to do or share ("offer to walk her through the 40-seat pricing next week", "offer
  our survey data if useful"), said as "I would be glad to …" with the person as "you";
- `sending`: what the message sends or encloses ("send her the deck", "sending the pricing sheet now", "attaching
  the one-pager"), said as the enclosure line ("I have attached …", "I am sending …");
- `availability`: when or where the user is free ("I'm free any afternoon the week of 12 May", "I'm in Durban the
  week of 14 July if that helps"), said after the ask.

Each reader takes `to_you`, the word-for-word swap of the recipient to "you" that returns '' when someone else is
left in the words; the sentences come only from the frames below.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from coach.core.messages import INTRODUCTION, RequestPart
from coach.core.text import capitalise, fold

# "if useful", "if that helps": the offer is made on that condition.
_IF_USEFUL = r"(?:,?\s+(?:only\s+)?if\s+(?:it'?s\s+|that'?s\s+|it\s+would\s+be\s+|that\s+would\s+be\s+|it\s+is\s+)?" \
             r"(?:useful|helpful|of use|relevant|it helps|that helps|(?:she|he|they)\s+(?:wants?|likes?)(?:\s+it)?))"
OFFER = re.compile(r"^(?:(?:and|also|maybe|please)\s+)?(?:offer(?:ing)?|say (?:i'?m|i am|i'?d be) (?:happy|glad) "
                   r"to share|(?:i'?m|i am|i'?d be) (?:happy|glad) to share)\s+(?P<to>to\s+)?(?P<x>.+?)(?P<cond>"
                   + _IF_USEFUL + r")?$", re.IGNORECASE)
# An introduction the user offers them ("offer Rachel an intro to Lola Brennan for the Fairview package"): marked
# INTRODUCTION (coach.core.messages), so the ask asks whether it is wanted rather than for an introduction.
_INTRO_OFFER = re.compile(r"^(?:(?:and|also|maybe|please)\s+)*offer(?:ing)?\s+(?:(?:(?!(?:an?|the|my)\b)[\w'’-]+\s+)?"
                          r"(?:an?\s+|the\s+|my\s+)?(?:intro|introduction)\s+to|to\s+(?:introduce|connect|put)\s+"
                          r"(?:her|him|them|[\w'’-]+)\s+(?:in\s+touch\s+)?(?:to|with))\s+(?P<x>[^,;]{2,80})$",
                          re.IGNORECASE)
# The same offer put as a question for them ("ask Gareth whether he'd be open to me introducing him to Hana Sato",
# "see if she'd like an intro to Tom Reyes").
_INTRO_ASKED = re.compile(r"^(?:(?:and|also|maybe|please|so)\s+)*(?:i\s*(?:want|need|'d like|would like)\s+to\s+)?"
                          r"(?:ask|check with|see|find out)\s+(?:(?!whether|if)[\w'’-]+\s+)?(?:whether|if)\s+"
                          r"(?:he|she|they)(?:'d|’d|\s+would|\s+is|\s+are|'s|'re)?\s+(?:be\s+)?(?:(?:open|up|keen|"
                          r"interested|happy|ok|okay)\s+(?:to|for|on|in|with)\s+(?:me\s+)?(?:introducing|connecting)\s+"
                          r"(?:him|her|them)\s+(?:to|with)|(?:like|want|wants)\s+(?:an?\s+)?(?:intro|introduction)\s+to|"
                          # "ask if she'd be happy for me to intro her to Carla Mendes at Bramwell"
                          r"(?:happy|ok|okay|fine|comfortable|glad)\s+(?:for|with)\s+me\s+(?:to\s+)?(?:intro|introduce|"
                          r"introducing|connect|connecting)\s+(?:him|her|them)\s+(?:to|with))"
                          r"\s+(?P<x>[^,;()]{2,80}?)[\s.?]*$", re.IGNORECASE)
# … or asked straight ("does she want an intro to Owen for the sous chef job", "would he like an introduction to Ana").
_INTRO_QUESTION = re.compile(r"^(?:(?:and|also|maybe|please|so|ask)\s+)*(?:does|would|do)\s+(?:he|she|they)\s+(?:want|like|"
                             r"need|fancy)\s+(?:an?\s+)?(?:intro|introduction)\s+to\s+(?P<x>[^,;()]{2,80}?)[\s.?]*$",
                             re.IGNORECASE)
# An offer on a condition, said whole ("offer that if Fenmoor ever needs case studies we're happy to help").
_IF_OFFER = re.compile(r"^(?:(?:and|also|maybe|please)\s+)*offer\s+(?:that\s+)?if\s+(?P<c>[^,]{3,80}?),?\s+"
                       r"(?P<x>(?:i'?m|i am|we'?re|we are|i'?d be|we'?d be)\s+(?:happy|glad|keen)\s+to\s+[^,]{2,60})[\s.!]*$",
                       re.IGNORECASE)
# A thing offered by name ("our listener survey data"), as opposed to a thing to do ("walk her through …").
_THING = re.compile(r"^(?:my|our|the|some|a|an)\s+", re.IGNORECASE)
SENDING = re.compile(r"^(?:(?:finally|actually|also|and)\s+)?(?P<will>(?:i'?ll|i will|will|i'?m going to|i am going to|going to)"
                     r"\s+)?(?P<verb>send|share|attach|forward|sending|sharing|attaching|"
                     r"with|"
                     r"forwarding|enclosing|here'?s|here is)\s+(?P<x>(?:the|my|our)\s+[^,;]+?|(?:cv|resume|résumé|"
                     r"portfolio)(?=\s*$))(?:\s+(?:finally|now|today|"
                     r"this time|at last|asap|again|as promised|here|below))*(?:\s+and\s+.*)?$", re.IGNORECASE)
# The thing named first and 'attached' after it, as notes to self say it ("resume attached", "CV is attached").
ATTACHED = re.compile(r"^(?P<x>(?:(?:my|our|the)\s+)?(?:(?:updated|latest|new|short)\s+)?(?:cv|resume|résumé|portfolio|deck|"
                      r"pitch deck|one-pager|cover letter|writing sample|proposal|brochure|price list|rate card|media kit))"
                      r"\s+(?:is\s+|will be\s+|'?s\s+)?(?:attached|enclosed)(?:\s+(?:too|as well|already|here))?[\s.!]*$",
                      re.IGNORECASE)
# When the user is free, or where they will be and when.
FREE = re.compile(r"^(?:(?:mention|say|tell (?:her|him|them|\w+))\s+(?:that\s+)?)?(?:i'?m|i am|i'?ll be|i will be)\s+"
                  r"(?:(?P<free>free|around|available)\s+(?P<when>.+?)|in\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
                  r"\s+(?P<at>(?:the week of|on|from|between|in|this|next|until|till|over|around|during)\s+.+?))"
                  r"(?:,?\s+if (?:that|it) helps)?$", re.IGNORECASE)
# A 'sorry' for being late with something, said as the apology for the delay.
LATE = re.compile(r"^(?:sorry|apologi[sz]e)\s+(?:that\s+)?(?:it'?s|it is|this is|it took|for being|i'?m|i am|it has been|"
                  r"it'?s been)\s+(?:so\s+|a bit\s+)?(?:late|delayed|slow|a while|so long|this long|a few (?:days|weeks)|"
                  r"(?:a|one|two|three|\d+)\s+(?:days?|weeks?)|(?:over\s+)?a\s+week)\b",
                  re.IGNORECASE)


def read_offer(part: str, to_you: Callable[[str], str]) -> RequestPart | None:
    """A part that offers, sends, says when the user is free or says sorry for being late; None otherwise."""
    if m := _INTRO_OFFER.match(part) or _INTRO_ASKED.match(part) or _INTRO_QUESTION.match(part):
        said = to_you(m.group("x"))
        return RequestPart(kind="offer", text=f"introduce you to {said}", extra=INTRODUCTION) if said else None
    if m := _IF_OFFER.match(part):  # the condition is the user's or a firm's, never a person's ("if she ever needs …")
        said = to_you(f"if {m.group('c')}, {m.group('x')}")
        return RequestPart(kind="mine", text=capitalise(said)) \
            if said and not re.search(r"\b(?:she|he|they|him|her|them|his|their)\b", fold(m.group("c"))) else None
    if m := OFFER.match(part):
        x = m.group("x").strip(" ,.")
        if not m.group("to") and not _THING.match(x):
            return None  # "offer lunch" is a meeting (read before); a bare "offer X" is not clear enough
        said = to_you(x)
        return RequestPart(kind="offer", text=said if m.group("to") else f"share {said}",
                           extra="if useful" if m.group("cond") else "") if said else None
    if m := ATTACHED.match(part):  # "resume attached", "CV is attached too": the enclosure line
        x = re.sub(r"\bcv\b", "CV", m.group("x"), flags=re.IGNORECASE)  # an initialism, however it was typed
        said = to_you(x if re.match(r"(?:the|my|our)\s", x, re.IGNORECASE) else f"my {x}")
        return RequestPart(kind="sending", text=said, extra="attached") if said else None
    if (m := SENDING.match(part)) and (not m.group("will") or fold(m.group("verb")).startswith(("attach", "enclos"))):
        # "I'll attach my CV": attached when it is sent; "I'll send the deck once we're connected" is the user's plan
        x = m.group("x")
        said = to_you(x if re.match(r"(?:the|my|our)\s", x, re.IGNORECASE) else f"my {x}")  # "I will attach CV"
        attach = fold(m.group("verb")).startswith(("attach", "enclos"))
        return RequestPart(kind="sending", text=said, extra="attached" if attach else "") \
            if said and len(said.split()) <= 10 else None
    if m := FREE.match(part):
        if m.group("free"):
            when = m.group("when").strip(" ,.")
            return RequestPart(kind="availability", text=f"{fold(m.group('free'))} {when}") \
                if to_you(when) == when and len(when.split()) <= 12 else None
        place, at = m.group("place"), m.group("at").strip(" ,.")
        return RequestPart(kind="availability", text=f"in {place} {at}", extra="there") \
            if to_you(at) == at and len(at.split()) <= 10 else None
    if LATE.match(part):
        return RequestPart(kind="apology", text="the delay")
    return None


def offer_sentence(part: RequestPart) -> str:
    """An offer, an enclosure or the user's availability through its frame; '' for other kinds."""
    x = part.text.strip().rstrip(".!;,")
    if part.kind == "offer":
        return f"I would be glad to {x}{', if it is useful' if part.extra == 'if useful' else ''}."
    if part.kind == "sending":
        return f"I have attached {x}." if part.extra == "attached" else f"I am sending {x}."
    if part.kind == "availability":
        return f"I will be {x}." if part.extra == "there" else f"I am {x}."
    return ""
