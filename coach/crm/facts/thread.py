"""An email thread pasted into a note, read message by message.

A thread is a class of markup: a header block ("From: … / Date: … / Subject: …", Outlook's "From: … Sent: …")
or an attribution line ("On Mon, Feb 7, 2022 at 6:02 PM Dana Okafor <d@x.org> wrote:") opens a message and
says who wrote it and when; quoted lines ('>', '>>') belong to the message they sit in. What the contact wrote
is theirs (their "I" is them, their "you" is the user), what the user wrote is the user's "I"; a third
person's message is not about the two of us and is left out. Greetings, sign-offs, signatures (after "-- " or
a sign-off: names, titles, phone numbers, addresses) and disclaimers are never facts.
"""

from __future__ import annotations

import datetime as dt
import re

from coach.core.dates import month_number
from coach.core.text import fold
from coach.crm.facts.layout import _iso

_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_HEAD = re.compile(r"^\**(?P<key>From|To|Cc|Bcc|Date|Sent|Subject|Reply-To)\**\s*:\s*(?P<value>.*)$", re.IGNORECASE)
_WROTE = re.compile(r"^On\s+(?P<said>.{4,160}?)\s+wrote\s*:?\s*$", re.IGNORECASE)
# A line of marks alone, or marks around a few words ("--- end ---", "-----Original Message-----"): no message's.
_RULE = re.compile(r"^\s*[-=_*~]{3,}[^-=_*~]{0,40}[-=_*~]*\s*$|^\s*[-=_*~]{2,}\s*$")
_GREETING = re.compile(r"^(?:hi|hello|hey|dear|hiya|morning|good morning|good afternoon|greetings)\b[^,!:.—–]{0,40}"
                       r"(?:[,!:.—–]\s*|$)", re.IGNORECASE)
_SIGN_OFF = re.compile(r"^(?:thanks|thank you|many thanks|thx|best|best wishes|all the best|cheers|regards|"
                       r"best regards|kind regards|warm regards|warmly|sincerely|yours|talk soon|take care|speak soon|"
                       r"cordially|respectfully|sent from my)\b[^.?!]{0,25}[,!.]?\s*$", re.IGNORECASE)
_DISCLAIMER = re.compile(r"\b(?:confidential\w*|intended recipient|privileged|unsubscribe|sent from my|"
                         r"this (?:e-?mail|message) (?:and|is|may)|please consider the environment|"
                         r"do not reply|virus\w*|disclaimer)\b", re.IGNORECASE)
_CONTACT_LINE = re.compile(r"@|\b(?:www\.|https?://)|\+?\d[\d ().-]{6,}\d|\.(?:com|org|net|io|co)\b", re.IGNORECASE)
_WHEN = re.compile(r"(?P<a>\d{1,2}|[A-Za-z]{3,9})\.?\s+(?P<b>\d{1,2}|[A-Za-z]{3,9})\.?,?\s+(?P<y>(?:19|20)\d\d)\b")


def _when(text: str) -> dt.date | None:
    """The day a header or an attribution names ('Tue, Feb 8, 2022 at 9:14 AM', '8 February 2022',
    '2022-02-08', '02/08/2022'); None when it names no year (never guessed)."""
    for m in _WHEN.finditer(text):
        a, b = m.group("a"), m.group("b")
        month, day = (month_number(a), b) if not a.isdigit() else (month_number(b), a)
        if month and day.isdigit():
            try:
                return dt.date(int(m.group("y")), month, int(day))
            except ValueError:
                continue
    numeric = re.search(r"(?:19|20)\d\d-\d\d-\d\d|\d{1,2}/\d{1,2}/(?:19|20)\d\d", text)
    return _iso(numeric.group(0)) if numeric else None


def _writer(said: str, people) -> str:
    """'them', 'me' or '' (a third person, or no name the notes know) for the name in a header or an
    attribution line."""
    text = fold(re.sub(r"<[^>]*>|\S+@\S+", " ", said))
    mine = [fold(f) for f in people.me]
    theirs = [fold(n) for n in people.names] + [fold(n.split()[0]) for n in people.names if n.split()]
    found_me = any(re.search(rf"\b{re.escape(f)}\b", text) for f in mine if f)
    found_them = any(re.search(rf"\b{re.escape(n)}\b", text) for n in theirs if len(n) > 1)
    if found_me != found_them:
        return "me" if found_me else "them"
    return ""


def is_thread(lines: list[str]) -> bool:
    """Whether the lines hold an email thread: an attribution line, or a header block (From: with a Date:,
    Sent: or Subject: beside it)."""
    bare = [_QUOTE.sub("", line).strip() for line in lines]
    if any(_WROTE.match(line) for line in bare):
        return True
    keys = [m.group("key").lower() for m in map(_HEAD.match, bare) if m]
    return "from" in keys and bool({"date", "sent", "subject"} & set(keys))


def split(lines: list[str], people, date: dt.date | None, said) -> tuple[list[tuple[str, dt.date | None]],
                                                                           list[str]]:
    """(the thread's lines, each in the voice the rules read with its message's date; the note's other lines).
    `said(text, speaker)` recasts a message's line in the rules' voice."""
    if not is_thread(lines):
        return [], lines
    messages: list[tuple[str, dt.date | None]] = []
    rest: list[str] = []
    writer, day, state = None, date, "out"  # state: out | head | body | sig
    quoted_body = False
    for raw in lines:
        quoted = bool(_QUOTE.match(raw))
        line = _QUOTE.sub("", raw).strip()
        wrote = _WROTE.match(line)
        head = _HEAD.match(line)
        if wrote:
            writer, day, state, quoted_body = _writer(wrote.group("said"), people), _when(wrote.group("said")) or \
                date, "body", False
            continue
        if head:
            if state != "head":
                writer, day, state = "", date, "head"
            key = head.group("key").lower()
            if key == "from":
                writer = _writer(head.group("value"), people)
            elif key in ("date", "sent"):
                day = _when(head.group("value")) or date
            continue
        if _RULE.match(raw):
            writer, state = None, "out"
            continue
        if state == "out":
            rest.append(raw)
            continue
        if not line:
            if state == "head":
                state = "body"
            elif state == "sig":
                state = "after"
            continue
        if state == "head":
            state = "body"
        if state == "body" and quoted:
            quoted_body = True
        elif state in ("body", "after") and quoted_body and not quoted:
            writer, state = None, "out"  # the quoted message ended: the note goes on in the user's words
            rest.append(raw)
            continue
        if state == "after" and not quoted:
            writer, state = None, "out"  # past a signature, an unquoted line is no message's
            rest.append(raw)
            continue
        if line == "--" or line.startswith("-- ") or (_SIGN_OFF.match(line) and len(line.split()) <= 4) or \
                _DISCLAIMER.search(line):
            state = "sig"
            continue
        if state in ("sig", "after") or not writer:
            continue
        line = _GREETING.sub("", line)
        first = [fold(n.split()[0]) for n in (*people.names, *people.me) if n.split()]
        lead = re.match(r"^([A-Z][\w'’-]+)\s*[,—–:-]\s+", line)  # "Dana — …": the name it is written to
        if lead and fold(lead.group(1)) in first:
            line = line[lead.end():]
        words = line.split()
        if len(words) <= 3 and not re.search(r"[a-z]{2,}\s+[a-z]{2,}", line):
            continue  # a name or an initial signed alone ("Henrik", "— I.")
        if _CONTACT_LINE.search(line):
            continue
        messages.append((said(line, writer), day))
    return messages, rest
