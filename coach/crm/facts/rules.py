"""Rules (the embedded tier): a contact's facts read from its fields, notes and logged interactions.

A note is read, never rewritten: a rule picks a span of the note's own words and the typed fields around
it (event, place, date, company, years) and files them under a kind. The phrase a draft uses is that span,
with the recipient as "you" (a word-for-word swap of the pronoun, and of the verb that agrees with it), or a
fixed frame filled with typed fields ("at PyCon US 2024"). A clause the rules cannot file with confidence
gives no fact.
"""

from __future__ import annotations

import datetime as dt
import re

from coach.core.domain import Contact
from coach.core.messages import Fact as Cited
from coach.core.text import fold
from coach.crm.facts.formats import People, my_names
from coach.crm.facts.formats import read as read_format
from coach.crm.facts.kinds import Fact, visible
from coach.crm.facts.layout import UNSURE, _iso, front_matter, heading_phrase, sections  # noqa: F401  (_iso: tests)
from coach.crm.facts.meeting import meeting_fields
from coach.crm.facts.names import goes_by
from coach.crm.facts.relations import others_before, read_relation, someone_else, uncleft
from coach.crm.facts.voice import PAST_IRREGULAR
from coach.crm.facts.work import read_work, untitled, with_aside

# ---------------------------------------------------------------- the note's own words
FAVOUR = re.compile(r"(helped|mentored|introduced|intro'?d|referred|recommended|reviewed|gave|coached|vouched|"
                    r"walked|showed|taught|interviewed|hired|covered|lent|sent|shared|connected|sponsored|"
                    r"invited|hosted|reached out|pushed|championed|fixed)\b")
# Verbs that are a favour only when the user is their object ("posted me a signed copy", "spent an hour with me";
# "spent two years at Google" is not).
FAVOUR_TO_ME = re.compile(r"(posted|mailed|gifted|spent|answered|explained|pointed|made time|took the time|drove|"
                          r"picked up|put up|fed)\b")
TOGETHER = re.compile(r"(worked|built|shipped|planned|ran|paired|co-?founded|launched|organi[sz]ed|studied|"
                      r"wrote|co-?wrote|rewrote|led|rebuilt|migrated|designed|hacked|taught|started|shared|co-?organi[sz]ed|"
                      r"co-?led|co-?ran|co-?taught|co-?maintained|maintained|"
                      r"co-?hosted|hosted|presented|spoke|reviewed|mentored)\b")
NEWS = re.compile(r"(joined|started|moved|left|launched|got|became|was promoted|promoted|raised|published|won|"
                  r"closed|finished|founded|opened|shipped|released|announced|switched)\b")
# News written without its subject in a note about them ("Just named Dean of Engineering", "won the X Prize").
PASSIVE_NEWS = {"named", "appointed", "elected", "promoted", "awarded", "honored", "honoured", "selected", "shortlisted",
                "nominated"}
SHORT_NEWS = re.compile(r"(" + "|".join(sorted(PASSIVE_NEWS)) + r"|won|became|launched|published|founded|raised|"
                        r"opened|released|made)\b(?!\s+(?:me|us|my|our)\b)", re.IGNORECASE)
# What "is/was …" says that is news: a move, a role, a launch ("was dressed as a pumpkin" is none).
BE_NEWS = (r"(?:promoted|named|appointed|elected|hired|starting|joining|moving|launching|raising|hiring|leading|"
           r"building|running|opening|expanding|retiring|relocating|founding|publishing|heading|taking over|"
           r"stepping up|becoming)\b")
# Month and year words: a news line needs more than a date after its verb ("opened 2016" says nothing).
DATE_WORDS = (r"(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b(?:19|20)\d\d\b|"
              r"\b(?:in|on|last|this|since|ago|year|month|week)\b)")
RELATIVE_TAIL = re.compile(r"\s+(?:last\s+(?:night|week|month|year|\w+day)|yesterday|today|tonight|this\s+(?:morning|"
                           r"afternoon|evening|week|month)|earlier today|the other day)\b.*$", re.IGNORECASE)
