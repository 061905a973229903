"""What the user wants the message to ask for or carry, read as data from their words.

Four kinds of request part live here, beside the ones `parts.py` reads:

- `meet`: the meeting the user has in mind ("suggest lunch", "maybe a quarterly call", "20 min about X",
  "coffee while I'm in Dayton in November"): its kind (coffee, lunch, a call), its length in minutes, its
  cadence, and a tail that says when, where or what about, as the user wrote it;
- `ask`: the user's own question for the person ("ask if she'd be open to …", "ask whether he can …"): the
  rest of it, addressed to them;
- `link`: a web address the message must carry;
- `ref`: a reference the person needs to find a thing (a job id, a pull request number).

Each is a typed slot: the ask a message ends with is built from the slots through fixed frames
(`ask_from`), never by pasting the user's sentence.
"""

from __future__ import annotations

import re

from coach.core.jobs import REF, job_words_pattern
from coach.core.messages import RequestPart
from coach.core.text import fold

MEALS = ("coffee", "lunch", "dinner", "drinks", "drink", "breakfast", "beer", "tea")
CADENCES = ("weekly", "monthly", "quarterly", "regular", "occasional", "biweekly", "fortnightly")
_MEAL = "|".join(MEALS)
# The words a meeting's kind can be said in: a meal, or a call or chat of some kind.
# What kind of call or chat it is ("a 20 min informational chat"): said by the ask's own words, so not kept.
_KIND_OF = r"(?:(?:informational|informal|virtual|intro|introductory)\s+)?"
MEET = re.compile(
    r"^(?:(?:i\s+)?(?:want(?:ed)?|would like|'?d like|need|hope for)\s+(?:to\s+(?:get|grab|have|do|ask for)\s+)?|"
    r"(?:suggest|propose|offer|float|ask\s+(?:(?:her|him|them|[A-Z][\w'’-]+)\s+)?for|ask\s+about|request|maybe|perhaps|how about|let'?s\s+(?:grab|do|get|have)|"
    r"(?:it\s+)?would be (?:nice|great|good|fun|lovely) to (?:finally\s+)?(?:do|grab|get|have)|(?:finally\s+)?(?:do|grab|get)|"
    r"up for|something like|like)\s+)*"
    r"(?:(?:a|an|the|that|some|one|our)\s+)?(?:(?P<cad0>" + "|".join(CADENCES) + r")\s+)?"
    r"(?:(?:(?P<n>\d{1,2})(?:\s*(?:-|–|to)\s*\d{1,2})?\s*(?:-\s*)?(?:min|mins|minutes|minute)\b|(?P<hour>(?:half\s+an\s+|one\s+|1\s+)?"
    r"hour)(?:-long)?\b)(?:\s+(?:of\s+(?:her|his|their|your)\s+time|" + _KIND_OF +
    r"(?P<callword>call|chat|zoom|video call|phone call|"
    r"coffee|lunch)\b))?|"
    r"(?P<cad>" + "|".join(CADENCES) + r")?\s*" + _KIND_OF + r"(?P<what>" + _MEAL +
    r"|(?:video\s+|phone\s+|zoom\s+|quick\s+|short\s+)?"
    r"(?:call|chat|catch-?up)s?)\b)"
    r"(?P<alt>\s*(?:/|\s+or\s+)\s*(?:an?\s+)?(?:video\s+|phone\s+)?(?:coffee|call|chat|zoom|lunch)\b)?"
    r"(?P<every>\s+(?:every\s+(?:other\s+)?(?:\d{1,2}\s+|few\s+|couple\s+(?:of\s+)?|two\s+|three\s+|four\s+|six\s+)?"
    r"(?:week|month|quarter)s?|once\s+(?:a|every|per)\s+(?:\d{1,2}\s+|few\s+|couple\s+(?:of\s+)?)?(?:week|month|quarter|fortnight)s?|"
    r"(?:twice|two times|once or twice)\s+a\s+(?:month|quarter|year)))?(?:\s+(?:max|at most|or so|tops))?"
    r"(?P<span>\s+(?:for|over)\s+(?:the\s+next\s+|the\s+coming\s+)?(?:(?:\d{1,2}|a|one|two|three|four|five|six|nine|twelve|a few|"
    r"a couple of)\s*(?:-\s*)?(?:months?|weeks?|years?|quarters?)|half\s+(?:a\s+)?year|year|quarter|few months))?"
    r"(?P<tail>.*)$", re.IGNORECASE)
