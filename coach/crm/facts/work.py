"""Their work, as the user met it: a podcast they were on, a talk they gave, a post, paper, book, video or repo
of theirs that the user heard, saw, read or watched.

A clause whose subject is the user ("I read…") or that has none (a note line is the user's: "Heard her on…",
"Watched his talk online") and whose object is the person's ("her post", "him on the … podcast", "her give a
talk") gives a `their-work` fact with typed fields: `work` (podcast, talk, post…), `title` (the show's or the
piece's name), `event` and `place` (where a talk was given). Its phrase is said from those fields and the
note's own words for the topic ("I heard you on episode 48 of the Filed and Approved podcast", "I read your post
about promoting from the sales floor"); a clause with words the rule cannot file gives no fact, and a topic
that is private (health, a layoff) gives none either.
"""

from __future__ import annotations

import re

from coach.crm.facts.kinds import Fact
from coach.crm.facts.meeting import meeting_fields

# What the user did with it, in the past tense: the verb the phrase says back.
_VERBS = r"heard|listened to|read|watched|saw|caught|attended|enjoyed|loved|came across|went to"
# Things a person makes or appears in.
SHOWS = ("podcast", "show", "livestream", "webinar", "radio show", "panel", "stream", "interview", "episode",
         "video", "AMA", "fireside chat")
PIECES = ("talk", "keynote", "lightning talk", "presentation", "lecture", "session", "workshop", "demo", "panel",
          "post", "blog post", "blog", "article", "piece", "essay", "op-ed", "column", "newsletter", "thread",
          "paper", "preprint", "book", "chapter", "report", "video", "podcast", "episode", "interview", "repo",
          "library", "tutorial", "course", "series", "webinar", "thesis", "case study", "deck", "slides",
          "white paper", "whitepaper", "guide", "poster", "AMA", "fireside chat")
# Works given in person: a capitalised name before them is the event ("his Harbor Play Fest talk").
GIVEN = {"talk", "keynote", "lightning talk", "presentation", "lecture", "session", "workshop", "demo", "panel",
         "poster", "fireside chat", "AMA"}
_WORK = "|".join(re.escape(w) for w in sorted(set(PIECES) | set(SHOWS), key=len, reverse=True))
# Where the user met it, said as it is ("online", "on YouTube"), and nothing else may be left over.
_PLATFORM = r"on (?:YouTube|LinkedIn|Medium|Substack|Spotify|GitHub|Twitter|X|Bluesky|Mastodon|the train|my commute)\b"
_WHERE = re.compile(rf"^(?:\s+(?:online|recently|last (?:week|month|year)|{_PLATFORM}))+", re.IGNORECASE)
_WHERE_AHEAD = rf"(?=\s+(?:online\b|recently\b|last (?:week|month|year)\b|{_PLATFORM})|\s*,|$)"
_EPISODE = re.compile(r"^[,\s]+(?:episode|ep\.?|#)\s*(?P<n>\d{1,4})\b", re.IGNORECASE)
_TITLE = re.compile(r"^[,:\s]+(?:[\"“](?P<q>[^\"“”]{2,80})[\"”]|['‘](?P<t>[^'‘’]{2,80})['’](?!\w))")
_TOPIC = re.compile(r"^\s+(?P<prep>about|on)\s+(?P<x>(?!(?:the |a )?(?:YouTube|LinkedIn|Medium|Substack|Spotify|"
                    r"GitHub)\b)[^,;:\"“”()]{3,70}?)(?=\s+at\s+[A-Z]" + _WHERE_AHEAD[3:])
_AT = re.compile(r"^\s+at\s+(?P<x>[A-Z0-9][^;:\"“”()]{1,60}?)" + _WHERE_AHEAD)
# A talk's event and its town: "CogSci 2022 in Toronto".
_IN_TOWN = re.compile(r"^(?P<event>.+?)\s+in\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)$")
# Private things are never a message's hook.
_PRIVATE = re.compile(r"\b(?:married|divorc\w*|pregnan\w*|funeral|passed away|died|illness|surgery|cancer|hospital\w*|"
                      r"diagnos\w*|miscarr\w*|rehab|sick leave|laid off|layoffs?|fired|burn-?out|therapy|grief)\b",
                      re.IGNORECASE)