# Where the user heard it: not part of the news ("per alumni newsletter", "via LinkedIn").
SOURCE_TAIL = re.compile(r"\s+(?:per|via|according to|acc\.? to|h/t|as per|(?:saw|read|heard)(?: it)? (?:on|in|from))\s+"
                         r"(?:the\s+|an?\s+|her\s+|his\s+)?(?:[\w-]+\s+){0,3}?(?:newsletter|linkedin|post|article|"
                         r"e-?mail|news|announcement|grapevine|twitter|x|blog|press release|website|slack)\b.*$",
                         re.IGNORECASE)
OFFER = re.compile(r"\b(get back in touch|get in touch|reach out|ping|stay in touch|keep in touch|let (?:her|him|"
                   r"them) know|come back|contact (?:her|him|them)|touch base|give (?:her|him|them) a shout|"
                   r"check back|reconnect)\b")
CONDITION = re.compile(r"\b((?:when|once|if|whenever|after|as soon as)\s+(?:[^.;!?]|\.(?=\w)){3,80}|in (?:the )?(?:spring|summer|"
                       r"autumn|fall|winter|new year|(?:January|February|March|April|May|June|July|August|September|"
                       r"October|November|December)(?: \d{4})?)\b|next (?:week|month|quarter|year))")
# What they said they would do for me: "is happy to intro me", "can review my CV", "would love to help".
WILLING = re.compile(r"(?:is |are |would be |'d be |will be )?(?:(?:happy|glad|keen|willing|delighted|more than "
                     r"happy) to|(?:can|could|will|would love to|'d love to) )\s*(?P<x>(?:intro|introduce|refer|review|"
                     r"help|connect|send|share|pass|forward|put|look|recommend|vouch|mentor|chat|meet|grab|walk|show|"
                     r"take a look|hop on)\b.*(?:\b(?:me|my|I)\b).*)$", re.IGNORECASE)
TEACHING = ("advisor", "adviser", "supervisor", "professor", "teacher", "tutor", "coach", "mentor", "instructor")
ROLE = re.compile(r"\b(?P<past>(?i:was |ex-|former |old |previous ))?(?i:my) (?:(?P<mod>(?i:old|former|previous|first|"
                  r"capstone|thesis|phd|ph\.d\.|doctoral|dissertation|masters?|master's|research|lab|internship|"
                  r"co-op|residency|program|grad school|undergrad|high school|college|piano|swim|debate|writing|clinical|"
                  r"line|hiring|external) )?)"
                  r"(?P<role>(?i:manager|boss|lead|team lead|tech lead|mentor|director|skip-level|report|cofounder|"
                  r"co-founder|advisor|adviser|supervisor|professor|teacher|tutor|coach|instructor|chief|examiner|"
                  r"preceptor|captain|foreman|editor|sponsor)|TA\b|PI\b)(?: (?i:on|in) (?P<team>the [\w -]{2,40}?"
                  r" (?i:team|group|squad|org)))?(?: (?P<prep>(?i:at|on)) (?P<company>[A-Z]"
                  r"[\w&'’.-]*(?: [A-Z][\w&'’.-]*)*))?(?:[ ,(]*(?:from )?(?P<y1>(?:19|20)\d\d)\s*(?:-|–|to)\s*"
                  r"(?P<y2>(?:19|20)\d\d|now|present)|[ ,(]*(?:in )?(?P<y0>(?:19|20)\d\d)\b)?")
MET = re.compile(r"\b(?:met|ran into|bumped into)(?: (?:her|him|them|up|[\w'’-]+)){0,3}?\s+(?:at|@|in|during)\s+"
                 r"(?P<where>[^,.;!?]{3,70})", re.IGNORECASE)
TALKED = re.compile(r"\b(?:talked|chatted|spoke|discussed)\s+(?:for [\w ]{2,20}? (?=about))?(?:about\s+|re:?\s+)?"
                    r"(?!for\b|with\b|to\b)(?P<what>[^,.;!?]{3,70})", re.IGNORECASE)
# A to-do the user wrote to themselves ("send her my talk recording", "ask about the opening"): no shared history.
TODO = re.compile(r"^(?:todo|to do|to-do|tbd|next|remember to|need to|must|should|follow up|send|ask|email|ping|"
                  r"check|look up|find|book|schedule|call|write|share|read)\b", re.IGNORECASE)