# A meeting offered on the person's terms ("if she fancies it", "if he has time"): the question asks that already.
IF_THEY_LIKE = re.compile(r",?\s+if\s+(?:she|he|they)\s*(?:fanc(?:y|ies)|wants?|likes?|(?:(?<=\s)(?:is|are)|['’]s|['’]re)\s+(?:up for|free|around|"
                          r"interested|keen|open)|ha(?:s|ve)\s+(?:time|a moment|the time))(?:\s+(?:it|one|to))?\s*[.?!]?$",
                          re.IGNORECASE)
# When, said so loosely that the message has no time to give ("eventually", "at some point", "down the line").
LATER = re.compile(r"^\s*,?\s*(?:eventually|some ?time|at some point|down the (?:line|road)|in the future|later on|one day|some ?day|"
                   r"whenever (?:she|he|they|it)(?:'s| is| are)? (?:free|ready|suits)|when(?:ever)? convenient)\b,?",
                   re.IGNORECASE)
# How the meeting is held, said beside it ("video is fine"): the kind of call.
MODE = re.compile(r"^,?\s*(?P<mode>video|zoom|phone)(?:\s+call)?\s+(?:is\s+)?(?:fine|ok|okay|works|preferred|is best)\b",
                  re.IGNORECASE)
# A tail that says when, where or what about: kept as the user wrote it.
TAIL = re.compile(r"^(?:in|at|on|next|this|during|when|while|before|after|around|sometime|any ?time|whenever|once|about|on how|"
                  r"with(?=\s+(?-i:[A-Z]))|to (?:plan|start|begin|kick off|go over|walk through|talk through|compare notes)|to talk "
                  r"about|to discuss|to hear about)\b", re.IGNORECASE)
ASK = re.compile(r"^(?:(?:and\s+)?ask(?:ing)?\s+(?:(?:her|him|them|\w+)\s+)?(?:if|whether)\s+|whether\s+)(?P<who>she|he|they|\w+)\s*"
                 r"(?P<modal>'d|’d|would|could|can|might|will|'ll)\s+(?P<x>.+)$|"
                 r"^(?P<modal2>would|could|can|will)\s+(?P<who2>she|he|they)\s+(?P<x2>.+?)\??$", re.IGNORECASE)
LINK = re.compile(r"\b(?:https?://)?(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|app|co|ai|example|edu|gov|uk|de|fr|me|so|"
                  r"xyz|ly|gg|info|biz|page|site|link)\b(?:/[^\s,;)]*)?", re.IGNORECASE)
# A job title named bare ("Perception Engineer II", "Senior SRE", "BIM Coordinator opening on their careers page"):
# capitalised words ending in a job's noun, an optional level, an optional word for the opening.
JOB_NOUNS = job_words_pattern()
ROLE_TITLE = re.compile(r"^(?:(?:the|a|an)\s+)?(?P<title>(?:[A-Z][\w&/+.-]*\s+){0,4}(?i:" + JOB_NOUNS + r")"
                        r"(?:\s+(?:I{1,3}|IV|V|[1-4]))?)(?:\s+(?P<noun>(?i:role|opening|position|job|req|posting|vacancy)))?"
                        r"(?P<rest>(?:\s+(?i:on|at|in|from|posted|listed)\b.{0,60})?)$")
# Asks the goal's own frames say better (a referral, an introduction): read by the request's rules.
OTHER_ASKS = re.compile(r"(?:be (?:willing|open|happy) to\s+)?(?:refer|introduce|intro|put)\b", re.IGNORECASE)
_THIRD = re.compile(r"\b(she|he|him|his|hers|her|they|them|their)\b", re.IGNORECASE)
_MODAL = {"'d": "Would", "’d": "Would", "would": "Would", "could": "Could", "can": "Could", "might": "Would",
          "will": "Would", "'ll": "Would"}


# What a link is, said before it ("Line sheet: https://…", "my one-pager https://…", "posting is https://…",
# "put the revised portfolio link in again https://…"): a short noun phrase, with no one else in it.
LABEL = re.compile(r"^(?:(?:include|send|share|attach|add|put|drop|here'?s|here is|and|also|plus)\s+)*"
                   r"(?P<label>(?:(?:my|our|the|a|an)\s+)?[A-Za-z][\w'’+-]*(?:\s+[A-Za-z][\w'’+-]*){0,3}?)"
                   r"(?:\s+(?:in|in again|again|here|below|too|as well))?\s*(?:[:=—–-]|\bis(?:\s+at|\s+here)?|\bat)?\s*$",
                   re.IGNORECASE)
# Things a person has of their own: said as "my CV".
OWN_DOCS = {"cv", "resume", "résumé", "portfolio", "website", "site", "github", "profile", "linkedin", "blog",
            "writing sample", "reel", "showreel", "homepage"}
_NOT_LABEL = {"is", "are", "was", "link", "here", "it", "this", "that", "at", "the", "url", "in", "on", "to", "for"}


