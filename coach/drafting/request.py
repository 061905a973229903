"""The user's request, read into typed parts: what a draft may say of it, and how to write the draft.

What the user types beside the goal mixes words for the person ("the Developer Advocate opening on her team",
"I've been writing Rust tutorials for two years") with words for the coach ("keep it short", "don't bring up the
layoffs", "in French pls"). Each part is read into a `RequestPart` of one kind, or into the style, or into a
thing to leave out; a part no rule reads is left out and shown as not used. Sentences come only from typed
parts through their kind's frame (`coach.drafting.part_lines.sentences`); nothing here glues the user's free text into a sentence.
Within a slot the recipient is "you" (a word-for-word swap of their name and pronouns, `second_person`).
"""

from __future__ import annotations

import re

from coach.checks import grammar
from coach.core.domain import Contact
from coach.core.messages import RequestPart, RequestReading
from coach.core.text import capitalise, ensure_period, fold, second_person
from coach.crm.facts.names import goes_by
from coach.drafting.dates import join_labels, read_date
from coach.drafting.echoes import restates_goal
from coach.drafting.envelope import read_envelope
from coach.drafting.heads import read_head, said_content, to_coach
from coach.drafting.occasions import read_occasion
from coach.drafting.offers import read_offer
from coach.drafting.sayable import ASIDE, sayable
from coach.drafting.since import read_gap
from coach.drafting.theirs import read_offered
from coach.drafting.wants import OTHER_ASKS, read_want

# Parts: sentences, semicolons, dashes and colons; a comma only where an instruction or a new clause starts.
_SPLIT = re.compile(
    r"(?<=[.!?])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<!\bProf\.)(?<!\bSt\.)\s+|"
    r"\s+so\s+(?=(?:please\s+)?(?:don'?t|do not|dont|never)\b)|[!?]{2,}\s*|;\s*|\s+[—–-]{1,2}\s+|(?<!\brole)(?<!\bposition):\s+(?!(?:https?://|www\.)|(?:[a-z0-9-]+\.)+[a-z]{2,}/)|\s*\(\s*|\s*\)\s*|,\s+(?=(?:and\s+|but\s+)?(?:please\s+|"
    r"pls\s+)?(?:keep|make|be|write|use|sound|ask|don'?t|do not|dont|never|no need|avoid|without|in\s+[A-Z]\w+\b|it\b|"
    r"that\b|this\b|i\b|i'm|i've|i'd|my\b|we\b|formal|short|brief|warm|friendly|casual|thanks?\b))|"
    r",\s+(?=(?:it\s+)?would be (?:nice|great|good|fun|lovely)\b|would (?:she|he|they)\b|(?:maybe|perhaps|how about|suggest|propose|want|no|"
    r"something like|like an?|sorry|offer|"
    r"(?:tell|let)\s+(?:her|him|them)\b)\b|(?:(?:weekly|monthly|quarterly|fortnightly|biweekly)\s+)?\d{1,2}\s*(?:-\s*)?min|"
    r"(?:she|he|they)\s+(?:said|told me|offered|promised|kindly offered|agreed)\b|(?:job|req(?:uisition)?)\s+id\b)|"
    r"\s+but\s+(?=(?:please\s+)?(?:don'?t|do not|dont|never)\b)|"
    r"\s+and\s+(?=(?:tell|mention|let (?:her|him|them) know)\b)|,\s+(?=[A-Za-z][\w' -]{0,30}\s(?:https?://|www\.))|,\s+(?=(?:posted|listed|saw it|found it)\b)",
    re.IGNORECASE)
_LEAD = re.compile(r"^(?:and|but|also|so|oh|btw|plus|please|pls|plz|then)\s+", re.IGNORECASE)

SHORT = re.compile(r"\b(short|shorter|brief|briefer|concise|succinct|one[- ]liner|to the point|(?:under|max|at most|"
                   r"no more than|<)\s*\d+\s*(?:chars?|characters|words)|\d+\s*(?:chars?|characters|words)\s*"
                   r"(?:max|or less|tops|at most)|\d\s*(?:-|–|to)?\s*\d?\s*(?:sentences|lines))\b",
                   re.IGNORECASE)