TOGETHER_AT = re.compile(r"\b(?i:worked together|worked with \w+|(?:ex-)?colleagues?|teammates?|same team)\b(?: (?i:at|on) "
                         r"(?P<company>[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*)*))?(?:[ ,(]*(?:from )?(?P<y1>(?:19|20)"
                         r"\d\d)\s*(?:-|–|to)\s*(?P<y2>(?:19|20)\d\d))?(?:\)?\s+on\s+(?P<project>[^,.;()]{3,50}))?")
OCCASION = re.compile(r"(?P<what>coffee|lunch|dinner|drinks|breakfast)\s+(?P<prep>at|after|during)\s+"
                      r"(?P<event>[^,.;!?()]{3,60})", re.IGNORECASE)
PRIVATE_NEWS = re.compile(r"\b(?:married|engaged|divorc\w*|pregnan\w*|funeral|passed away|died|illness|surgery|cancer|"
                          r"hospital\w*|diagnos\w*|miscarr\w*|separated|widow\w*|rehab|sick leave)\b")
PERSONAL = re.compile(r"\b(kids?|daughter|son|wife|husband|partner|dog|cat|marathon|climb\w*|hiking|baby|wedding|"
                      r"vacation|holiday|loves?|hobby|birthday)\b", re.IGNORECASE)
# A tail in the present tense after a past favour ("… when my train gets cancelled"): told as it happened, left out.
PRESENT_TAIL = re.compile(r",?\s+(?:when|while|because|as|after)\s+[^,.;]*\b(?:gets|is|are|has|does|goes|comes)\b.*$")
_PRONOUN = {"she": "you", "he": "you", "him": "you", "his": "your", "hers": "yours", "herself": "yourself",
            "himself": "yourself"}
_ADVERBS = {"now", "just", "still", "also", "recently", "already", "often", "really"}
_PRESENT_S = {"runs": "run", "leads": "lead", "owns": "own", "manages": "manage", "hires": "hire", "works": "work",
              "builds": "build", "heads": "head", "teaches": "teach", "organises": "organise",
              "organizes": "organize", "wants": "want", "needs": "need", "plans": "plan", "lives": "live"}
_BE = {"was": "were", "is": "are", "has": "have", "wasn't": "weren't", "isn't": "aren't", "hasn't": "haven't"}
_AFTER_HER_OBJECT = {"a", "an", "the", "to", "for", "with", "about", "at", "in", "on", "and", "when", "if", "once",
                     "that", "know", "up", "out", "back", "last", "again", "my", "our", "some", "through", "into",
                     "after", "before", "since", "over", "by", "from", "as", "so", "too", "", "i", "i'm", "i'd",
                     "i've", "i'll", "we", "how", "what", "why", "where", "who", "this", "it", "everything"}


def to_you(span: str, names: tuple[str, ...]) -> str:
    """The span with the recipient as "you": their name and pronouns swapped word for word ("was" after them
    becomes "were"). Other words are the note's own."""
    for name in sorted((n for n in names if n), key=len, reverse=True):
        span = re.sub(rf"\b{re.escape(name)}['’]s\b", "your", span)
        span = re.sub(rf"\b{re.escape(name)}\b", "she", span)
    toks = span.split(" ")
    out: list[str] = []
    subject = False  # the last "you" was a subject (from she/he): its verb agrees
    for i, tok in enumerate(toks):
        low = tok.lower().strip(",.;:!?")
        tail = tok[len(tok.rstrip(",.;:!?")):]
        if subject and low not in _ADVERBS and low not in _PRESENT_S and low not in _BE:
            subject = False
        if low == "her":
            nxt = toks[i + 1].lower().strip(",.;:!?") if i + 1 < len(toks) and not tail else ""
            out.append(("you" if nxt in _AFTER_HER_OBJECT else "your") + tail)
        elif low in _PRONOUN:
            out.append(_PRONOUN[low] + tail)
            subject = low in ("she", "he")
        elif low in _BE and out and (out[-1].lower() == "you" or out[-1] == "and" and "you" in out[:1]):
            out.append(_BE[low] + tail)
        elif subject and low in _PRESENT_S:
            out.append(_PRESENT_S[low] + tail)  # "he now runs" -> "you now run": the verb agrees, nothing else
        else:
            out.append(tok)
    return " ".join(out).replace(" i ", " I ").replace("i'm", "I'm")