def link_label(before: str) -> str:
    """What a link is, from the words just before it ('Line sheet:' -> 'the line sheet', 'CV:' -> 'my CV');
    '' when they are no short name of a thing."""
    m = LABEL.match(" ".join(before.split()).strip(" ,;(") if before.strip() else "")
    label = m.group("label") if m else ""
    words_ = label.split()
    if not words_ or _THIRD.search(label) or fold(words_[-1]) in _NOT_LABEL - {"link"} or \
            fold(label) in _NOT_LABEL or re.search(r"\d|\b(?:i|you|me|we|us)\b", label, re.IGNORECASE):
        return ""
    det, rest = (words_[0], words_[1:]) if fold(words_[0]) in ("my", "our", "the", "a", "an") else ("", words_)
    if not rest:
        return ""
    head = rest[0] if len(rest[0]) > 1 and rest[0].isupper() else rest[0].lower()  # "CV" stays, "Line" goes lower
    rest = [head, *rest[1:]]
    det = fold(det) if det and fold(det) not in ("a", "an") else ("my" if fold(" ".join(rest)) in OWN_DOCS else "the")
    return f"{det} {' '.join(rest)}"


def _tail(text: str) -> str:
    """The meeting's when/where/about, as written, when it is one: short and with no one else in it."""
    tail = re.sub(r"^(?:w/\s*|with\s+)", "with ", text.strip(" ,.;:"), flags=re.IGNORECASE)  # "w/ Johan": with a third person
    tail = re.sub(r"^re:?\s+", "about ", tail, flags=re.IGNORECASE)  # "re getting into ux research": its topic
    if not tail or not TAIL.match(tail) or len(tail.split()) > 14 or _THIRD.search(tail):
        return ""
    return tail


def read_want(part: str) -> RequestPart | None:
    """A part that is a meeting, the user's own question, a link or a reference; None otherwise."""
    if link := LINK.search(part):
        url = link.group(0).rstrip(".")
        if "." in url and not re.fullmatch(r"[\w-]+\.(?:me|so|co)", url, re.IGNORECASE):  # "i.me" is no link
            return RequestPart(kind="link", text=url, extra=link_label(part[:link.start()]))
    m = ASK.match(part)
    x = (m.group("x") or m.group("x2")).strip(" .?!") if m else ""
    who, modal = (m.group("who") or m.group("who2") or "", m.group("modal") or m.group("modal2") or "") if m else ("", "")
    if m and (fold(who) in ("she", "he", "they") or who[:1].isupper()) and x \
            and not OTHER_ASKS.match(x) and not _THIRD.search(x) and len(x.split()) <= 25:
        return RequestPart(kind="ask", text=x, extra=_MODAL[fold(modal)])
    if m := MEET.match(part.strip()):
        rest = m.group("tail")
        mode = MODE.match(rest)
        rest = rest[mode.end():] if mode else rest
        rest = IF_THEY_LIKE.sub("", rest)  # "if she fancies it": the question asks that already
        rest = LATER.sub(" ", rest)  # "a 20 min chat eventually about …": no time to say, the topic after it
        tail = _tail(rest)
        if rest.strip(" ,.;:?") and not tail:
            return None  # more than a meeting is said here
        minutes = m.group("n") or ("30" if fold(m.group("hour") or "").startswith("half") else
                                   "60" if m.group("hour") else "")
        what = fold(m.group("what") or m.group("callword") or (mode.group("mode") + " call" if mode else "call"))
        alt = fold(re.sub(r"^\W*(?:or\s+)?(?:an?\s+)?", "", (m.group("alt") or "").strip()))
        what = f"{what} or {alt}" if alt and alt != what else what  # "coffee/call": either, as the user wrote it
        what = re.sub(r"^(?:quick|short)\s+", "", what)
        what = "catch-up" if what.startswith("catch") else what
        what = {"drink": "drinks", "beer": "a beer", "tea": "a cup of tea"}.get(what, what)
        cadence = " ".join((m.group("cad") or m.group("cad0") or m.group("every") or "").split())
        return RequestPart(kind="meet", text=what.rstrip("s") if what in ("calls", "chats") else what,
                           minutes=int(minutes or 0), cadence=fold(cadence), tail=tail,
                           span=" ".join((m.group("span") or "").split()))
    if title := _role(part):
        return title
    if (ref := REF.search(part)) and len(part.split()) <= 6:
        applied = "applied" if re.search(r"\bappl(?:ied|ication)\b", part, re.IGNORECASE) else ""
        return RequestPart(kind="ref", text=ref.group(0).strip(), extra=applied)
    return None