def _word(work: str) -> str:
    """The work's noun as a message says it: lower case, an acronym as it is ('AMA')."""
    return work if work.isupper() else work.lower()


def _theirs(names: tuple[str, ...]) -> tuple[str, str]:
    """(object, owner): how a clause names the person as an object ('her', 'Dana') and as an owner ('her',
    "Dana's")."""
    named = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if n)
    obj = r"(?:her|him|them" + (f"|{named}" if named else "") + r")"
    owner = r"(?:her|his|their" + (f"|(?:{named})['’]s" if named else "") + r")"
    return obj, owner


def _tail(text: str) -> tuple[dict, str]:
    """Read what follows the work: its episode, a quoted title, its topic, the event, where the user met it.
    Returns the fields and what is left over ('' when every word was read)."""
    fields: dict = {}
    for _ in range(5):
        text = text.rstrip(" .!")
        if not text:
            break
        for key, rx in (("episode", _EPISODE), ("title", _TITLE), ("topic", _TOPIC), ("at", _AT)):
            m = rx.match(text)
            if m and key not in fields:
                fields[key] = (m.group("prep"), m.group("x").strip()) if key == "topic" else \
                    next(g for g in reversed(m.groups()) if g).strip()
                text = text[m.end():]
                break
        else:
            m = _WHERE.match(text)
            if not m:
                break
            fields["where"] = m.group(0).strip()
            text = text[m.end():]
    text = text.strip(" .!")
    if text.startswith(",") and not _PRIVATE.search(text):
        return fields, ""  # "…at CogSci 2022, the poster session was…": the next clause is the note's own
    return fields, text


def _fact(verb: str, said: str, work: str, fields: dict, title: str = "") -> Fact | None:
    """The fact: its phrase said from the typed fields, the topic in the note's own words."""
    topic = fields.get("topic")
    if topic and (_PRIVATE.search(topic[1]) or re.search(r"\b(?:she|he|her|him|his|i|me|my)\b", topic[1],
                                                           re.IGNORECASE)):
        return None  # private, or a clause of its own left in the topic ("about how she…"): not said
    title = title or fields.get("title", "")
    at = fields.get("at", "")
    town = _IN_TOWN.match(at)
    typed = {"event": town.group("event"), "place": town.group("place")} if town else \
        meeting_fields(at) if at else {"event": "", "place": ""}
    phrase = f"I {verb} {said}"
    if fields.get("episode"):
        phrase += f", episode {fields['episode']}"
    if topic:
        phrase += f"{',' if ' of the ' in said else ''} {topic[0]} {topic[1]}"
    if at:
        phrase += f" at {at}"
    if fields.get("where"):
        phrase += f" {fields['where']}"
    return Fact(kind="their-work", phrase=phrase, work=_word(work), title=title,
                event=typed["event"], place=typed["place"])