def _past(verb: str) -> bool:
    v = verb.lower()
    return v.endswith("ed") or v in PAST_IRREGULAR or v.endswith("'d")


def _clauses(text: str) -> list[str]:
    """A note's clauses: sentences, lines, bullets and semicolons split; Markdown marks dropped."""
    text = re.sub(r"\[\[([^\]|]+)\|?([^\]]*)\]\]", lambda m: m.group(2) or m.group(1), text)
    text = re.sub(r"\bI (?:still )?(?:remember|recall)(?: that)? (?=(?:she|he|they|[A-Z]\w+) )", "", text)  # a memory: what happened
    text = text.replace("w/", "with").replace(" @ ", " at ").replace(" & ", " and ")
    text = re.sub(r"\s*\(([^()]{2,80})\)", r"; \1;", text)
    # "Marcus and I co-organised…" is one clause with "we" as its subject, not two
    text = re.sub(r"(^|[.!?;\n]\s*)(?:[A-Z][\w'’-]+|[Ss]he|[Hh]e) and I\b", r"\1We", text)  # an aside in brackets is its own clause, never a span's tail
    parts = re.split(r"(?<=[.!?])\s+|\n+|;\s*|\s+-{1,2}\s+|\s+—\s+|,?\s+and\s+(?=(?:suggested|offered|"
                     r"promised|said|told|asked|invited|introduced|gave|helped|sent|shared|recommended)\b)", text)
    parts = [q for p in parts if p for q in re.split(r",\s+(?=(?:she|he|I|we)\s)|\s+and\s+(?=(?:we|she|he|I)\s)"
                                                    r"|,\s+and\s+|,\s+(?=then\s)", p) if q]
    parts = [re.sub(r"^(?:so|and|then|also|anyway|btw|oh|plus)\s+", "",
                    re.sub(r"^[^\w\"'(]+", "", p.strip(" -*•>#\t")), flags=re.IGNORECASE)  # bullets and emoji
             for p in parts]
    return [" ".join(p.split()).rstrip(".!") for p in parts if p.strip()]


def _subject(clause: str, names: tuple[str, ...]) -> tuple[str, str]:
    """(who, rest): who is 'them', 'me', 'we' or '' (shorthand with no subject)."""
    low = clause.lower()
    both = re.match(r"(?:(?:she|he)|" + "|".join(re.escape(n.lower()) for n in names if n) + r") and i\s+", low) \
        if names else re.match(r"(?:she|he) and i\s+", low)
    if both:
        return "we", clause[both.end():]
    for name in sorted((n for n in names if n), key=len, reverse=True):
        if low.startswith(name.lower() + " "):
            return "them", clause[len(name) + 1:]
    head, _, rest = clause.partition(" ")
    h = head.lower()
    if h in ("she", "he"):
        return "them", rest
    if h in ("she's", "he's", "she’s", "he’s") and not rest.lower().startswith(("been ", "got ")):
        return "them", f"is {rest}"
    if h in ("i", "i've", "i'd"):
        return "me", rest
    if h == "we":
        return "we", rest
    return "", clause


# Their thanks to the user ("sent a thank-you note", "sent thanks"): a courtesy, never a favour to thank them for.
THANKS = re.compile(r"\bthank(?:s|-you|\s+you)?\b(?:\s+(?:note|card|email|message|gift))?", re.IGNORECASE)


def _strip_adverbs(rest: str) -> str:
    return re.sub(r"^(?:just|recently|also|kindly|once|finally|actually|really)\s+", "", rest, flags=re.IGNORECASE)


def _span(text: str, limit: int = 90) -> str:
    text = text.strip(" ,.;:")
    return text if 3 <= len(text) <= limit else ""


def read_clause(clause: str, names: tuple[str, ...], today: dt.date) -> list[Fact]:
    """The facts one clause holds, each as its own words (a quoted title at its end kept as a field)."""
    return [untitled(f) for f in _read_clause(clause, names, today)]