LONG = re.compile(r"\b(longer|more detail(?:ed)?|a bit more|detailed|fuller)\b", re.IGNORECASE)
WARM = re.compile(r"\b(warm|warmer|friendly|friendlier|casual|informal|relaxed|chatty|light)\b", re.IGNORECASE)
FORMAL = re.compile(r"\b(formal|professional|polite|respectful)\b", re.IGNORECASE)
LANGUAGES = ("french", "spanish", "german", "italian", "portuguese", "dutch", "polish", "japanese", "chinese",
             "mandarin", "korean", "arabic", "hindi", "swedish", "norwegian", "danish", "finnish", "turkish",
             "vietnamese", "greek", "czech", "ukrainian", "russian", "hebrew", "français", "español", "deutsch",
             "english", "englisch", "anglais", "inglés", "ingles", "inglese", "engels")
ENGLISH = frozenset(("english", "englisch", "anglais", "inglés", "ingles", "inglese", "engels"))  # what drafts are in
LANGUAGE = re.compile(r"\b(?:in|en|auf)\s+(" + "|".join(LANGUAGES) + r")\b", re.IGNORECASE)
# A form of address that only one language has says which language is meant ("tú, not usted", "du-Form").
ADDRESS_FORMS = {"tú": "Spanish", "usted": "Spanish", "du": "German", "duzen": "German", "siezen": "German",
                 "vous": "French", "tutoyer": "French", "vouvoyer": "French"}
ADDRESS = re.compile(r"(?<![\w'’])(" + "|".join(ADDRESS_FORMS) + r")(?![\w'’])", re.IGNORECASE)
# Words that make a part an instruction to the coach when the style words are all it says.
_INSTRUCTION_WORDS = set("keep make be write use sound it the message note email tone please pls plz a bit more less "
                         "and very nice super really but not too it's its register language translate one line "
                         "lines words sentence sentences bitte por favor svp s'il vous plait obviously of course "
                         "under max at most chars characters no more than pls thx obvs tops du sie tu tú usted vous form "
                         "forms informal address".split())
AVOID = re.compile(r"^(?:please\s+)?(?:don'?t|do not|dont|never|no need to|avoid|without|not|no|leave out|skip)\s+"
                   r"(?:(?:bring(?:ing)?|brought)\s+up|mention(?:ing)?|talk(?:ing)?\s+about|say(?:ing)?(?:\s+"
                   r"anything)?(?:\s+about)?|refer(?:ring)?\s+to|referenc(?:e|ing)|rais(?:e|ing)|bring(?:ing)?)?\s*"
                   r"(?P<x>.+)$", re.IGNORECASE)
# A third party's relation to the recipient, said before their name ("her CFO Tom Reyes").
RELATION = re.compile(r"^(?:(?:her|his|their|your)\s+)?(?P<rel>(?:[A-Z]{2,4}|co-?founder|cofounder|boss|manager|"
                      r"colleague|friend|head of [\w ]+?|director|lead|partner|investor|sister|brother)\s+)?"
                      r"(?P<name>(?:(?:Dr|Prof|Mr|Ms|Mrs|Mx)\.?\s+)?[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’-]+|de|van|von|da|del|le))*)"
                      r"(?P<at>\s+(?:at|from|of)\s+[A-ZÀ-ÖØ-Þ][\w&'’.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w&'’.-]*)*)?$")
# Where a role's words end and the user's instructions begin ("… job at his branch and want to ask if he'd talk").
ROLE_TAIL = re.compile(r"\s+and\s+(?=(?:i\s+)?(?:want|ask|see|check|would|could|if|maybe|then|wanna)\b)|"
                       r"\s+(?:if|because|since|so that)\s+", re.IGNORECASE)
# A proposal named only by its kind: the part after it says what it is.
GENERIC_PROPOSALS = {"the partnership", "a partnership", "the collaboration", "a collaboration", "the idea",
                     "an idea", "my idea", "our idea", "working together", "the project", "a project"}
