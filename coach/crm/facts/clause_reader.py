"""One clause of a note read into the facts it holds (the embedded tier's rules): a span of the note's own words
filed under a kind, with the recipient as "you", or a fixed frame filled with typed fields ("my manager at X
(2019-2021)"). A clause the rules cannot file with confidence gives no fact.
"""

from __future__ import annotations

import datetime as dt
import re

from coach.crm.facts.clauses import subject_of
from coach.crm.facts.kinds import Fact
from coach.crm.facts.layout import UNSURE
from coach.crm.facts.patterns import (
    BE_NEWS,
    CONDITION,
    DATE_WORDS,
    FAVOUR,
    FAVOUR_TO_ME,
    MET,
    NEWS,
    OCCASION,
    OFFER,
    PASSIVE_NEWS,
    PERSONAL,
    PRESENT_TAIL,
    PRIVATE_NEWS,
    RELATIVE_TAIL,
    ROLE,
    SHORT_NEWS,
    SOURCE_TAIL,
    TALKED,
    THANKS,
    TO_DO_LINE,
    TOGETHER,
    TOGETHER_AT,
    TOGETHER_SAID,
    WILLING,
)
from coach.crm.facts.pronouns import BE_AFTER_YOU, to_you
from coach.crm.facts.relations import others_before, read_relation, uncleft
from coach.crm.facts.voice import PAST_IRREGULAR
from coach.crm.facts.work import read_work, untitled


def _past(verb: str) -> bool:
    v = verb.lower()
    return v.endswith("ed") or v in PAST_IRREGULAR or v.endswith("'d")


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
    if UNSURE.search(clause) or TO_DO_LINE.match(clause):
        return out  # a doubt or a to-do is no fact to state
    clause = uncleft(clause, names)  # "she was the one who got me into X": "she got me into X"
    who, rest = subject_of(clause, names)
    rest = _strip_adverbs(rest)
    head = rest.split(" ", 1)[0]
    if head[:1].isupper() and head.lower() not in {n.lower() for n in names} and \
            (head.lower().endswith(("ed", "ing")) or head.lower() in PAST_IRREGULAR | set(BE_AFTER_YOU) | {"said", "is"}):
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
        out.append(Fact(kind="favour", phrase=f"you {BE_AFTER_YOU[be.group(1)]} {to_you(be.group(2), names)}"))
        return out
    news = be and re.match(r"(?:now |just |finally )?" + BE_NEWS, be.group(2))  # "is starting", "was promoted"
    if who in ("them", "") and news and _span(be.group(2), 100) and not re.search(r"\b(she|he)\b", be.group(2)):
        out.append(Fact(kind="their-news", phrase=f"you {BE_AFTER_YOU[be.group(1)]} {to_you(be.group(2), names)}"))
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
    if who == "we" and (side := TOGETHER_SAID.match(rest)) and _span(rest):
        # said up to "together" ("we did the rota together, Nov" -> "we did the rota together"), unless that
        # leaves the verb alone ("we sat together on the Ashgrove extension"); a tail cut mid-phrase gives none
        said = rest[:side.end()] if len(rest[:side.end()].split()) >= 3 else rest
        if not re.search(r"\b(?:in|at|on|to|from|of|for|with|the|a|an|and|by)$|[→>]", said, re.IGNORECASE):
            out.append(Fact(kind="worked-together", phrase=f"we {to_you(said, names)}"))
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