def _read_clause(clause: str, names: tuple[str, ...], today: dt.date) -> list[Fact]:
    out: list[Fact] = []
    if UNSURE.search(clause) or TODO.match(clause):
        return out  # a doubt or a to-do is no fact to state
    clause = uncleft(clause, names)  # "she was the one who got me into X": "she got me into X"
    who, rest = _subject(clause, names)
    rest = _strip_adverbs(rest)
    head = rest.split(" ", 1)[0]
    if head[:1].isupper() and head.lower() not in {n.lower() for n in names} and \
            (head.lower().endswith(("ed", "ing")) or head.lower() in PAST_IRREGULAR | set(_BE) | {"said", "is"}):
        rest = head.lower() + rest[len(head):]  # shorthand: the note's first word is its verb ("Gave me…")
    verb = rest.split(" ", 1)[0].lower() if rest else ""
    if who == "" and _past(verb) and re.match(r"\S+\s+(?:her|him)\b", rest, re.IGNORECASE):
        who = "me"  # shorthand with the contact as its object ("Sent her my deck"): the user did it
    low = clause.lower()
    pair = re.match(r"(?P<a>.+?\b(?:me|us|my|our)\b.*?)\s+and\s+(?:also\s+|then\s+)?(?P<b>(?P<v>[a-z]+)\s+(?:me|us)\b.*)$",
                    rest)  # "she gave me 20 min at the meetup and walked me through X": two things she did for me
    if who in ("them", "") and pair and _past(verb) and _past(pair.group("v")):
        lead = "she " if who == "them" else ""
        return read_clause(lead + pair.group("a"), names, today) + read_clause(lead + pair.group("b"), names, today)
    role = ROLE.search(clause)
    if role:
        y2 = role.group("y2") or role.group("y0") or ""
        mod = (role.group("mod") or "").strip().lower()
        past = bool(role.group("past")) or mod in ("old", "former", "previous", "first") or \
            (y2.isdigit() and int(y2) < today.year)
        years = f"{role.group('y1')}-{y2}" if role.group("y1") else y2
        company = (role.group("company") or "").strip(" .,")
        team = role.group("team") or ""
        kept = mod if mod not in ("old", "former", "previous") else ""
        said = role.group("role") if role.group("role").isupper() else role.group("role").lower()  # "TA", "PI"
        phrase = f"my {kept + ' ' if kept else ''}{said}" + (f" on {team}" if team else "") + \
            (f" {(role.group('prep') or 'at').lower()} {company}" if company else "") + \
            (f" ({years})" if years else "")
        out.append(Fact(kind="role", phrase=("formerly " if past else "") + phrase, company=company, years=years,
                        past=past, project=team))
        return out
    work = read_work(rest, who, names)  # "heard her on the X podcast", "read his post about Y": the user's
    if work:
        return [work]
    relation = read_relation(clause, who, rest, names)  # "same cohort at X", "went to X together", "got me into X"
    if relation:
        return [relation.model_copy(update={"phrase": to_you(relation.phrase, names)})]
    promoted = re.match(r"(?:(?:was|got|been|has been|just|finally|recently)\s+)*promoted\s+to\s+(?P<x>[^,;]{2,50})$", rest,
                        re.IGNORECASE)
    if who in ("them", "") and promoted and not re.search(r"\b(she|he|his|her)\b", promoted.group("x").lower()):
        out.append(Fact(kind="their-news", phrase=f"you were promoted to {promoted.group('x').strip()}"))
        return out
    hear = re.match(r"(asked|wanted|offered)\s+to\s+(hear (?:how|about|what|when)\s+.+)", rest, re.IGNORECASE)
    if who in ("them", "") and hear and _span(hear.group(2)):
        out.append(Fact(kind="offer", phrase=f"you {hear.group(1).lower()} to {to_you(hear.group(2), names)}"))
        return out
    said_that = re.match(r"(mentioned|said|told me)\s+(?:that\s+)?((?:she|he)\s+(?:now\s+|just\s+)?(?:runs|leads|"
                         r"manages|heads|owns|joined|started|moved|left|became|launched)\b.+)", rest, re.IGNORECASE)
    if who in ("them", "") and said_that and _span(said_that.group(2)):
        span = to_you(said_that.group(2), names)
        if not re.search(r"\b(she|he)\b", span.lower()):
            out.append(Fact(kind="their-news", phrase=f"you {said_that.group(1).lower()} {span}"))
            return out
    someone_else = who == "" and re.match(r"[A-Z][\w'’-]+\s+(?:[A-Z][\w'’-]+\s+)?(?:said|told|suggested|asked|offered|"
                                          r"invited|wants)\b", clause)  # "Dan suggested I reach out": Dan's word
    if OFFER.search(low) and not someone_else and \
            re.search(r"\b(said|told me|asked me|offered|invited me|wants me|suggested)\b", low):
        cond = CONDITION.search(clause[OFFER.search(low).end():]) or CONDITION.search(clause)
        when = to_you(cond.group(1), names) if cond else ""
        if not re.search(r"\b(she|he|his|hers|they|them|their)\b", when.lower()):
            out.append(Fact(kind="offer", phrase=f"you asked me to get back in touch {when}".strip()))
            return out
    willing = WILLING.match(rest)  # "is happy to intro me to Bob", "can review my CV": an offer of theirs
    if who == "them" and willing and _span(willing.group("x")):
        span = to_you(willing.group("x"), names)
        if not re.search(r"\b(she|he|they)\b", span.lower()):
            out.append(Fact(kind="offer", phrase=f"you offered to {span}"))
            return out
    m = re.match(r"(?:offered|promised)\s+to\s+(.+)", rest, re.IGNORECASE)
    if who in ("them", "") and m and _span(m.group(1)):
        span = to_you(m.group(1), names)
        if not re.search(r"\b(she|he|they)\b", span.lower()):
            out.append(Fact(kind="offer", phrase=f"you offered to {span}"))
            return out
    together = TOGETHER_AT.search(clause)
    if together and (together.group("company") or who in ("we", "")) and \
            (who == "them" or not others_before(clause[:together.start()], names)):  # "his brother's team": not ours
        company = (together.group("company") or "").strip(" .,")
        years = f"{together.group('y1')}-{together.group('y2')}" if together.group("y1") else ""
        project = (together.group("project") or "").strip()
        phrase = "we worked together" + (f" at {company}" if company else "") + \
            (f" on {to_you(project, names)}" if project else "") + (f" ({years})" if years else "")
        out.append(Fact(kind="worked-together", phrase=phrase, company=company, years=years))
        return out
    occasion = OCCASION.match(rest)
    if who in ("we", "") and occasion:
        event = occasion.group("event").strip()
        the = "" if event[:1].isupper() or event.lower().startswith(("the ", "a ", "an ", "our ")) else "the "
        out.append(Fact(kind="met-at", phrase=f"over {occasion.group('what').lower()} {occasion.group('prep')} "
                                             f"{the}{event}"))
        return out
    be = re.match(r"(is|was|has)\s+(.+)", rest)
    if who in ("them", "") and be and PERSONAL.search(clause) and _span(clause, 80):
        out.append(Fact(kind="personal", phrase=clause))  # "has a dog named Pixel": theirs, not news to send
        return out
    kind_to_me = be and re.match(r"(?:\w+ )?(?:helpful|kind|generous|supportive|patient)\b(?! of\b)", be.group(2))
    if who in ("them", "") and kind_to_me and _span(be.group(2), 80):
        out.append(Fact(kind="favour", phrase=f"you {_BE[be.group(1)]} {to_you(be.group(2), names)}"))
        return out
    news = be and re.match(r"(?:now |just |finally )?" + BE_NEWS, be.group(2))  # "is starting", "was promoted"
    if who in ("them", "") and news and _span(be.group(2), 100) and not re.search(r"\b(she|he)\b", be.group(2)):
        out.append(Fact(kind="their-news", phrase=f"you {_BE[be.group(1)]} {to_you(be.group(2), names)}"))
        return out
    met = MET.search(clause)
    if met and who in ("we", "", "me") and not re.search(r"\b(?:she|he)\s+(?:met|ran)", low):
        # a time said relative to the note ("last night", "yesterday") is not relative to the message: left out
        where = RELATIVE_TAIL.sub("", met.group("where").strip())
        where = to_you(re.split(r"\s+(?:and|where|we|talked|chatted)\s+", where)[0], names)
        prep = "at" if not clause[met.start():met.start("where")].strip().endswith(("in", "during")) else "in"
        out.append(Fact(kind="met-at", phrase=f"{prep} {where}" if not where.lower().startswith("the ")
                        else f"{prep} {where}"))
        talked = TALKED.search(clause[met.end():])
        if talked and _span(talked.group("what"), 60):
            out.append(Fact(kind="met-at", phrase=f"we talked about {to_you(talked.group('what'), names)}"))
        return out
    both = who == "we" and re.match(r"both\s+(maintain|run|organi[sz]e|teach|work on|contribute to|host|help run)\b", rest)
    if both and _span(rest) and not re.search(r"\b(she|he|his|her)\b", rest.lower()):
        out.append(Fact(kind="worked-together", phrase=f"we {rest}"))  # something we share now: said as it is
        return out
    shared = who == "" and re.match(r"(paired|co-?founded|co-?wrote|co-?hosted|co-?organi[sz]ed|studied together)\b",
                                    rest)
    if (who == "we" and TOGETHER.match(verb) or shared) and _past(verb) and _span(rest):
        out.append(Fact(kind="worked-together", phrase=f"we {to_you(rest, names)}"))
        return out
    if who in ("we", "") and re.match(r"(?:talked|chatted|spoke|discussed)\b", rest, re.IGNORECASE):
        talked = TALKED.match(rest)
        if talked and _span(talked.group("what"), 70):
            out.append(Fact(kind="met-at", phrase=f"we talked about {to_you(talked.group('what'), names)}"))
        return out
    object_me = re.search(r"\b(me|my|us|our)\b", rest.lower())
    if who in ("them", "") and (FAVOUR.match(rest.lower()) and (object_me or who == "them") or
                                FAVOUR_TO_ME.match(rest.lower()) and object_me) and _past(verb) and _span(rest):
        span = to_you(PRESENT_TAIL.sub("", rest), names)  # "when my train gets cancelled": a journal's present
        if not re.search(r"\b(she|he)\b", span.lower()) and not THANKS.search(span):  # their thanks: no favour
            out.append(Fact(kind="favour", phrase=f"you {span}"))
            return out
    short_news = SHORT_NEWS.match(rest)
    if who == "" and short_news and not re.search(r"\b(?:i|me|my|we|our|us)\b", low) and \
            re.search(r"[A-Za-z]{3,}", re.sub(DATE_WORDS, " ", rest[short_news.end():])):
        said = to_you(SOURCE_TAIL.sub("", rest).strip(" ,.;:"), names)  # shorthand news: theirs ("Named Dean of X")
        if _span(said, 100) and not re.search(r"\b(she|he)\b", said.lower()):
            be = "were " if short_news.group(1).lower() in PASSIVE_NEWS else ""
            out.append(Fact(kind="their-news", phrase=f"you {be}{said}"))
            return out
    if who in ("them", "") and PRIVATE_NEWS.search(low) and _span(clause, 80):
        out.append(Fact(kind="personal", phrase=clause))  # a wedding, an illness: theirs, never a message's news
        return out
    if who == "them" and NEWS.match(rest.lower()) and _past(verb.split()[0]) and _span(rest):
        span = to_you(f"she {rest}", names)  # their subject, so a second verb agrees ("…and are at X now")
        out.append(Fact(kind="their-news", phrase=span))
        return out
    if who == "me" and re.match(r"(asked|sent|applied|emailed|pitched|shared|offered|promised|told|walked|showed|"
                                r"updated|presented|introduced)\b", rest,
                                re.IGNORECASE) and _span(rest):
        span = to_you(rest, names)
        if not re.search(r"\b(she|he)\b", span.lower()):
            out.append(Fact(kind="my-request", phrase=f"I {span}"))
            return out
    if who in ("them", "") and PERSONAL.search(clause) and _span(clause, 80):
        out.append(Fact(kind="personal", phrase=clause))
    return out