# Their news as a thing to congratulate on: the verb's -ing form ("made partner" -> "making partner").
NEWS_GERUNDS = {"made": "making", "became": "becoming", "won": "winning", "named": "being named",
                "appointed": "being appointed", "elected": "being elected"}
NEWS_EVENTS = ("accepted", "published", "funded", "launched", "released", "shipped", "approved", "announced",
               "nominated", "shortlisted", "featured", "selected")
_VERB = re.compile(r"\b(is|are|was|were|am|has|have|had|got|won|hit|made|became|began|took|left|could|would|can|"
                   r"will|should|might|must|do|does|did|want|need|think|hope|plan|love|run|lead|built|start|"
                   r"begin|join|move|owe|finish|graduate|launch|open|leave|work|teach|study|live|"
                   r"\w{3,}ed|\w{3,}ing)\b")
_FINITE = re.compile(r"\b(is|are|was|were|am|has|have|had|got|won|hit|made|became|began|took|left|could|would|can|"
                     r"will|should|might|must|do|does|did|\w{3,}ed|works|runs|leads|wants|needs)\b")
# Someone who sent the user to this person ("Kate said it's fine to reach out", "mention Oren sent me").
REFERRER = re.compile(r"^(?i:(?:mention|say|tell (?:her|him|them))\s+(?:that\s+)?)?(?P<x>(?![Ss]he\b|[Hh]e\b|[Tt]hey\b|[Ii]\b)"
                      r"[A-Za-z][\w'’-]+(?:\s+[A-Za-z][\w'’-]+)?)\s+"
                      r"(?i:(?P<named>passed (?:my name|me) (?:along|on)(?: to (?:her|him|them|you))?)|"
                      r"(?P<passed>passed on (?:her|his|their|your) (?:email|details|contact|number)|"
                      r"gave me (?:her|his|their|your) (?:contact|email|details|number|card))|(?P<linked>linked us|"
                      r"put us in touch|introduced us)|"
                      r"sent me|referred me|pointed me (?:to|your way)|suggested (?:i|that i|me)\b|"
                      r"(?:said|says|told me)\s+(?:i (?:can|could|should|may)|it'?s (?:fine|ok|okay) to|to)\s+"
                      r"(?:use (?:his|her|their) name|reach out|get in touch|write|contact|message|email|mention)\b)")
# What the user tells the coach so it keeps a secret ("my manager has no idea I'm looking"): never said to anyone.
SECRET = (r"\b(?:no idea|doesn'?t know|don'?t know|does not know|has not heard|hasn'?t heard|secret|confidential|"
          r"quietly|under the radar|off the record|between us|on the down ?low|not public|nobody knows|"
          r"(?:i'?m|i am|been) (?:job[- ]?)?(?:looking|hunting|searching|interviewing))\b")
# The user's doubts are for the coach, never for the person ("I don't even know if it's true"); so is where they
# stand on LinkedIn ("we're already connected").
DOUBT = re.compile(r"\b(?:not sure|if (?:it'?s|that'?s) true|i think|maybe|probably|idk|don'?t (?:even )?know|"
                   r"(?<!once we're )(?<!when we're )(?<!once we are )connected|linkedin|no connection|no mutuals?|(?:have|had|'ve) never (?:met|spoken|talked))\b|" + SECRET)
# A possessive left without its noun by the swap to "you" ("I guest on his whenever suits" -> "your whenever").
_BARE_YOUR = re.compile(r"\byour\s*(?:$|[.,;!?]|\b(?:whenever|when|if|and|or|but|so|too|as|because|then)\b)")
# Doubt about what to propose: a meeting is then not proposed.
UNSURE_MEET = re.compile(r"\?\?|\b(?:idk|not sure|unsure|dunno)\b", re.IGNORECASE)
# The user's own news, written without its subject.
SUBJECTLESS = re.compile(r"(?:just\s+|finally\s+)?(got|landed|passed|accepted|signed|finished|started|joined|moved|"
                         r"received|graduated|defended|starting|joining|moving|graduating|relocating)\b"
                         r"(?!\s+(?:to\s+)?(?:know|with|back|in touch)\b)")