def read_work(rest: str, who: str, names: tuple[str, ...]) -> Fact | None:
    """The `their-work` fact a clause holds, or None. `who` is the clause's subject as the rules read it ('me',
    'them', 'we', or '' for a line with none, which is the user's); `rest` is the clause less that subject."""
    if who not in ("me", ""):
        return None
    obj, owner = _theirs(names)
    rest = re.sub(r"^(?:just|recently|also|finally|once|actually)\s+", "", rest.strip(), flags=re.IGNORECASE)
    # "heard her on the Climate Capital podcast, episode 212": a show they were on
    m = re.match(rf"(?P<verb>{_VERBS})\s+{obj}\s+(?:on|in)\s+(?P<the>the\s+)?[\"“]?(?P<title>[A-Z0-9][\w&'’.+-]*"
                 rf"(?:\s+[A-Z0-9&][\w&'’.+-]*){{0,5}})?[\"”]?\s*(?P<work>{'|'.join(SHOWS)})\b(?P<tail>.*)$", rest,
                 re.IGNORECASE)
    if m and (m.group("the") or (m.group("title") or "")[:1].isupper()):
        fields, left = _tail(m.group("tail"))
        if left or fields.get("at") and not m.group("title"):
            return None
        title = (m.group("title") or "").strip()
        show = f"the {title + ' ' if title else ''}{_word(m.group('work'))}"
        episode = fields.pop("episode", "")
        said = f"you on episode {episode} of {show}" if episode else f"you on {show}"
        return _fact(m.group("verb").lower(), said, m.group("work"), fields, title)
    # "saw her give a talk at CogSci 2022 in Toronto": a talk they gave
    m = re.match(rf"(?P<verb>saw|heard|watched|caught)\s+{obj}\s+(?:give|present|speak|talk)\b(?:\s+(?:a|the|her|his|"
                 rf"their)\s+(?P<work>{_WORK}))?(?P<tail>.*)$", rest, re.IGNORECASE)
    if m:
        fields, left = _tail(m.group("tail"))
        if left or not (fields.get("at") or fields.get("topic")):
            return None
        work = (m.group("work") or "talk").lower()
        return _fact(m.group("verb").lower(), f"your {work}", work, fields)
    # "read her post about promoting from the sales floor", "watched his Harbor Play Fest talk online"
    m = re.match(rf"(?P<verb>{_VERBS})\s+{owner}\s+(?P<pre>(?:[A-Z0-9][\w&'’.+-]*\s+){{0,4}})(?P<work>{_WORK})\b"
                 rf"(?P<tail>.*)$", rest, re.IGNORECASE)
    if m:
        work = m.group("work")
        if re.match(r"\s+(?:got|was|is|has|had|went|were)\b", m.group("tail"), re.IGNORECASE):
            return None  # "saw her KubeCon talk got accepted": news about the work, not the user's contact with it
        fields, left = _tail(m.group("tail"))
        pre = m.group("pre").strip()
        if left or (pre and not pre[:1].isupper()):
            return None
        if pre and work.lower() in GIVEN and not fields.get("at"):
            fields["event_name"] = pre
        fact = _fact(m.group("verb").lower(), f"your {pre + ' ' if pre else ''}{_word(work)}", work, fields,
                     title="" if work.lower() in GIVEN else pre)
        if fact and fields.get("event_name"):
            fact = fact.model_copy(update={"event": pre})
        return fact
    return None


def with_aside(fact: Fact, aside: str) -> Fact | None:
    """The fact with the topic a note gives in brackets after it ("episode 48 (on writing pre-submission meeting
    requests)"), or None when the aside is no topic."""
    if fact.kind != "their-work" or re.search(r"\b(?:about|on)\s", fact.phrase.split(" of the ")[-1]):
        return None
    fields, left = _tail(" " + aside.strip())
    topic = fields.get("topic")
    if left or set(fields) != {"topic"} or _PRIVATE.search(topic[1]) or \
            re.search(r"\b(?:she|he|her|him|his|i|me|my)\b", topic[1], re.IGNORECASE):
        return None
    joint = "," if " of the " in fact.phrase else ""
    return fact.model_copy(update={"phrase": f"{fact.phrase}{joint} {topic[0]} {topic[1]}"})


# A quoted name after a piece's noun at the end of a clause: "your book "Lean by Hand"", "my talk 'Data Debt'".
_QUOTED_END = re.compile(rf"^(?P<said>.*\b(?:{_WORK}))\s*,?\s+(?:[\"“](?P<q>[^\"“”]{{2,80}})[\"”]|['‘](?P<t>[^'‘’]"
                         r"{2,80})['’])$", re.IGNORECASE)


def untitled(fact: Fact) -> Fact:
    """A fact whose words end on a piece of work named in quotes ("you posted me a signed copy of your book
    "Lean by Hand""): the quoted name is the fact's `title`, and its phrase ends on the noun ("…of your book"),
    so a message can say it. Other facts are returned as they are."""
    if fact.kind not in ("favour", "their-news", "my-request", "offer"):
        return fact
    m = _QUOTED_END.match(fact.phrase.strip().rstrip("."))
    if not m or _PRIVATE.search(fact.phrase):
        return fact
    return fact.model_copy(update={"phrase": m.group("said"), "title": fact.title or (m.group("q") or m.group("t"))})