def person_names(contact: Contact) -> tuple[str, ...]:
    """The names a note may call the person by."""
    return tuple(n for n in {contact.name, contact.first_name, contact.given_name, contact.last_name,
                             goes_by(contact)} if n and len(n) > 1)


def extract_rules(contact: Contact, today: dt.date | None = None, me: str = "") -> list[Fact]:
    """Rules (the embedded tier): every fact the contact's fields and notes hold, in their own words. `me` is the
    user's name: a note that calls them by it (an assistant's) is read as theirs."""
    today = today or dt.date.today()
    names = person_names(contact)
    facts: list[Fact] = []
    how = " ".join(contact.how_we_met.split()).rstrip(".")
    if how:
        head = how.split(" ", 1)[0].lower()
        if head in ("at", "in", "during", "through", "via"):
            facts.append(Fact(kind="met-at", phrase=to_you(how, names), source="field:how_we_met"))
        elif how[:1].isupper() and not _subject(how, names)[0] and head not in ("she", "he", "we", "i"):
            facts.append(Fact(kind="met-at", phrase=f"at {to_you(how, names)}", source="field:how_we_met"))
        else:
            for clause in _clauses(how):
                facts += [f.model_copy(update={"source": "field:how_we_met"})
                          for f in read_clause(clause, names, today)]
    if contact.title or contact.company:
        phrase = f"{contact.title} at {contact.company}" if contact.title and contact.company else \
            contact.title or f"at {contact.company}"
        facts.append(Fact(kind="role", phrase=phrase, company=contact.company, source="field:title"))
    people = People(names=names, name=goes_by(contact) or contact.given_name, me=my_names(me, names))
    for note in sorted(contact.notes, key=lambda n: (n.date is not None, n.date), reverse=True)[:12]:
        fields, body = front_matter(note.text.strip())
        source = f"note:{note.id}" if note.id else "note"
        for key in ("met", "how_we_met", "event"):
            if fields.get(key):
                typed = meeting_fields(fields[key], note.date)
                facts.append(Fact(kind="met-at", phrase=f"at {fields[key]}", source=source, **typed))
        for heading, date, section in sections(body, note):
            where_from = source + (f" ## {heading}" if heading else "")
            where = heading_phrase(heading, names) if heading else ""
            if where:  # the heading's own words, and its event, place and month as typed fields
                typed = meeting_fields(heading, date) if where.startswith("at ") and not where.startswith("at the ") \
                    else {"date": date}  # "at the offsite in Lyon" names no event
                facts.append(Fact(kind="met-at", phrase=where, source=where_from, **typed))
            reading = read_format(section, people, date)  # chat, keys, rows, boxes, cards: lines and fields
            facts += [f.model_copy(update={"date": f.date or date, "source": where_from}) for f in reading.facts
                      if f.kind != "role" or not (contact.title or contact.company)]
            for line, day in reading.lines:
                other = False  # a third person named on this line: "he said…" after them is theirs
                for clause in _clauses(line):
                    if facts and (aside := with_aside(facts[-1], clause)):  # "(on writing …)" after a podcast
                        facts[-1] = aside
                        continue
                    other = someone_else(clause, names, people.me) or other and not any(
                        re.search(rf"\b{re.escape(n)}\b", clause) for n in names)
                    if other and re.match(r"(?:she|he)\b", clause, re.IGNORECASE):
                        continue
                    facts += [f.model_copy(update={"date": day, "source": where_from})
                              for f in read_clause(clause, names, today)]
    for inter in sorted(contact.interactions, key=lambda i: i.date, reverse=True)[:4]:
        source = f"interaction:{inter.id}" if inter.id else "interaction"
        for clause in _clauses(inter.summary or ""):
            # a logged interaction without a subject is what the user did ("Walked her through…")
            first = clause.split(" ", 1)[0].lower()
            mine = not _subject(clause, names)[0] and first.endswith("ed") and re.search(r"\b(her|him|them)\b",
                                                                                       clause.lower())
            facts += [f.model_copy(update={"date": inter.date, "source": source})
                      for f in read_clause(f"I {clause[:1].lower()}{clause[1:]}" if mine else clause, names, today)]
    seen: set[str] = set()
    return [f for f in facts if not (fold(f.phrase) in seen or seen.add(fold(f.phrase)))]


def gather_facts(contact: Contact, context: str = "", facts: list[Fact] | None = None) -> list[Cited]:
    """The facts as the model's prompt lists them, each with where it came from."""
    facts = visible(facts if facts is not None else extract_rules(contact))
    out = [Cited(text=f"{f.kind}: {f.phrase}" + (f" ({f.date:%B %Y})" if f.date else ""), source=f.source or "fact")
           for f in facts]
    if context:
        out.append(Cited(text=f"My request: {context}", source="request"))
    return out