# Words that start no one's name ("my manager sent me" says who, not a name to say).
_NOT_NAMES = {"my", "our", "your", "the", "a", "an", "it", "this", "that", "someone", "somebody", "we", "you", "i"}
DETERMINERS = ("the ", "your ", "her ", "his ", "their ", "a ", "an ", "my ", "our ", "this ", "that ", "some ")


def names_of(contact: Contact) -> tuple[str, ...]:
    """How a user may refer to the recipient in a request or a note."""
    return tuple(n for n in (contact.name, f"{contact.first_name} {contact.last_name}".strip(),
                             contact.first_name, contact.given_name, goes_by(contact)) if n)


def _who(contact: Contact) -> str:
    return "|".join(["her", "him", "them", *(re.escape(n) for n in names_of(contact))])


def _parts(context: str) -> list[str]:
    out = []
    for part in _SPLIT.split(" ".join(context.split())):
        part = (part or "").strip(" ,.;:!?\"'")
        while _LEAD.match(part):
            part = _LEAD.sub("", part, count=1).strip()
        if part:
            out.append(part)
    return out


def _style(part: str, reading: RequestReading) -> bool:
    """Read a part that is only an instruction about the draft's form; True when it was one."""
    found, before = False, reading.language
    lang = LANGUAGE.search(part)
    if lang:
        language = lang.group(1).capitalize()  # English is what drafts are written in: asking for it changes nothing
        reading.language = "" if fold(language) in ENGLISH else language
        found = True
    form = ADDRESS.search(part)
    if form and not lang:
        reading.language = reading.language or ADDRESS_FORMS[form.group(1).lower()]
        found = True
    for rx, field, value in ((SHORT, "length", -1), (LONG, "length", 1), (WARM, "tone", -1), (FORMAL, "tone", 1)):
        if rx.search(part):
            setattr(reading, field, value)
            found = True
    if not found:
        return False
    rest = LANGUAGE.sub(" ", part)
    for rx in (ADDRESS, SHORT, LONG, WARM, FORMAL):
        rest = rx.sub(" ", rest)
    left = [w for w in re.findall(r"[\w'’]+", fold(rest)) if w not in _INSTRUCTION_WORDS]
    if left:  # style words inside a sentence for the person ("a short call"): not an instruction
        reading.length = reading.length if not SHORT.search(part) else 0
        reading.tone = 0 if (WARM.search(part) or FORMAL.search(part)) else reading.tone
        reading.language = before  # "we always talk in Spanish" says why, and undoes no earlier request
        return False
    return True


def _to_you(text: str, contact: Contact) -> str:
    """The slot with the recipient as 'you'; '' when a third person is left (who is 'she'?)."""
    said = second_person(text.strip(" ,.;:"), names_of(contact))
    return "" if re.search(r"\b(she|he|him|his|hers|her)\b", fold(said)) else said


def _to_you_left(said: str) -> bool:
    """Whether a third person is left in a slot (who is 'she'?)."""
    return bool(re.search(r"\b(she|he|him|his|hers|her)\b", fold(said)))


def _noun_phrase(text: str) -> bool:
    """A short thing named, not a sentence: 'the Series B', 'your intro to Dana'."""
    low = fold(text)
    return 0 < len(text.split()) <= 12 and low.startswith(DETERMINERS) and not _FINITE.search(" ".join(
        low.split()[1:]))


def _person(x: str, contact: Contact) -> RequestPart | None:
    x_whole = x.strip()
    x = re.split(r",\s*|\s+(?:who|because|since|so that|for|about|now that|once|when|as|to (?:talk|learn|ask|discuss))\s+",
                 x.strip(), maxsplit=1)[0]
    m = RELATION.match(x.strip())
    if m:
        rel = (m.group("rel") or "").strip()
        owner = "your " if re.match(r"(?:her|his|their|your)\s", x, re.IGNORECASE) else ""
        return RequestPart(kind="person", text=m.group("name") + (m.group("at") or ""),
                           extra=f"{owner or 'the '}{rel}" if rel else "")
    said = _to_you(x_whole, contact)
    if said and re.match(r"(?:someone|somebody|anyone|a|an|one of|the|your)\b", fold(said)) and len(said.split()) <= 14:
        return RequestPart(kind="person", text=said)
    return None


