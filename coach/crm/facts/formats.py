"""A note's markup read into lines the rules can read, and into the fields it states.

People keep notes in formats other than prose: chat and SMS exports ("[10:42] Dana: …", "Dana Okafor 3:15 PM",
"me: …"), question-and-answer sheets ("Q: … A: …"), "Key: value" lines, spreadsheet rows, to-do lists
("- [ ] send deck"), scanned business cards, an assistant's notes about the user, a journal in the present
tense. Each is a class of markup: a line's speaker, key, column or box says how to read it. A field line
("Email: …", a card's title line) is a field, never a sentence; an open to-do or a question is never a fact.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field

from coach.core.jobs import job_words_pattern
from coach.core.text import fold
from coach.crm.facts import jsonnotes, thread, voice
from coach.crm.facts.kinds import Fact
from coach.crm.facts.layout import UNSURE, _iso
from coach.crm.facts.meeting import meeting_fields


@dataclass
class People:
    """Who the note is about and who wrote it: the contact's names, the name a line calls them by, the user's."""

    names: tuple[str, ...]
    name: str
    me: tuple[str, ...] = ()


@dataclass
class Reading:
    lines: list[tuple[str, dt.date | None]] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)


def my_names(full: str, contact_names: tuple[str, ...]) -> tuple[str, ...]:
    """How an assistant's note may call the user: 'Sam Carter', 'Sam', 'Mr. Carter', 'Ms Carter'… (never a
    name the contact shares)."""
    parts = [p for p in full.replace(",", " ").split() if p.rstrip(".").lower() not in
             {"mr", "ms", "mrs", "mx", "dr", "prof", "miss"}]
    if not parts:
        return ()
    forms = {" ".join(parts), parts[0]}
    if len(parts) > 1:
        forms |= {f"{h} {parts[-1]}" for h in ("Mr.", "Ms.", "Mrs.", "Mx.", "Dr.", "Mr", "Ms", "Mrs", "Mx", "Dr")}
    theirs = {fold(n) for n in contact_names} | {fold(w) for n in contact_names for w in n.split()}
    return tuple(f for f in forms if fold(f) not in theirs and len(f) > 1)


# ------------------------------------------------------------------ chat and SMS
_TIME = r"\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[AaPp]\.?\s?[Mm]\.?|[AaPp]\b)?"  # "7:02 PM", "19:02", "7:02p"
_DATE = r"(?:(?:19|20)\d\d-\d\d-\d\d|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2}))"
_CHAT = re.compile(rf"^\s*\[?\s*(?:(?P<date>{_DATE}),?\s*|\d{{1,2}}/\d{{1,2}},?\s+(?={_TIME}))?(?P<time>{_TIME})?\s*\]?\s*[-–—]?\s*"
                   rf"(?P<who>[^:\[\]\d][^:\[\]]{{0,39}}?)\s*:\s+(?P<msg>\S.*)$")
_HEADER = re.compile(rf"^\s*@?(?P<who>[A-Za-zÀ-ÿ][\w'’.-]*(?: [A-Za-zÀ-ÿ][\w'’.-]*){{0,3}})\s*[-–—,]?\s*"
                     rf"\[?(?:(?P<date>{_DATE}),?\s*)?(?:at\s+)?(?P<time>{_TIME})\]?\s*$")
_DAY = re.compile(rf"^\s*[-—=\[(]*\s*(?P<date>{_DATE})\s*[-—=\])]*\s*$")


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    two = re.fullmatch(r"(\d{1,2})([/.])(\d{1,2})[/.](\d\d)", text)
    return _iso(f"{two.group(1)}{two.group(2)}{two.group(3)}{two.group(2)}20{two.group(4)}" if two else text)


def _speaker(who: str, people: People) -> str:
    """'them', 'me' or '' (someone else, or no person: a key)."""
    w = fold(who.strip(" @*"))
    if w in ("me", "i", "myself", "you", "moi") or any(w == fold(f) for f in people.me):
        return "me"
    theirs = {fold(n) for n in people.names} | {fold(n.split()[0]) for n in people.names if n.split()}
    if w in theirs or (w.split() and w.split()[0] in theirs and len(w.split()) <= 3):
        return "them"
    return ""


def _another(name: str, people: People) -> bool:
    """Whether a record's name is another person's: a full name with a word the contact's names lack (a
    look-alike "Marisol Etxebarria Gil" beside Marisol Etxeberria), or a name that is neither of us."""
    words = fold(name).replace(",", " ").split()
    if len(words) >= 2:
        theirs = {w for n in people.names for w in fold(n).split()}
        return not set(words) <= theirs and _speaker(name, people) != "me"
    return not _speaker(name, people)


def _said(msg: str, speaker: str, people: People) -> str:
    return voice.spoken_by_them(msg, people.name) if speaker == "them" else voice.spoken_by_me(msg, people.name)


# ------------------------------------------------------------------ keys, questions, rows, boxes, cards
_KEY = re.compile(r"^\s*(?:[-*•]\s*)?\**(?P<key>[A-Za-z][\w /&'’().-]{0,30}?)\**\s*[:=]\s+(?P<value>\S.*)$")
_MEET_KEYS = {"met", "met at", "met on", "how we met", "where we met", "first met", "event", "conference", "met via",
              "met through", "where", "occasion"}
_VIA_KEYS = {"intro via", "introduced by", "intro by", "intro from", "referred by", "referral from", "via",
             "mutual", "mutual friend", "mutual connection", "connection", "connected via", "introduced through"}
_TITLE_KEYS = {"title", "role", "position", "job", "job title", "current role", "headline"}
_COMPANY_KEYS = {"company", "org", "organisation", "organization", "employer", "firm", "works at", "current company"}
_FIELD_KEYS = {"name", "full name", "email", "e-mail", "phone", "tel", "mobile", "cell", "linkedin", "url",
               "website", "web", "address", "location", "city", "tags", "tag", "twitter", "github", "fax",
               "last contact", "last contacted", "last touch", "created", "updated", "status", "stage", "owner",
               "source", "priority", "date", "time", "attendees", "present", "id", "type", "category", "rating",
               "strength", "birthday", "timezone", "pronouns", "met on date", "last spoke", "lead source",
               "mutuals", "mutual connections", "mutual friends", "shared connections"}  # other people's
_TODO_KEYS = {"next", "next step", "next steps", "follow up", "follow-up", "followup", "todo", "to do", "to-do",
              "action", "action item", "action items", "ask", "asks", "reminder", "remind me", "due", "plan",
              "to ask", "questions", "open questions", "ideas"}
_HELPED_KEYS = {"helped", "helped with", "help", "helped me", "favours", "favors", "favour", "favor"}
_OFFER_KEYS = {"offered", "offer", "offers", "offered to"}
_KNOWN_KEYS = (_MEET_KEYS | _VIA_KEYS | _TITLE_KEYS | _COMPANY_KEYS | _FIELD_KEYS | _TODO_KEYS | _HELPED_KEYS |
               _OFFER_KEYS | {"goes by", "preferred name", "nickname"})
_Q = re.compile(r"^\s*(?:[-*•]\s*)?\**(?:Q\d*|Question)\**\s*[:.)]\s*(?P<q>.+?)(?:\s+\**A\**\s*[:.)]\s*(?P<a>.+))?$",
                re.IGNORECASE)
_A = re.compile(r"^\s*(?:[-*•]\s*)?\**(?:A\d*|Answer)\**\s*[:.)]\s*(?P<a>.+)$", re.IGNORECASE)
_BOX = re.compile(r"^\s*(?:[-*+•]\s*)?(?:\[(?P<box>[ xX✓✔_-]?)\]|(?P<open>[☐□])|(?P<done>[☑☒✅✔✓]))\s*(?P<rest>.*)$")
_CONTACTISH = re.compile(r"@|\b(?:www\.|https?://)|\+?\d[\d ().-]{6,}\d|\.(?:com|org|net|io|co)\b", re.IGNORECASE)
_TITLE_WORD = re.compile(rf"\b(?:{job_words_pattern()})\b", re.IGNORECASE)
_COMPANY_WORD = re.compile(r"\b(?:inc|llc|ltd|gmbh|co|corp|corporation|group|labs?|bank|partners|capital|"
                           r"technologies|systems|solutions|studio|agency|university|hospital|foundation|ventures)\b\.?",
                           re.IGNORECASE)


def _key(key: str) -> str:
    return " ".join(fold(key).replace("_", " ").split())


def _items(value: str) -> list[str]:
    value = re.sub(r"\s*\([^()]*\)", "", value)  # asides in brackets
    return [i.strip(" ,;") for i in re.split(r"[✅✔☑]|;\s*|,\s+(?=[a-z])", value) if len(i.strip(" ,;")) > 2]


def _person_like(value: str) -> bool:
    return bool(re.fullmatch(r"[A-ZÀ-Ý][\w'’.-]*(?: [A-ZÀ-Ý][\w'’.-]*){0,2}(?: \([^()]{2,40}\))?", value.strip()))


def _field(key: str, value: str, people: People, out: Reading, date: dt.date | None, card: dict) -> bool:
    """A 'Key: value' line read as the field it names; False when the key is none the rules know."""
    k, value = _key(key), value.strip().rstrip(".")
    if k in _FIELD_KEYS or k in _TODO_KEYS:
        return True  # a field or a to-do: never a sentence
    if k in _TITLE_KEYS or k in _COMPANY_KEYS:
        card["title" if k in _TITLE_KEYS else "company"] = value
        return True
    if UNSURE.search(value) and (k in _MEET_KEYS | _VIA_KEYS | _HELPED_KEYS | _OFFER_KEYS):
        return True  # a doubt is no fact to state
    if k in _MEET_KEYS or k in _VIA_KEYS:
        value = re.split(r"\s+[·|•]\s+", value)[0]  # "Sat 8 – Sun 9 Nov · Retro held: …": its first field
        calendar = r"\b(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|" \
                   r"apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
        if not re.search(r"[A-Za-z]{3,}", re.sub(calendar, "", re.sub(r"\b(?:19|20)\d\d\b|\b\d+\b", "", value),
                                                 flags=re.IGNORECASE)):
            return True  # a year or a date alone names no meeting
        if k in _VIA_KEYS or (k in ("met via", "met through") and _person_like(value)):
            out.facts.append(Fact(kind="met-at", phrase=f"through {value}", date=date))
            return True
        value = re.split(r"(?<=[a-z)\]])[.!?]\s+(?=[A-Z])", value, maxsplit=1)[0].rstrip(".")  # its first sentence
        lead, at, place = value.partition(" at ")
        if at and len(lead.split()) >= 2 and place[:1].isupper() and not re.search(r"\s[A-Z]", lead) and \
                not re.match(r"(?:at|in|during|through|via|over)\s", value, re.IGNORECASE):
            value = f"at {place}"  # "Same cohort at Northgate Academy": where, said without the words before it
        when = re.search(r",?\s*((?:19|20)\d\d-\d\d-\d\d)$", value)
        if when and _iso(when.group(1)):
            value, date = value[:when.start()].strip(" ,"), _iso(when.group(1))
        phrase = value if re.match(r"(?:at|in|during|through|via|over)\s", value, re.IGNORECASE) else f"at {value}"
        out.facts.append(Fact(kind="met-at", phrase=phrase, **meeting_fields(phrase, date)))
        return True
    if k in _HELPED_KEYS:
        for item in _items(value):
            if not voice.past(item.split(" ", 1)[0]) and not re.search(r"\b(?:she|he|they|i)\b", item.lower()):
                out.facts.append(Fact(kind="favour", phrase=f"you helped me with {item}", date=date))
        return True
    if k in _OFFER_KEYS:
        for item in _items(value):
            to = re.sub(r"^offered\s+", "", item, flags=re.IGNORECASE)
            if to.lower().startswith("to ") and not re.search(r"\b(?:not|never|no)\b", to.lower()):
                out.lines.append((f"{people.name} offered {to}", date))
        return True
    return False


def _rows(lines: list[str], people: People) -> list[str] | None:
    """A table pasted as rows (tabs, pipes or commas under a header that names fields) as 'Header: cell' lines,
    one row after another; None when the lines are not a table."""
    head = next((i for i, line in enumerate(lines) if line.strip()), None)
    if head is None:
        return None
    first = lines[head]
    sep = "\t" if "\t" in first else "|" if first.count("|") >= 2 else "," if first.count(",") >= 2 else ""
    if not sep:
        return None
    cells = [c.strip() for c in (next(csv.reader([first])) if sep == "," else first.strip(" |").split(sep))]
    known = {_key(c) for c in cells} & (_MEET_KEYS | _VIA_KEYS | _TITLE_KEYS | _COMPANY_KEYS | _FIELD_KEYS |
                                        {"notes", "note", "context", "how we know", "background"})
    if len(cells) < 3 or len(known) < 2 or any(len(c) > 30 for c in cells):
        return None
    named = next((i for i, c in enumerate(cells) if _key(c) in ("name", "full name", "contact", "person")), None)
    out: list[str] = []
    for line in lines[head + 1:]:
        if not line.strip() or re.fullmatch(r"[\s|:-]+", line):
            continue
        row = [c.strip() for c in (next(csv.reader([line])) if sep == "," else line.strip(" |").split(sep))]
        if named is not None and named < len(row) and _speaker(row[named], people) != "them":
            continue  # another person's row
        out += [f"{h}: {c}" for h, c in zip(cells, row, strict=False) if c] + [""]
    return out


def _card(lines: list[str], people: People, card: dict) -> list[str]:
    """A scanned business card's lines (short lines around an email, phone or web line) read as fields: its
    title and company kept, its name, contacts and taglines never read as sentences. The other lines back."""
    short = [bool(line.strip()) and len(line.split()) <= 7 and not re.search(r"[a-z]\.\s+[A-Za-z]", line)
             and not _KEY.match(line) for line in lines]
    anchors = [i for i, line in enumerate(lines) if _CONTACTISH.search(line) and short[i]]
    if not anchors:
        return lines
    lo = hi = anchors[0]
    while lo > 0 and short[lo - 1]:
        lo -= 1
    while hi + 1 < len(lines) and short[hi + 1]:
        hi += 1
    if hi - lo < 2:
        return lines
    theirs = {fold(w) for n in people.names for w in n.split()}
    for line in lines[lo:hi + 1]:
        clean = " ".join(re.sub(r"[^\w&'’.,|/ -]+", " ", line).split()).strip(" .,|-")
        words = {fold(w) for w in re.split(r"[\s,|/]+", clean.replace("0", "o").replace("1", "l"))}
        if not clean or _CONTACTISH.search(line) or (words & theirs and len(words) <= 3):
            continue
        if _TITLE_WORD.search(clean) and "title" not in card:
            card["title"] = re.sub(r"\s*\|\s*", ", ", clean)
        elif ("company" not in card and (_COMPANY_WORD.search(clean) or clean.isupper())
              and not _TITLE_WORD.search(clean)):
            card["company"] = clean.title() if clean.isupper() else clean
    return lines[:lo] + lines[hi + 1:]


def read(text: str, people: People, date: dt.date | None) -> Reading:
    """The section's lines, each in the voice the rules read (the user as "I", the contact by name), with its
    date; and the facts its fields state."""
    out, card = Reading(), {}
    lines = jsonnotes.lines(text, lambda key: _key(key) in _KNOWN_KEYS,
                            lambda name: _another(name, people)) or text.split("\n")
    out.lines, lines = thread.split(lines, people, date, lambda msg, who: _said(msg, who, people))  # an email thread
    lines = _rows(lines, people) or _card(lines, people, card)
    third = people.me and any(re.search(rf"\b{re.escape(f)}\b", text) for f in people.me)
    to_self = voice.second_person_note(text)
    journal = voice.present_journal(text, people.name)
    speaker, day, question = "", date, ""
    for line in lines:
        if not line.strip():
            speaker = ""
            continue
        when = _DAY.match(line)
        if when and _date(when.group("date")):
            day = _date(when.group("date"))
            continue
        header = _HEADER.match(line)
        if header and _speaker(header.group("who"), people):
            speaker, day = _speaker(header.group("who"), people), _date(header.group("date")) or day
            continue
        box = _BOX.match(line)
        if box:
            if box.group("open") or (box.group("box") is not None and box.group("box").strip(" _-") == ""):
                continue  # an open to-do is no fact
            rest = box.group("rest").strip()
            line = f"I {rest[:1].lower()}{rest[1:]}" if voice.past(rest.split(" ", 1)[0]) else rest
        q, a = _Q.match(line), _A.match(line)
        if q:
            question, answer = q.group("q"), q.group("a")
            if not answer:
                continue  # a question without its answer states nothing
            line = answer
        elif a:
            line = a.group("a")
        if (q or a) and question:
            meets = re.search(r"\b(?:how|where|when)\b.*\b(?:meet|met|know)\b", question, re.IGNORECASE)
            if meets and not re.search(r"\b(?:I|she|he|we|they)\b", line) and _field("met", line, people, out,
                                                                                    day, card):
                continue
        chat = _CHAT.match(line)
        said = _speaker(chat.group("who"), people) if chat else ""
        if chat and said:
            line = _said(chat.group("msg"), said, people)
            day = _date(chat.group("date")) or day
        elif chat and chat.group("time"):
            continue  # a third person's message in a group chat: not about the two of us
        elif speaker:
            line = _said(line, speaker, people)
        else:
            kv = _KEY.match(line)
            if kv and _field(kv.group("key"), kv.group("value"), people, out, day, card):
                continue
            if kv and len(kv.group("key").split()) <= 3 and _key(kv.group("key")) in \
                    {"notes", "note", "context", "background", "history", "comments", "summary", "details", "about",
                     "update", "news", "misc", "how we know", "story"}:
                line = kv.group("value")
        if third:
            line = voice.about_me(line, people.me)
        if to_self:
            line = voice.to_self(line)
        if journal:
            line = voice.in_past(line, people.name)
        out.lines.append((line, day))
    if card.get("title") or card.get("company"):
        title, company = card.get("title", ""), card.get("company", "")
        out.facts.append(Fact(kind="role", phrase=f"{title} at {company}" if title and company else
                              title or f"at {company}", company=company, date=date))
    return out
