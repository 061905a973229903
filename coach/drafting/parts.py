"""One part of the user's request read into a typed `RequestPart` (a person to meet, a referrer, a role, a thing
sent, their news, their offer, the user's own news, a topic…), or None when no rule reads it.

Within a slot the recipient is "you" (a word-for-word swap of their name and pronouns, `second_person`); a slot
where a third person is left ("she") gives no part. Nothing here glues free text into a sentence: the parts'
frames are in `coach.drafting.part_lines`.
"""

from __future__ import annotations

import re

from coach.checks import grammar
from coach.core.domain import Contact
from coach.core.jobs import job_words_pattern
from coach.core.messages import RequestPart, RequestReading
from coach.core.text import capitalise, ensure_period, fold, second_person
from coach.crm.facts.names import goes_by
from coach.crm.facts.said import request_facts
from coach.drafting.dates import read_date
from coach.drafting.occasions import read_occasion
from coach.drafting.offers import read_offer
from coach.drafting.sayable import ASIDE
from coach.drafting.since import read_gap
from coach.drafting.theirs import read_offered
from coach.drafting.wants import OTHER_ASKS, read_want

# A third party's relation to the recipient, said before their name ("her CFO Tom Reyes").
RELATION = re.compile(r"^(?:(?:her|his|their|your)\s+)?(?P<rel>(?:[A-Z]{2,4}|co-?founder|cofounder|boss|manager|"
                      r"colleague|friend|head of [\w ]+?|director|lead|partner|investor|sister|brother)\s+)?"
                      r"(?P<name>(?:(?:Dr|Prof|Mr|Ms|Mrs|Mx)\.?\s+)?[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’-]+|de|van|von|da|del|le))*)"
                      r"(?P<at>\s+(?:at|from|of)\s+[A-ZÀ-ÖØ-Þ][\w&'’.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w&'’.-]*)*"
                      # "Marc-André from Clearpath lab", "Kenji Sato at Marlow County epi": a lower-case word may end the place
                      r"(?:\s+[a-z][\w-]{1,15})?)?$")
# A role said to be open at a place: "Tidewater has a junior ecologist job open", "there's a … role going at X".
_ORG = r"(?-i:[A-Z])[\w&'’.-]*(?:\s+(?-i:[A-Z])[\w&'’.-]*){0,3}"
_OPEN_ROLE = re.compile(r"(?:there(?:'s|’s|\s+is)|(?P<org>" + _ORG + r")\s+(?:has|have|posted|opened|is\s+hiring\s+for))\s+"
                        r"(?:a|an)\s+(?P<r>(?:[\w-]+\s+){0,5}?(?:job|role|position|opening|vacancy|post))(?:\s+(?:open|"
                        r"going|up|advertised|listed))?(?:\s+(?:at|with)\s+(?P<at>" + _ORG + r"))?\s*$", re.IGNORECASE)
# Where a role's words end and the user's instructions begin ("… job at his branch and want to ask if he'd talk").
ROLE_TAIL = re.compile(r"\s+and\s+(?=(?:i\s+)?(?:want|ask|see|check|would|could|if|maybe|then|wanna)\b)|"
                       r"\s+(?:if|because|since|so that)\s+|"
                       # a second, smaller ask after the role: "… job at Norrland or at least pass my name to Ines"
                       r"\s+or\s+(?=(?:at least|even|just|maybe|failing that)\b|(?:pass|forward|send|put|share|"
                       r"introduce|mention)\b)", re.IGNORECASE)
# Their news as a thing to congratulate on: the verb's -ing form ("made partner" -> "making partner").
NEWS_GERUNDS = {"made": "making", "became": "becoming", "won": "winning", "named": "being named",
                "appointed": "being appointed", "elected": "being elected"}
NEWS_EVENTS = ("accepted", "published", "funded", "launched", "released", "shipped", "approved", "announced",
               "nominated", "shortlisted", "featured", "selected")
# Verbs a clause holds: the finite forms any clause has, and (for `_VERB`) the bare and -ing forms a note uses.
_FINITE_FORMS = (r"is|are|was|were|am|has|have|had|got|won|hit|made|became|began|took|left|could|would|can|will|"
                 r"should|might|must|do|does|did|\w{3,}ed")
_VERB = re.compile(rf"\b({_FINITE_FORMS}|want|need|think|hope|plan|love|run|lead|built|start|begin|join|move|owe|"
                   r"finish|graduate|launch|open|leave|work|teach|study|live|\w{3,}ing)\b")