def _read_part(part: str, contact: Contact, reading: RequestReading, after_thing: bool) -> RequestPart | None:
    who = _who(contact)
    low = fold(part)
    if want := read_want(part):  # a meeting, the user's own question, a link, a reference: data for the ask
        return want
    if named := read_occasion(part, lambda text: _to_you(text, contact)):  # an info interview about X, thanks for X
        return named
    if dated := read_date(part):  # "sponsor deadline 28 feb", "the first one sometime in March"
        return dated
    rx = lambda pattern: re.match(pattern.replace("{who}", who), part, re.IGNORECASE)  # noqa: E731
    if (m := REFERRER.match(part)) and fold(m.group("x")) not in {fold(n) for n in names_of(contact)} and \
            fold(m.group("x")).split()[0] not in _NOT_NAMES:
        x = m.group("x") if not m.group("x").islower() else " ".join(w.capitalize() for w in m.group("x").split())
        return RequestPart(kind="referrer", text=x, extra="passed" if m.group("passed") else "named" if m.group("named") else
                           "linked" if m.group("linked") else "")
    if offered := read_offered(part, who, lambda text: _to_you(text, contact)):  # "the intro he offered in sept"
        return offered
    if m := rx(r"(?:(?:ask|see if|check if)\s+(?:{who})\s+(?:to|if|whether)\s+(?:(?:she|he|they)\s+)?"
               r"(?:could\s+|would\s+|can\s+)?)?(?:introduce|intro)\s+(?:me|us)\s+to\s+(?P<x>.+)"):
        return _person(m.group("x"), contact)
    if m := rx(r"(?:ask\s+(?:{who})\s+for\s+)?(?:an?\s+|the\s+)?(?:intro|introduction)\s+to\s+(?P<x>.+)"):
        return _person(m.group("x"), contact)
    if re.match(r"(?:someone|somebody|anyone|a person)\b", low):
        return _person(part, contact)
    if m := rx(r"(?:ask\s+(?:{who})\s+(?:for\s+)?(?:a\s+)?referral\s+(?:for|to)\s+|ask\s+(?:(?:{who})\s+)?(?:to|if)\s+"
               r"(?:(?:she|he|they)(?:['’]d\s+|\s+))?(?:could\s+|would\s+)?refer\s+me\s+(?:for|to)\s+|(?:i'?m\s+|i am\s+)?"
               r"(?:applying|apply|applied)\s+(?:for|to)\s+|(?:a\s+)?referral\s+for\s+)(?P<x>.+)"):
        said = _to_you(ROLE_TAIL.split(m.group("x"), maxsplit=1)[0], contact)
        return RequestPart(kind="role", text=said) if said else None
    if m := rx(r"(?:ask\s+(?:{who})\s+(?:to|if (?:she|he|they)(?:'d| would| could)?)\s+)?put\s+in\s+a\s+(?:good\s+)?"
               r"word\s+(?:for\s+me\s+)?(?:for|with)\s+(?P<x>.+)"):
        said = _to_you(ROLE_TAIL.split(m.group("x"), maxsplit=1)[0], contact)
        return RequestPart(kind="role", text=said) if said else None
    if m := rx(r"(?:(?:finally|actually|also)\s+)?(?:send|share|attach|forward)\s+(?:(?:{who})\s+)?(?P<x>(?:the|my|our)\s+[^,;]+?)"
               r"(?:\s+(?:finally|now|today|this time|at last|asap))?(?:\s+and\s+.*)?$"):
        said = _to_you(m.group("x"), contact)
        return RequestPart(kind="sending", text=said) if said and _noun_phrase(said) else None
    if gap := read_gap(part):  # "haven't talked in like 2.5 years", "haven't spoken since grad school"
        return gap
    if brought := read_offer(part, lambda text: _to_you(text, contact)):  # an offer, an enclosure, when they're free
        return brought
    if m := rx(r"(?:apologi[sz]e|say sorry|sorry)\s+for\s+(?P<x>(?:the|my)\s+(?:delay|slow reply|late reply|wait|"
               r"silence|radio silence))\b"):
        return RequestPart(kind="apology", text=m.group("x"))
    if m := rx(r"(?:(?:tell|let)\s+(?:{who})\s+(?:know\s+)?|(?:i\s+(?:want|would like|'d like)\s+to\s+)?(?:mention|say)\s+)"
               r"(?:that\s+)?(?P<x>(?:i|i'm|i've|i'd|i'll|we|we're|we've|my|our|{who}(?:['’]s)?)\s.+)"):
        said = second_person(m.group("x"), names_of(contact))  # "mention that her advice worked": said, to them
        return RequestPart(kind="mine", text=capitalise(said)) if not _to_you_left(said) else None
    if (m := rx(r"ask\s+(?:{who})\s+to\s+(?P<x>.+)")) and not OTHER_ASKS.match(m.group("x")):
        said = _to_you(m.group("x"), contact)  # "ask hetty to keep going after the programme": their own question
        return RequestPart(kind="ask", text=said, extra="Would") if said and len(said.split()) <= 20 else None
    if m := rx(r"thank\s+(?:{who})\s+for\s+(?P<x>.+)"):
        said = _to_you(m.group("x"), contact)
        return RequestPart(kind="thanks", text=said) if said else None
    if m := rx(r"(?:congratulat\w*|congrats)\s+(?:(?:{who}|[\w'’-]+)\s+)?(?:on|for)\s+(?P<x>.+)"):
        said = _to_you(m.group("x"), contact)
        return RequestPart(kind="news", text=said) if said else None
    if m := rx(r"follow(?:ing)?[\s-]+up\s+(?:with\s+(?:{who})\s+)?(?:on|about|re:?|regarding)\s+(?P<x>.+)"):
        said = _to_you(m.group("x"), contact)
        return RequestPart(kind="follow", text=said) if said else None
    if m := rx(r"(?:ask\s+(?:{who})\s+about\s+|(?:i\s+)?(?:want|would like|'?d like|'?d love|would love|wanna)\s+"
               r"to\s+(?:hear|learn|know|understand)\s+(?:about\s+)?|(?:hear|learn)\s+about\s+)(?P<x>.+)"):
        said = _to_you(m.group("x"), contact)
        return RequestPart(kind="wish", text=said) if said else None
    if m := rx(r"(?:propose|suggest|pitch|float)\s+(?:(?:{who})\s+(?=the\b|an?\b|our\b|my\b))?(?:the idea of\s+|that we\s+)?"
               r"(?P<x>.+)"):  # "pitch Kofi the venue partnership": what is pitched, not to whom
        said = _to_you(m.group("x"), contact)
        return RequestPart(kind="proposal", text=said) if said else None
    news = r"(?:(?:i\s+)?(?:saw|heard|read|noticed)\s+(?:(?:on|in|from)\s+[\w.-]+\s+)?(?:that\s+)?)?(?:{who}|she|he|they)" \
           r"(?:'s|\s+has)?\s+" \
           r"(?:just\s+|recently\s+|finally\s+)?"
    if m := rx(news + r"(?:got\s+|was\s+|been\s+)?promoted\s+to\s+(?P<x>.+)"):
        return RequestPart(kind="news", text=f"your promotion to {m.group('x').strip()}")
    if m := rx(news + r"(?P<v>made|became|won|(?:was|been|got)\s+(?:just\s+|recently\s+)?(?:named|appointed|elected))\s+(?P<x>[^,;]{2,60}?)"
                      r"(?:,.*)?$"):
        said = _to_you(m.group("x"), contact)
        gerund = NEWS_GERUNDS[m.group("v").split()[-1].lower()]
        return RequestPart(kind="news", text=f"{gerund} {said}") if said else None
    if m := rx(news + r"(?:joined|started at|started a new (?:role|job) at|moved to|is joining|'s joining|"
                      r"got a (?:new )?job at)\s+(?P<x>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*)$"):
        return RequestPart(kind="news", text=f"joining {m.group('x')}")
    if m := rx(r"(?:(?:i\s+)?(?:saw|heard|read|noticed)\s+(?:that\s+)?)?(?P<thing>(?:her|his|their|(?:" + "|".join(
            re.escape(n) for n in names_of(contact)) + r")['’]s)\s+[^,]{2,50}?)\s+(?:just\s+)?(?:got|was|has been|"
            r"is being|were)\s+(?P<event>" + "|".join(NEWS_EVENTS) + r")\b"):
        thing = _to_you(m.group("thing"), contact)
        return RequestPart(kind="news", text=thing, extra=m.group("event").lower()) if thing else None
    if m := rx(r"(?:{who}|she|he|they)\s+(?:kindly\s+)?(?:(?P<v>promised|offered|agreed|asked me|wanted me|said)"
               r"\s+to|(?P<w>said (?:she|he|they)(?:'d|’d| would)))\s+(?P<x>.+)"):
        said = _to_you(m.group("x"), contact)
        verb = "said you would" if m.group("w") else fold(m.group("v"))
        return RequestPart(kind="their-offer", text=said, extra=verb) if said else None
    theirs = re.match(r"(?:her|his|their|" + "|".join(re.escape(fold(n)) for n in names_of(contact)) + r")(?:['’]s)?\s+\w+", low)
    if theirs and re.search(r"\b(?:me|my|us|our)\b", low) and _FINITE.search(low) and len(part.split()) <= 20:
        said = _to_you(part, contact)  # "her slides helped me fix our setup": what their thing did for the user
        return RequestPart(kind="mine", text=capitalise(said)) if said else None
    bare = SUBJECTLESS.match(low)  # the user's own news without its subject ("got the offer", "starting Oct 6 as …")
    if bare and not re.search(r"\b(she|he|him|his|hers|her|they|them|their)\b", low) and len(part.split()) <= 16:
        said = ("I am " if bare.group(1).endswith("ing") else "I ") + part[0].lower() + part[1:]
        return RequestPart(kind="mine", text=said)
    first_person = re.match(r"(?:i|i'm|i am|i've|i have|i'd|i was|i will|i'll|my|we|we're|we've|our)\b", low)
    where = re.match(r"i(?:'m| am)\s+(?:an?|the|in|at|based|now|currently|back|still|ex-?|flexible|happy)\b(?!.*,)"
                     r"(?!.*\bthere$)", low)  # who or where the user is: one clause, no 'there' only the coach knows
    result = after_thing and re.match(r"(?:it|that|this|which)\s+(?:got|was|has|had|helped|led|made|landed|"
                                      r"worked|paid)\b", low)
    clause = re.match(r"(?:i|we)\s+(?:also\s+|now\s+|just\s+|currently\s+|still\s+|both\s+)?[a-z]{2,}\b", low)
    if (first_person or result) and (_VERB.search(low) or clause or where) and not DOUBT.search(low) and \
            not ASIDE.search(low):  # "I'm nervous about sounding needy" is for the coach
        said = second_person(part, names_of(contact))
        if not re.search(r"\b(she|he|him|his|hers|her|them)\b", fold(said)) and not _BARE_YOUR.search(fold(said)) \
                and not grammar.problems(ensure_period(capitalise(said)), grammar.names_in(part, contact.name)):
            return RequestPart(kind="mine", text=capitalise(said))
        return None
    said = _to_you(part, contact)
    if said and _noun_phrase(said):
        return RequestPart(kind="topic", text=said)
    return None