def _role(part: str) -> RequestPart | None:
    """A bare job title, with a reference beside it ("Senior SRE, TP-5521"), as the role a referral is for."""
    ref = REF.search(part)
    rest = (part[:ref.start()] + " " + part[ref.end():]) if ref else part
    rest = " ".join(rest.replace(",", " ").split()).strip(" .;:()")
    rest = re.sub(r"^(?:the\s+)?(?:role|position|opening|job)\s*:\s*", "", rest, flags=re.IGNORECASE)  # "Role: SRE II"
    rest = re.sub(r"^(?:there(?:'s|’s| is)|theres|i saw|saw|found|spotted)\s+(?:an?\s+|the\s+)?", "", rest, flags=re.I)
    rest = re.sub(r"\s+(?:now|today|again|req|id)$", "", rest, flags=re.IGNORECASE)
    m = ROLE_TITLE.match(rest)
    if not m or not m.group("title")[:1].isupper():
        return None
    tail = m.group("rest").strip()
    if re.match(r"(?:on|at|in|from)\s+(?:their|the|your|his|her|its)\s+(?:careers?|jobs?)\s+(?:page|site|board)|"
                r"(?:posted|listed)\b", tail, re.IGNORECASE):
        tail = ""  # where the user saw it is not for the message
    if _THIRD.search(tail):
        return None  # "… on her team": the request's own rules say it to the person
    role = f"the {m.group('title')} {(m.group('noun') or 'role').lower()}" + (f" {tail}" if tail else "")
    return RequestPart(kind="role", text=f"{role} ({ref.group(0).strip()})" if ref else role)


def _article(noun: str) -> str:
    """'an ' before a vowel sound ('an hour-long call', 'an 18-minute call', 'an 8-minute chat'), else 'a '."""
    return "an " if noun[:1] in "aeiou" or noun.startswith(("hour", "8", "11-", "18-")) else "a "


def meeting_phrase(part: RequestPart) -> str:
    """'lunch', 'a 20-minute call', 'a quarterly call', 'coffee while I'm in Dayton in November'."""
    minutes, cadence, tail = part.minutes, part.cadence, part.tail
    what = part.text
    before = cadence if cadence in CADENCES else ""  # "a monthly call"; "a call every 6 weeks", "once a month"
    after = cadence if cadence and not before else ""
    size = "hour-long " if minutes == 60 else f"{minutes}-minute " if minutes else ""
    if what in ("call", "chat", "catch-up", "video call", "phone call", "zoom call", "zoom"):
        noun = f"{size}{before + ' ' if before else ''}{what}"
        what = _article(noun) + noun
    elif minutes:
        what = _article(size) + f"{size}{what}"
    return " ".join(x for x in (what, after, part.span, tail) if x)


def ask_from(parts: list[RequestPart], goal: str) -> str:
    """The ask the user's own words give, '' when they give none: their question, else their meeting."""
    own = next((p for p in parts if p.kind == "ask"), None)
    meet = next((p for p in parts if p.kind == "meet"), None)
    if own and meet and meet.cadence:  # "mentoring me, like a call once a month"
        return f"{own.extra or 'Would'} you {own.text}, with {meeting_phrase(meet)}?"
    second = next((p for p in parts if p.kind == "ask" and p is not own), None)
    if own and second:  # "ask if she'd read it and whether she'd be open to mentoring me"
        return f"{own.extra or 'Would'} you {own.text}, and {(second.extra or 'Would').lower()} you {second.text}?"
    if own:
        return f"{own.extra or 'Would'} you {own.text}?"
    if not meet:
        return ""
    said = meeting_phrase(meet)
    if goal == "thank-you" and meet.text in MEALS + ("drinks", "a beer", "a cup of tea"):
        return f"Could I buy you {'a ' if meet.text == 'coffee' else ''}{said}?"
    opener = "Would you be up for" if meet.text in MEALS + ("drinks", "a beer", "a cup of tea") else \
        "Would you be open to"
    return f"{opener} {said}?"


def want_sentence(part: RequestPart, goal: str) -> str:
    """A link or a reference as the sentence that carries it; '' for the kinds the ask says (a meeting, a
    question)."""
    if part.kind == "link":
        return f"Here is {part.extra or 'the link'}: {part.text}."
    if part.kind == "ref":
        if part.extra == "applied":
            return f"I have already applied ({part.text})."
        if goal == "follow-up":
            return f"A quick follow-up on {part.text}."
        bare = re.sub(r"^(?:(?:job|req(?:uisition)?|ref(?:erence)?|application)\s*)?(?:id|no\.?|number|#)?\s*[:#]?\s*", "",
                      part.text, flags=re.IGNORECASE) or part.text
        return f"The job ID is {bare}." if goal == "referral" else f"The reference is {bare}."
    return ""