_FINITE_WORDS = rf"{_FINITE_FORMS}|works|runs|leads|wants|needs"
FINITE = re.compile(rf"\b({_FINITE_WORDS})\b")
# A clause that opens with its subject, a noun phrase, and its verb: "the SOP helped at the audit", "the team loved
# your workshop" (not "the shared customers", nor "the huddle thing and that I got …").
_SUBJECT_VERB = re.compile(rf"^(?:the|our|my|her|his|their)\s+(?:(?!(?:and|that|which|who|or)\b)[\w'’-]+\s+){{1,4}}"
                           rf"(?:{_FINITE_WORDS})\b")
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


def slot_to_you(text: str, contact: Contact) -> str:
    """The slot with the recipient as 'you'; '' when a third person is left (who is 'she'?)."""
    said = second_person(text.strip(" ,.;:"), names_of(contact))
    return "" if re.search(r"\b(she|he|him|his|hers|her)\b", fold(said)) else said


def _to_you_left(said: str) -> bool:
    """Whether a third person is left in a slot (who is 'she'?)."""
    return bool(re.search(r"\b(she|he|him|his|hers|her)\b", fold(said)))


def _noun_phrase(text: str) -> bool:
    """A short thing named, not a sentence: 'the Series B', 'your intro to Dana'."""
    low = fold(text)
    return 0 < len(text.split()) <= 12 and low.startswith(DETERMINERS) and not FINITE.search(" ".join(
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
    said = slot_to_you(x_whole, contact)
    if said and re.match(r"(?:someone|somebody|anyone|a|an|one of|the|your)\b", fold(said)) and len(said.split()) <= 14:
        return RequestPart(kind="person", text=said)
    return None


def read_part(part: str, contact: Contact, reading: RequestReading, after_thing: bool) -> RequestPart | None:
    """The typed part `part` says, or None when no rule reads it (`after_thing`: the part before named a thing,
    so 'it got me the interview' says what it did)."""
    who = _who(contact)
    low = fold(part)
    if want := read_want(part):  # a meeting, the user's own question, a link, a reference: data for the ask
        return want
    if named := read_occasion(part, lambda text: slot_to_you(text, contact)):  # an info interview about X, thanks for X
        return named
    if dated := read_date(part):  # "sponsor deadline 28 feb", "the first one sometime in March"
        return dated
    rx = lambda pattern: re.match(pattern.replace("{who}", who), part, re.IGNORECASE)  # noqa: E731
    if m := rx(r"(?:tak(?:e|ing)\s+(?:{who})\s+up\s+on\s+(?:the|her|his|their|your)\s+(?:kind\s+)?offer\s+to\s+)"
               r"(?P<x>.+)"):
        said = slot_to_you(m.group("x"), contact)  # "taking her up on the offer to introduce me to Gideon Marsh"
        return RequestPart(kind="their-offer", text=said, extra="offered") if said else None
    if m := rx(r"(?:(?:maybe|and|also|please)\s+)*(?:wish\s+(?:(?:{who})\s+)?(?:good\s+|the\s+best\s+of\s+)?luck|"
               r"say\s+good\s+luck)\s+(?:with|on|for|at)\s+(?P<x>.+)"):
        said = slot_to_you(m.group("x"), contact)  # "maybe wish her luck with the keynote": good luck with it
        return RequestPart(kind="luck", text=said) if said and len(said.split()) <= 12 else None
    if m := rx(r"(?:(?:maybe|and|also|please|just|say|add|mention)\s+)*(?:that\s+)?(?:i\s+)?(?:hope|hoping)\s+(?:to\s+)?"
               r"(?:see|catch|run into)\s+(?:{who}|her|him|them|you)\s+(?P<x>(?:at|in|on|around|next|soon)\b[^,;]{0,50})$"):
        said = slot_to_you(m.group("x"), contact)  # "hope to see him at Ag Days in January": said last, to them
        return RequestPart(kind="parting", text=f"I hope to see you {said}.") if said and len(said.split()) <= 10 \
            else None
    if (m := REFERRER.match(part)) and fold(m.group("x")) not in {fold(n) for n in names_of(contact)} and \
            fold(m.group("x")).split()[0] not in _NOT_NAMES:
        x = m.group("x") if not m.group("x").islower() else " ".join(w.capitalize() for w in m.group("x").split())
        return RequestPart(kind="referrer", text=x, extra="passed" if m.group("passed") else "named" if m.group("named") else
                           "linked" if m.group("linked") else "")
    if offered := read_offered(part, who, lambda text: slot_to_you(text, contact)):  # "the intro he offered in sept"
        return offered
    if m := rx(r"(?:(?:ask|see if|check if)\s+(?:(?:{who})\s+)?(?:to|if|whether)\s+(?:(?:she|he|they)(?:['’]d)?\s+)?"
               r"(?:could\s+|would\s+|can\s+)?|"
               # "want him to intro me to …", "I'd love her to introduce us to …"
               # … and in learners' English: "I want she introduce me to …"
               r"(?:i\s*)?(?:want|wanted|need|would like|would love|['’]d like|['’]d love|hoping)\s+(?:{who}|she|he|they)\s+(?:to\s+|(?:can|could|will|would)\s+)?)?"
               r"(?:introduce|intro)\s+(?:me|us)\s+to\s+(?P<x>.+)"):
        return _person(m.group("x"), contact)
    if m := rx(r"(?:ask|see if|check if)\s+(?:(?:{who})\s+)?(?:if|whether)\s+(?:she|he|they|{who})(?:['’](?:s|re)|\s+(?:is|are|would be|'d be))"
               r"\s+(?:open|happy|willing)\s+to\s+(?:an?\s+|the\s+)?(?:intro|introduction)\s+to\s+(?P<x>.+)"):
        return _person(m.group("x"), contact)
    if m := rx(r"(?:ask\s+(?:(?:{who})\s+)?for\s+)?(?:an?\s+|the\s+)?(?:intro|introduction)\s+to\s+(?P<x>.+)"):
        return _person(m.group("x"), contact)
    if re.match(r"(?:someone|somebody|anyone|a person)\b", low):
        return _person(part, contact)
    if m := rx(r"(?:(?:i\s+)?(?:want|would like|'d like|hope)\s+(?:he|she|they|him|her|them|you|{who})\s+(?:to\s+|will\s+|can\s+)?"
               r"(?:refer|recommend)\s+me\s+(?:for|to)\s+|"  # "I want he refer me for the role": non-native word order
               r"ask\s+(?:{who})\s+(?:for\s+)?(?:a\s+)?referral\s+(?:for|to)\s+|ask\s+(?:(?:{who})\s+)?(?:to|if)\s+"
               r"(?:(?:she|he|they)(?:['’]d\s+|\s+))?(?:could\s+|would\s+)?refer\s+me\s+(?:for|to)\s+|(?:i'?m\s+|i am\s+)?"
               r"(?:applying|apply|applied)\s+(?:for|to)\s+|(?:a\s+)?referral\s+for\s+|"
               r"(?:ask\s+(?:(?:{who})\s+)?(?:if|whether)\s+(?:she|he|they)(?:['’]d|\s+would|\s+could)?\s+)?put\s+(?:my\s+name|me)\s+"
               r"forward\s+(?:to\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+)?for\s+)(?P<x>.+)"):
        said = slot_to_you(ROLE_TAIL.split(m.group("x"), maxsplit=1)[0], contact)
        return RequestPart(kind="role", text=_determined(said)) if said else None
    # "Tidewater has a junior ecologist job open", "there's a site manager role going at Haldane": the role
    if (m := _OPEN_ROLE.match(part)) and (org := m.group("org") or m.group("at")) and \
            fold(org).split()[0] not in (*_NOT_NAMES, "she", "he", "they"):
        return RequestPart(kind="role", text=f"the {m.group('r')} at {org}")
    if m := rx(r"(?:ask\s+(?:(?:{who})\s+)?(?:to|if (?:she|he|they)(?:'d| would| could)?)\s+(?:be\s+(?:willing|happy|able|"
               r"ok|okay)\s+to\s+)?)?put\s+in\s+a\s+(?:good\s+)?word\s+(?:for\s+me\s+)?(?:for|with)\s+(?P<x>.+)"):
        x = m.group("x")
        # "with Corinne Shah at the Gazette for the county reporter job": the job, not whom the word is put to
        x = (re.match(r".+?\s+for\s+(?P<r>(?:the|a|an)\s+.+)$", x, re.IGNORECASE) or re.match(r"(?P<r>.+)", x)).group("r")
        said = slot_to_you(ROLE_TAIL.split(x, maxsplit=1)[0], contact)
        return RequestPart(kind="role", text=said) if said else None
    if m := rx(r"(?:(?:finally|actually|also)\s+)?(?:send|share|attach|forward)\s+(?:(?:{who})\s+)?(?P<x>(?:the|my|our)\s+[^,;]+?)"
               r"(?:\s+(?:with|to)\s+(?:{who}|her|him|them))?"  # "share the deck with her": whom, not the thing
               r"(?:\s+(?:finally|now|today|this time|at last|asap))?(?:\s+and\s+.*)?$"):
        said = slot_to_you(m.group("x"), contact)
        return RequestPart(kind="sending", text=said) if said and _noun_phrase(said) else None
    if gap := read_gap(part):  # "haven't talked in like 2.5 years", "haven't spoken since grad school"
        return gap
    if brought := read_offer(part, lambda text: slot_to_you(text, contact)):  # an offer, an enclosure, when they're free
        return brought
    if m := rx(r"(?:apologi[sz]e|say sorry|sorry)\s+for\s+(?P<x>(?:the|my)\s+(?:delay|slow reply|late reply|wait|"
               r"silence|radio silence))\b"):
        return RequestPart(kind="apology", text=m.group("x"))
    if m := rx(r"intro(?:duce)?\s+myself\s+as\s+(?P<x>(?:the|your|her|his|their|[A-Z][\w'’-]*['’]s)\s+[^,;]{2,60})$"):
        said = slot_to_you(m.group("x"), contact)  # "intro myself as Saoirse's replacement": who the user is
        return RequestPart(kind="mine", text=f"I am {said}") if said else None
    if (m := rx(r"ask\s+(?:(?:{who})\s+)?(?P<x>(?:what|when|how|which|where|who|why)\s+.+)")) and \
            len(m.group("x").split()) <= 16 and not re.match(r"(?:how|what)\s+(?:about|abt)\b", m.group("x"), re.IGNORECASE):
        said = second_person(m.group("x"), names_of(contact))  # "ask what she needs from me": their own question
        return RequestPart(kind="ask", text=f"let me know {said}", extra="Could") if not _to_you_left(said) else None
    if m := rx(r"(?:(?:tell|let)\s+(?:{who})\s+(?:know\s+)?|(?:mention|say)\s+)"
               r"(?:(?:yes|yep|yeah),?\s+)?(?:that\s+)?(?P<x>(?:i|i'm|i've|i'd|i'll|we|we're|we've|my|our|she|he|they|{who})(?:['’](?:s|ll|d|re|ve))?\s.+)"):
        said = second_person(m.group("x"), names_of(contact))  # "mention that her advice worked": said, to them
        return RequestPart(kind="mine", text=capitalise(said)) if not _to_you_left(said) else None
    if (m := rx(r"(?:(?:maybe|also|and|please|definitely)\s+)*(?:(?:tell|let)\s+(?:{who})\s+(?:know\s+)?|"
                r"(?:mention|say)\s+)(?:that\s+)?(?P<x>(?:the|our|my|her|his|their)\s+.+)")) and \
            _SUBJECT_VERB.match(fold(m.group("x"))) and len(m.group("x").split()) <= 20:
        said = second_person(m.group("x"), names_of(contact))  # "tell her the SOP helped at the audit": said, to them
        if not _to_you_left(said) and not grammar.problems(ensure_period(capitalise(said)),
                                                          grammar.names_in(part, contact.name)):
            return RequestPart(kind="mine", text=capitalise(said))
    if (m := rx(r"ask\s+(?:{who})\s+to\s+(?P<x>.+)")) and not OTHER_ASKS.match(m.group("x")):
        said = slot_to_you(m.group("x"), contact)  # "ask hetty to keep going after the programme": their own question
        return RequestPart(kind="ask", text=said, extra="Would") if said and len(said.split()) <= 20 else None
    if m := rx(r"(?:congratulat\w*|congrats)\s+(?:(?:{who}|[\w'’-]+)\s+)?(?:on|for)\s+(?P<x>.+)"):
        said = slot_to_you(m.group("x"), contact)
        return RequestPart(kind="news", text=said) if said else None
    # "follow up with Desmond on linkedin": the channel, not what the follow-up is about
    if m := rx(r"follow(?:ing)?[\s-]+up\s+(?:with\s+(?:{who})\s+)?(?:on|about|re:?|regarding)\s+"
               r"(?!(?:linkedin|li|e-?mail|mail|whatsapp|slack|teams|text|dm|signal|telegram)\s*$)(?P<x>.+)"):
        said = slot_to_you(m.group("x"), contact)
        return RequestPart(kind="follow", text=said) if said else None
    if m := rx(r"(?:about|to\s+(?:ask|hear|learn)(?:\s+about)?)\s+(?P<x>(?:how|what|why|whether|when|where|which)\s+.+)"):
        said = slot_to_you(m.group("x"), contact)  # "(a call) about how she got from bio into epi": what to hear
        return RequestPart(kind="wish", text=said) if said and len(said.split()) <= 25 else None
    if (m := rx(r"(?:about|re|regarding|concerning)\s+(?P<x>(?!(?:how|what|why|whether|when|where|which|who|if)\b)"
                r"[^,;]{3,80})$")) and len(m.group("x").split()) <= 10:
        said = slot_to_you(m.group("x"), contact)  # "(msg to marisol) re: oct 10k afterparty partnership": the topic
        bare = said.split()[0].lower() if said and not fold(said).startswith(DETERMINERS) else ""
        # "about moving into claims" is a wish (no "the"); "about mentorship through X" names the goal itself
        said = "" if bare.endswith("ing") or bare in _GOAL_WORDS else said if not bare else \
            f"the {said}" if len(said.split()) > 1 else ""
        if said and _noun_phrase(said):
            return RequestPart(kind="topic", text=said)
    if m := rx(r"(?:ask\s+(?:(?:{who})\s+)?about\s+|(?:i\s+)?(?:want|would like|'?d like|'?d love|would love|wanna)\s+"
               r"to\s+(?:hear|learn|know|understand)\s+(?:about\s+)?|(?:hear|learn)\s+about\s+)(?P<x>.+)"):
        said = slot_to_you(m.group("x"), contact)
        return RequestPart(kind="wish", text=said) if said else None
    if m := rx(r"(?:propose|suggest|pitch|float)\s+(?:(?:{who})\s+(?=the\b|an?\b|our\b|my\b))?(?:the idea of\s+|that we\s+)?"
               r"(?P<x>.+)"):  # "pitch Kofi the venue partnership": what is pitched, not to whom
        x = re.sub(rf"^(?P<n>(?:a\s+|the\s+)?[\w-]+(?:\s+[\w-]+)?)\s+(?:to|with)\s+(?:{who})\b", r"\g<n>", m.group("x"),
                   count=1, flags=re.IGNORECASE)  # "propose partnership to Marguerite for 2026": what, not to whom
        x = re.sub(r"^(?=(?:partnership|collaboration|co-?marketing|joint|cross-promotion)\b)", "a ", x, flags=re.IGNORECASE)
        x = re.sub(rf"^(?:{who})\s+on\s+", "", x, count=1, flags=re.IGNORECASE)  # "pitch Rosa on teaming up": what
        said = slot_to_you(x, contact)
        if said and (we := re.match(r"(?:that\s+)?we\s+(?:should\s+|could\s+)?(?P<v>(?!should\b|could\b)[a-z]+\b.*)", said,
                                    re.IGNORECASE)):  # "suggest we meet to talk rates": a suggestion, said as one
            line = f"Perhaps we could {we.group('v')}"
            return RequestPart(kind="mine", text=line) if grammar.ok(ensure_period(line), grammar.names_in(
                part, contact.name)) else None
        return RequestPart(kind="proposal", text=said) if said else None
    news = r"(?:(?:i\s+)?(?:saw|heard|read|noticed)\s+(?:(?:on|in|from)\s+[\w.-]+\s+)?(?:that\s+)?)?(?:{who}|she|he|they)" \
           r"(?:'s|\s+has)?\s+" \
           r"(?:just\s+|recently\s+|finally\s+)?"
    if m := rx(news + r"(?:got\s+|was\s+|been\s+)?promoted\s+to\s+(?P<x>.+)"):
        return RequestPart(kind="news", text=f"your promotion to {m.group('x').strip()}")
    if m := rx(news + r"(?P<v>made|became|won|(?:was|been|got)\s+(?:just\s+|recently\s+)?(?:named|appointed|elected))\s+(?P<x>[^,;]{2,60}?)"
                      r"(?:,.*)?$"):
        said = slot_to_you(m.group("x"), contact)
        gerund = NEWS_GERUNDS[m.group("v").split()[-1].lower()]
        return RequestPart(kind="news", text=f"{gerund} {said}") if said else None
    if m := rx(news + r"got\s+(?:the\s+)?(?P<x>(?:[\w&'’-]+\s+){0,3}(?:" + job_words_pattern() + r"))(?:\s+(?:job|role|post|position))?"
                      r"(?:\s+(?:at|in)\s+[^,;]{2,40})?$"):
        said = slot_to_you(m.group("x"), contact)  # "saw she got nurse manager": the step itself
        return RequestPart(kind="news", text=f"becoming {said}") if said else None
    if m := rx(news + r"(?:starts|started|is starting|'s starting|will start|begins|is beginning)\s+as\s+(?:the\s+|a\s+|an\s+|our\s+)?"
                      r"(?P<x>(?:[A-Z][\w&'’.-]*\s+|of\s+|and\s+|&\s+)*[A-Z][\w&'’.-]*(?:\s+(?:at|with)\s+[A-Z][\w&'’.-]*"
                      r"(?:\s+[A-Z][\w&'’.-]*)*)?)(?:\s+(?:next|this|in|on|from)\b.*)?$"):
        role = re.sub(r"\s+(?:next|this|in|on|from|last|soon|tomorrow|today)\b.*$", "", m.group("x"), flags=re.IGNORECASE)
        return RequestPart(kind="news", text=f"the new role as {role}")  # "she starts as Deputy Head at X"
    if m := rx(news + r"(?:joined|started at|started a new (?:role|job) at|moved to|is joining|'s joining|"
                      r"got a (?:new )?job at)\s+(?P<x>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*)$"):
        return RequestPart(kind="news", text=f"joining {m.group('x')}")
    if m := rx(r"(?:(?:i\s+)?(?:saw|heard|read|noticed)\s+(?:that\s+)?)?(?P<thing>(?:her|his|their|(?:" + "|".join(
            re.escape(n) for n in names_of(contact)) + r")['’]s)\s+[^,]{2,50}?)\s+(?:just\s+)?(?:got|was|has been|"
            r"is being|were)\s+(?P<event>" + "|".join(NEWS_EVENTS) + r")\b"):
        thing = slot_to_you(m.group("thing"), contact)
        return RequestPart(kind="news", text=thing, extra=m.group("event").lower()) if thing else None
    if m := rx(r"(?:{who}|she|he|they)\s+(?:had\s+|has\s+)?promised\s+(?:me\s+|us\s+)?(?:an?\s+|the\s+|some\s+)?"
               r"(?P<thing>update|answer|reply|decision|feedback|response|quote|proposal|draft|contract|offer letter)s?"
               r"(?P<when>\s+(?:last|this|on|by|in|before|after|at)\s+[\w' -]{2,24}?)?(?:\s+(?:but|and|yet)\b.*)?$"):
        # "she promised update last week but nothing come": what is awaited, and when it was promised
        when = slot_to_you(m.group("when").strip(), contact) if m.group("when") else ""
        return RequestPart(kind="follow", text=f"the {m.group('thing').lower()} you promised" + (f" {when}" if when else ""))
    if m := rx(r"(?:{who}|she|he|they)\s+(?:kindly\s+)?(?:(?P<v>promised|offered|agreed|asked me|wanted me|said)"
               # when or where they offered may come between ("offered in week 3 of the course to send me …")
               r"(?:\s+(?P<when>(?:in|at|on|during|after|back in|last)\s+[^,;]{2,40}?))?"
               # "said months ago he'd …": when they said it may come between
               r"\s+to|(?P<w>said(?:\s+(?:(?:a\s+few\s+|some\s+|two\s+|three\s+)?(?:months|weeks|days|years)|a\s+while|"
               r"ages|a\s+(?:month|week|year))\s+ago|\s+last\s+(?:month|week|year|spring|summer|autumn|fall|winter))?"
               r" (?:she|he|they)(?:'d|’d| would)))\s+(?P<x>.+)"):
        said = slot_to_you(m.group("x"), contact)
        when = slot_to_you(m.group("when"), contact) if m.group("when") else ""
        verb = "said you would" if m.group("w") else fold(m.group("v")) + (f" {when}" if when else "")
        return RequestPart(kind="their-offer", text=said, extra=verb) if said else None
    theirs = re.match(r"(?:her|his|their|" + "|".join(re.escape(fold(n)) for n in names_of(contact)) + r")(?:['’]s)?\s+\w+", low)
    if theirs and re.search(r"\b(?:me|my|us|our)\b", low) and FINITE.search(low) and len(part.split()) <= 20:
        said = slot_to_you(part, contact)  # "her slides helped me fix our setup": what their thing did for the user
        return RequestPart(kind="mine", text=capitalise(said)) if said else None
    bare = SUBJECTLESS.match(low)  # the user's own news without its subject ("got the offer", "starting Oct 6 as …")
    if bare and not re.search(r"\b(she|he|him|his|hers|her|they|them|their)\b", low) and len(part.split()) <= 16:
        said = ("I am " if bare.group(1).endswith("ing") else "I ") + part[0].lower() + part[1:]
        return RequestPart(kind="mine", text=said)
    if m := rx(r"(?:(?:and|also|maybe|please|just)\s+)*(?P<x>no\s+(?:rush|hurry|pressure|need)(?:\s+(?:at all|"
               r"to\s+(?:reply|respond|answer|get back(?:\s+to\s+me)?)(?:\s+(?:quickly|soon|straight away|right away|"
               r"before\s+\w+(?:\s+\d{1,2})?|until\s+\w+(?:\s+\d{1,2})?))?))?)[\s.!]*$"):
        return RequestPart(kind="parting", text=capitalise(m.group("x")))  # "say no rush to reply": said last
    first_person = re.match(r"(?:i|i'm|i am|i've|i have|i'd|i was|i will|i'll|my|we|we're|we've|our)\b", low)
    where = re.match(r"i(?:'m| am)\s+(?:an?|the|in|at|based|now|currently|back|still|ex-?|flexible|happy)\b(?!.*,)"
                     r"(?!.*\bthere$)", low)  # who or where the user is: one clause, no 'there' only the coach knows
    # what the thing just named did: "it got me the interview", "it's brought us 6 enquiries", "that led to a contract"
    result = after_thing and re.match(r"(?:it|that|this|which)(?:['’]s|\s+has|\s+had)?\s+(?:(?:already|really|even|now|"
                                      r"just|since|actually)\s+)?(?:got|was|has|had|helped|led|made|landed|worked|"
                                      r"paid|brought|gave|won|saved|meant|opened|sold|[a-z]{3,}ed)\b", low)
    clause = re.match(r"(?:i|we)\s+(?:also\s+|now\s+|just\s+|currently\s+|still\s+|both\s+)?[a-z]{2,}\b", low)
    if re.match(r"we\s+(?:were|worked|studied|trained|served|played|sang|volunteered|lived|used to)\b.*\btogether\b", low) \
            and any(f.kind == "worked-together" for _, found in request_facts([part], contact) for f in found):
        return None  # "we were in the forestry program at Dunmore together": history they know, read as a fact
    if (first_person or result) and (_VERB.search(low) or clause or where or result) and not DOUBT.search(low) and \
            not ASIDE.search(low):  # "I'm nervous about sounding needy" is for the coach
        said = second_person(part, names_of(contact))
        if not re.search(r"\b(she|he|him|his|hers|her|them)\b", fold(said)) and not _BARE_YOUR.search(fold(said)) \
                and not grammar.problems(ensure_period(capitalise(said)), grammar.names_in(part, contact.name)):
            return RequestPart(kind="mine", text=capitalise(said))
        return None
    said = slot_to_you(part, contact)
    if said and _noun_phrase(said):
        return RequestPart(kind="topic", text=said)
    return None


# Words that name a kind of message, not a topic ("about mentorship through the network").
_GOAL_WORDS = frozenset("mentorship mentoring referral referrals introduction intro networking coffee chat call "
                        "catch-up reconnecting".split())


_BARE_ROLE = re.compile(r"^(?!(?:the|a|an|my|your|his|her|their|our|this|that|one|any|some)\b)(?:[\w&/'’-]+\s+){0,5}?"
                        r"(?:role|position|job|post|opening|vacancy|opportunity)\b", re.IGNORECASE)


def _determined(role: str) -> str:
    """A role said without its article ("Project Architect role at X", as non-native English often drops it) with
    'the' before it: the noun needs one wherever the message says it."""
    return f"the {role}" if _BARE_ROLE.match(role) else role