def _meet_topic(part: str, reading: RequestReading, contact: Contact) -> bool:
    """Read a part that says the topic of the meeting just asked for ("about how she moved into design" after "a
    30-minute chat") into that meeting, when it has none yet and the topic can be said to them."""
    meet = next((p for p in reversed(reading.parts) if p.kind == "meet"), None)
    if meet is None or meet.tail or not re.match(r"(?:about|on how|on what|re:?)\s+\S", part, re.IGNORECASE):
        return False
    said = _to_you(re.sub(r"^re:?\s+", "about ", part, flags=re.IGNORECASE), contact)
    if said and len(said.split()) <= 14:
        meet.tail = said
    return bool(meet.tail)


# What to leave out named by a word that points back at what was just said ("don't bring it up", "skip that").
_BACK = re.compile(r"^(?:it|that|this|them|those|these)(?:\s+(?:up|out|again|please|pls))*$", re.IGNORECASE)


def read_request(context: str, contact: Contact) -> RequestReading:
    """The request, read: typed parts, the style asked for, what to leave out, what was not read."""
    reading = RequestReading()
    after_thing = False
    context = read_envelope(context, reading)  # subject, sign-off: word for word, before the colons split them
    queue = join_labels(_parts(context))
    while queue:
        part = queue.pop(0)
        if _style(part, reading):
            continue
        avoid = AVOID.match(part) if not re.match(r"not\s+(?:sure|certain|100%)", part, re.IGNORECASE) else None
        if avoid and re.match(r"(?:please\s+)?(?:don'?t|do not|dont|never|no need|avoid|without|not|no|leave|skip)\b",
                              part, re.IGNORECASE):
            thing = avoid.group("x").strip(" .,")
            if _BACK.match(thing) and (reading.parts or reading.left_out):
                # "we lost the deal in dec, don't bring it up": "it" is what the user just said
                thing = reading.parts.pop().text if reading.parts else reading.left_out.pop()
            reading.avoid.append(thing)
            continue
        if restates_goal(part, names_of(contact)):
            reading.echo.append(part)
            continue
        head, rest = read_head(part, names_of(contact))  # "connection request to Mirela, remind her of …"
        if head:
            reading.echo.append(head)
            queue[0:0] = [rest] if rest else []
            continue
        coach, says = to_coach(part)  # "I always over-apologise": for the coach; "I should acknowledge X": X is read
        if coach:
            reading.to_coach.append(part)
            queue[0:0] = [f"mention {x}" for x in says]  # read as what they ask to mention
            continue
        if _meet_topic(part, reading, contact):  # "(…) about how she moved into design": the meeting's topic
            continue
        content = said_content(part)  # "mention start date 3 march", "my email bounced so say that"
        typed = _read_part(content, contact, reading, after_thing) if content else None
        if typed is None and content and restates_goal(content, names_of(contact)):
            reading.echo.append(part)
            continue
        typed = typed or _read_part(part, contact, reading, after_thing)
        if typed is not None and typed.kind == "mine" and re.match(r"(?:we|i)\s+(?:first\s+)?met\b", fold(typed.text)):
            typed = None  # "say we met at the market": a met-at fact, said through the facts' own frames
        if typed is not None and typed.kind == "meet" and UNSURE_MEET.search(context):
            typed = None  # "lunch?? idk": the user is not sure they want it, so the message does not propose it
        last = reading.parts[-1] if reading.parts else None
        if typed is None and last and last.kind == "proposal" and fold(last.text) in GENERIC_PROPOSALS:
            said = _to_you(part, contact)  # "propose the partnership: a donation and a sign-up table"
            if said and not _FINITE.search(fold(said)):
                last.text = said
                continue
        if typed is None:
            reading.left_out.append(part)
            after_thing = False
            continue
        if last and {last.kind, typed.kind} == {"sending", "link"}:  # "sending the price sheet — https://…"
            link, sent = (typed, last) if typed.kind == "link" else (last, typed)
            if not link.extra and sayable(sent.text, "request"):
                link.extra = sent.text  # "Here is the price sheet: https://…"
                reading.parts[reading.parts.index(last)] = link
                continue
        reading.parts.append(typed)
        if typed.kind == "their-offer" and (to := re.match(r"introduce me to (?P<x>.+)$", typed.text)):
            reading.parts.append(RequestPart(kind="person", text=to.group("x")))  # the introduction the ask asks for
        after_thing = typed.kind in ("topic", "thanks", "news", "follow", "role")
    if reading.language:  # "we always talk in Spanish": why the user wants the language, not news for the person
        said_language = [p for p in reading.parts if re.search(rf"\b{fold(reading.language)}\b", fold(p.text))]
        reading.parts = [p for p in reading.parts if p not in said_language]
        reading.left_out += [p.text for p in said_language]
    return reading
